import { useMemo, useRef, useState, type FormEvent } from 'react'
import { BELUM_DIPETAKAN } from '../../../core/presets'
import type { MethodOutput } from '../../../api/contract'
import { type ApiError, invoke, toApiError } from '../../api'
import { useRefreshAll } from '../../components/data'
import { Banner, useToast } from '../../components/Feedback'
import { HistoryLink } from '../../components/History'
import { Section, Swatch } from '../../components/Page'
import { scanBeep } from '../../components/ScanField'
import { DataTable, numCol } from '../../components/TableHead'
import { fmt, formatTpsNumber, readCount, shortItemName } from '../../format'
import type { PackingShift } from './KemasShift'
import { StatusText } from '../../components/StatusBadge'

/** Isi kit: what one TPS needs, what is packed and from which stock, and packing line by line or the rest at once. */

type Kit = MethodOutput<'kemas.lihatKit'>
type Line = Kit['lines'][number]

/** Where a line is packed from, as the coordinator calls that stock. */
const SOURCE_LABEL: Record<string, string> = {
  BAIK: 'baik (tersortir)',
  SIAP: 'siap (dirakit)',
  DITERIMA: 'diterima',
}

const lineName = (l: Pick<Line, 'kind' | 'itemName'>) => (l.kind === 'ballot' ? shortItemName(l.itemName) : l.itemName)

/** The service numbers refused lines in the order they were sent ("row") or names them by input path. */
function issuesByLine(err: ApiError, sent: number[]): { perLine: Map<number, string[]>; rest: string[] } {
  const perLine = new Map<number, string[]>()
  const rest: string[] = []
  for (const d of err.details) {
    let v: number | undefined
    if (d.row !== undefined) v = sent[d.row - 1]
    else if (d.column) {
      const m = /^lines\.(\d+)\./.exec(d.column)
      if (m) v = sent[Number(m[1])]
    }
    if (v === undefined) rest.push(d.message)
    else perLine.set(v, [...(perLine.get(v) ?? []), d.message])
  }
  return { perLine, rest }
}

export function PackForm({ kit, shift }: { kit: Kit; shift: PackingShift['active'] }) {
  const [qty, setQty] = useState<Record<number, string>>({})
  const [refusal, setRefusal] = useState<{ error: ApiError; perLine: Map<number, string[]>; rest: string[] } | null>(
    null,
  )
  const [localErrors, setLocalErrors] = useState<Record<number, string>>({})
  const [busy, setBusy] = useState<'lines' | 'sisa' | null>(null)
  /** What "Kemas semua sisa" could not pack for want of stock, as the service named it. */
  const [missing, setMissing] = useState<{ tpsId: number; lines: MethodOutput<'kemas.catat'>['missing'] } | null>(null)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const refusalRef = useRef<HTMLDivElement>(null)
  const locked = kit.handoverId !== null
  const remaining = kit.lines.reduce((s, l) => s + l.remaining, 0)
  const totals = useMemo(
    () =>
      kit.lines.reduce(
        (t, l) => ({ need: t.need + l.need, packed: t.packed + l.packed, remaining: t.remaining + l.remaining }),
        { need: 0, packed: 0, remaining: 0 },
      ),
    [kit],
  )

  async function pack(sisa: boolean) {
    if (!shift) return
    setRefusal(null)
    setMissing(null)
    let lines: { variantId: number; qty: number }[] = []
    if (!sisa) {
      const bad: Record<number, string> = {}
      for (const l of kit.lines) {
        const n = readCount(qty[l.variantId] ?? '') ?? 0
        if (n === 'invalid') bad[l.variantId] = 'Isi bilangan bulat, mis. 150'
        else if (n > 0) lines.push({ variantId: l.variantId, qty: n })
      }
      setLocalErrors(bad)
      if (Object.keys(bad).length > 0) return
      if (lines.length === 0) {
        setLocalErrors(
          Object.fromEntries(
            kit.lines
              .filter((l) => l.remaining > 0)
              .slice(0, 1)
              .map((l) => [l.variantId, 'Isi jumlah yang dikemas sekarang, atau tekan "Kemas semua sisa"']),
          ),
        )
        return
      }
    } else {
      setLocalErrors({})
      lines = []
    }
    const sent = sisa ? kit.lines.filter((l) => l.remaining > 0).map((l) => l.variantId) : lines.map((l) => l.variantId)
    setBusy(sisa ? 'sisa' : 'lines')
    try {
      const after = await invoke('kemas.catat', { shiftId: shift.id, tpsId: kit.tpsId, lines, sisa })
      const packedNow = after.lines.reduce((s, l) => s + l.packed, 0) - totals.packed
      toast.showSuccess(
        `${formatTpsNumber(kit.nomor)} ${kit.desa}: ${fmt(packedNow)} barang dikemas dalam shift #${shift.id}.${after.status === 'lengkap' ? ' Kit lengkap.' : ''}`,
        'Tersimpan',
      )
      if (after.missing.length > 0) setMissing({ tpsId: kit.tpsId, lines: after.missing })
      setQty({})
      refreshAll()
    } catch (err) {
      const e = toApiError(err)
      setRefusal({ error: e, ...issuesByLine(e, sent) })
      scanBeep('error')
      // Bring the refusal into view: it may be below the fold on a small screen.
      window.setTimeout(() => refusalRef.current?.scrollIntoView({ block: 'nearest' }), 0)
    } finally {
      setBusy(null)
    }
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void pack(false)
  }
  const wrongDapil =
    refusal?.error.message.startsWith('SALAH DAPIL') ||
    refusal?.error.details.some((d) => d.message.startsWith('SALAH DAPIL'))
  const noShift = !shift && !locked
  const entry = !locked && remaining > 0

  return (
    <Section title="Isi kit">
      <form onSubmit={onSubmit} noValidate>
        <DataTable
          className="kemas-lines"
          testId="kit-lines"
          columns={[
            'Barang',
            numCol('Kebutuhan'),
            numCol('Dikemas'),
            numCol('Sisa'),
            numCol('Stok siap kemas'),
            entry && { label: 'Kemas sekarang', num: true, className: 'kemas-col-entry' },
          ]}
          foot={
            <tfoot>
              <tr>
                <th scope="row">Jumlah</th>
                <td className="num" data-testid="kit-total-need">
                  {fmt(totals.need)}
                </td>
                <td className="num" data-testid="kit-total-packed">
                  {fmt(totals.packed)}
                </td>
                <td className="num" data-testid="kit-total-remaining">
                  {fmt(totals.remaining)}
                </td>
                <td />
                {entry && <td />}
              </tr>
            </tfoot>
          }
        >
          {kit.lines.map((l) => {
            const issues = [
              ...(refusal?.perLine.get(l.variantId) ?? []),
              ...(localErrors[l.variantId] ? [localErrors[l.variantId]!] : []),
            ]
            const short = l.remaining > 0 && l.stock < l.remaining
            return (
              <LineRow
                key={l.variantId}
                kit={kit}
                line={l}
                value={qty[l.variantId] ?? ''}
                onChange={(v) => setQty((q) => ({ ...q, [l.variantId]: v }))}
                issues={issues}
                stockShort={short}
                entry={entry}
                disabled={locked || l.remaining === 0}
              />
            )
          })}
        </DataTable>
        {missing && missing.tpsId === kit.tpsId && (
          <Banner kind="warning" testId="pack-missing" title="Yang siap sudah dikemas; yang berikut masih kurang">
            <ul>
              {missing.lines.map((m) => (
                <li key={m.variantId}>{m.message}</li>
              ))}
            </ul>
          </Banner>
        )}
        {refusal && (
          <div ref={refusalRef} tabIndex={-1} className="kemas-refusal">
            <Banner
              kind="error"
              testId="pack-refusal"
              title={wrongDapil ? 'SALAH DAPIL' : 'Ditolak'}
              actions={
                <button
                  type="button"
                  className="dialog-close"
                  aria-label="Tutup pesan penolakan"
                  onClick={() => setRefusal(null)}
                >
                  ×
                </button>
              }
            >
              <p className="kemas-refusal-message">{refusal.error.message}</p>
              {[...refusal.perLine.values()].flat().concat(refusal.rest).length > 0 && (
                <ul>
                  {[...refusal.perLine.values()]
                    .flat()
                    .concat(refusal.rest)
                    .map((m, i) => (
                      <li key={i}>{m}</li>
                    ))}
                </ul>
              )}
            </Banner>
          </div>
        )}
        {!locked && remaining > 0 && (
          <div className="kemas-actions">
            {noShift && (
              <Banner kind="warning" className="kemas-no-shift">
                Pengemasan dicatat dalam shift: pilih atau buka shift pengemasan di atas.
              </Banner>
            )}
            <button type="submit" className="btn btn-secondary" disabled={busy !== null || noShift}>
              {noShift
                ? 'Kemas yang diisi (perlu shift pengemasan)'
                : busy === 'lines'
                  ? 'Mengemas…'
                  : 'Kemas yang diisi'}
            </button>
            <button
              type="button"
              className="btn btn-primary kemas-pack-all"
              onClick={() => void pack(true)}
              disabled={busy !== null || noShift}
            >
              {noShift
                ? 'Kemas semua sisa (perlu shift pengemasan)'
                : busy === 'sisa'
                  ? 'Mengemas…'
                  : `Kemas semua sisa (${fmt(remaining)})`}
            </button>
          </div>
        )}
      </form>
    </Section>
  )
}

function LineRow({
  kit,
  line: l,
  value,
  onChange,
  issues,
  stockShort,
  entry,
  disabled,
}: {
  kit: Kit
  line: Line
  value: string
  onChange(v: string): void
  issues: string[]
  stockShort: boolean
  entry: boolean
  disabled: boolean
}) {
  const name = lineName(l)
  const done = l.remaining === 0
  return (
    <>
      <tr
        className={`${done ? 'kemas-line-done' : ''}${issues.length ? ' kemas-line-refused' : ''}`}
        data-variant={l.variantId}
      >
        <th scope="row">
          <span className="ballot-name">
            {l.kind === 'ballot' ? (
              <Swatch hex={l.colorHex} label={name} />
            ) : (
              <span className="swatch kemas-swatch-none" aria-hidden="true" />
            )}
            <span>
              {name}
              {l.dapil && (
                // Kecamatan not yet mapped are no dapil: "Belum dipetakan", never "Dapil Belum dipetakan".
                <span className="kemas-dapil">{l.dapil === BELUM_DIPETAKAN ? l.dapil : `Dapil ${l.dapil}`}</span>
              )}
            </span>
          </span>
        </th>
        <td className="num">
          {fmt(l.need)} <span className="kemas-unit">{l.unit}</span>
        </td>
        <td className="num">
          <HistoryLink
            value={l.packed}
            filter={{ variantId: l.variantId, place: `DIKEMAS:${kit.tpsId}` }}
            title={`${name} dikemas untuk ${formatTpsNumber(kit.nomor)} ${kit.desa}`}
          />
        </td>
        <td className={done ? 'num' : 'num strong'}>
          {done ? (
            <StatusText state="lengkap">
              <span aria-label="Sisa 0, sudah lengkap">✓ 0</span>
            </StatusText>
          ) : (
            fmt(l.remaining)
          )}
        </td>
        <td className={`num${stockShort ? ' kemas-text-error' : ''}`}>
          <HistoryLink
            value={l.stock}
            filter={{ variantId: l.variantId, place: l.source }}
            title={`${name} ${SOURCE_LABEL[l.source] ?? l.source}`}
          />
          <span className="kemas-unit block">{SOURCE_LABEL[l.source] ?? l.source.toLowerCase()}</span>
        </td>
        {entry && (
          <td className="num kemas-col-entry">
            {!disabled && (
              <input
                className="kemas-qty"
                inputMode="numeric"
                autoComplete="off"
                value={value}
                placeholder={fmt(l.remaining)}
                onChange={(e) => onChange(e.target.value)}
                aria-label={`Jumlah ${name}${l.dapil ? ' Dapil ' + l.dapil : ''} yang dikemas sekarang`}
                aria-invalid={issues.length > 0}
              />
            )}
          </td>
        )}
      </tr>
      {issues.length > 0 && (
        <tr className="kemas-line-issue-row">
          <td colSpan={entry ? 6 : 5}>
            {issues.map((m, i) => (
              <p key={i} className="kemas-line-issue" role="alert">
                <strong>{m.startsWith('SALAH DAPIL') ? '⛔ ' : '✖ '}</strong>
                {m}
              </p>
            ))}
          </td>
        </tr>
      )}
    </>
  )
}

/* -------------------------------------------------------------- kotak */
