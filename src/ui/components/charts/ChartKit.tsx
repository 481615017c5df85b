import { useCallback, useRef, useState, type ReactNode } from 'react'
import { fmt } from '../../format'
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
}

export function useWidth(fallback = 520): ChartBox {
  const [width, setWidth] = useState(fallback)
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
  return { measure: ref, width }
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

const percent = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 2 })
const percentOne = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 })
const percentWhole = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 0 })

/** 0.0035 -> "0,35%": damage rates are small and need their decimals. */
export function fmtRate(r: number): string {
  return percent.format(r)
}

/** 0.4239 -> "42,4%": a part of a whole, where a tenth is precise enough. */
export function fmtPart(r: number): string {
  return percentOne.format(r)
}

/** 1.096 -> "110%": progress against a target reads better whole. */
export function fmtShare(r: number): string {
  return percentWhole.format(r)
}

const dayShort = new Intl.DateTimeFormat('id-ID', { weekday: 'short', timeZone: 'UTC' })
const dayMonth = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'short', timeZone: 'UTC' })
const dayLong = new Intl.DateTimeFormat('id-ID', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

// Shift dates are calendar dates (TTTT-BB-HH) without a time zone: read them as UTC so no PC's zone shifts the day.
const asDate = (iso: string) => new Date(iso + 'T00:00:00Z')

/** "2024-11-04" -> ["Sen", "4 Nov"]: two short lines under a bar. */
export function dayLabel(iso: string): [string, string] {
  const d = asDate(iso)
  return [dayShort.format(d), dayMonth.format(d)]
}

/** "2024-11-04" -> "Senin, 4 November 2024" for tooltips and screen readers. */
export function dayLongLabel(iso: string): string {
  return dayLong.format(asDate(iso))
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
 * its description for a screen reader (the numbers, not just the shapes), and the legend under it.
 */
export function ChartFrame({
  box: { measure, width },
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
        {children}
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

/** The message a chart shows instead of empty axes: what the coordinator should do to fill it. */
export function ChartEmpty({ children }: { children: ReactNode }) {
  return <div className="chart-empty">{children}</div>
}
