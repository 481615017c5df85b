import { refused } from '../core/errors'
import { findSameName, nameKey, sameNameMessage } from '../core/names'
import { normalizeName } from '../core/text'
import { writeTx, type Actor, type ServiceContext } from './context'
import { requireTeam, requireWorker, setMembership } from './pekerja'
import { requireElection } from './pemilihan'

/** Teams (regu) of workers: their ketua, their daily target and a day's override of it. */
export interface Team {
  id: number
  nama: string
  leaderId: number | null
  leader: string | null
  dailyTarget: number
  active: boolean
  members: number
}

export function daftar(ctx: ServiceContext): Team[] {
  const rows = ctx.db
    .prepare(
      `SELECT t.id, t.nama, t.leader_id AS leaderId, w.nama AS leader, t.daily_target AS dailyTarget, t.active,
              (SELECT count(*) FROM team_member m JOIN worker x ON x.id = m.worker_id WHERE m.team_id = t.id AND x.active = 1) AS members
       FROM team t LEFT JOIN worker w ON w.id = t.leader_id ORDER BY t.nama_key`,
    )
    .all() as (Omit<Team, 'active'> & { active: number })[]
  return rows.map((r) => ({ ...r, active: r.active === 1 }))
}

export interface TeamInput {
  nama: string
  leaderId: number | null
  dailyTarget: number
}

function checkTeamName(ctx: ServiceContext, nama: string, exceptId: number | null): void {
  const others = ctx.db.prepare('SELECT nama FROM team WHERE id IS NOT ?').pluck().all(exceptId) as string[]
  const same = findSameName(nama, others)
  if (same === undefined) return
  if (nameKey(same) === nameKey(nama))
    throw refused(`Nama regu "${nama}" sudah dipakai`, [{ column: 'nama', message: 'Sudah dipakai' }])
  const message = sameNameMessage('Nama regu', nama, same)
  throw refused(message, [{ column: 'nama', message }])
}

function checkLeader(ctx: ServiceContext, teamId: number | null, leaderId: number | null): void {
  if (leaderId === null) return
  const w = requireWorker(ctx, leaderId, 'leaderId')
  const team = ctx.db.prepare('SELECT team_id AS teamId FROM team_member WHERE worker_id = ?').get(leaderId) as
    { teamId: number } | undefined
  if (team && team.teamId !== teamId)
    throw refused(`${w.nama} anggota regu lain; pindahkan dulu ke regu ini`, [
      { column: 'leaderId', message: 'Anggota regu lain' },
    ])
}

export function tambah(ctx: ServiceContext, who: Actor, input: TeamInput): Team {
  requireElection(ctx)
  checkTeamName(ctx, input.nama, null)
  checkLeader(ctx, null, input.leaderId)
  const id = writeTx(ctx, who, 'regu.tambah', () => {
    const id = Number(
      ctx.db
        .prepare('INSERT INTO team (nama, nama_key, daily_target) VALUES (?, ?, ?)')
        .run(input.nama, normalizeName(input.nama), input.dailyTarget).lastInsertRowid,
    )
    if (input.leaderId !== null) {
      setMembership(ctx, input.leaderId, id)
      ctx.db.prepare('UPDATE team SET leader_id = ? WHERE id = ?').run(input.leaderId, id)
    }
    return { result: id, detail: { id, ...input } }
  })
  return daftar(ctx).find((t) => t.id === id)!
}

export interface TeamUpdate {
  id: number
  nama?: string | undefined
  leaderId?: number | null | undefined
  dailyTarget?: number | undefined
  active?: boolean | undefined
}

export function ubah(ctx: ServiceContext, who: Actor, u: TeamUpdate): Team {
  requireTeam(ctx, u.id, 'id')
  if (u.nama !== undefined) checkTeamName(ctx, u.nama, u.id)
  if (u.leaderId !== undefined) checkLeader(ctx, u.id, u.leaderId)
  writeTx(ctx, who, 'regu.ubah', () => {
    if (u.nama !== undefined)
      ctx.db.prepare('UPDATE team SET nama = ?, nama_key = ? WHERE id = ?').run(u.nama, normalizeName(u.nama), u.id)
    if (u.dailyTarget !== undefined)
      ctx.db.prepare('UPDATE team SET daily_target = ? WHERE id = ?').run(u.dailyTarget, u.id)
    if (u.active !== undefined) ctx.db.prepare('UPDATE team SET active = ? WHERE id = ?').run(u.active ? 1 : 0, u.id)
    if (u.leaderId !== undefined) {
      if (u.leaderId !== null) setMembership(ctx, u.leaderId, u.id)
      ctx.db.prepare('UPDATE team SET leader_id = ? WHERE id = ?').run(u.leaderId, u.id)
    }
    return { result: null, detail: u }
  })
  return daftar(ctx).find((t) => t.id === u.id)!
}

/** A team's target for one day; qty null removes the override and the daily target applies again. */
export function aturTarget(ctx: ServiceContext, who: Actor, teamId: number, tanggal: string, qty: number | null) {
  requireTeam(ctx, teamId)
  writeTx(ctx, who, 'regu.aturTarget', () => {
    if (qty === null) ctx.db.prepare('DELETE FROM team_target WHERE team_id = ? AND tanggal = ?').run(teamId, tanggal)
    else {
      ctx.db
        .prepare(
          'INSERT INTO team_target (team_id, tanggal, qty) VALUES (?, ?, ?) ON CONFLICT (team_id, tanggal) DO UPDATE SET qty = excluded.qty',
        )
        .run(teamId, tanggal, qty)
    }
    return { result: null, detail: { teamId, tanggal, qty } }
  })
  return lihatTarget(ctx, tanggal)
}

/** Every active team's target for a date: the day's override or the team's daily target. */
export function lihatTarget(ctx: ServiceContext, tanggal: string) {
  return ctx.db
    .prepare(
      `SELECT t.id AS teamId, t.nama AS team, coalesce(x.qty, t.daily_target) AS target, x.qty IS NOT NULL AS override
       FROM team t LEFT JOIN team_target x ON x.team_id = t.id AND x.tanggal = ? WHERE t.active = 1 ORDER BY t.nama_key`,
    )
    .all(tanggal)
    .map((r) => {
      const row = r as { teamId: number; team: string; target: number; override: number }
      return { ...row, override: row.override === 1 }
    })
}
