import type { ReadableDB } from './handles'

/** What the optimistic check of a tally grid reads from the ledger (services/tallyVersi.ts). */

/** The last ledger row of a shift (0 when none): the version a tally grid was loaded at. */
export function shiftVersion(db: ReadableDB, shiftId: number): number {
  return (db.prepare('SELECT max(seq) FROM ledger WHERE shift_id = ?').pluck().get(shiftId) as number | null) ?? 0
}

export interface LatestChange {
  seq: number
  at: string
  actor: string
}

/**
 * The newest row after `afterSeq` that moved this variant in or out of a team's hands in this shift; the
 * seq range comes first so only the rows written since the grid was loaded are read.
 */
export function latestTeamChange(
  db: ReadableDB,
  shiftId: number,
  variantId: number,
  place: string,
  afterSeq: number,
): LatestChange | null {
  return (
    (db
      .prepare(
        `SELECT seq, at, actor FROM ledger
         WHERE seq > ? AND shift_id = ? AND variant_id = ? AND (from_place = ? OR to_place = ?)
         ORDER BY seq DESC LIMIT 1`,
      )
      .get(afterSeq, shiftId, variantId, place, place) as LatestChange | undefined) ?? null
  )
}
