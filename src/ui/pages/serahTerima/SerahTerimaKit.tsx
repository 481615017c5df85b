import { useEffect, useRef, useState } from 'react'
import { parsePlace } from '../../../core/places'
import { invoke } from '../../api'
import { KitStatusBadge } from '../../components/StatusBadge'
import { fmt, formatTpsNumber, shortItemName } from '../../format'
import { href } from '../../router'
import { type Handover, type Kit, type KitChoice, SELECTABLE } from './SerahTerimaShared'

/** The kit table of one PPK's handover: TPS per desa, their status and kotak scanned, and which are handed over. */

/**
 * Which handover took each TPS. The overview lists handovers without their TPS, so the ledger rows of each
 * handover (DIKEMAS:<tps> -> DIKIRIM) say it; a handover never changes its TPS, so this runs once per list.
 */
/** The TPS whose kit a ledger row took its sheets from (DIKEMAS:<tps>), or 0. */
function packedTpsOf(from: string): number {
  const p = parsePlace(from)
  return p?.kind === 'DIKEMAS' ? Number(p.refs[0]) : 0
}

export function useTpsHandover(handovers: Handover[]): Map<number, number> {
  const [map, setMap] = useState<Map<number, number>>(new Map())
  const key = handovers.map((h) => h.id).join(',')
  useEffect(() => {
    if (!key) return
    let live = true
    void Promise.all(
      key.split(',').map(async (id) => {
        const r = await invoke('ledger.lihatRiwayat', { documentId: `SERAH_TERIMA:${id}`, limit: 5000 })
        return r.rows.map((row) => [packedTpsOf(row.from), Number(id)] as const)
      }),
    ).then(
      (lists) => {
        if (live) setMap(new Map(lists.flat().filter(([t]) => t > 0)))
      },
      () => {},
    )
    return () => {
      live = false
    }
  }, [key])
  return map
}

export function DesaRows({
  desa,
  kits,
  choice,
  onToggle,
  onException,
  onReason,
  handovers,
  handedBy,
  rowErrors,
}: {
  desa: string
  kits: Kit[]
  choice: KitChoice
  onToggle(ids: number[], on: boolean): void
  onException(tpsId: number, on: boolean): void
  onReason(tpsId: number, text: string): void
  handovers: Handover[]
  handedBy: Map<number, number>
  rowErrors: Map<number, string>
}) {
  const { selected, exceptionOn, reasons, scanned, kotakCount } = choice
  const complete = kits.filter((k) => k.status === 'lengkap').map((k) => k.tpsId)
  const on = complete.filter((id) => selected.has(id)).length
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = on > 0 && on < complete.length
  }, [on, complete.length])
  const handed = kits.filter((k) => k.status === 'diserahkan' || k.status === 'diterima').length
  return (
    <tbody className="serah-terima-desa">
      <tr className="serah-terima-desa-row">
        <td>
          <input
            ref={ref}
            type="checkbox"
            aria-label={`Pilih semua kit lengkap di ${desa}`}
            disabled={complete.length === 0}
            checked={complete.length > 0 && on === complete.length}
            onChange={(e) => onToggle(complete, e.target.checked)}
          />
        </td>
        <th scope="rowgroup" colSpan={3}>
          {desa}
          <span className="serah-terima-desa-meta">
            {fmt(kits.length)} TPS · {fmt(kits.filter((k) => selected.has(k.tpsId)).length)} dipilih
            {handed > 0 && ` · ${fmt(handed)} sudah diserahkan`}
          </span>
        </th>
      </tr>
      {kits.map((k) => {
        const name = `${formatTpsNumber(k.nomor)} ${k.desa}`
        const isOn = selected.has(k.tpsId)
        const handover = handovers.find((h) => h.id === handedBy.get(k.tpsId))
        const err = rowErrors.get(k.tpsId)
        return (
          <tr
            key={k.tpsId}
            data-testid={`tps-${k.tpsId}`}
            className={`serah-terima-tps-row${isOn ? ' serah-terima-on' : ''}${err ? ' serah-terima-row-error' : ''}`}
          >
            <td>
              <input
                type="checkbox"
                aria-label={`Serahkan ${name}`}
                checked={isOn}
                disabled={!SELECTABLE.has(k.status)}
                onChange={(e) => onToggle([k.tpsId], e.target.checked)}
              />
            </td>
            <th scope="row">
              {formatTpsNumber(k.nomor)}
              <span className="muted small block">DPT {fmt(k.dpt)}</span>
            </th>
            <td>
              <KitStatusBadge status={k.status} label={k.statusLabel} />
              {SELECTABLE.has(k.status) && <KotakChecklist n={kotakCount(k.tpsId)} done={scanned.get(k.tpsId)} />}
            </td>
            <td className="serah-terima-note-cell">
              {k.status === 'sebagian' && (
                <>
                  <p className="serah-terima-missing">
                    <strong>Kurang:</strong>{' '}
                    {k.missing.map((m) => `${shortItemName(m.label)} ${fmt(m.remaining)} ${m.unit}`).join(', ')}
                  </p>
                  <label className="check serah-terima-exc-check">
                    <input
                      type="checkbox"
                      checked={exceptionOn.has(k.tpsId)}
                      onChange={(e) => onException(k.tpsId, e.target.checked)}
                    />
                    <span>Serahkan dengan pengecualian</span>
                  </label>
                  {exceptionOn.has(k.tpsId) && (
                    <input
                      className="serah-terima-reason"
                      aria-label={`Alasan pengecualian ${name}`}
                      placeholder="Alasan (tercetak di BA), mis. bilik suara menyusul dari gudang"
                      value={reasons[k.tpsId] ?? ''}
                      aria-invalid={err ? true : undefined}
                      onChange={(e) => onReason(k.tpsId, e.target.value)}
                    />
                  )}
                </>
              )}
              {k.status === 'belum' && (
                <span className="muted small">
                  Kemas dulu di <a href={href('kemas')}>Pengemasan</a>.
                </span>
              )}
              {(k.status === 'diserahkan' || k.status === 'diterima') && (
                <span className="small">
                  {handover ? (
                    <>
                      Diserahkan dengan BA{' '}
                      <span className="serah-terima-nomor">{handover.nomor ?? `#${handover.id}`}</span>
                    </>
                  ) : (
                    'Sudah diserahkan'
                  )}
                </span>
              )}
              {err && <p className="field-error serah-terima-row-error-text">{err}</p>}
            </td>
          </tr>
        )
      })}
    </tbody>
  )
}

function KotakChecklist({ n, done }: { n: number; done: Set<number> | undefined }) {
  if (n === 0) return null
  return (
    <span className="serah-terima-kotak-list">
      {Array.from({ length: n }, (_, i) => i + 1).map((no) => {
        const ok = done?.has(no) ?? false
        return (
          <span
            key={no}
            className={`serah-terima-kotak${ok ? ' serah-terima-kotak-ok' : ''}`}
            data-testid={`kotak-${no}`}
            data-scanned={ok ? 'ya' : 'tidak'}
          >
            Kotak {no}/{n} {ok ? '✓' : '—'}
          </span>
        )
      })}
    </span>
  )
}
