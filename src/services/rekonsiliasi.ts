import { DAMAGE_REASONS } from '../core/reasons'
import { reconcile, type Reconciliation } from '../core/reconcile'
import type { ServiceContext } from './context'
import * as kebutuhan from './kebutuhan'
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

export function lihat(ctx: ServiceContext): ReconRow[] {
  const variants = listVariants(ctx).filter((v) => v.active)
  const ballotNeeds = new Map(kebutuhan.daftarDapil(ctx).map((r) => [r.variantId, r.total]))
  const satker = kebutuhan.lihatRekap(ctx, 'satker').rows[0]?.qty ?? {}
  const balances = new Map<number, Map<string, number>>()
  for (const b of ctx.db.prepare('SELECT variant_id AS v, place, qty FROM balance WHERE qty <> 0').all() as {
    v: number
    place: string
    qty: number
  }[]) {
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
 *
 * Summed by SQL from the floor_flow aggregate in its own key order (day, shift, team first), so a whole
 * campaign is two passes over the aggregate instead of every flow row loaded and filtered per team.
 * Only rows with a non-zero quantity count, as in floorFlows: a day or a team shows up when it has one.
 */
export function lihatKemajuan(ctx: ServiceContext, filter: { from?: string | undefined; to?: string | undefined }) {
  const sortirShifts = new Set(
    (ctx.db.prepare(`SELECT id FROM shift WHERE kind = 'sortir_lipat'`).all() as { id: number }[]).map((s) => s.id),
  )
  const range = `${filter.from !== undefined ? 'AND tanggal >= @from' : ''} ${filter.to !== undefined ? 'AND tanggal <= @to' : ''}`
  const params = { from: filter.from, to: filter.to }
  // Per day, shift and team: how many flow rows (any category), and the good and damaged sheets (NULL
  // when the group has no row of that category).
  const groups = (
    ctx.db
      .prepare(
        `SELECT tanggal, shift_id AS shiftId, team_id AS teamId,
                sum(qty) FILTER (WHERE category = 'hasil') AS hasil, sum(qty) FILTER (WHERE category = 'rusak') AS rusak
         FROM floor_flow WHERE qty <> 0 ${range} GROUP BY tanggal, shift_id, team_id`,
      )
      .all(params) as { tanggal: string; shiftId: number; teamId: number; hasil: number | null; rusak: number | null }[]
  ).filter((g) => sortirShifts.has(g.shiftId))
  // Damage per reason, per day and shift (again in the aggregate's key order).
  const reasonSums = (
    ctx.db
      .prepare(
        `SELECT shift_id AS shiftId, ${DAMAGE_REASONS.map((r, i) => `sum(qty) FILTER (WHERE reason = '${r.code}') AS r${i}`).join(', ')}
         FROM floor_flow WHERE qty <> 0 AND category = 'rusak' ${range} GROUP BY tanggal, shift_id`,
      )
      .all(params) as ({ shiftId: number } & Record<string, number | null>)[]
  ).filter((g) => sortirShifts.has(g.shiftId))

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
  let totalProcessed = 0
  for (const g of groups) {
    if (g.hasil !== null) day(g.tanggal).baik += g.hasil
    if (g.rusak !== null) day(g.tanggal).rusak += g.rusak
    totalProcessed += (g.hasil ?? 0) + (g.rusak ?? 0)
  }

  // Damage as found on the floor: a later re-classification (RUSAK -> BAIK) is shown by the reconciliation,
  // not taken back from the day the sheet was sorted.
  const byReason = DAMAGE_REASONS.map((r, i) => ({
    code: r.code,
    label: r.short,
    qty: reasonSums.reduce((s, g) => s + (g[`r${i}`] ?? 0), 0),
  })).filter((r) => r.qty !== 0)

  const overrides = new Map(
    (
      ctx.db.prepare('SELECT team_id AS teamId, tanggal, qty FROM team_target').all() as {
        teamId: number
        tanggal: string
        qty: number
      }[]
    ).map((o) => [`${o.teamId}|${o.tanggal}`, o.qty]),
  )
  const byTeam = new Map<number, { dates: Set<string>; baik: number; rusak: number }>()
  for (const g of groups) {
    let t = byTeam.get(g.teamId)
    if (!t) byTeam.set(g.teamId, (t = { dates: new Set(), baik: 0, rusak: 0 }))
    t.dates.add(g.tanggal)
    t.baik += g.hasil ?? 0
    t.rusak += g.rusak ?? 0
  }
  const teams = ctx.db.prepare('SELECT id, nama, daily_target AS dailyTarget FROM team ORDER BY nama_key').all() as {
    id: number
    nama: string
    dailyTarget: number
  }[]
  const perTeam = teams
    .map((t) => {
      // Sheets only: a team that also assembled kotak would otherwise mix units into its output.
      const mine = byTeam.get(t.id)
      const dates = mine?.dates ?? new Set<string>()
      const target = [...dates].reduce((s, d) => s + (overrides.get(`${t.id}|${d}`) ?? t.dailyTarget), 0)
      return { teamId: t.id, nama: t.nama, hari: dates.size, baik: mine?.baik ?? 0, rusak: mine?.rusak ?? 0, target }
    })
    .filter((t) => t.hari > 0)

  return {
    days: [...days.values()].sort((a, b) => a.tanggal.localeCompare(b.tanggal)),
    byReason,
    damageRate: totalProcessed > 0 ? byReason.reduce((s, r) => s + r.qty, 0) / totalProcessed : 0,
    teams: perTeam,
  }
}
