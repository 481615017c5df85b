import type { Regu, ReguInput, ReguTarget, ReguUpdate } from '../api/contract/regu'
import { refused } from '../core/errors'
import { findSameName, nameKey, sameNameMessage } from '../core/names'
import { normalizeName } from '../core/text'
import { teamBaseName, teamNameProblem } from '../core/regu'
import * as db from '../db/regu'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'
import { requireTeam, requireWorker, setMembership } from './pekerja'
import { requireElection } from './pemilihan'

/** Teams (regu) of workers: their ketua, their daily target and a day's override of it. */
export function daftar(ctx: ReadContext): Regu[] {
  return db.daftarRegu(ctx.db)
}

/** Refuses a name that is no team ("Regu") or another team's (by base name: "Regu Mawar" is "Mawar"). */
function checkTeamName(ctx: ReadContext, nama: string, exceptId: number | null): void {
  const problem = teamNameProblem(nama)
  if (problem) throw refused(problem, [{ column: 'nama', message: problem }])
  // Names stored before the one rule may still start with "Regu"; compare what they name.
  const same = findSameName(nama, db.reguNamesExcept(ctx.db, exceptId).map(teamBaseName))
  if (same === undefined) return
  if (nameKey(same) === nameKey(nama))
    throw refused(`Nama regu "${nama}" sudah dipakai`, [{ column: 'nama', message: 'Sudah dipakai' }])
  const message = sameNameMessage('Nama regu', nama, same)
  throw refused(message, [{ column: 'nama', message }])
}

function checkLeader(ctx: ReadContext, teamId: number | null, leaderId: number | null): void {
  if (leaderId === null) return
  const w = requireWorker(ctx, leaderId, 'leaderId')
  const team = db.teamOfWorker(ctx.db, leaderId)
  if (team !== undefined && team !== teamId)
    throw refused(`${w.nama} anggota regu lain; pindahkan dulu ke regu ini`, [
      { column: 'leaderId', message: 'Anggota regu lain' },
    ])
}

export function tambah(ctx: ServiceContext, who: Actor, input: ReguInput): Regu {
  requireElection(ctx)
  input = { ...input, nama: teamBaseName(input.nama) }
  checkTeamName(ctx, input.nama, null)
  checkLeader(ctx, null, input.leaderId)
  const id = writeTx(ctx, who, 'regu.tambah', () => {
    const id = db.insertRegu(ctx.db, input.nama, normalizeName(input.nama), input.dailyTarget)
    if (input.leaderId !== null) {
      setMembership(ctx, input.leaderId, id)
      db.setLeader(ctx.db, id, input.leaderId)
    }
    return { result: id, detail: { id, ...input } }
  })
  return daftar(ctx).find((t) => t.id === id)!
}

export function ubah(ctx: ServiceContext, who: Actor, u: ReguUpdate): Regu {
  requireTeam(ctx, u.id, 'id')
  if (u.nama !== undefined) u = { ...u, nama: teamBaseName(u.nama) }
  if (u.nama !== undefined) checkTeamName(ctx, u.nama, u.id)
  if (u.leaderId !== undefined) checkLeader(ctx, u.id, u.leaderId)
  writeTx(ctx, who, 'regu.ubah', () => {
    if (u.nama !== undefined) db.renameRegu(ctx.db, u.id, u.nama, normalizeName(u.nama))
    if (u.dailyTarget !== undefined) db.setDailyTarget(ctx.db, u.id, u.dailyTarget)
    if (u.active !== undefined) db.setReguActive(ctx.db, u.id, u.active)
    if (u.leaderId !== undefined) {
      if (u.leaderId !== null) setMembership(ctx, u.leaderId, u.id)
      db.setLeader(ctx.db, u.id, u.leaderId)
    }
    return { result: null, detail: u }
  })
  return daftar(ctx).find((t) => t.id === u.id)!
}

/** A team's target for one day; qty null removes the override and the daily target applies again. */
export function aturTarget(ctx: ServiceContext, who: Actor, teamId: number, tanggal: string, qty: number | null) {
  requireTeam(ctx, teamId)
  writeTx(ctx, who, 'regu.aturTarget', () => {
    if (qty === null) db.deleteTarget(ctx.db, teamId, tanggal)
    else db.upsertTarget(ctx.db, teamId, tanggal, qty)
    return { result: null, detail: { teamId, tanggal, qty } }
  })
  return lihatTarget(ctx, tanggal)
}

/** Every active team's target for a date: the day's override or the team's daily target. */
export function lihatTarget(ctx: ReadContext, tanggal: string): ReguTarget[] {
  return db.targetsOn(ctx.db, tanggal)
}
