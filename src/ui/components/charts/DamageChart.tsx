import { fmt } from '../../format'
import { fmtPart, RowBarChart, RowLabel, type RowBarLayout } from './ChartKit'

export interface ReasonPoint {
  code: string
  label: string
  qty: number
}

const LAYOUT: RowBarLayout = { row: 28, labelW: 168, valueW: 118, pad: 6 }

/**
 * Damaged sheets per official reason (Kep. KPU 1395/2023), longest bar first, each with its count
 * and its share of all damage.
 */
export function DamageChart({ reasons, unit = 'lembar' }: { reasons: ReasonPoint[]; unit?: string }) {
  const rows = reasons.filter((r) => r.qty > 0).sort((a, b) => b.qty - a.qty || a.label.localeCompare(b.label))
  const total = rows.reduce((s, r) => s + r.qty, 0)
  return (
    <RowBarChart
      layout={LAYOUT}
      rows={rows}
      top={rows[0]?.qty ?? 1}
      empty="Tidak ada surat suara rusak pada rentang tanggal ini."
      aria={`Surat suara rusak per alasan, jumlah ${fmt(total)} ${unit}: ${rows.map((r) => `${r.label} ${fmt(r.qty)} (${fmtPart(r.qty / total)})`).join(', ')}.`}
      legend={[{ label: `Rusak (${unit}) · bagian dari seluruh yang rusak`, mark: 'bar', tone: 'chart-rusak' }]}
    >
      {(r, { top, x }) => {
        const yMid = top + LAYOUT.row / 2
        const w = Math.max(2, x(r.qty) - LAYOUT.labelW)
        return (
          <g key={r.code}>
            <title>{`${r.label}: ${fmt(r.qty)} ${unit} (${fmtPart(r.qty / total)} dari yang rusak)`}</title>
            <RowLabel layout={LAYOUT} y={yMid}>
              {r.label}
            </RowLabel>
            <rect x={LAYOUT.labelW} y={yMid - 8} width={w} height={16} rx={2} className="chart-rusak" />
            <text x={LAYOUT.labelW + w + 8} y={yMid} dy="0.32em" className="chart-rowvalue">
              <tspan className="strong">{fmt(r.qty)}</tspan>
              <tspan className="chart-muted-text"> · {fmtPart(r.qty / total)}</tspan>
            </text>
          </g>
        )
      }}
    </RowBarChart>
  )
}
