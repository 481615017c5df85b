import { fmt } from '../../format'
import { ChartEmpty, dayLabel, dayLongLabel, ChartFrame, niceScale, useWidth, YAxis } from './ChartKit'

export interface DayPoint {
  tanggal: string
  baik: number
  rusak: number
  target: number
}

const H = 250
const M = { top: 18, right: 12, bottom: 40, left: 64 }

/** Longest list of days read out one by one; beyond it screen readers get totals and the best and worst day. */
const SPOKEN_DAYS = 14

function describe(days: DayPoint[], unit: string): string {
  if (days.length === 0) return 'Belum ada hasil sortir-lipat.'
  const sum = (k: 'baik' | 'rusak' | 'target') => days.reduce((s, d) => s + d[k], 0)
  const head = `Hasil sortir-lipat per hari, ${fmt(days.length)} hari: baik ${fmt(sum('baik'))} ${unit}, rusak ${fmt(sum('rusak'))}, target ${fmt(sum('target'))}.`
  if (days.length <= SPOKEN_DAYS) {
    return `${head} ${days.map((d) => `${dayLongLabel(d.tanggal)}: baik ${fmt(d.baik)}, rusak ${fmt(d.rusak)}, target ${fmt(d.target)}`).join('; ')}.`
  }
  const best = days.reduce((a, b) => (b.baik > a.baik ? b : a))
  const worst = days.reduce((a, b) => (b.baik < a.baik ? b : a))
  const under = days.filter((d) => d.target > 0 && d.baik < d.target).length
  return `${head} Tertinggi ${dayLongLabel(best.tanggal)} (${fmt(best.baik)}), terendah ${dayLongLabel(worst.tanggal)} (${fmt(worst.baik)}); ${fmt(under)} hari di bawah target.`
}

/**
 * Sheets sorted per day: good sheets as bars with the damaged ones stacked on top, and the day's
 * target (sum of the targets of the teams that worked) as a tick across each bar.
 */
export function DailyChart({ days, unit = 'lembar' }: { days: DayPoint[]; unit?: string }) {
  const box = useWidth()
  const { width } = box
  if (days.length === 0) return <ChartEmpty>Tidak ada shift sortir-lipat pada rentang tanggal ini.</ChartEmpty>

  const top = Math.max(...days.map((d) => Math.max(d.baik + d.rusak, d.target)))
  const { max, step } = niceScale(top * 1.08)
  const plotW = width - M.left - M.right
  const plotH = H - M.top - M.bottom
  const y = (v: number) => M.top + plotH - (v / max) * plotH
  const band = plotW / days.length
  const barW = Math.max(3, Math.min(48, band * 0.62))
  const showValues = band >= 46
  // Thin the date labels so they never overlap (about 46 px per label).
  const every = Math.max(1, Math.ceil(46 / band))

  return (
    <ChartFrame
      box={box}
      height={H}
      aria={describe(days, unit)}
      legend={[
        { label: `Baik (${unit})`, mark: 'bar', tone: 'chart-baik' },
        { label: 'Rusak', mark: 'bar', tone: 'chart-rusak' },
        { label: 'Target regu yang bekerja', mark: 'line', tone: 'chart-target' },
      ]}
    >
      <YAxis max={max} step={step} y={y} left={M.left} right={width - M.right} />
      {days.map((d, i) => {
        const cx = M.left + band * i + band / 2
        const yBaik = y(d.baik)
        const yTop = y(d.baik + d.rusak)
        const [wd, dm] = dayLabel(d.tanggal)
        const met = d.target === 0 || d.baik >= d.target
        return (
          <g key={d.tanggal}>
            <title>{`${dayLongLabel(d.tanggal)}\nBaik: ${fmt(d.baik)} ${unit}\nRusak: ${fmt(d.rusak)}\nTarget: ${fmt(d.target)}`}</title>
            <rect x={cx - barW / 2} y={yBaik} width={barW} height={Math.max(0, y(0) - yBaik)} className="chart-baik" />
            {d.rusak > 0 && (
              <rect
                x={cx - barW / 2}
                y={yTop}
                width={barW}
                height={Math.max(1.5, yBaik - yTop)}
                className="chart-rusak"
              />
            )}
            {d.target > 0 && (
              <line
                x1={cx - Math.min(band * 0.45, barW / 2 + 8)}
                x2={cx + Math.min(band * 0.45, barW / 2 + 8)}
                y1={y(d.target)}
                y2={y(d.target)}
                className="chart-target"
              />
            )}
            {showValues && (
              <text
                x={cx}
                y={Math.min(yTop, d.target > 0 ? y(d.target) : yTop) - 6}
                textAnchor="middle"
                className={`chart-value${met ? '' : ' chart-value-under'}`}
              >
                {fmt(d.baik)}
              </text>
            )}
            {i % every === 0 && (
              <text x={cx} y={H - M.bottom + 15} textAnchor="middle" className="chart-xlabel">
                <tspan>{wd}</tspan>
                <tspan x={cx} dy="1.15em">
                  {dm}
                </tspan>
              </text>
            )}
          </g>
        )
      })}
    </ChartFrame>
  )
}
