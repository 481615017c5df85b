import type { ReactNode } from 'react'
import { KIT_STATUS_LABEL, KIT_STATUS_SHORT, KIT_STATUSES, type KitStatus } from '../../core/kit'
import { fmt, lowerFirst } from '../format'
import './status.css'

/**
 * The states the warehouse shows, each with one colour on every page (tokens.css --state-*): a kit's
 * progress, a handover's, a delivery line's selisih, a shift's, a document's, a backup's.
 */
export type StatusState =
  | 'belum'
  | 'sebagian'
  | 'lengkap'
  | 'diserahkan'
  | 'diterima'
  | 'perlu-diperiksa'
  | 'kurang'
  | 'lebih'
  | 'rusak'
  | 'tertukar'
  | 'error'
  | 'warning'
  | 'success'
  | 'info'
  | 'netral'

export function StatusBadge({
  state,
  children,
  dot,
  large,
  title,
  className,
}: {
  state: StatusState
  children: ReactNode
  /** A dot in the state's full colour, matching the bars and legends. */
  dot?: boolean
  large?: boolean
  title?: string
  className?: string
}) {
  return (
    <span
      className={`status-badge status-${state}${large ? ' status-badge-large' : ''}${className ? ` ${className}` : ''}`}
      data-state={state}
      title={title}
    >
      {dot && <StatusDot state={state} />}
      {children}
    </span>
  )
}

/** A state named in running text ("· 2 menunggu konfirmasi"): the badge's text colour, without the pill. */
export function StatusText({ state, children }: { state: StatusState; children: ReactNode }) {
  return (
    <span className={`status-text status-${state}`} data-state={state}>
      {children}
    </span>
  )
}

export const StatusDot = ({ state }: { state: StatusState }) => (
  <span className={`status-dot status-${state}`} aria-hidden="true" />
)

/* ------------------------------------------------------------------ kits */

/** A kit's status as a state: "perlu diperiksa" is the same state (and colour) wherever it is shown. */
export const kitState = (status: KitStatus): StatusState => (status === 'periksa' ? 'perlu-diperiksa' : status)

export function KitStatusBadge({ status, label, large }: { status: KitStatus; label?: string; large?: boolean }) {
  return (
    <StatusBadge state={kitState(status)} dot large={large}>
      {label ?? KIT_STATUS_LABEL[status]}
    </StatusBadge>
  )
}

export type KitCounts = Record<KitStatus | 'tps', number>

/** Sums progress rows into one (a satker's or a kecamatan's total line). */
export function sumKitCounts(rows: readonly Pick<KitCounts, keyof KitCounts>[]): KitCounts {
  const t: KitCounts = { tps: 0, belum: 0, sebagian: 0, periksa: 0, lengkap: 0, diserahkan: 0, diterima: 0 }
  for (const r of rows) for (const k of ['tps', ...KIT_STATUSES] as const) t[k] += r[k]
  return t
}

/** "82 TPS: 1 sebagian, 81 lengkap": the numbers a bar stands for. */
export const kitCountsText = (p: KitCounts, separator = ', '): string =>
  `${fmt(p.tps)} TPS: ${
    KIT_STATUSES.filter((s) => p[s] > 0)
      .map((s) => `${fmt(p[s])} ${lowerFirst(KIT_STATUS_SHORT[s])}`)
      .join(separator) || 'tidak ada'
  }`

/** From the furthest a kit has come: the bar fills from the left. */
const BAR_ORDER = [...KIT_STATUSES].reverse()

/**
 * A stacked bar of kit statuses. The numbers are always written next to it, or given to a screen reader
 * here: the colours alone would not tell a coordinator how many TPS are still waiting.
 */
export function KitStatusBar({ p, size = 'normal' }: { p: KitCounts; size?: 'slim' | 'normal' | 'large' }) {
  return (
    <span className={`status-bar status-bar-${size}`} role="img" aria-label={kitCountsText(p)}>
      {BAR_ORDER.map((s) =>
        p[s] > 0 ? (
          <span
            key={s}
            className={`status-bar-seg status-${kitState(s)}`}
            style={{ flexGrow: p[s] }}
            title={`${KIT_STATUS_LABEL[s]}: ${fmt(p[s])} TPS`}
          />
        ) : null,
      )}
    </span>
  )
}

export function KitStatusLegend({ counts, short }: { counts?: Pick<KitCounts, KitStatus>; short?: boolean }) {
  return (
    <ul className="status-legend" aria-label="Keterangan warna">
      {KIT_STATUSES.map((s) => (
        <li key={s}>
          <StatusDot state={kitState(s)} />
          {short ? KIT_STATUS_SHORT[s] : KIT_STATUS_LABEL[s]}
          {counts && <strong className="status-legend-n">{fmt(counts[s])}</strong>}
        </li>
      ))}
    </ul>
  )
}
