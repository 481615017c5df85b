import { fmt } from '../../format'
import { fmtShare } from './ChartKit'
import './charts.css'

export interface StockParts {
  kebutuhan: number
  /** Sorted good (or assembled), including what is already packed or sent. */
  selesai: number
  proses: number
  belum: number
  kekurangan: number
}

const H = 10

/**
 * One row's stock as a single bar measured against its need: done, in the teams' hands, still to
 * process, and the gap nothing in the warehouse can fill. The percentage is done / need.
 */
export function StockBar({
  parts,
  doneLabel,
  subject,
  width: W = 60,
}: {
  parts: StockParts
  doneLabel: string
  subject: string
  width?: number
}) {
  const { kebutuhan, selesai, proses, belum, kekurangan } = parts
  const scale = Math.max(kebutuhan, selesai + proses + belum, 1)
  const w = (v: number) => (v / scale) * W
  const share = kebutuhan > 0 ? selesai / kebutuhan : 0
  const segs = [
    { v: selesai, cls: 'chart-baik' },
    { v: proses, cls: 'chart-proses' },
    { v: belum, cls: 'chart-belum' },
    { v: kekurangan, cls: 'chart-gap' },
  ]
  let x = 0
  const aria =
    `${subject}: ${doneLabel} ${fmtShare(share)} dari kebutuhan ${fmt(kebutuhan)}; ` +
    `${doneLabel} ${fmt(selesai)}, dalam proses ${fmt(proses)}, belum ${fmt(belum)}, kekurangan ${fmt(kekurangan)}.`
  return (
    <span className="chart-stock-bar">
      <svg width={W} height={H} role="img" aria-label={aria}>
        <rect x={0} y={0} width={W} height={H} rx={2} className="chart-track" />
        {segs.map((s, i) => {
          if (s.v <= 0) return null
          const r = <rect key={i} x={x} y={0} width={Math.max(1, w(s.v))} height={H} className={s.cls} />
          x += w(s.v)
          return r
        })}
        {kebutuhan > 0 && scale > kebutuhan && (
          <line x1={w(kebutuhan)} x2={w(kebutuhan)} y1={-2} y2={H + 2} className="chart-need-tick" />
        )}
      </svg>
      <span className="chart-stock-share">{kebutuhan > 0 ? fmtShare(share) : '—'}</span>
    </span>
  )
}
