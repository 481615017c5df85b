import { fmt } from '../../format'
import { fmtShare, RowBarChart, RowLabel, type RowBarLayout } from './ChartKit'
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
const LABEL_W = LAYOUT.labelW

/**
 * Output per team, best first: good sheets as a bar, the team's target summed over the days it
 * worked as a marker, damaged sheets as a small figure (a careful team may sort slower).
 */
export function TeamChart({ teams, unit = 'lembar' }: { teams: TeamPoint[]; unit?: string }) {
  const rows = [...teams].sort((a, b) => b.baik - a.baik || a.nama.localeCompare(b.nama))
  const aria = `Hasil baik per regu, ${fmt(rows.length)} regu: ${rows
    .map(
      (t) =>
        `${t.nama} ${fmt(t.baik)} ${unit} dalam ${fmt(t.hari)} hari${t.target > 0 ? `, target ${fmt(t.target)} (${fmtShare(targetProgress(t.baik, t.target).share!)})` : ''}, rusak ${fmt(t.rusak)}`,
    )
    .join('; ')}.`

  return (
    <RowBarChart
      layout={LAYOUT}
      rows={rows}
      top={Math.max(...rows.map((t) => Math.max(t.baik, t.target)), 1)}
      empty="Tidak ada regu yang bekerja pada rentang tanggal ini."
      aria={aria}
      legend={[
        { label: `Baik (${unit})`, mark: 'bar', tone: 'chart-baik' },
        { label: 'Target regu selama hari kerjanya', mark: 'marker', tone: 'chart-target-marker-mark' },
      ]}
    >
      {(t, { top, x }) => {
        const yMid = top + 15
        const progress = targetProgress(t.baik, t.target)
        const under = progress.share !== null && !progress.met
        return (
          <g key={t.teamId}>
            <title>{`${reguName(t.nama)} · ${fmt(t.hari)} hari\nBaik: ${fmt(t.baik)} ${unit}\nTarget: ${fmt(t.target)}\nRusak: ${fmt(t.rusak)}`}</title>
            <RowLabel layout={LAYOUT} y={yMid} className="chart-rowlabel strong">
              {t.nama}
            </RowLabel>
            <RowLabel layout={LAYOUT} y={yMid + 16} className="chart-sublabel">
              {fmt(t.hari)} hari · rusak {fmt(t.rusak)}
            </RowLabel>
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
      }}
    </RowBarChart>
  )
}
