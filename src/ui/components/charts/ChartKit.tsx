import { useCallback, useRef, useState, type ReactNode } from 'react'
import { fmt, fmtTanggal } from '../../format'
import './charts.css'

/**
 * Shared pieces of the dashboard's plain-SVG charts. No chart library: the app runs offline on
 * office PCs, and a maintainer can read every line of what draws a bar. Charts render at their real
 * pixel width (not a scaled viewBox) so text stays the size of the surrounding type.
 */

/**
 * Width of an element, following window and layout changes. A callback ref, so a chart that first
 * showed its empty message still gets measured when its SVG appears later.
 */
export interface ChartBox {
  /** The callback ref of the chart's box. */
  measure(el: HTMLDivElement | null): void
  width: number
  /** False until the box has been measured: the width is then only a guess. */
  measured: boolean
}

export function useWidth(fallback = 520): ChartBox {
  const [measuredWidth, setWidth] = useState<number | null>(null)
  const observer = useRef<ResizeObserver | null>(null)
  const ref = useCallback((el: HTMLDivElement | null) => {
    observer.current?.disconnect()
    observer.current = null
    if (!el) return
    const measure = () => setWidth(Math.max(240, Math.floor(el.getBoundingClientRect().width)))
    measure()
    observer.current = new ResizeObserver(measure)
    observer.current.observe(el)
  }, [])
  return { measure: ref, width: measuredWidth ?? fallback, measured: measuredWidth !== null }
}

/** A round axis maximum (1, 2, 2.5 or 5 times a power of ten) at or above v, and its tick step. */
export function niceScale(v: number, ticks = 4): { max: number; step: number } {
  if (!(v > 0)) return { max: ticks, step: 1 }
  const raw = v / ticks
  const pow = 10 ** Math.floor(Math.log10(raw))
  // Counts are whole sheets: a step below 1 or of 2,5 sheets would label the axis with fractions.
  const step = Math.max(1, Math.ceil([1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw)!))
  return { max: step * Math.ceil(v / step), step }
}

// Percentages and chart dates are the format module's, like every number and date on screen.
export { fmtPart, fmtRate, fmtShare } from '../../format'

/**
 * The labels of each day, made once: the Beranda names each of its working days a few times over (under the
 * daily chart's bars, in its tooltips and summary, in both lists of the range picker), 40 days on a
 * kabupaten's floor, and every render named them all again.
 */
const dayLabels = new Map<string, readonly [string, string]>()
const dayLongLabels = new Map<string, string>()

/** "2024-11-04" -> ["Sen", "4 Nov"]: two short lines under a bar. */
export function dayLabel(iso: string): readonly [string, string] {
  let label = dayLabels.get(iso)
  if (!label) dayLabels.set(iso, (label = [fmtTanggal(iso, 'weekday'), fmtTanggal(iso, 'dayMonth')]))
  return label
}

/** "2024-11-04" -> "Senin, 4 November 2024" for tooltips and screen readers. */
export function dayLongLabel(iso: string): string {
  let label = dayLongLabels.get(iso)
  if (label === undefined) dayLongLabels.set(iso, (label = fmtTanggal(iso, 'long')))
  return label
}

export type LegendMark = 'bar' | 'line' | 'dash' | 'marker' | 'dot'

export interface LegendItem {
  label: ReactNode
  mark: LegendMark
  /** A chart-* class of beranda.css giving the colour. */
  tone: string
}

/** The visible legend under a chart: colour is never the only way to tell series apart, the mark differs too. */
export function Legend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="chart-legend">
      {items.map((it, i) => (
        <li key={i}>
          <svg width="22" height="12" aria-hidden="true" className={`chart-legend-mark ${it.tone}`}>
            {it.mark === 'bar' && <rect x="3" y="1" width="16" height="10" rx="1.5" />}
            {it.mark === 'line' && <line x1="1" y1="6" x2="21" y2="6" />}
            {it.mark === 'dash' && <line x1="1" y1="6" x2="21" y2="6" strokeDasharray="4 3" />}
            {it.mark === 'marker' && <line x1="11" y1="0" x2="11" y2="12" />}
            {it.mark === 'dot' && (
              <>
                <line x1="1" y1="6" x2="21" y2="6" />
                <circle cx="11" cy="6" r="3" />
              </>
            )}
          </svg>
          <span>{it.label}</span>
        </li>
      ))}
    </ul>
  )
}

/** Horizontal grid lines with id-ID labels on the left. */
export function YAxis({
  max,
  step,
  y,
  left,
  right,
}: {
  max: number
  step: number
  y(v: number): number
  left: number
  right: number
}) {
  const ticks: number[] = []
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(v)
  return (
    <g className="chart-axis" aria-hidden="true">
      {ticks.map((v) => (
        <g key={v}>
          <line x1={left} x2={right} y1={y(v)} y2={y(v)} className={v === 0 ? 'chart-baseline' : 'chart-grid'} />
          <text x={left - 6} y={y(v)} dy="0.32em" textAnchor="end">
            {fmt(v)}
          </text>
        </g>
      ))}
    </g>
  )
}

/**
 * A chart's box as every chart draws it: measured by the chart's useWidth ref, the SVG at that width with
 * its description for a screen reader (the numbers, not just the shapes), and the legend under it. Until
 * the box is measured the SVG is left empty, at its height: the measure (in the same commit, before
 * anything is painted) lays the page out, and drawing the chart first at a guessed width made it lay out
 * and draw every bar and label twice.
 */
export function ChartFrame({
  box: { measure, width, measured },
  height,
  aria,
  legend,
  children,
}: {
  box: ChartBox
  height: number
  aria: string
  legend: LegendItem[]
  children: ReactNode
}) {
  return (
    <div ref={measure} className="chart">
      <svg width={width} height={height} role="img" aria-label={aria} className="chart-svg">
        {measured && children}
      </svg>
      <Legend items={legend} />
    </div>
  )
}

/** The geometry of a chart of one bar a row: names at the left, figures at the right, bars between. */
export interface RowBarLayout {
  row: number
  labelW: number
  valueW: number
  pad: number
}

/** A row-bar chart's height for its rows and the x of a value, the top value reaching the bars' full width. */
export function rowBarScale(layout: RowBarLayout, width: number, rows: number, top: number) {
  const barMax = Math.max(40, width - layout.labelW - layout.valueW - layout.pad * 2)
  return {
    height: rows * layout.row + layout.pad,
    x: (v: number) => layout.labelW + (v / top) * barMax,
  }
}

/** Where a row-bar chart draws one row: the row's top and the x of a value. */
export interface RowAt {
  top: number
  x(v: number): number
}

/**
 * A chart of one bar a row (damage per reason, output per team): measured, as tall as its rows, each row
 * drawn by the chart at its place; the empty message instead when there is no row.
 */
export function RowBarChart<T>({
  layout,
  rows,
  top,
  aria,
  legend,
  empty,
  children,
}: {
  layout: RowBarLayout
  rows: T[]
  /** The largest value a bar or a marker reaches. */
  top: number
  aria: string
  legend: LegendItem[]
  empty: ReactNode
  children(row: T, at: RowAt): ReactNode
}) {
  const box = useWidth()
  if (rows.length === 0) return <ChartEmpty>{empty}</ChartEmpty>
  const { height, x } = rowBarScale(layout, box.width, rows.length, top)
  return (
    <ChartFrame box={box} height={height} aria={aria} legend={legend}>
      {rows.map((r, i) => children(r, { top: layout.pad + i * layout.row, x }))}
    </ChartFrame>
  )
}

/** A row's name, right-aligned against the bars, centred on y. */
export function RowLabel({
  layout,
  y,
  className = 'chart-rowlabel',
  children,
}: {
  layout: RowBarLayout
  y: number
  className?: string
  children: ReactNode
}) {
  return (
    <text x={layout.labelW - 8} y={y} dy="0.32em" textAnchor="end" className={className}>
      {children}
    </text>
  )
}

/** The message a chart shows instead of empty axes: what the coordinator should do to fill it. */
export function ChartEmpty({ children }: { children: ReactNode }) {
  return <div className="chart-empty">{children}</div>
}
