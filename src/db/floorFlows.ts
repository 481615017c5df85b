import type { FloorCategory } from '../core/shifts'
import type { ReadableDB, WritableDB } from './handles'
import { floorCategorisedSql } from './ledgerCategories'

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
  /** Only these teams (a tally save answers with the teams it saved). */
  teamIds?: readonly number[]
  from?: string
  to?: string
}

export function floorFlows(db: ReadableDB, filter: FlowFilter): FloorFlow[] {
  const where: string[] = ['qty <> 0']
  const params: Record<string, unknown> = {}
  if (filter.shiftId !== undefined) {
    where.push('shift_id = @shiftId')
    params.shiftId = filter.shiftId
  }
  if (filter.teamIds !== undefined) {
    // One statement text whatever the number of teams (the statement cache keeps it).
    where.push('team_id IN (SELECT value FROM json_each(@teamIds))')
    params.teamIds = JSON.stringify(filter.teamIds)
  }
  if (filter.from !== undefined) {
    where.push('tanggal >= @from')
    params.from = filter.from
  }
  if (filter.to !== undefined) {
    where.push('tanggal <= @to')
    params.to = filter.to
  }
  // No team, worker or reason is stored as 0 or '' (the aggregate's key cannot hold NULL); they leave as null.
  return db
    .prepare(
      `SELECT shift_id AS shiftId, tanggal, nullif(team_id, 0) AS teamId, nullif(worker_id, 0) AS workerId, variant_id AS variantId, category,
            nullif(reason, '') AS reason, qty
     FROM floor_flow WHERE ${where.join(' AND ')}`,
    )
    .all(params) as FloorFlow[]
}

/**
 * floor_flow recomputed from the ledger, in the satker's zone as the setting now says: after the zone
 * is changed in Pengaturan, the rows without a shift move to the day they fall on in the new zone (and
 * verification, which recomputes the same way, agrees).
 */
export function rebuildFloorFlow(db: WritableDB): void {
  db.exec(`DELETE FROM floor_flow;
INSERT INTO floor_flow (tanggal, shift_id, team_id, worker_id, variant_id, category, reason, qty)
SELECT tanggal, shift_id, team_id, worker_id, variant_id, category, reason, sum(qty) FROM (
  ${floorCategorisedSql('ledger l', '1')}
) WHERE category IS NOT NULL
GROUP BY tanggal, shift_id, team_id, worker_id, variant_id, category, reason;`)
}
