import { fmt } from '../../format'
import { ChartEmpty, dayLabel, dayLongLabel, fmtShare, ChartFrame, niceScale, useWidth, YAxis } from './ChartKit'
import type { DayPoint } from './DailyChart'

const H = 250
const M = { top: 18, right: 16, bottom: 40, left: 72 }

/**
 * Good sheets summed day by day against what the TPS kits and PSU reserve need, with the sheets
 * received so far as the ceiling sorting can reach and the teams' cumulative target as the pace.
 */
export function CumulativeChart({
  days,
  kebutuhan,
  diterima,
  unit = 'lembar',
}: {
  days: DayPoint[]
  kebutuhan: number
  diterima: number
  unit?: string
}) {
  const box = useWidth()
  const { width } = box
  if (days.length === 0) return <ChartEmpty>Belum ada hasil sortir-lipat untuk dijumlahkan.</ChartEmpty>

  // Point 0 is the start (nothing sorted yet), point i+1 the end of day i, so even one day draws a line.
  const baik = [0]
  const target = [0]
  for (const d of days) {
    baik.push(baik.at(-1)! + d.baik)
    target.push(target.at(-1)! + d.target)
  }
  const total = baik.at(-1)!
  const { max, step } = niceScale(Math.max(kebutuhan, diterima, target.at(-1)!, total) * 1.04)
  const plotW = width - M.left - M.right
  const plotH = H - M.top - M.bottom
  const y = (v: number) => M.top + plotH - (v / max) * plotH
  const x = (i: number) => M.left + (plotW * i) / days.length
  const path = (vals: number[]) =>
    vals.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
  const every = Math.max(1, Math.ceil(46 / (plotW / days.length)))

  // Reference lines are labelled in place; when the two sit close, the lower label goes under its line.
  const close = Math.abs(y(kebutuhan) - y(diterima)) < 16
  const label = (v: number, text: string, below: boolean, cls: string) => (
    <text x={M.left + 6} y={y(v) + (below ? 14 : -5)} className={`chart-reflabel ${cls}`}>
      {text} {fmt(v)}
    </text>
  )

  const aria =
    `Kumulatif surat suara baik setelah ${fmt(days.length)} hari (${dayLongLabel(days[0]!.tanggal)} sampai ${dayLongLabel(days.at(-1)!.tanggal)}): ` +
    `${fmt(total)} ${unit}` +
    (kebutuhan > 0 ? `, ${fmtShare(total / kebutuhan)} dari kebutuhan ${fmt(kebutuhan)}` : '') +
    `; target kumulatif ${fmt(target.at(-1)!)}; diterima dari penyedia ${fmt(diterima)}.`

  return (
    <ChartFrame
      box={box}
      height={H}
      aria={aria}
      legend={[
        { label: 'Baik kumulatif', mark: 'dot', tone: 'chart-cum-mark' },
        { label: 'Target kumulatif', mark: 'dash', tone: 'chart-target-mark' },
        { label: 'Diterima dari penyedia', mark: 'dash', tone: 'chart-received-mark' },
        { label: 'Kebutuhan surat suara', mark: 'line', tone: 'chart-need-mark' },
      ]}
    >
      <YAxis max={max} step={step} y={y} left={M.left} right={width - M.right} />
      {kebutuhan > 0 && (
        <>
          <line x1={M.left} x2={width - M.right} y1={y(kebutuhan)} y2={y(kebutuhan)} className="chart-need" />
          {label(kebutuhan, 'Kebutuhan', close && kebutuhan < diterima, 'chart-need-text')}
        </>
      )}
      {diterima > 0 && (
        <>
          <line x1={M.left} x2={width - M.right} y1={y(diterima)} y2={y(diterima)} className="chart-received" />
          {label(diterima, 'Diterima', close && diterima <= kebutuhan, 'chart-received-text')}
        </>
      )}
      <path d={path(target)} className="chart-target-line" />
      <path d={path(baik)} className="chart-cum" />
      {baik.map((v, i) =>
        i === 0 ? null : (
          <circle key={i} cx={x(i)} cy={y(v)} r={days.length > 31 ? 2 : 3.5} className="chart-cum-dot">
            <title>{`${dayLongLabel(days[i - 1]!.tanggal)}\nBaik kumulatif: ${fmt(v)} ${unit}\nTarget kumulatif: ${fmt(target[i]!)}`}</title>
          </circle>
        ),
      )}
      <text x={x(baik.length - 1) - 6} y={y(total) - 9} textAnchor="end" className="chart-value">
        {fmt(total)}
      </text>
      {days.map((d, i) => {
        // The last day is always labelled; a regular label too close to it gives way.
        const last = i === days.length - 1
        if (!last && ((i + 1) % every !== 0 || x(days.length) - x(i + 1) < 64)) return null
        const [wd, dm] = dayLabel(d.tanggal)
        return (
          <text
            key={d.tanggal}
            x={x(i + 1)}
            y={H - M.bottom + 15}
            textAnchor={last ? 'end' : 'middle'}
            className="chart-xlabel"
          >
            <tspan>{wd}</tspan>
            <tspan x={x(i + 1)} dy="1.15em">
              {dm}
            </tspan>
          </text>
        )
      })}
    </ChartFrame>
  )
}
