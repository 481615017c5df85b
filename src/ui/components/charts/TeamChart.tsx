import { fmt } from '../../format'
import { ChartEmpty, fmtShare, ChartFrame, useWidth, rowBarScale, type RowBarLayout } from './ChartKit'
import { reguName, targetProgress } from '../../../core/regu'

export interface TeamPoint {
  teamId: number
  nama: string
  hari: number
  baik: number
  rusak: number
  target: number
}

const LAYOUT: RowBarLayout = { row: 42, labelW: 150, valueW: 132, pad: 6 }
const { row: ROW, labelW: LABEL_W, pad: PAD } = LAYOUT

/**
 * Output per team, best first: good sheets as a bar, the team's target summed over the days it
 * worked as a marker, damaged sheets as a small figure (a careful team may sort slower).
 */
export function TeamChart({ teams, unit = 'lembar' }: { teams: TeamPoint[]; unit?: string }) {
  const box = useWidth()
  const { width } = box
  const rows = [...teams].sort((a, b) => b.baik - a.baik || a.nama.localeCompare(b.nama))
  if (rows.length === 0) return <ChartEmpty>Tidak ada regu yang bekerja pada rentang tanggal ini.</ChartEmpty>

  const top = Math.max(...rows.map((t) => Math.max(t.baik, t.target)), 1)
  const { height: H, x } = rowBarScale(LAYOUT, width, rows.length, top)
  const aria = `Hasil baik per regu, ${fmt(rows.length)} regu: ${rows
    .map(
      (t) =>
        `${t.nama} ${fmt(t.baik)} ${unit} dalam ${fmt(t.hari)} hari${t.target > 0 ? `, target ${fmt(t.target)} (${fmtShare(targetProgress(t.baik, t.target).share!)})` : ''}, rusak ${fmt(t.rusak)}`,
    )
    .join('; ')}.`

  return (
    <ChartFrame
      box={box}
      height={H}
      aria={aria}
      legend={[
        { label: `Baik (${unit})`, mark: 'bar', tone: 'chart-baik' },
        { label: 'Target regu selama hari kerjanya', mark: 'marker', tone: 'chart-target-marker-mark' },
      ]}
    >
      {rows.map((t, i) => {
        const y0 = PAD + i * ROW
        const yMid = y0 + 15
        const progress = targetProgress(t.baik, t.target)
        const under = progress.share !== null && !progress.met
        return (
          <g key={t.teamId}>
            <title>{`${reguName(t.nama)} · ${fmt(t.hari)} hari\nBaik: ${fmt(t.baik)} ${unit}\nTarget: ${fmt(t.target)}\nRusak: ${fmt(t.rusak)}`}</title>
            <text x={LABEL_W - 8} y={yMid} dy="0.32em" textAnchor="end" className="chart-rowlabel strong">
              {t.nama}
            </text>
            <text x={LABEL_W - 8} y={yMid + 16} dy="0.32em" textAnchor="end" className="chart-sublabel">
              {fmt(t.hari)} hari · rusak {fmt(t.rusak)}
            </text>
            <rect
              x={LABEL_W}
              y={yMid - 9}
              width={Math.max(2, x(t.baik) - LABEL_W)}
              height={18}
              rx={2}
              className="chart-baik"
            />
            {t.target > 0 && (
              <line x1={x(t.target)} x2={x(t.target)} y1={yMid - 14} y2={yMid + 14} className="chart-target-marker" />
            )}
            <text
              x={Math.max(x(t.baik), t.target > 0 ? x(t.target) : 0) + 8}
              y={yMid}
              dy="0.32em"
              className="chart-rowvalue"
            >
              <tspan className="strong">{fmt(t.baik)}</tspan>
              {progress.share !== null && (
                <tspan className={under ? 'chart-under-text' : 'chart-muted-text'}>
                  {' '}
                  · {fmtShare(progress.share)} target
                </tspan>
              )}
            </text>
          </g>
        )
      })}
    </ChartFrame>
  )
}
