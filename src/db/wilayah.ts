import type { TpsRow } from '../api/contract/wilayah'
import type { ReadableDB, WritableDB } from './handles'

/**
 * Wilayah: kecamatan (PPK), desa/kelurahan (PPS) and TPS. Kecamatan and desa are matched by name key
 * (core/text.ts normalizeName), TPS by desa and number, so re-imports keep their ids.
 */

/** Counts of the whole satker, and the TPS with more voters than `maxVoters`. */
export function wilayahSummary(db: ReadableDB, maxVoters: number) {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM kecamatan) AS kecamatan, (SELECT count(*) FROM desa) AS desa,
              (SELECT count(*) FROM tps) AS tps, (SELECT coalesce(sum(dpt), 0) FROM tps) AS dpt,
              (SELECT count(*) FROM tps WHERE dpt > ?) AS tpsOverMax`,
    )
    .get(maxVoters) as { kecamatan: number; desa: number; tps: number; dpt: number; tpsOverMax: number }
}

/** Kecamatan with their desa, TPS and DPT, in the satker's order (kode, then name). */
export function kecamatanList(db: ReadableDB) {
  return db
    .prepare(
      `SELECT k.id, k.kode, k.nama,
              (SELECT count(*) FROM desa d WHERE d.kecamatan_id = k.id) AS desa,
              count(t.id) AS tps, coalesce(sum(t.dpt), 0) AS dpt
       FROM kecamatan k LEFT JOIN desa d ON d.kecamatan_id = k.id LEFT JOIN tps t ON t.desa_id = d.id
       GROUP BY k.id ORDER BY coalesce(k.kode, ''), k.nama_key`,
    )
    .all() as { id: number; kode: string | null; nama: string; desa: number; tps: number; dpt: number }[]
}

/** Desa/kelurahan (of one kecamatan, or all) with their TPS and DPT, summed in SQL. */
export function desaList(db: ReadableDB, kecamatanId: number | null) {
  return db
    .prepare(
      `SELECT d.id, d.kecamatan_id AS kecamatanId, d.kode, d.nama, count(t.id) AS tps, coalesce(sum(t.dpt), 0) AS dpt
       FROM desa d JOIN kecamatan k ON k.id = d.kecamatan_id LEFT JOIN tps t ON t.desa_id = d.id
       WHERE @kecamatanId IS NULL OR d.kecamatan_id = @kecamatanId
       GROUP BY d.id ORDER BY coalesce(k.kode, ''), k.nama_key, coalesce(d.kode, ''), d.nama_key`,
    )
    .all({ kecamatanId }) as {
    id: number
    kecamatanId: number
    kode: string | null
    nama: string
    tps: number
    dpt: number
  }[]
}

/** All TPS in the order the warehouse stacks them: kecamatan, desa, TPS number. */
export function tpsList(db: ReadableDB): TpsRow[] {
  return db
    .prepare(
      `SELECT t.id, k.id AS kecamatanId, k.nama AS kecamatan, d.id AS desaId, d.nama AS desa, d.kode AS kodeDesa, t.nomor, t.dpt
       FROM tps t JOIN desa d ON d.id = t.desa_id JOIN kecamatan k ON k.id = d.kecamatan_id
       ORDER BY coalesce(k.kode, ''), k.nama_key, coalesce(d.kode, ''), d.nama_key, t.nomor`,
    )
    .all() as TpsRow[]
}

/** Every desa with its kecamatan's name, in the satker's order. */
export function desaWithKecamatan(db: ReadableDB) {
  return db
    .prepare(
      `SELECT d.id, d.kecamatan_id AS kecamatanId, d.nama, k.nama AS kecamatan FROM desa d JOIN kecamatan k ON k.id = d.kecamatan_id
       ORDER BY coalesce(k.kode, ''), k.nama_key, coalesce(d.kode, ''), d.nama_key`,
    )
    .all() as { id: number; kecamatanId: number; nama: string; kecamatan: string }[]
}

/** Every kecamatan's id and name, in the satker's order. */
export function kecamatanNames(db: ReadableDB) {
  return db.prepare(`SELECT id, nama FROM kecamatan ORDER BY coalesce(kode, ''), nama_key`).all() as {
    id: number
    nama: string
  }[]
}

export function kecamatanNama(db: ReadableDB, id: number): string | undefined {
  return (db.prepare('SELECT nama FROM kecamatan WHERE id = ?').get(id) as { nama: string } | undefined)?.nama
}

/** Every kecamatan as a file may name it: name, name key and kode. */
export function kecamatanKeys(db: ReadableDB) {
  return db.prepare('SELECT id, nama, nama_key AS key, kode FROM kecamatan').all() as {
    id: number
    nama: string
    key: string
    kode: string | null
  }[]
}

/** A TPS as a place name states it: its number, desa and kecamatan. */
export function tpsPlace(db: ReadableDB, tpsId: number) {
  return db
    .prepare(
      `SELECT t.nomor, d.nama AS desa, k.nama AS kecamatan FROM tps t JOIN desa d ON d.id = t.desa_id JOIN kecamatan k ON k.id = d.kecamatan_id WHERE t.id = ?`,
    )
    .get(tpsId) as { nomor: number; desa: string; kecamatan: string } | undefined
}

// Writing an import (services/wilayah.ts impor), inside its transaction.

export function insertKecamatan(db: WritableDB, kode: string | null, nama: string, key: string): number {
  return Number(
    db.prepare('INSERT INTO kecamatan (kode, nama, nama_key) VALUES (?, ?, ?)').run(kode, nama, key).lastInsertRowid,
  )
}

/** Renames a kecamatan as the file writes it (name and name key); a kode the file leaves out is kept. */
export function updateKecamatan(db: WritableDB, id: number, kode: string | null, nama: string, key: string): void {
  db.prepare('UPDATE kecamatan SET kode = coalesce(?, kode), nama = ?, nama_key = ? WHERE id = ?').run(
    kode,
    nama,
    key,
    id,
  )
}

export function insertDesa(
  db: WritableDB,
  kecamatanId: number,
  kode: string | null,
  nama: string,
  key: string,
): number {
  return Number(
    db
      .prepare('INSERT INTO desa (kecamatan_id, kode, nama, nama_key) VALUES (?, ?, ?, ?)')
      .run(kecamatanId, kode, nama, key).lastInsertRowid,
  )
}

/** Renames a desa as the file writes it (name and name key); a kode the file leaves out is kept. */
export function updateDesa(db: WritableDB, id: number, kode: string | null, nama: string, key: string): void {
  db.prepare('UPDATE desa SET kode = coalesce(?, kode), nama = ?, nama_key = ? WHERE id = ?').run(kode, nama, key, id)
}

/**
 * Every TPS of a file in one statement, in file order (new TPS get their ids in it): 15,000 separate calls
 * cost more than the inserts themselves. Per row, its desa (an index into desaIds), number and DPT. A TPS
 * already there keeps its id and takes the new DPT. The rows go in as one JSON text that SQLite turns into
 * its binary form once (jsonb), so each row's three fields are read without parsing the row again (4 ms
 * less for 15,228 rows).
 */
export function upsertTps(
  db: WritableDB,
  tps: { desaIds: readonly number[]; desaOf: Int32Array; nomor: Int32Array; dpt: Int32Array },
): void {
  const rows: [number, number, number][] = new Array(tps.desaOf.length)
  for (let i = 0; i < rows.length; i++) rows[i] = [tps.desaIds[tps.desaOf[i]!]!, tps.nomor[i]!, tps.dpt[i]!]
  // WHERE true: an upsert after a SELECT needs one.
  db.prepare(
    `INSERT INTO tps (desa_id, nomor, dpt)
       SELECT value ->> 0, value ->> 1, value ->> 2 FROM jsonb_each(jsonb(?)) WHERE true ORDER BY key
       ON CONFLICT (desa_id, nomor) DO UPDATE SET dpt = excluded.dpt`,
  ).run(JSON.stringify(rows))
}

export function tpsCount(db: ReadableDB): number {
  return (db.prepare('SELECT count(*) AS n FROM tps').get() as { n: number }).n
}

export function tpsKeys(db: ReadableDB) {
  return db.prepare('SELECT id, desa_id AS desaId, nomor FROM tps').all() as {
    id: number
    desaId: number
    nomor: number
  }[]
}

/*
 * An import removes the places the new file no longer has, from the bottom up: a TPS, then a desa left with
 * no TPS, then a kecamatan left with no desa. Each level's row is held by one of the level above.
 */
const HELD_BY = { tps: 'desa_id', desa: 'kecamatan_id' } as const
type Level = 'tps' | 'desa' | 'kecamatan'

const idsOf = (db: ReadableDB, level: Exclude<Level, 'tps'>): number[] =>
  db.prepare(`SELECT id FROM ${level}`).pluck().all() as number[]
const holdsAny = (db: ReadableDB, below: keyof typeof HELD_BY, id: number): boolean =>
  db.prepare(`SELECT 1 FROM ${below} WHERE ${HELD_BY[below]} = ?`).get(id) !== undefined
const deleteAt = (db: WritableDB, level: Level, id: number): void => {
  db.prepare(`DELETE FROM ${level} WHERE id = ?`).run(id)
}

export const deleteTps = (db: WritableDB, id: number): void => deleteAt(db, 'tps', id)
export const desaIds = (db: ReadableDB): number[] => idsOf(db, 'desa')
export const desaHasTps = (db: ReadableDB, desaId: number): boolean => holdsAny(db, 'tps', desaId)
export const deleteDesa = (db: WritableDB, id: number): void => deleteAt(db, 'desa', id)
export const kecamatanIds = (db: ReadableDB): number[] => idsOf(db, 'kecamatan')
export const kecamatanHasDesa = (db: ReadableDB, kecamatanId: number): boolean => holdsAny(db, 'desa', kecamatanId)

/** Removes a kecamatan and its place in every ballot type's dapil. */
export function deleteKecamatan(db: WritableDB, id: number): void {
  db.prepare('DELETE FROM dapil_kecamatan WHERE kecamatan_id = ?').run(id)
  deleteAt(db, 'kecamatan', id)
}
