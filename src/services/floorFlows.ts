import type { FloorCategory } from '../core/shifts'
import type { ServiceContext } from './context'

/**
 * The floor's work as signed quantities per day, shift, team, worker, variant and category, from the
 * floor_flow aggregate the ledger's trigger maintains (migration 0003; verify checks it against the
 * ledger). A reversal (koreksi BATAL) counts against the category of the row it reverses, so every
 * tally, berita acara and pay recap built on this sees corrected numbers only. A re-classification
 * recorded outside a shift has shiftId 0 and the local date it was recorded.
 */
export interface FloorFlow {
  shiftId: number
  tanggal: string
  teamId: number | null
  workerId: number | null
  variantId: number
  category: FloorCategory
  reason: string | null
  qty: number
}

export interface FlowFilter {
  shiftId?: number
  from?: string
  to?: string
}

const prepare = (ctx: ServiceContext, where: string) =>
  ctx.db.prepare(
    `SELECT shift_id AS shiftId, tanggal, nullif(team_id, 0) AS teamId, nullif(worker_id, 0) AS workerId, variant_id AS variantId, category,
            nullif(reason, '') AS reason, qty
     FROM floor_flow WHERE ${where}`,
  )
/** One statement per shape of filter and connection: a shift page reads its flows on every save. */
const statements = new WeakMap<ServiceContext['db'], Map<string, ReturnType<typeof prepare>>>()

export function floorFlows(ctx: ServiceContext, filter: FlowFilter): FloorFlow[] {
  const where: string[] = ['qty <> 0']
  const params: Record<string, unknown> = {}
  if (filter.shiftId !== undefined) {
    where.push('shift_id = @shiftId')
    params.shiftId = filter.shiftId
  }
  if (filter.from !== undefined) {
    where.push('tanggal >= @from')
    params.from = filter.from
  }
  if (filter.to !== undefined) {
    where.push('tanggal <= @to')
    params.to = filter.to
  }
  const sql = where.join(' AND ')
  let byShape = statements.get(ctx.db)
  if (!byShape) statements.set(ctx.db, (byShape = new Map()))
  let stmt = byShape.get(sql)
  if (!stmt) byShape.set(sql, (stmt = prepare(ctx, sql)))
  // No team, worker or reason is stored as 0 or '' (the aggregate's key cannot hold NULL); they leave as null.
  return stmt.all(params) as FloorFlow[]
}

/** Sums flows by a key, dropping groups that net to zero. */
export function sumFlows<K extends string>(flows: readonly FloorFlow[], key: (f: FloorFlow) => K): Map<K, number> {
  const out = new Map<K, number>()
  for (const f of flows) out.set(key(f), (out.get(key(f)) ?? 0) + f.qty)
  for (const [k, v] of out) if (v === 0) out.delete(k)
  return out
}
