import type { Cakupan } from '../core/stasiun'
import type { ReadableDB, WritableDB } from './handles'

/** The SQL of LAN stations (migration 0007): stations, pairing codes, the listener's setting, idempotency keys. */

export interface StasiunRow {
  id: number
  nama: string
  cakupan: Cakupan
  izinkanHttp: boolean
  dipasang: boolean
  dibuatAt: string
  dipasangAt: string | null
  dicabutAt: string | null
}

interface RawStasiun {
  id: number
  nama: string
  cakupan: Cakupan
  izinkan_http: number
  kunci_hash: string | null
  dibuat_at: string
  dipasang_at: string | null
  dicabut_at: string | null
}

const COLUMNS = 'id, nama, cakupan, izinkan_http, kunci_hash, dibuat_at, dipasang_at, dicabut_at'

const toRow = (r: RawStasiun): StasiunRow => ({
  id: r.id,
  nama: r.nama,
  cakupan: r.cakupan,
  izinkanHttp: r.izinkan_http === 1,
  dipasang: r.kunci_hash !== null,
  dibuatAt: r.dibuat_at,
  dipasangAt: r.dipasang_at,
  dicabutAt: r.dicabut_at,
})

export function listStations(db: ReadableDB): StasiunRow[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM stasiun ORDER BY nama`).all() as RawStasiun[]).map(toRow)
}

export function getStation(db: ReadableDB, id: number): StasiunRow | null {
  const r = db.prepare(`SELECT ${COLUMNS} FROM stasiun WHERE id = ?`).get(id) as RawStasiun | undefined
  return r ? toRow(r) : null
}

export function stationNames(db: ReadableDB, exceptId: number | null): string[] {
  return db.prepare('SELECT nama FROM stasiun WHERE id IS NOT ?').pluck().all(exceptId) as string[]
}

/** The station whose credential hashes to this, if it is paired and not revoked. */
export function stationByKey(db: ReadableDB, id: number, keyHash: string): StasiunRow | null {
  const r = db
    .prepare(`SELECT ${COLUMNS} FROM stasiun WHERE id = ? AND kunci_hash = ? AND dicabut_at IS NULL`)
    .get(id, keyHash) as RawStasiun | undefined
  return r ? toRow(r) : null
}

export function insertStation(
  db: WritableDB,
  s: { nama: string; cakupan: Cakupan; izinkanHttp: boolean; at: string },
): number {
  return Number(
    db
      .prepare(
        'INSERT INTO stasiun (nama, cakupan, izinkan_http, dibuat_at) VALUES (@nama, @cakupan, @izinkanHttp, @at)',
      )
      .run({ ...s, izinkanHttp: s.izinkanHttp ? 1 : 0 }).lastInsertRowid,
  )
}

export function updateStation(
  db: WritableDB,
  id: number,
  s: { nama: string; cakupan: Cakupan; izinkanHttp: boolean },
): void {
  db.prepare('UPDATE stasiun SET nama = @nama, cakupan = @cakupan, izinkan_http = @izinkanHttp WHERE id = @id').run({
    ...s,
    izinkanHttp: s.izinkanHttp ? 1 : 0,
    id,
  })
}

/** Revoking forgets the credential: nothing a station holds opens anything again until it is paired anew. */
export function revokeStation(db: WritableDB, id: number, at: string): void {
  db.prepare('UPDATE stasiun SET kunci_hash = NULL, dicabut_at = ? WHERE id = ?').run(at, id)
  db.prepare('UPDATE stasiun_kode SET dipakai_at = ? WHERE stasiun_id = ? AND dipakai_at IS NULL').run(at, id)
}

export function insertPairingCode(
  db: WritableDB,
  c: { stasiunId: number; codeHash: string; at: string; expiresAt: string },
): void {
  db.prepare(
    'INSERT INTO stasiun_kode (stasiun_id, kode_hash, dibuat_at, kedaluwarsa_at) VALUES (@stasiunId, @codeHash, @at, @expiresAt)',
  ).run(c)
}

/** Earlier unused codes of a station stop working when a new one is made: one open code per station. */
export function retireOpenCodes(db: WritableDB, stasiunId: number, at: string): void {
  db.prepare('UPDATE stasiun_kode SET dipakai_at = ? WHERE stasiun_id = ? AND dipakai_at IS NULL').run(at, stasiunId)
}

export interface PairingCodeRow {
  id: number
  stasiunId: number
  expiresAt: string
  usedAt: string | null
}

export function pairingCodeByHash(db: ReadableDB, codeHash: string): PairingCodeRow | null {
  return (
    (db
      .prepare(
        'SELECT id, stasiun_id AS stasiunId, kedaluwarsa_at AS expiresAt, dipakai_at AS usedAt FROM stasiun_kode WHERE kode_hash = ?',
      )
      .get(codeHash) as PairingCodeRow | undefined) ?? null
  )
}

/** Uses the code and gives its station the new credential; the caller runs both in one transaction. */
export function pairStation(db: WritableDB, codeId: number, stasiunId: number, keyHash: string, at: string): void {
  db.prepare('UPDATE stasiun_kode SET dipakai_at = ? WHERE id = ?').run(at, codeId)
  db.prepare('UPDATE stasiun SET kunci_hash = ?, dipasang_at = ?, dicabut_at = NULL WHERE id = ?').run(
    keyHash,
    at,
    stasiunId,
  )
}

export interface HostSettingRow {
  aktif: boolean
  port: number
  alamat: string[]
  portHttp: number | null
}

export function hostSetting(db: ReadableDB): HostSettingRow | null {
  const r = db.prepare('SELECT aktif, port, alamat, port_http AS portHttp FROM stasiun_host WHERE id = 1').get() as
    { aktif: number; port: number; alamat: string; portHttp: number | null } | undefined
  return r
    ? { aktif: r.aktif === 1, port: r.port, alamat: JSON.parse(r.alamat) as string[], portHttp: r.portHttp }
    : null
}

export function saveHostSetting(db: WritableDB, s: HostSettingRow): void {
  db.prepare(
    `INSERT INTO stasiun_host (id, aktif, port, alamat, port_http) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET aktif = excluded.aktif, port = excluded.port, alamat = excluded.alamat, port_http = excluded.port_http`,
  ).run(s.aktif ? 1 : 0, s.port, JSON.stringify(s.alamat), s.portHttp)
}

// ---------------------------------------------------------------------------------------------------
// Idempotency keys.

export interface StoredAnswer {
  metode: string
  inputHash: string
  /** null: the write is recorded but its answer was not (see migration 0007). */
  jawaban: string | null
}

export function storedAnswer(db: ReadableDB, stasiunId: number, kunci: string): StoredAnswer | null {
  return (
    (db
      .prepare('SELECT metode, input_hash AS inputHash, jawaban FROM idempotensi WHERE stasiun_id = ? AND kunci = ?')
      .get(stasiunId, kunci) as StoredAnswer | undefined) ?? null
  )
}

/** Records the key (with its answer, or null until the answer is known); an answer fills in a claimed key. */
export function storeAnswer(db: WritableDB, a: StoredAnswer & { stasiunId: number; kunci: string; at: string }): void {
  db.prepare(
    `INSERT INTO idempotensi (stasiun_id, kunci, metode, input_hash, jawaban, at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (stasiun_id, kunci) DO UPDATE SET jawaban = excluded.jawaban`,
  ).run(a.stasiunId, a.kunci, a.metode, a.inputHash, a.jawaban, a.at)
}

/** Forgets answers older than `before` (ISO time); returns how many went. */
export function forgetAnswersBefore(db: WritableDB, before: string): number {
  return db.prepare('DELETE FROM idempotensi WHERE at < ?').run(before).changes
}

// ---------------------------------------------------------------------------------------------------
// What the witness check reads from the ledger.

/** The hash of the ledger row at seq, or null when there is no such row. */
export function ledgerHashAt(db: ReadableDB, seq: number): string | null {
  return (db.prepare('SELECT hash FROM ledger WHERE seq = ?').pluck().get(seq) as string | undefined) ?? null
}

/** Alarms recorded when a station's witness check failed (newest first). */
export function recentAlarms(db: ReadableDB, limit: number): { at: string; actor: string; detail: string }[] {
  return db
    .prepare(`SELECT at, actor, detail FROM audit WHERE action = 'stasiun.alarm' ORDER BY seq DESC LIMIT ?`)
    .all(limit) as { at: string; actor: string; detail: string }[]
}
