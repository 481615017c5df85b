import { useId, useState } from 'react'
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

/** How many teams the chart shows until asked for all: a kabupaten's floor may run 140 teams (6,000 px of bars). */
export const TEAMS_SHOWN = 15

/**
 * The teams in the order a coordinator should look at them: furthest behind their target first (good sheets
 * against the target, core/regu targetProgress), then those without a target, fewest good sheets first; ties by
 * name. A team that met its target comes after every team that did not.
 */
export function teamsByNeed(teams: TeamPoint[]): TeamPoint[] {
  const share = (t: TeamPoint) => targetProgress(t.baik, t.target).share ?? Infinity
  return [...teams].sort((a, b) => share(a) - share(b) || a.baik - b.baik || a.nama.localeCompare(b.nama, 'id'))
}

/**
 * Output per team, furthest behind its target first: good sheets as a bar, the team's target summed over the
 * days it worked as a marker, damaged sheets as a small figure (a careful team may sort slower). The first
 * TEAMS_SHOWN teams only, with a button that shows them all in place; the scale is the same either way, so a
 * bar keeps its length when the rest appear.
 */
export function TeamChart({ teams, unit = 'lembar' }: { teams: TeamPoint[]; unit?: string }) {
  const [all, setAll] = useState(false)
  const id = useId()
  const ordered = teamsByNeed(teams)
  const limited = ordered.length > TEAMS_SHOWN
  const rows = limited && !all ? ordered.slice(0, TEAMS_SHOWN) : ordered
  const shownText = limited
    ? all
      ? `semua ${fmt(ordered.length)} regu`
      : `${fmt(rows.length)} dari ${fmt(ordered.length)} regu`
    : `${fmt(rows.length)} regu`
  const aria = `Hasil baik per regu, ${shownText}, dari yang paling jauh di bawah target: ${rows
    .map(
      (t) =>
        `${reguName(t.nama)} ${fmt(t.baik)} ${unit} dalam ${fmt(t.hari)} hari${t.target > 0 ? `, target ${fmt(t.target)} (${fmtShare(targetProgress(t.baik, t.target).share!)})` : ''}, rusak ${fmt(t.rusak)}`,
    )
    .join('; ')}.`

  return (
    <>
      <div id={id}>
        <TeamRows
          rows={rows}
          top={Math.max(...ordered.map((t) => Math.max(t.baik, t.target)), 1)}
          aria={aria}
          unit={unit}
        />
      </div>
      {limited && (
        <p className="chart-more" data-testid="team-chart-more">
          <span>
            Menampilkan {shownText}
            {all ? '.' : ', yang paling jauh di bawah target lebih dulu.'}
          </span>
          <button
            type="button"
            className="btn btn-secondary btn-small"
            aria-expanded={all}
            aria-controls={id}
            onClick={() => setAll(!all)}
          >
            {all ? 'Tampilkan lebih sedikit' : `Tampilkan semua (${fmt(ordered.length)} regu)`}
          </button>
        </p>
      )}
    </>
  )
}

function TeamRows({ rows, top, aria, unit }: { rows: TeamPoint[]; top: number; aria: string; unit: string }) {
  return (
    <RowBarChart
      layout={LAYOUT}
      rows={rows}
      top={top}
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
              {reguName(t.nama)}
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
