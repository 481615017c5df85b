import { floorCategory, teamOfPlace, type FloorCategory } from '../core/shifts'
import type { ServiceContext } from './context'

/**
 * The floor's work as signed quantities per shift, team, worker, variant and category, read straight
 * from the ledger. A reversal (koreksi BATAL) counts against the category of the row it reverses, so
 * every tally, berita acara and pay recap built on this sees corrected numbers only.
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

export function floorFlows(ctx: ServiceContext, filter: FlowFilter): FloorFlow[] {
  const where: string[] = ['l.shift_id IS NOT NULL']
  const params: unknown[] = []
  if (filter.shiftId !== undefined) {
    where.push('l.shift_id = ?')
    params.push(filter.shiftId)
  }
  if (filter.from !== undefined) {
    where.push('s.tanggal >= ?')
    params.push(filter.from)
  }
  if (filter.to !== undefined) {
    where.push('s.tanggal <= ?')
    params.push(filter.to)
  }
  const rows = ctx.db
    .prepare(
      `SELECT l.shift_id AS shiftId, s.tanggal, l.variant_id AS variantId, l.worker_id AS workerId,
              CASE WHEN l.reason = 'BATAL' THEN -l.qty ELSE l.qty END AS qty,
              coalesce(o.from_place, l.from_place) AS f, coalesce(o.to_place, l.to_place) AS t
       FROM ledger l JOIN shift s ON s.id = l.shift_id
       LEFT JOIN ledger o ON l.reason = 'BATAL' AND o.seq = l.corrects_seq
       WHERE ${where.join(' AND ')}`,
    )
    .all(...params) as { shiftId: number; tanggal: string; variantId: number; workerId: number | null; qty: number; f: string; t: string }[]
  const out: FloorFlow[] = []
  for (const r of rows) {
    const c = floorCategory(r.f, r.t)
    if (!c) continue
    const teamPlace = r.f.startsWith('PROSES:') ? r.f : r.t
    out.push({ shiftId: r.shiftId, tanggal: r.tanggal, teamId: teamOfPlace(teamPlace), workerId: r.workerId, variantId: r.variantId, category: c.category, reason: c.reason, qty: r.qty })
  }
  return out
}

/** Sums flows by a key, dropping groups that net to zero. */
export function sumFlows<K extends string>(flows: readonly FloorFlow[], key: (f: FloorFlow) => K): Map<K, number> {
  const out = new Map<K, number>()
  for (const f of flows) out.set(key(f), (out.get(key(f)) ?? 0) + f.qty)
  for (const [k, v] of out) if (v === 0) out.delete(k)
  return out
}
