import type { ReadableDB, WritableDB } from './handles'

/**
 * Packing's queries: what each TPS kit holds (the DIKEMAS:<tps> balances), the seal number on each of its
 * kotak, and the two master-data reads the label sheet needs (its grid setting, the items' colour names).
 */

export interface PlacedQty {
  place: string
  v: number
  qty: number
}

/** Every DIKEMAS:<tps> balance that is not zero. */
export function packedBalances(db: ReadableDB): PlacedQty[] {
  return db
    .prepare(`SELECT place, variant_id AS v, qty FROM balance WHERE place LIKE 'DIKEMAS:%' AND qty <> 0`)
    .all() as PlacedQty[]
}

/** The balances of one place that are not zero (one kit's DIKEMAS:<tps>). */
export function balancesAt(db: ReadableDB, place: string): PlacedQty[] {
  return db
    .prepare('SELECT place, variant_id AS v, qty FROM balance WHERE place = ? AND qty <> 0')
    .all(place) as PlacedQty[]
}

/** The seal number on each kotak of one TPS kit, by kotak number. */
export function segelOf(db: ReadableDB, tpsId: number): { no: number; nomor: string }[] {
  return db.prepare('SELECT kotak_no AS no, nomor FROM segel WHERE tps_id = ?').all(tpsId) as {
    no: number
    nomor: string
  }[]
}

/** The seal numbers of one TPS kit, in kotak order (as a BA lists them). */
export function segelNomorOf(db: ReadableDB, tpsId: number): string[] {
  return (
    db.prepare('SELECT nomor FROM segel WHERE tps_id = ? ORDER BY kotak_no').all(tpsId) as { nomor: string }[]
  ).map((x) => x.nomor)
}

/** The kotak that already carries this seal number, other than the given one. */
export function segelElsewhere(
  db: ReadableDB,
  nomor: string,
  tpsId: number,
  kotakNo: number,
): { tpsId: number; no: number } | undefined {
  return db
    .prepare('SELECT tps_id AS tpsId, kotak_no AS no FROM segel WHERE nomor = ? AND NOT (tps_id = ? AND kotak_no = ?)')
    .get(nomor, tpsId, kotakNo) as { tpsId: number; no: number } | undefined
}

export function upsertSegel(
  db: WritableDB,
  row: { tpsId: number; kotakNo: number; nomor: string; at: string; actor: string },
): void {
  db.prepare(
    `INSERT INTO segel (tps_id, kotak_no, nomor, at, actor) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (tps_id, kotak_no) DO UPDATE SET nomor = excluded.nomor, at = excluded.at, actor = excluded.actor`,
  ).run(row.tpsId, row.kotakNo, row.nomor, row.at, row.actor)
}

/** Each item's colour name (a label names the colour of its ballot). Reads table item (barang). */
export function itemColors(db: ReadableDB): Map<number, string | null> {
  return new Map(
    (db.prepare('SELECT id, color FROM barang').all() as { id: number; color: string | null }[]).map((r) => [
      r.id,
      r.color,
    ]),
  )
}

/** A value of the key/value settings (table setting, pemilihan's), or undefined. */
export function settingValue(db: ReadableDB, key: string): string | undefined {
  return (db.prepare('SELECT value FROM pengaturan WHERE key = ?').get(key) as { value: string } | undefined)?.value
}

export function setSetting(db: WritableDB, key: string, value: string): void {
  db.prepare(
    'INSERT INTO pengaturan (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value)
}

/**
 * What was packed into each kit, per TPS and variant, whether or not it has since gone to the PPK: rows
 * into DIKEMAS:<tps> less rows taken back out, leaving aside the handover (DIKEMAS -> DIKIRIM) and its
 * reversal. The daftar isi lists this, not what the kit needed.
 */
export function packedPerKit(db: ReadableDB): { tpsId: number; v: number; qty: number }[] {
  return db
    .prepare(
      `SELECT CAST(substr(p, 9) AS INTEGER) AS tpsId, v, sum(q) AS qty FROM (
         SELECT to_place AS p, variant_id AS v, qty AS q FROM ledger
          WHERE to_place LIKE 'DIKEMAS:%' AND from_place NOT LIKE 'DIKIRIM:%'
         UNION ALL
         SELECT from_place, variant_id, -qty FROM ledger
          WHERE from_place LIKE 'DIKEMAS:%' AND to_place NOT LIKE 'DIKIRIM:%'
       ) GROUP BY p, v HAVING sum(q) <> 0`,
    )
    .all() as { tpsId: number; v: number; qty: number }[]
}

/** Kits a re-import changed under their packing (migration 0008), with the variants to re-check, by TPS. */
export function kitChecks(db: ReadableDB, tpsId?: number): Map<number, Set<number>> {
  const rows = db
    .prepare(
      `SELECT tps_id AS tpsId, variant_ids AS v FROM kit_periksa ${tpsId === undefined ? '' : 'WHERE tps_id = ?'}`,
    )
    .all(...(tpsId === undefined ? [] : [tpsId])) as { tpsId: number; v: string }[]
  return new Map(rows.map((r) => [r.tpsId, new Set(JSON.parse(r.v) as number[])]))
}

/** Records (or replaces) a kit to re-check, in the transaction of the change that caused it. */
export function upsertKitCheck(
  db: WritableDB,
  row: { tpsId: number; at: string; actor: string; reason: string; variantIds: readonly number[] },
): void {
  db.prepare(
    `INSERT INTO kit_periksa (tps_id, at, actor, reason, variant_ids) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (tps_id) DO UPDATE SET at = excluded.at, actor = excluded.actor, reason = excluded.reason,
       variant_ids = excluded.variant_ids`,
  ).run(row.tpsId, row.at, row.actor, row.reason, JSON.stringify(row.variantIds))
}
