import type { FloorCategory } from '../core/shifts'
import type { ReadableDB } from './handles'

/** The sums the daily rekap is made of, each up to or on one date, from the ledger and its aggregates. */

/** Counted sheets of deliveries received up to that date, corrections included (same document id). */
export function deliveredUpTo(db: ReadableDB, tanggal: string): { variantId: number; today: number; qty: number }[] {
  return db
    .prepare(
      `SELECT l.variant_id AS variantId, substr(d.received_at, 1, 10) = @t AS today,
              sum(CASE WHEN l.to_place = 'DITERIMA' THEN l.qty WHEN l.from_place = 'DITERIMA' THEN -l.qty ELSE 0 END) AS qty
       FROM ledger l JOIN penerimaan d ON l.document_id = 'PENERIMAAN:' || d.id
       WHERE substr(d.received_at, 1, 10) <= @t GROUP BY l.variant_id, today`,
    )
    .all({ t: tanggal }) as { variantId: number; today: number; qty: number }[]
}

/** The floor's work per variant and category up to the end of the date. */
export function floorUpTo(
  db: ReadableDB,
  tanggal: string,
): { variantId: number; category: FloorCategory; qty: number }[] {
  return db
    .prepare(
      `SELECT variant_id AS variantId, category, sum(qty) AS qty FROM floor_flow WHERE tanggal <= ? GROUP BY variant_id, category`,
    )
    .all(tanggal) as { variantId: number; category: FloorCategory; qty: number }[]
}

/** Good and damaged sheets of the date, damage by reason; a reason is listed when the day has a row of it. */
export function resultsOn(
  db: ReadableDB,
  tanggal: string,
): { variantId: number; category: 'hasil' | 'rusak'; reason: string | null; qty: number }[] {
  return db
    .prepare(
      `SELECT variant_id AS variantId, category, nullif(reason, '') AS reason, sum(qty) AS qty FROM floor_flow
       WHERE tanggal = ? AND qty <> 0 AND category IN ('hasil', 'rusak') GROUP BY variant_id, category, reason`,
    )
    .all(tanggal) as { variantId: number; category: 'hasil' | 'rusak'; reason: string | null; qty: number }[]
}

/** The teams that worked on the date, with their ketua and the day's target. */
export function teamsOn(
  db: ReadableDB,
  tanggal: string,
): { id: number; nama: string; ketua: string; target: number }[] {
  return db
    .prepare(
      `SELECT DISTINCT t.id, t.nama, coalesce(w.nama, '') AS ketua, coalesce(tt.qty, t.daily_target) AS target
       FROM shift s JOIN shift_team x ON x.shift_id = s.id JOIN regu t ON t.id = x.team_id LEFT JOIN pekerja w ON w.id = t.leader_id
       LEFT JOIN regu_target tt ON tt.team_id = t.id AND tt.tanggal = s.tanggal WHERE s.tanggal = ? ORDER BY t.nama_key`,
    )
    .all(tanggal) as { id: number; nama: string; ketua: string; target: number }[]
}

/** How many workers of a team were present on the date, over all its shifts. */
export function presentOn(db: ReadableDB, tanggal: string, teamId: number): number {
  return (
    db
      .prepare(
        `SELECT count(DISTINCT x.worker_id) AS n FROM shift_worker x JOIN shift s ON s.id = x.shift_id WHERE s.tanggal = ? AND x.team_id = ?`,
      )
      .get(tanggal, teamId) as { n: number }
  ).n
}

/** A line of a delivery with its delivery's header, as the day's recap lists it. */
export interface DeliveryLineOn {
  id: number
  at: string
  penyedia: string
  sj: string
  bttb: string
  kind: string
  variantId: number
  stated: number
}

/** The lines of the deliveries received on the date, in the order they arrived. */
export function deliveryLinesOn(db: ReadableDB, tanggal: string): DeliveryLineOn[] {
  return db
    .prepare(
      `SELECT d.id, d.received_at AS at, d.penyedia, d.surat_jalan AS sj, d.bttb, d.kind, l.variant_id AS variantId, l.stated_qty AS stated FROM penerimaan d JOIN penerimaan_baris l ON l.delivery_id = d.id WHERE substr(d.received_at, 1, 10) = ? ORDER BY d.received_at, d.id, l.id`,
    )
    .all(tanggal) as DeliveryLineOn[]
}

/** Sheets a document's ledger rows brought into DITERIMA (less what they took out), for one variant. */
export function countedOf(db: ReadableDB, ref: string, variantId: number): number {
  return (
    db
      .prepare(
        `SELECT coalesce(sum(CASE WHEN to_place = 'DITERIMA' THEN qty WHEN from_place = 'DITERIMA' THEN -qty ELSE 0 END), 0) AS n FROM ledger WHERE document_id = ? AND variant_id = ?`,
      )
      .get(ref, variantId) as { n: number }
  ).n
}
