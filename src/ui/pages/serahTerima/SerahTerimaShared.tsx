import type { MethodOutput } from '../../../api/contract'
import { KIT_STATUS_LABEL, KIT_STATUS_SHORT, KIT_STATUSES, type KitStatus } from '../../../core/kit'
import { fmt, lowerFirst } from '../../format'
import { href } from '../../router'

export type KitProgress = MethodOutput<'kemas.lihatKemajuan'>[number]
export type Handover = MethodOutput<'serahTerima.daftar'>[number]

export const serahTerimaHref = (...params: (string | number)[]) => href('serah-terima', ...params)

/** "Dikemas lengkap" etc. as a coloured badge matching the bar segments. */
export function StatusBadge({ status, label }: { status: KitStatus; label?: string }) {
  return (
    <span className={`badge ds-badge ds-badge-${status}`}>
      <span className={`ds-dot ds-fill-${status}`} aria-hidden="true" />
      {label ?? KIT_STATUS_LABEL[status]}
    </span>
  )
}

/**
 * A stacked bar of kit statuses. The numbers are always written next to it (or in the label for a
 * screen reader): the colours alone would not tell a coordinator how many TPS are still waiting.
 */
export function StatusBar({ p, slim }: { p: Pick<KitProgress, KitStatus | 'tps'>; slim?: boolean }) {
  const text = KIT_STATUSES.filter((s) => p[s] > 0)
    .map((s) => `${fmt(p[s])} ${lowerFirst(KIT_STATUS_SHORT[s])}`)
    .join(', ')
  return (
    <div
      className={`ds-bar${slim ? ' ds-bar-slim' : ''}`}
      role="img"
      aria-label={`${fmt(p.tps)} TPS: ${text || 'tidak ada'}`}
    >
      {KIT_STATUSES.map((s) =>
        p[s] > 0 ? (
          <span
            key={s}
            className={`ds-seg ds-fill-${s}`}
            style={{ flexGrow: p[s] }}
            title={`${KIT_STATUS_LABEL[s]}: ${fmt(p[s])} TPS`}
          />
        ) : null,
      )}
    </div>
  )
}

export function StatusLegend({ counts }: { counts?: Pick<KitProgress, KitStatus> }) {
  return (
    <ul className="ds-legend" aria-label="Keterangan warna">
      {KIT_STATUSES.map((s) => (
        <li key={s}>
          <span className={`ds-dot ds-fill-${s}`} aria-hidden="true" />
          {KIT_STATUS_LABEL[s]}
          {counts && <strong className="ds-legend-n">{fmt(counts[s])}</strong>}
        </li>
      ))}
    </ul>
  )
}

/** Sums progress rows into one (the satker's total line). */
export function sumProgress(rows: readonly KitProgress[]): Pick<KitProgress, KitStatus | 'tps'> {
  const t = { tps: 0, belum: 0, sebagian: 0, lengkap: 0, diserahkan: 0, diterima: 0 }
  for (const r of rows) for (const k of ['tps', ...KIT_STATUSES] as const) t[k] += r[k]
  return t
}
