import type { ReadableDB } from './handles'

/**
 * Handover's queries: the handovers to each PPK (Panitia Pemilihan Kecamatan), the TPS that went in each,
 * the PPK's confirmations and returns, and what went out of each kit by the handovers' own ledger rows.
 */

/** Which TPS went out in which handover, with its exception, and whether the PPK confirmed that handover. */
export function handedOverTps(
  db: ReadableDB,
): { tpsId: number; handoverId: number; exception: string | null; confirmed: number }[] {
  return db
    .prepare(
      `SELECT x.tps_id AS tpsId, x.handover_id AS handoverId, x.exception, c.handover_id IS NOT NULL AS confirmed
       FROM handover_tps x LEFT JOIN handover_confirmation c ON c.handover_id = x.handover_id`,
    )
    .all() as { tpsId: number; handoverId: number; exception: string | null; confirmed: number }[]
}

/**
 * What went out of the kits in handovers (SERAH_TERIMA:<id> rows, reversals netted), per place the sheets
 * left and variant; for one kit's place, or for every place.
 */
export function handedOutByPlace(db: ReadableDB, place?: string): { place: string; v: number; qty: number }[] {
  return db
    .prepare(
      `SELECT CASE WHEN reason = 'BATAL' THEN to_place ELSE from_place END AS place, variant_id AS v,
              sum(CASE WHEN reason = 'BATAL' THEN -qty ELSE qty END) AS qty
       FROM ledger WHERE document_id LIKE 'SERAH_TERIMA:%' ${place === undefined ? '' : 'AND (from_place = @p OR to_place = @p)'}
       GROUP BY place, v`,
    )
    .all(place === undefined ? {} : { p: place }) as { place: string; v: number; qty: number }[]
}
