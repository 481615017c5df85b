import type { ReconRow } from '../api/contract/rekonsiliasi'
import { DAMAGE_REASONS } from '../core/reasons'
import { reconcile } from '../core/reconcile'
import * as db from '../db/rekonsiliasi'
import { openSelisihAsOf, placeFlowsAsOf, positionAsOf, type AsOf } from '../db/ledgerAsOf'
import { allTargetOverrides, allTeams } from '../db/regu'
import { sortirShiftIds } from '../db/shift'
import type { ReadContext, ServiceContext } from './context'
import * as kebutuhan from './kebutuhan'
import { openSelisih } from './penerimaan'
import { untilChanged } from './untilChanged'
import { listVariants, usablePlace } from './variants'

/**
 * Where every sheet is, per item variant, against what is needed (the dashboard and the documents
 * read the same figures). Now: from the ledger's balance table, which verify checks against the ledger
 * itself. As of a cut (a dated paper): from the ledger rows inside the cut (db/ledgerAsOf.ts), so a
 * paper issued after later movements states what was true on its date, the open kurang/lebih of the
 * deliveries included. Needs are master data, not ledger, and are today's.
 *
 * Now is kept until the file changes (services/untilChanged.ts): it reads the balances and flows the
 * ledger moves, the deliveries' stated counts, the items, variants and needs, none of which change
 * without a write. A paper's cut is computed each time.
 */
export function lihat(ctx: ServiceContext, asOf?: AsOf): ReconRow[] {
  return asOf ? compute(ctx, asOf) : untilChanged(ctx, 'rekonsiliasi.lihat', () => compute(ctx))
}

function compute(ctx: ServiceContext, asOf?: AsOf): ReconRow[] {
  const variants = listVariants(ctx).filter((v) => v.active)
  const ballotNeeds = new Map(kebutuhan.daftarDapil(ctx).map((r) => [r.variantId, r.total]))
  const satker = kebutuhan.lihatRekap(ctx, 'satker').rows[0]?.qty ?? {}
  const balances = new Map<number, Map<string, number>>()
  for (const b of asOf ? positionAsOf(ctx.db, asOf) : db.nonZeroBalances(ctx.db)) {
    let m = balances.get(b.v)
    if (!m) balances.set(b.v, (m = new Map()))
    m.set(b.place, b.qty)
  }
  const flows = asOf ? receivedAndReturnedAsOf(ctx, asOf) : db.receivedAndReturned(ctx.db)
  const flowOf = new Map(flows.map((f) => [f.v, f]))
  const selisih = new Map<number, number>()
  if (asOf) for (const s of openSelisihAsOf(ctx.db, asOf)) selisih.set(s.v, s.selisih)
  else for (const s of openSelisih(ctx)) selisih.set(s.variantId, (selisih.get(s.variantId) ?? 0) + s.selisih)

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

/** receivedAndReturned's sums (from place_flow) over the ledger rows inside the cut. */
function receivedAndReturnedAsOf(ctx: ServiceContext, asOf: AsOf): { v: number; diterima: number; retur: number }[] {
  const out = new Map<number, { v: number; diterima: number; retur: number }>()
  for (const f of placeFlowsAsOf(ctx.db, asOf)) {
    const r = out.get(f.v) ?? { v: f.v, diterima: 0, retur: 0 }
    if (f.fromKind === 'PENYEDIA' && f.toKind === 'DITERIMA') r.diterima += f.qty
    if (f.fromKind === 'DITERIMA' && f.toKind === 'PENYEDIA') r.diterima -= f.qty
    if (f.fromKind === 'TERTUKAR' && f.toKind === 'PENYEDIA' && f.reason !== 'BATAL') r.retur += f.qty
    if (f.fromKind === 'PENYEDIA' && f.toKind === 'TERTUKAR' && f.reason === 'BATAL') r.retur -= f.qty
    out.set(f.v, r)
  }
  return [...out.values()]
}

/**
 * The floor's progress for the charts: sheets processed per day against the teams' targets, damage
 * by reason, and each team's output. Only sortir-lipat counts towards sheets; rakit is in units.
 *
 * Summed by SQL from the floor_flow aggregate in its own key order (day, shift, team first), so a whole
 * campaign is two passes over the aggregate instead of every flow row loaded and filtered per team.
 * Only rows with a non-zero quantity count, as in floorFlows: a day or a team shows up when it has one.
 * Kept until the file changes (services/untilChanged.ts), per date range: the floor's rows, the shifts'
 * teams and the teams' targets are all written, never derived from the clock.
 */
export function lihatKemajuan(ctx: ReadContext, filter: { from?: string | undefined; to?: string | undefined }) {
  return untilChanged(ctx, `rekonsiliasi.lihatKemajuan ${filter.from ?? ''}..${filter.to ?? ''}`, () =>
    computeKemajuan(ctx, filter),
  )
}

function computeKemajuan(ctx: ReadContext, filter: { from?: string | undefined; to?: string | undefined }) {
  const sortirShifts = new Set(sortirShiftIds(ctx.db))
  // Per day, shift and team: the good and damaged sheets (NULL when the group has no row of that category).
  const groups = db.workPerDayShiftTeam(ctx.db, filter).filter((g) => sortirShifts.has(g.shiftId))
  // Damage per reason, per day and shift (again in the aggregate's key order).
  const reasonSums = db.damagePerDayShift(ctx.db, filter).filter((g) => sortirShifts.has(g.shiftId))

  // Targets of the teams that worked each day (a day's override, or the team's daily target).
  const planned = db.plannedPerDay(ctx.db, filter)
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

  const overrides = new Map(allTargetOverrides(ctx.db).map((o) => [`${o.teamId}|${o.tanggal}`, o.qty]))
  const byTeam = new Map<number, { dates: Set<string>; baik: number; rusak: number }>()
  for (const g of groups) {
    let t = byTeam.get(g.teamId)
    if (!t) byTeam.set(g.teamId, (t = { dates: new Set(), baik: 0, rusak: 0 }))
    t.dates.add(g.tanggal)
    t.baik += g.hasil ?? 0
    t.rusak += g.rusak ?? 0
  }
  const teams = allTeams(ctx.db)
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
