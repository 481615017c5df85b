import type { VariantInfo } from '../../../api/contract'
import { Swatch } from '../../components/Page'
import { StatusBadge, StatusText } from '../../components/StatusBadge'
import { fmt, readCount, shortItemName, fmtWaktuLokal } from '../../format'

/** "199500" -> "199.500" once the field is left; anything unreadable stays as typed so it can be fixed. */
export function tidyCount(text: string): string {
  const n = readCount(text)
  return typeof n === 'number' ? fmt(n) : text
}

/** Ballots by type and dapil ("Surat suara Gubernur · Dapil SUMATERA UTARA"), logistics by name. */
export function variantName(v: Pick<VariantInfo, 'itemName' | 'dapil'>): string {
  return v.dapil ? `${shortItemName(v.itemName)} · Dapil ${v.dapil}` : v.itemName
}

/** "Jum, 1 Nov 2024 09.00" from the local 'YYYY-MM-DDTHH:MM' a delivery is recorded with. */
export const fmtLocalDateTime = (local: string): string =>
  fmtWaktuLokal(local, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })

/** Now as the 'YYYY-MM-DDTHH:MM' a datetime-local field holds, in the PC's own time zone. */
export function nowLocal(): string {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`
}

/** Kurang/lebih against the surat jalan, in words a coordinator reads at a glance. */
export function SelisihBadge({ selisih, settled, unit }: { selisih: number; settled?: boolean; unit?: string }) {
  if (selisih === 0) return <StatusBadge state="success">Sesuai</StatusBadge>
  const word = selisih < 0 ? 'KURANG' : 'LEBIH'
  const text = `${word} ${fmt(Math.abs(selisih))}${unit ? ' ' + unit : ''}`
  if (settled) {
    return (
      <span title="Selisih sudah dinyatakan selesai">
        <StatusBadge state="netral" className="penerimaan-settled">
          {text}
        </StatusBadge>{' '}
        <StatusText state="success">✓ selesai</StatusText>
      </span>
    )
  }
  return <StatusBadge state={selisih < 0 ? 'kurang' : 'lebih'}>{text}</StatusBadge>
}

/** A variant with its colour swatch; `stacked` puts the dapil on a second line for narrow columns. */
export function VariantLabel({
  v,
  fallback,
  stacked,
}: {
  v: VariantInfo | undefined
  fallback: string
  stacked?: boolean
}) {
  return (
    <span className="ballot-name penerimaan-variant">
      <Swatch hex={v?.colorHex ?? null} label={v?.itemName} />
      {v && stacked && v.dapil ? (
        <span>
          {shortItemName(v.itemName)}
          <span className="muted small block">Dapil {v.dapil}</span>
        </span>
      ) : (
        <span>{v ? variantName(v) : fallback}</span>
      )}
    </span>
  )
}
