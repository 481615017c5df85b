import type { Regu, ReguTarget } from '../api/contract/regu'
import type { ReadableDB, WritableDB } from './handles'

/** Teams (regu), their members and their targets: tables team, team_member, team_target. */

export function daftarRegu(db: ReadableDB): Regu[] {
  const rows = db
    .prepare(
      `SELECT t.id, t.nama, t.leader_id AS leaderId, w.nama AS leader, t.daily_target AS dailyTarget, t.active,
              (SELECT count(*) FROM regu_anggota m JOIN pekerja x ON x.id = m.worker_id WHERE m.team_id = t.id AND x.active = 1) AS members
       FROM regu t LEFT JOIN pekerja w ON w.id = t.leader_id ORDER BY t.nama_key`,
    )
    .all() as (Omit<Regu, 'active'> & { active: number })[]
  return rows.map((r) => ({ ...r, active: r.active === 1 }))
}

export function reguById(db: ReadableDB, id: number): { id: number; nama: string; active: boolean } | undefined {
  const t = db.prepare('SELECT id, nama, active FROM regu WHERE id = ?').get(id) as
    { id: number; nama: string; active: number } | undefined
  return t && { ...t, active: t.active === 1 }
}

/** The names of every team but one (null: all of them). */
export function reguNamesExcept(db: ReadableDB, exceptId: number | null): string[] {
  return db.prepare('SELECT nama FROM regu WHERE id IS NOT ?').pluck().all(exceptId) as string[]
}

/** Every team with its daily target, by name. */
export function allTeams(db: ReadableDB): { id: number; nama: string; dailyTarget: number }[] {
  return db.prepare('SELECT id, nama, daily_target AS dailyTarget FROM regu ORDER BY nama_key').all() as {
    id: number
    nama: string
    dailyTarget: number
  }[]
}

export function insertRegu(db: WritableDB, nama: string, namaKey: string, dailyTarget: number): number {
  return Number(
    db.prepare('INSERT INTO regu (nama, nama_key, daily_target) VALUES (?, ?, ?)').run(nama, namaKey, dailyTarget)
      .lastInsertRowid,
  )
}

export function renameRegu(db: WritableDB, id: number, nama: string, namaKey: string): void {
  db.prepare('UPDATE regu SET nama = ?, nama_key = ? WHERE id = ?').run(nama, namaKey, id)
}

export function setDailyTarget(db: WritableDB, id: number, dailyTarget: number): void {
  db.prepare('UPDATE regu SET daily_target = ? WHERE id = ?').run(dailyTarget, id)
}

export function setReguActive(db: WritableDB, id: number, active: boolean): void {
  db.prepare('UPDATE regu SET active = ? WHERE id = ?').run(active ? 1 : 0, id)
}

export function setLeader(db: WritableDB, teamId: number, leaderId: number | null): void {
  db.prepare('UPDATE regu SET leader_id = ? WHERE id = ?').run(leaderId, teamId)
}

/** The team a worker belongs to now, if any. */
export function teamOfWorker(db: ReadableDB, workerId: number): number | undefined {
  return (
    db.prepare('SELECT team_id AS teamId FROM regu_anggota WHERE worker_id = ?').get(workerId) as
      { teamId: number } | undefined
  )?.teamId
}

/** Takes a worker out of their team; they stop being its ketua if they were. */
export function removeMember(db: WritableDB, workerId: number, teamId: number): void {
  db.prepare('DELETE FROM regu_anggota WHERE worker_id = ?').run(workerId)
  db.prepare('UPDATE regu SET leader_id = NULL WHERE id = ? AND leader_id = ?').run(teamId, workerId)
}

export function addMember(db: WritableDB, teamId: number, workerId: number): void {
  db.prepare('INSERT INTO regu_anggota (team_id, worker_id) VALUES (?, ?)').run(teamId, workerId)
}

/** The workers of a team who are active. */
export function activeMemberIds(db: ReadableDB, teamId: number): number[] {
  return (
    db
      .prepare(
        'SELECT m.worker_id AS id FROM regu_anggota m JOIN pekerja w ON w.id = m.worker_id WHERE m.team_id = ? AND w.active = 1',
      )
      .all(teamId) as { id: number }[]
  ).map((r) => r.id)
}

export function deleteTarget(db: WritableDB, teamId: number, tanggal: string): void {
  db.prepare('DELETE FROM regu_target WHERE team_id = ? AND tanggal = ?').run(teamId, tanggal)
}

export function upsertTarget(db: WritableDB, teamId: number, tanggal: string, qty: number): void {
  db.prepare(
    'INSERT INTO regu_target (team_id, tanggal, qty) VALUES (?, ?, ?) ON CONFLICT (team_id, tanggal) DO UPDATE SET qty = excluded.qty',
  ).run(teamId, tanggal, qty)
}

/** Every active team's target for a date: the day's override or the team's daily target. */
export function targetsOn(db: ReadableDB, tanggal: string): ReguTarget[] {
  return db
    .prepare(
      `SELECT t.id AS teamId, t.nama AS team, coalesce(x.qty, t.daily_target) AS target, x.qty IS NOT NULL AS override
       FROM regu t LEFT JOIN regu_target x ON x.team_id = t.id AND x.tanggal = ? WHERE t.active = 1 ORDER BY t.nama_key`,
    )
    .all(tanggal)
    .map((r) => {
      const row = r as { teamId: number; team: string; target: number; override: number }
      return { ...row, override: row.override === 1 }
    })
}

/** Every day's override of a team's target. */
export function allTargetOverrides(db: ReadableDB): { teamId: number; tanggal: string; qty: number }[] {
  return db.prepare('SELECT team_id AS teamId, tanggal, qty FROM regu_target').all() as {
    teamId: number
    tanggal: string
    qty: number
  }[]
}
