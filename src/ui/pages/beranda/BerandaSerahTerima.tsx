import { useApi } from '../../components/data'
import { ErrorBanner } from '../../components/Feedback'
import { Section } from '../../components/Page'
import { KIT_STATUS_SHORT, KIT_STATUSES } from '../../../core/kit'
import { fmt, lowerFirst } from '../../format'
import {
  serahTerimaHref,
  StatusBar,
  StatusLegend,
  sumProgress,
  type KitProgress,
} from '../serahTerima/SerahTerimaShared'
import '../serahTerima/serahTerima.css'

/** "Serah terima ke PPK" on the Beranda: kit status per kecamatan, from packing to the PPK's receipt. */
export function SerahTerimaSection() {
  const q = useApi('kemas.lihatKemajuan', { level: 'kecamatan' })
  const rows = q.data ?? []
  const total = sumProgress(rows)
  if (q.error) {
    return (
      <Section title="Serah terima ke PPK" id="serah-terima">
        <ErrorBanner error={q.error} onRetry={q.reload} title="Kemajuan serah terima tidak dapat dimuat" />
      </Section>
    )
  }
  // Without TPS there are no kits to distribute; the Beranda's next steps say what to do first.
  if (total.tps === 0) return null
  const out = total.diserahkan + total.diterima
  return (
    <Section
      title="Serah terima ke PPK"
      id="serah-terima"
      actions={
        <a className="btn btn-secondary btn-small ds-link-btn" href={serahTerimaHref()}>
          Buka Serah Terima
        </a>
      }
    >
      <p className="ds-beranda-total" data-testid="ds-beranda-total">
        <strong>{fmt(out)}</strong> dari {fmt(total.tps)} kit TPS sudah diserahkan ke PPK (Panitia Pemilihan Kecamatan)
        {total.diterima > 0 && <>, {fmt(total.diterima)} di antaranya sudah dikonfirmasi diterima</>}. Di gudang:{' '}
        {fmt(total.lengkap)} kit lengkap siap diserahkan, {fmt(total.sebagian)} dikemas sebagian, {fmt(total.belum)}{' '}
        belum dikemas.
      </p>
      <StatusLegend />
      <ul className="ds-beranda-list" data-testid="ds-beranda">
        {rows.map((r) => (
          <li key={r.id}>
            <a href={serahTerimaHref(r.id)} className="ds-beranda-name">
              {r.nama}
            </a>
            <StatusBar p={r} slim />
            <span className="ds-beranda-counts">{countsText(r)}</span>
          </li>
        ))}
        <li className="ds-beranda-sum">
          <span className="ds-beranda-name">Jumlah</span>
          <StatusBar p={total} slim />
          <span className="ds-beranda-counts">{countsText(total)}</span>
        </li>
      </ul>
    </Section>
  )
}

function countsText(p: Pick<KitProgress, 'tps' | (typeof KIT_STATUSES)[number]>): string {
  const parts = KIT_STATUSES.filter((s) => p[s] > 0).map((s) => `${fmt(p[s])} ${lowerFirst(KIT_STATUS_SHORT[s])}`)
  return `${fmt(p.tps)} TPS: ${parts.join(' · ')}`
}
