import type { ReadableDB, WritableDB } from './handles'

/** Workers (table worker); their team membership is in db/regu.ts. */

/** A worker as stored, with their team: the NIK is whole here and leaves the pekerja service only masked. */
export interface PekerjaRecord {
  id: number
  nama: string
  nik: string | null
  npwp: string | null
  bank: string
  noRekening: string
  telepon: string
  active: number
  teamId: number | null
  team: string | null
  isLeader: number | null
}

export function daftarPekerja(db: ReadableDB): PekerjaRecord[] {
  return db
    .prepare(
      `SELECT w.id, w.nama, w.nik, w.npwp, w.bank, w.no_rekening AS noRekening, w.telepon, w.active, t.id AS teamId, t.nama AS team, (t.leader_id = w.id) AS isLeader
       FROM pekerja w LEFT JOIN regu_anggota m ON m.worker_id = w.id LEFT JOIN regu t ON t.id = m.team_id
       ORDER BY t.nama_key IS NULL, t.nama_key, w.nama`,
    )
    .all() as PekerjaRecord[]
}

export function pekerjaById(db: ReadableDB, id: number): { id: number; nama: string } | undefined {
  return db.prepare('SELECT id, nama FROM pekerja WHERE id = ?').get(id) as { id: number; nama: string } | undefined
}

/** Another worker holding this NIK (exceptId null: any worker). */
export function pekerjaWithNik(
  db: ReadableDB,
  nik: string,
  exceptId: number | null,
): { id: number; nama: string } | undefined {
  return db.prepare('SELECT id, nama FROM pekerja WHERE nik = ? AND id IS NOT ?').get(nik, exceptId) as
    { id: number; nama: string } | undefined
}

/** The worker holding this NIK under another name. */
export function otherPekerjaWithNik(db: ReadableDB, nik: string, namaKey: string): { nama: string } | undefined {
  return db.prepare('SELECT nama FROM pekerja WHERE nik = ? AND nama_key <> ?').get(nik, namaKey) as
    { nama: string } | undefined
}

export function pekerjaIdByNik(db: ReadableDB, nik: string): number | undefined {
  return (db.prepare('SELECT id FROM pekerja WHERE nik = ?').get(nik) as { id: number } | undefined)?.id
}

export function pekerjaIdsByKey(db: ReadableDB, namaKey: string): number[] {
  return (db.prepare('SELECT id FROM pekerja WHERE nama_key = ?').all(namaKey) as { id: number }[]).map((r) => r.id)
}

/** Every worker but one (null: all of them) by name, and whether a NIK tells them apart. */
export function pekerjaNamesWithNik(db: ReadableDB, exceptId: number | null): { nama: string; hasNik: boolean }[] {
  return (
    db.prepare('SELECT nama, nik IS NOT NULL AS hasNik FROM pekerja WHERE id IS NOT ?').all(exceptId) as {
      nama: string
      hasNik: number
    }[]
  ).map((r) => ({ nama: r.nama, hasNik: r.hasNik === 1 }))
}

/** The NIK of one worker, or null. */
export function nikOf(db: ReadableDB, id: number): string | null {
  return (db.prepare('SELECT nik FROM pekerja WHERE id = ?').get(id) as { nik: string | null } | undefined)?.nik ?? null
}

/** The names of every worker but one (null: all of them). */
export function pekerjaNamesExcept(db: ReadableDB, exceptId: number | null): string[] {
  return db.prepare('SELECT nama FROM pekerja WHERE id IS NOT ?').pluck().all(exceptId) as string[]
}

export interface PembayaranPekerja {
  npwp: string | null
  bank: string
  noRekening: string
}

export function insertPekerja(
  db: WritableDB,
  w: {
    nama: string
    namaKey: string
    nik: string | null
    telepon: string
    createdAt: string
  } & Partial<PembayaranPekerja>,
): number {
  return Number(
    db
      .prepare(
        'INSERT INTO pekerja (nama, nama_key, nik, telepon, created_at, npwp, bank, no_rekening) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(w.nama, w.namaKey, w.nik, w.telepon, w.createdAt, w.npwp ?? null, w.bank ?? '', w.noRekening ?? '')
      .lastInsertRowid,
  )
}

/** The NPWP, bank and account of a worker: each given one replaces the stored one. */
export function setPembayaran(db: WritableDB, id: number, p: Partial<PembayaranPekerja>): void {
  if (p.npwp !== undefined) db.prepare('UPDATE pekerja SET npwp = ? WHERE id = ?').run(p.npwp, id)
  if (p.bank !== undefined) db.prepare('UPDATE pekerja SET bank = ? WHERE id = ?').run(p.bank, id)
  if (p.noRekening !== undefined) db.prepare('UPDATE pekerja SET no_rekening = ? WHERE id = ?').run(p.noRekening, id)
}

/** What the rekap upah prints beside a worker's name: NIK whole, NPWP, bank and account. */
export function pembayaranOf(db: ReadableDB, id: number): PembayaranPekerja & { nik: string | null } {
  return db
    .prepare('SELECT nik, npwp, bank, no_rekening AS noRekening FROM pekerja WHERE id = ?')
    .get(id) as PembayaranPekerja & { nik: string | null }
}

export function renamePekerja(db: WritableDB, id: number, nama: string, namaKey: string): void {
  db.prepare('UPDATE pekerja SET nama = ?, nama_key = ? WHERE id = ?').run(nama, namaKey, id)
}

export function setNik(db: WritableDB, id: number, nik: string | null): void {
  db.prepare('UPDATE pekerja SET nik = ? WHERE id = ?').run(nik, id)
}

export function setTelepon(db: WritableDB, id: number, telepon: string): void {
  db.prepare('UPDATE pekerja SET telepon = ? WHERE id = ?').run(telepon, id)
}

export function setPekerjaActive(db: WritableDB, id: number, active: boolean): void {
  db.prepare('UPDATE pekerja SET active = ? WHERE id = ?').run(active ? 1 : 0, id)
}

/** An imported row over an existing worker: a NIK or telephone left empty keeps the one on record. */
export function updateImportedPekerja(
  db: WritableDB,
  id: number,
  w: { nama: string; namaKey: string; nik: string | null; telepon: string },
): void {
  db.prepare(
    "UPDATE pekerja SET nama = ?, nama_key = ?, nik = coalesce(?, nik), telepon = CASE WHEN ? = '' THEN telepon ELSE ? END, active = 1 WHERE id = ?",
  ).run(w.nama, w.namaKey, w.nik, w.telepon, w.telepon, id)
}
