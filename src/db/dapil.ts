import type { DokumenNomor } from './dokumen'
import type { ReadableDB, WritableDB } from './handles'

/** Dapil (electoral districts) per ballot type, and which dapil each kecamatan votes in for each ballot type. */

/**
 * Every dapil, by ballot type and name (the row of kecamatan not yet mapped, `placeholder`, last); in use
 * once the ledger holds a balance of its variant. `psu` is its PSU reserve (its own `psuReserve`, else
 * its ballot type's; none for the placeholder).
 */
export function dapilList(db: ReadableDB): {
  id: number
  itemId: number
  name: string
  inUse: boolean
  placeholder: boolean
  psu: number
  psuReserve: number | null
}[] {
  return (
    db
      .prepare(
        `SELECT d.id, d.item_id AS itemId, d.name, d.placeholder, d.psu_reserve AS psuReserve,
              CASE WHEN d.placeholder = 1 THEN 0 ELSE coalesce(d.psu_reserve, i.psu_per_dapil) END AS psu,
              EXISTS (SELECT 1 FROM barang_varian v JOIN balance b ON b.variant_id = v.id WHERE v.dapil_id = d.id) AS inUse
       FROM dapil d JOIN barang i ON i.id = d.item_id ORDER BY d.item_id, d.placeholder, d.name_key`,
      )
      .all() as {
      id: number
      itemId: number
      name: string
      inUse: number
      placeholder: number
      psu: number
      psuReserve: number | null
    }[]
  ).map((d) => ({ ...d, inUse: d.inUse === 1, placeholder: d.placeholder === 1 }))
}

/** A dapil's own PSU reserve; null makes it follow its ballot type's again. */
export function setDapilPsu(db: WritableDB, dapilId: number, psu: number | null): void {
  db.prepare('UPDATE dapil SET psu_reserve = ? WHERE id = ?').run(psu, dapilId)
}

/** A dapil by id, with its ballot type. */
export function dapilById(
  db: ReadableDB,
  dapilId: number,
): { id: number; itemId: number; name: string; placeholder: boolean } | undefined {
  const r = db.prepare('SELECT id, item_id AS itemId, name, placeholder FROM dapil WHERE id = ?').get(dapilId) as
    { id: number; itemId: number; name: string; placeholder: number } | undefined
  return r && { ...r, placeholder: r.placeholder === 1 }
}

/** Every kecamatan of every dapil, by kecamatan id. */
export function dapilMembers(db: ReadableDB): { dapilId: number; kecamatanId: number }[] {
  return db
    .prepare('SELECT dapil_id AS dapilId, kecamatan_id AS kecamatanId FROM dapil_kecamatan ORDER BY kecamatan_id')
    .all() as { dapilId: number; kecamatanId: number }[]
}

/** The kecamatan that have no dapil (not even the placeholder) for a ballot type. */
export function kecamatanWithoutDapil(db: ReadableDB, itemId: number): number[] {
  return db
    .prepare(
      `SELECT k.id FROM kecamatan k
       WHERE NOT EXISTS (SELECT 1 FROM dapil_kecamatan x WHERE x.item_id = ? AND x.kecamatan_id = k.id) ORDER BY k.id`,
    )
    .pluck()
    .all(itemId) as number[]
}

/** The dapil a single-dapil ballot type's new kecamatan join: its first real dapil. */
export function firstDapil(db: ReadableDB, itemId: number): number | undefined {
  return (
    (
      db.prepare('SELECT min(id) AS id FROM dapil WHERE item_id = ? AND placeholder = 0').get(itemId) as {
        id: number | null
      }
    ).id ?? undefined
  )
}

/** The row that holds a ballot type's kecamatan not yet mapped, if it has one. */
export function placeholderDapil(db: ReadableDB, itemId: number): number | undefined {
  return (
    db.prepare('SELECT id FROM dapil WHERE item_id = ? AND placeholder = 1').get(itemId) as { id: number } | undefined
  )?.id
}

/** The dapil of a ballot type with this name key (core/text.ts normalizeName), if any. */
export function dapilIdByKey(db: ReadableDB, itemId: number, nameKey: string): number | undefined {
  return (
    db.prepare('SELECT id FROM dapil WHERE item_id = ? AND name_key = ? AND placeholder = 0').get(itemId, nameKey) as
      { id: number } | undefined
  )?.id
}

/**
 * A dapil of a ballot type; returns its id. `nameKey` is the name as compared (core/text.ts normalizeName).
 * `placeholder` makes the one row holding the kecamatan not yet mapped (named core/presets BELUM_DIPETAKAN).
 */
export function insertDapil(
  db: WritableDB,
  itemId: number,
  name: string,
  nameKey: string,
  placeholder = false,
): number {
  return Number(
    db
      .prepare('INSERT INTO dapil (item_id, name, name_key, placeholder) VALUES (?, ?, ?, ?)')
      .run(itemId, name, nameKey, placeholder ? 1 : 0).lastInsertRowid,
  )
}

/** Sets the dapil a kecamatan votes in for a ballot type. */
export function setKecamatanDapil(db: WritableDB, itemId: number, kecamatanId: number, dapilId: number): void {
  db.prepare(
    `INSERT INTO dapil_kecamatan (item_id, kecamatan_id, dapil_id) VALUES (?, ?, ?)
     ON CONFLICT (item_id, kecamatan_id) DO UPDATE SET dapil_id = excluded.dapil_id`,
  ).run(itemId, kecamatanId, dapilId)
}

/** Dapil of a ballot type without kecamatan whose variant the ledger never counted. */
export function emptyUnusedDapil(db: ReadableDB, itemId: number): number[] {
  return (
    db
      .prepare(
        `SELECT d.id FROM dapil d WHERE d.item_id = ?
       AND NOT EXISTS (SELECT 1 FROM dapil_kecamatan x WHERE x.dapil_id = d.id)
       AND NOT EXISTS (SELECT 1 FROM barang_varian v JOIN ledger l ON l.variant_id = v.id WHERE v.dapil_id = d.id)`,
      )
      .all(itemId) as { id: number }[]
  ).map((d) => d.id)
}

/** Removes a dapil and its variant. */
export function deleteDapil(db: WritableDB, dapilId: number): void {
  db.prepare('DELETE FROM barang_varian WHERE dapil_id = ?').run(dapilId)
  db.prepare('DELETE FROM dapil WHERE id = ?').run(dapilId)
}

/** The names of a ballot type's dapil (the placeholder is none). */
export function dapilNamesOf(db: ReadableDB, itemId: number): string[] {
  return db.prepare('SELECT name FROM dapil WHERE item_id = ? AND placeholder = 0').pluck().all(itemId) as string[]
}

export function dapilName(db: ReadableDB, dapilId: number): string {
  return (db.prepare('SELECT name FROM dapil WHERE id = ?').get(dapilId) as { name: string }).name
}

/** The dapil of each kecamatan for a ballot type, by kecamatan id. */
export function kecamatanDapil(db: ReadableDB, itemId: number): Map<number, number> {
  return new Map(
    (
      db.prepare('SELECT kecamatan_id AS k, dapil_id AS d FROM dapil_kecamatan WHERE item_id = ?').all(itemId) as {
        k: number
        d: number
      }[]
    ).map((r) => [r.k, r.d]),
  )
}

/** How many kits of a kecamatan packed for its TPS (not yet handed over) hold sheets of a ballot type. */
export function packedKitsHoldingBallot(db: ReadableDB, itemId: number, kecamatanId: number): number {
  return (
    db
      .prepare(
        `SELECT count(DISTINCT b.place) AS n FROM balance b JOIN barang_varian v ON v.id = b.variant_id
     WHERE v.item_id = ? AND b.qty > 0
       AND b.place IN (SELECT 'DIKEMAS:' || t.id FROM tps t JOIN desa d ON d.id = t.desa_id WHERE d.kecamatan_id = ?)`,
      )
      .get(itemId, kecamatanId) as { n: number }
  ).n
}

/**
 * The handovers whose sheets of a ballot type a PPK still holds at `dikirim` (core/places dikirimPlace,
 * built from the integer id: never concatenated here), with their BA numbers, oldest first. Empty once a
 * pengembalian brought those sheets back.
 */
export function handoversHoldingBallot(
  db: ReadableDB,
  itemId: number,
  kecamatanId: number,
  dikirim: string,
): (DokumenNomor & { tanggal: string })[] {
  return db
    .prepare(
      `SELECT h.id, d.nomor, h.tanggal FROM serah_terima h
       LEFT JOIN dokumen d ON d.doc_type = 'BA_SERAH_TERIMA' AND d.ref = 'SERAH_TERIMA:' || h.id
       WHERE h.kecamatan_id = @kec
         AND EXISTS (SELECT 1 FROM balance b JOIN barang_varian v ON v.id = b.variant_id
                     WHERE b.place = @dikirim AND b.qty > 0 AND v.item_id = @item)
         AND EXISTS (SELECT 1 FROM ledger l JOIN barang_varian v ON v.id = l.variant_id
                     WHERE l.document_id = 'SERAH_TERIMA:' || h.id AND v.item_id = @item)
       ORDER BY h.id`,
    )
    .all({ item: itemId, kec: kecamatanId, dikirim }) as (DokumenNomor & { tanggal: string })[]
}

/** The ballot variant the TPS of each kecamatan receive, per ballot type. */
export function kecamatanBallotVariants(db: ReadableDB): { itemId: number; kecamatanId: number; variantId: number }[] {
  return db
    .prepare(
      `SELECT x.item_id AS itemId, x.kecamatan_id AS kecamatanId, v.id AS variantId
       FROM dapil_kecamatan x JOIN barang_varian v ON v.item_id = x.item_id AND v.dapil_id = x.dapil_id`,
    )
    .all() as { itemId: number; kecamatanId: number; variantId: number }[]
}
