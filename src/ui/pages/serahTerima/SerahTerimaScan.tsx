import { fmt, fmtJamDari } from '../../format'
import type { Kit } from './SerahTerimaShared'

/** The scanner's side panel at the door: how many kotak of the chosen TPS are checked, and what was refused. */

export interface Refusal {
  at: Date
  code: string
  message: string
}

/** Kotak refused at the door, newest first, kept until the page is left. */
export function RefusalList({ refusals }: { refusals: Refusal[] }) {
  return (
    <div className="serah-terima-refusals" data-testid="serah-terima-refusals">
      <h3>
        Ditolak <span className="serah-terima-refusal-count">{fmt(refusals.length)}</span>
      </h3>
      {refusals.length === 0 ? (
        <p className="muted small">Belum ada kotak yang ditolak.</p>
      ) : (
        <ol className="serah-terima-refusal-list">
          {refusals.map((r, i) => (
            <li key={refusals.length - i}>
              <span className="serah-terima-refusal-time">{fmtJamDari(r.at, { detik: true })}</span>
              <strong>{r.message}</strong>
              <code>{r.code}</code>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

export function ScanProgress({
  selected,
  scanned,
  kotakCount,
}: {
  selected: Kit[]
  scanned: Map<number, Set<number>>
  kotakCount(tpsId: number): number
}) {
  const total = selected.reduce((s, k) => s + kotakCount(k.tpsId), 0)
  const done = selected.reduce((s, k) => s + Math.min(kotakCount(k.tpsId), scanned.get(k.tpsId)?.size ?? 0), 0)
  return (
    <div className="serah-terima-scan-progress" data-testid="serah-terima-scan-progress">
      <div className="serah-terima-scan-meter" aria-hidden="true">
        <span style={{ width: total > 0 ? `${(100 * done) / total}%` : 0 }} />
      </div>
      <p>
        <strong>{fmt(done)}</strong> dari {fmt(total)} kotak TPS yang dipilih sudah dipindai.
      </p>
    </div>
  )
}
