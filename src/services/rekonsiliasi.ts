import { DAMAGE_REASONS } from '../core/reasons'
import { reconcile, type Reconciliation } from '../core/reconcile'
import type { ServiceContext } from './context'
import { floorFlows } from './floorFlows'
import { needsPerDapil, needsRekap } from './kebutuhan'
import { openSelisih } from './penerimaan'
import { listVariants, usablePlace } from './variants'

/**
 * Where every sheet is, per item variant, against what is needed (the dashboard and the documents
 * read the same figures). Balances come from the ledger's balance table, which verify checks against
 * the ledger itself.
 */
export interface ReconRow extends Reconciliation {
  variantId: number
  itemCode: string
  itemName: string
  kind: 'ballot' | 'logistics'
  dapil: string | null
  unit: string
  colorHex: string | null
  /** Kurang/lebih against surat jalan not yet settled. */
  selisihTerbuka: number
}

export function reconciliation(ctx: ServiceContext): ReconRow[] {
  const variants = listVariants(ctx).filter((v) => v.active)
  const ballotNeeds = new Map(needsPerDapil(ctx).map((r) => [r.variantId, r.total]))
  const satker = needsRekap(ctx, 'satker').rows[0]?.qty ?? {}
  const balances = new Map<number, Map<string, number>>()
  for (const b of ctx.db.prepare('SELECT variant_id AS v, place, qty FROM balance WHERE qty <> 0').all() as { v: number; place: string; qty: number }[]) {
    let m = balances.get(b.v)
    if (!m) balances.set(b.v, (m = new Map()))
    m.set(b.place, b.qty)
  }
  // Net flows between kinds of place, from the place_flow aggregate: received from the printer (less
  // corrections back), and tertukar sheets returned (less reversed returns).
  const flows = ctx.db
    .prepare(
      `SELECT variant_id AS v,
              sum(CASE WHEN from_kind = 'PENYEDIA' AND to_kind = 'DITERIMA' THEN qty WHEN from_kind = 'DITERIMA' AND to_kind = 'PENYEDIA' THEN -qty ELSE 0 END) AS diterima,
              sum(CASE WHEN from_kind = 'TERTUKAR' AND to_kind = 'PENYEDIA' AND reason <> 'BATAL' THEN qty
                       WHEN from_kind = 'PENYEDIA' AND to_kind = 'TERTUKAR' AND reason = 'BATAL' THEN -qty ELSE 0 END) AS retur
       FROM place_flow GROUP BY variant_id`,
    )
    .all() as { v: number; diterima: number; retur: number }[]
  const flowOf = new Map(flows.map((f) => [f.v, f]))
  const selisih = new Map<number, number>()
  for (const s of openSelisih(ctx)) selisih.set(s.variantId, (selisih.get(s.variantId) ?? 0) + s.selisih)

  return variants.map((v) => ({
    variantId: v.variantId,
    itemCode: v.itemCode,
    itemName: v.itemName,
    kind: v.kind,
    dapil: v.dapil,
    unit: v.unit,
    colorHex: v.colorHex,
    selisihTerbuka: selisih.get(v.variantId) ?? 0,
    ...reconcile({
      kebutuhan: v.kind === 'ballot' ? (ballotNeeds.get(v.variantId) ?? 0) : (satker[v.itemCode] ?? 0),
      balances: balances.get(v.variantId) ?? new Map(),
      diterima: flowOf.get(v.variantId)?.diterima ?? 0,
      tertukarDikembalikan: flowOf.get(v.variantId)?.retur ?? 0,
      usableAt: usablePlace(v),
    }),
  }))
}

/**
 * The floor's progress for the charts: sheets processed per day against the teams' targets, damage
 * by reason, and each team's output. Only sortir-lipat counts towards sheets; rakit is in units.
 */
export function progress(ctx: ServiceContext, filter: { from?: string | undefined; to?: string | undefined }) {
  const flows = floorFlows(ctx, filter)
  const shiftKind = new Map(
    (ctx.db.prepare('SELECT id, kind FROM shift').all() as { id: number; kind: string }[]).map((s) => [s.id, s.kind]),
  )
  const sortir = flows.filter((f) => shiftKind.get(f.shiftId) === 'sortir_lipat')
  const processed = (f: { category: string }) => f.category === 'hasil' || f.category === 'rusak'

  // Targets of the teams that worked each day (a day's override, or the team's daily target).
  const planned = ctx.db
    .prepare(
      `SELECT d.tanggal, sum(d.target) AS target FROM (
         SELECT DISTINCT s.tanggal, x.team_id, coalesce(tt.qty, t.daily_target) AS target
         FROM shift s JOIN shift_team x ON x.shift_id = s.id JOIN team t ON t.id = x.team_id
         LEFT JOIN team_target tt ON tt.team_id = t.id AND tt.tanggal = s.tanggal
         WHERE s.kind = 'sortir_lipat' ${filter.from ? 'AND s.tanggal >= @from' : ''} ${filter.to ? 'AND s.tanggal <= @to' : ''}
       ) d GROUP BY d.tanggal`,
    )
    .all({ from: filter.from, to: filter.to }) as { tanggal: string; target: number }[]
  const days = new Map<string, { tanggal: string; baik: number; rusak: number; target: number }>()
  const day = (t: string) => days.get(t) ?? (days.set(t, { tanggal: t, baik: 0, rusak: 0, target: 0 }), days.get(t)!)
  for (const p of planned) day(p.tanggal).target = p.target
  for (const f of sortir) {
    if (f.category === 'hasil') day(f.tanggal).baik += f.qty
    if (f.category === 'rusak') day(f.tanggal).rusak += f.qty
  }

  // Damage as found on the floor: a later re-classification (RUSAK -> BAIK) is shown by the reconciliation,
  // not taken back from the day the sheet was sorted.
  const byReason = DAMAGE_REASONS.map((r) => ({
    code: r.code,
    label: r.short,
    qty: sortir.filter((f) => f.category === 'rusak' && f.reason === r.code).reduce((s, f) => s + f.qty, 0),
  })).filter((r) => r.qty !== 0)
  const totalProcessed = sortir.filter(processed).reduce((s, f) => s + f.qty, 0)

  const teams = ctx.db.prepare('SELECT id, nama, daily_target AS dailyTarget FROM team ORDER BY nama_key').all() as { id: number; nama: string; dailyTarget: number }[]
  const perTeam = teams
    .map((t) => {
      // Sheets only: a team that also assembled kotak would otherwise mix units into its output.
      const mine = sortir.filter((f) => f.teamId === t.id)
      const dates = new Set(mine.map((f) => f.tanggal))
      const target = [...dates].reduce((s, d) => {
        const o = ctx.db.prepare('SELECT qty FROM team_target WHERE team_id = ? AND tanggal = ?').get(t.id, d) as { qty: number } | undefined
        return s + (o?.qty ?? t.dailyTarget)
      }, 0)
      return {
        teamId: t.id,
        nama: t.nama,
        hari: dates.size,
        baik: mine.filter((f) => f.category === 'hasil').reduce((s, f) => s + f.qty, 0),
        rusak: mine.filter((f) => f.category === 'rusak').reduce((s, f) => s + f.qty, 0),
        target,
      }
    })
    .filter((t) => t.hari > 0)

  return {
    days: [...days.values()].sort((a, b) => a.tanggal.localeCompare(b.tanggal)),
    byReason,
    damageRate: totalProcessed > 0 ? byReason.reduce((s, r) => s + r.qty, 0) / totalProcessed : 0,
    teams: perTeam,
  }
}
