import type { ShiftDetail, ShiftInput, ShiftSummary } from '../api/contract/shift'
import type { ReadableDB, WritableDB } from './handles'

/** Shifts, their attendance, their variants and their events: tables shift, shift_team, shift_worker, shift_variant, shift_event. */

export type ShiftRecord = Pick<
  ShiftDetail,
  | 'id'
  | 'kind'
  | 'tanggal'
  | 'mulai'
  | 'selesai'
  | 'lokasi'
  | 'pengawas'
  | 'note'
  | 'status'
  | 'createdAt'
  | 'createdBy'
>

interface ShiftRow extends Omit<ShiftRecord, 'createdAt' | 'createdBy'> {
  created_at: string
  created_by: string
}

const toRecord = <T extends ShiftRow>({ created_at, created_by, ...r }: T) => ({
  ...r,
  createdAt: created_at,
  createdBy: created_by,
})

export function shiftById(db: ReadableDB, id: number): ShiftRecord | undefined {
  const s = db.prepare('SELECT * FROM shift WHERE id = ?').get(id) as ShiftRow | undefined
  return s && toRecord(s)
}

/** Shifts in a date range, newest first, with how many teams and workers were present and what is still in process. */
export function daftarShift(
  db: ReadableDB,
  filter: { from?: string | undefined; to?: string | undefined },
): (ShiftRecord & Pick<ShiftSummary, 'teams' | 'workers' | 'inProcess'>)[] {
  const where: string[] = []
  const params: string[] = []
  if (filter.from) {
    where.push('s.tanggal >= ?')
    params.push(filter.from)
  }
  if (filter.to) {
    where.push('s.tanggal <= ?')
    params.push(filter.to)
  }
  const rows = db
    .prepare(
      `SELECT s.*, (SELECT count(*) FROM shift_team x WHERE x.shift_id = s.id) AS teams,
              (SELECT count(*) FROM shift_worker x WHERE x.shift_id = s.id) AS workers,
              (SELECT coalesce(sum(b.qty), 0) FROM balance b WHERE b.place LIKE 'PROSES:' || s.id || ':%') AS inProcess
       FROM shift s ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY s.tanggal DESC, s.mulai DESC, s.id DESC`,
    )
    .all(...params) as (ShiftRow & { teams: number; workers: number; inProcess: number })[]
  return rows.map(toRecord)
}

export function sortirShiftIds(db: ReadableDB): number[] {
  return (db.prepare(`SELECT id FROM shift WHERE kind = 'sortir_lipat'`).all() as { id: number }[]).map((s) => s.id)
}

export function insertShift(
  db: WritableDB,
  s: Omit<ShiftInput, 'variantIds' | 'teams'> & { at: string; actor: string },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO shift (kind, tanggal, mulai, selesai, lokasi, pengawas, note, status, created_at, created_by)
           VALUES (@kind, @tanggal, @mulai, @selesai, @lokasi, @pengawas, @note, 'open', @at, @actor)`,
      )
      // Named parameters: the columns above are read from `s` by name; its other fields are not bound.
      .run(s).lastInsertRowid,
  )
}

export function setShiftStatus(db: WritableDB, id: number, status: 'open' | 'closed'): void {
  db.prepare('UPDATE shift SET status = ? WHERE id = ?').run(status, id)
}

export function insertShiftEvent(
  db: WritableDB,
  e: { shiftId: number; at: string; actor: string; event: 'buka' | 'tutup' | 'buka_kembali'; note: string },
): void {
  db.prepare('INSERT INTO shift_event (shift_id, at, actor, event, note) VALUES (?, ?, ?, ?, ?)').run(
    e.shiftId,
    e.at,
    e.actor,
    e.event,
    e.note,
  )
}

export function shiftEvents(db: ReadableDB, shiftId: number): ShiftDetail['events'] {
  return db
    .prepare('SELECT at, actor, event, note FROM shift_event WHERE shift_id = ? ORDER BY id')
    .all(shiftId) as ShiftDetail['events']
}

/** The variants a shift works on, in no particular order (a tally save asks on every save: no sort). */
export function shiftVariantIds(db: ReadableDB, shiftId: number): number[] {
  return (
    db.prepare('SELECT variant_id AS v FROM shift_variant WHERE shift_id = ?').all(shiftId) as { v: number }[]
  ).map((r) => r.v)
}

export function replaceShiftVariants(db: WritableDB, shiftId: number, variantIds: Iterable<number>): void {
  db.prepare('DELETE FROM shift_variant WHERE shift_id = ?').run(shiftId)
  addShiftVariants(db, shiftId, variantIds)
}

export function addShiftVariants(db: WritableDB, shiftId: number, variantIds: Iterable<number>): void {
  for (const v of variantIds)
    db.prepare('INSERT INTO shift_variant (shift_id, variant_id) VALUES (?, ?)').run(shiftId, v)
}

/** Who is present: the teams, and each team's workers. Replaces what was recorded before. */
export function replaceAttendance(
  db: WritableDB,
  shiftId: number,
  teams: readonly { teamId: number; workerIds: readonly number[] }[],
): void {
  db.prepare('DELETE FROM shift_worker WHERE shift_id = ?').run(shiftId)
  db.prepare('DELETE FROM shift_team WHERE shift_id = ?').run(shiftId)
  for (const t of teams) {
    db.prepare('INSERT INTO shift_team (shift_id, team_id) VALUES (?, ?)').run(shiftId, t.teamId)
    for (const w of t.workerIds)
      db.prepare('INSERT INTO shift_worker (shift_id, worker_id, team_id) VALUES (?, ?, ?)').run(shiftId, w, t.teamId)
  }
}

/** The names of the teams working in a shift, by team id (a tally save asks on every save: no sort). */
export function shiftTeamNames(db: ReadableDB, shiftId: number): Map<number, string> {
  const rows = db
    .prepare('SELECT t.id, t.nama FROM shift_team x JOIN regu t ON t.id = x.team_id WHERE x.shift_id = ?')
    .all(shiftId) as { id: number; nama: string }[]
  return new Map(rows.map((t) => [t.id, t.nama]))
}

/** The teams working in a shift, by name. */
export function shiftTeams(db: ReadableDB, shiftId: number): { id: number; nama: string }[] {
  return db
    .prepare(
      `SELECT t.id, t.nama FROM shift_team x JOIN regu t ON t.id = x.team_id WHERE x.shift_id = ? ORDER BY t.nama_key`,
    )
    .all(shiftId) as { id: number; nama: string }[]
}

/** The workers present in a shift, by name, with the team they work in. */
export function shiftWorkers(db: ReadableDB, shiftId: number): { id: number; nama: string; teamId: number }[] {
  return db
    .prepare(
      `SELECT w.id, w.nama, x.team_id AS teamId FROM shift_worker x JOIN pekerja w ON w.id = x.worker_id WHERE x.shift_id = ? ORDER BY w.nama`,
    )
    .all(shiftId) as { id: number; nama: string; teamId: number }[]
}

/** The team a worker is recorded present in, in a shift. */
export function presentIn(db: ReadableDB, shiftId: number, workerId: number): number | undefined {
  return (
    db
      .prepare('SELECT team_id AS teamId FROM shift_worker WHERE shift_id = ? AND worker_id = ?')
      .get(shiftId, workerId) as { teamId: number } | undefined
  )?.teamId
}

/** What is still in process in a shift, per team (place PROSES:<shift>:<team>) and variant. */
export function inProcessOf(db: ReadableDB, shiftId: number): { place: string; variantId: number; qty: number }[] {
  return db
    .prepare(
      `SELECT b.place, b.variant_id AS variantId, b.qty FROM balance b
       WHERE b.place LIKE ? AND b.qty <> 0 ORDER BY b.place, b.variant_id`,
    )
    .all(`PROSES:${shiftId}:%`) as { place: string; variantId: number; qty: number }[]
}
