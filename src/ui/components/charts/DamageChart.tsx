import { fmt } from '../../format'
import { ChartEmpty, fmtPart, ChartFrame, useWidth, rowBarScale, type RowBarLayout } from './ChartKit'

export interface ReasonPoint {
  code: string
  label: string
  qty: number
}

const LAYOUT: RowBarLayout = { row: 28, labelW: 168, valueW: 118, pad: 6 }
const { row: ROW, labelW: LABEL_W, pad: PAD } = LAYOUT

/**
 * Damaged sheets per official reason (Kep. KPU 1395/2023), longest bar first, each with its count
 * and its share of all damage.
 */
export function DamageChart({ reasons, unit = 'lembar' }: { reasons: ReasonPoint[]; unit?: string }) {
  const box = useWidth()
  const { width } = box
  const rows = reasons.filter((r) => r.qty > 0).sort((a, b) => b.qty - a.qty || a.label.localeCompare(b.label))
  if (rows.length === 0) return <ChartEmpty>Tidak ada surat suara rusak pada rentang tanggal ini.</ChartEmpty>

  const total = rows.reduce((s, r) => s + r.qty, 0)
  const { height: H, x } = rowBarScale(LAYOUT, width, rows.length, rows[0]!.qty)
  const aria = `Surat suara rusak per alasan, jumlah ${fmt(total)} ${unit}: ${rows.map((r) => `${r.label} ${fmt(r.qty)} (${fmtPart(r.qty / total)})`).join(', ')}.`

  return (
    <ChartFrame
      box={box}
      height={H}
      aria={aria}
      legend={[{ label: `Rusak (${unit}) · bagian dari seluruh yang rusak`, mark: 'bar', tone: 'chart-rusak' }]}
    >
      {rows.map((r, i) => {
        const yMid = PAD + i * ROW + ROW / 2
        const w = Math.max(2, x(r.qty) - LABEL_W)
        return (
          <g key={r.code}>
            <title>{`${r.label}: ${fmt(r.qty)} ${unit} (${fmtPart(r.qty / total)} dari yang rusak)`}</title>
            <text x={LABEL_W - 8} y={yMid} dy="0.32em" textAnchor="end" className="chart-rowlabel">
              {r.label}
            </text>
            <rect x={LABEL_W} y={yMid - 8} width={w} height={16} rx={2} className="chart-rusak" />
            <text x={LABEL_W + w + 8} y={yMid} dy="0.32em" className="chart-rowvalue">
              <tspan className="strong">{fmt(r.qty)}</tspan>
              <tspan className="chart-muted-text"> · {fmtPart(r.qty / total)}</tspan>
            </text>
          </g>
        )
      })}
    </ChartFrame>
  )
}
