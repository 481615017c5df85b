import { AppError, refused, type Issue } from '../core/errors'
import { findSameName, nameIndex, nameKey, sameNameMessage } from '../core/names'
import { normalizeName } from '../core/text'
import { maskNik, parseWorkerTable } from '../core/workerImport'
import { writeTx, type Actor, type ServiceContext } from './context'
import { requireElection } from './election'
import { readTable } from './tableFile'

/**
 * Workers (pekerja sortir-lipat/rakit) and their teams (regu). The NIK is stored whole for pay
 * administration but leaves this module only masked: screens and exports never show it in full.
 */
export interface Worker {
  id: number
  nama: string
  nikMasked: string | null
  hasNik: boolean
  telepon: string
  teamId: number | null
  team: string | null
  isLeader: boolean
  active: boolean
}

export interface Team {
  id: number
  nama: string
  leaderId: number | null
  leader: string | null
  dailyTarget: number
  active: boolean
  members: number
}

export function listWorkers(ctx: ServiceContext): Worker[] {
  const rows = ctx.db
    .prepare(
      `SELECT w.id, w.nama, w.nik, w.telepon, w.active, t.id AS teamId, t.nama AS team, (t.leader_id = w.id) AS isLeader
       FROM worker w LEFT JOIN team_member m ON m.worker_id = w.id LEFT JOIN team t ON t.id = m.team_id
       ORDER BY t.nama_key IS NULL, t.nama_key, w.nama`,
    )
    .all() as {
    id: number
    nama: string
    nik: string | null
    telepon: string
    active: number
    teamId: number | null
    team: string | null
    isLeader: number | null
  }[]
  return rows.map((r) => ({
    id: r.id,
    nama: r.nama,
    nikMasked: maskNik(r.nik),
    hasNik: r.nik !== null,
    telepon: r.telepon,
    teamId: r.teamId,
    team: r.team,
    isLeader: r.isLeader === 1,
    active: r.active === 1,
  }))
}

export function listTeams(ctx: ServiceContext): Team[] {
  const rows = ctx.db
    .prepare(
      `SELECT t.id, t.nama, t.leader_id AS leaderId, w.nama AS leader, t.daily_target AS dailyTarget, t.active,
              (SELECT count(*) FROM team_member m JOIN worker x ON x.id = m.worker_id WHERE m.team_id = t.id AND x.active = 1) AS members
       FROM team t LEFT JOIN worker w ON w.id = t.leader_id ORDER BY t.nama_key`,
    )
    .all() as (Omit<Team, 'active'> & { active: number })[]
  return rows.map((r) => ({ ...r, active: r.active === 1 }))
}

function requireTeam(ctx: ServiceContext, id: number, column = 'teamId'): { id: number; nama: string } {
  const t = ctx.db.prepare('SELECT id, nama FROM team WHERE id = ?').get(id) as { id: number; nama: string } | undefined
  if (!t)
    throw new AppError('NOT_FOUND', `Regu dengan id ${id} tidak ditemukan`, [{ column, message: 'Tidak ditemukan' }])
  return t
}

function requireWorker(ctx: ServiceContext, id: number, column = 'workerId'): { id: number; nama: string } {
  const w = ctx.db.prepare('SELECT id, nama FROM worker WHERE id = ?').get(id) as
    { id: number; nama: string } | undefined
  if (!w)
    throw new AppError('NOT_FOUND', `Pekerja dengan id ${id} tidak ditemukan`, [{ column, message: 'Tidak ditemukan' }])
  return w
}

function checkNikFree(ctx: ServiceContext, nik: string | null, exceptId: number | null): void {
  if (!nik) return
  const other = ctx.db.prepare('SELECT id, nama FROM worker WHERE nik = ? AND id IS NOT ?').get(nik, exceptId) as
    { id: number; nama: string } | undefined
  if (other)
    throw refused(`NIK ini sudah tercatat untuk ${other.nama}`, [
      { column: 'nik', message: `Sudah dipakai oleh ${other.nama}` },
    ])
}

function setMembership(ctx: ServiceContext, workerId: number, teamId: number | null): void {
  const current = ctx.db.prepare('SELECT team_id AS teamId FROM team_member WHERE worker_id = ?').get(workerId) as
    { teamId: number } | undefined
  if ((current?.teamId ?? null) === teamId) return
  if (current) {
    ctx.db.prepare('DELETE FROM team_member WHERE worker_id = ?').run(workerId)
    ctx.db.prepare('UPDATE team SET leader_id = NULL WHERE id = ? AND leader_id = ?').run(current.teamId, workerId)
  }
  if (teamId !== null)
    ctx.db.prepare('INSERT INTO team_member (team_id, worker_id) VALUES (?, ?)').run(teamId, workerId)
}

/**
 * A worker is picked by name on the tally grid and the pay list: a second worker whose name looks the
 * same as another's (same UTS #39 skeleton) would be indistinguishable there.
 */
function checkWorkerName(ctx: ServiceContext, nama: string, exceptId: number | null): void {
  const others = ctx.db.prepare('SELECT nama FROM worker WHERE id IS NOT ?').pluck().all(exceptId) as string[]
  const same = findSameName(nama, others)
  if (same === undefined) return
  const message =
    nameKey(same) === nameKey(nama)
      ? `Nama pekerja "${nama}" sudah dipakai; bila orang yang berbeda, bedakan namanya (mis. tambahkan nama ayah atau asal desa)`
      : sameNameMessage('Nama pekerja', nama, same)
  throw refused(message, [{ column: 'nama', message }])
}

export interface WorkerInput {
  nama: string
  nik: string | null
  telepon: string
  teamId: number | null
}

export function createWorker(ctx: ServiceContext, who: Actor, input: WorkerInput): Worker {
  requireElection(ctx)
  if (input.teamId !== null) requireTeam(ctx, input.teamId)
  checkWorkerName(ctx, input.nama, null)
  checkNikFree(ctx, input.nik, null)
  const id = writeTx(ctx, who, 'pekerja.tambah', () => {
    const id = Number(
      ctx.db
        .prepare('INSERT INTO worker (nama, nama_key, nik, telepon, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(input.nama, normalizeName(input.nama), input.nik, input.telepon, ctx.now().toISOString()).lastInsertRowid,
    )
    setMembership(ctx, id, input.teamId)
    return { result: id, detail: { id, nama: input.nama, teamId: input.teamId, nik: maskNik(input.nik) } }
  })
  return listWorkers(ctx).find((w) => w.id === id)!
}

export interface WorkerUpdate {
  id: number
  nama?: string | undefined
  /** A new NIK; null removes it; undefined keeps it. */
  nik?: string | null | undefined
  telepon?: string | undefined
  teamId?: number | null | undefined
  active?: boolean | undefined
}

export function updateWorker(ctx: ServiceContext, who: Actor, u: WorkerUpdate): Worker {
  requireWorker(ctx, u.id, 'id')
  if (u.teamId != null) requireTeam(ctx, u.teamId)
  if (u.nama !== undefined) checkWorkerName(ctx, u.nama, u.id)
  if (u.nik !== undefined) checkNikFree(ctx, u.nik, u.id)
  writeTx(ctx, who, 'pekerja.ubah', () => {
    if (u.nama !== undefined)
      ctx.db.prepare('UPDATE worker SET nama = ?, nama_key = ? WHERE id = ?').run(u.nama, normalizeName(u.nama), u.id)
    if (u.nik !== undefined) ctx.db.prepare('UPDATE worker SET nik = ? WHERE id = ?').run(u.nik, u.id)
    if (u.telepon !== undefined) ctx.db.prepare('UPDATE worker SET telepon = ? WHERE id = ?').run(u.telepon, u.id)
    if (u.active !== undefined) ctx.db.prepare('UPDATE worker SET active = ? WHERE id = ?').run(u.active ? 1 : 0, u.id)
    if (u.teamId !== undefined) setMembership(ctx, u.id, u.teamId)
    return { result: null, detail: { ...u, nik: u.nik === undefined ? undefined : maskNik(u.nik) } }
  })
  return listWorkers(ctx).find((w) => w.id === u.id)!
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

export function createTeam(ctx: ServiceContext, who: Actor, input: TeamInput): Team {
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
  return listTeams(ctx).find((t) => t.id === id)!
}

export interface TeamUpdate {
  id: number
  nama?: string | undefined
  leaderId?: number | null | undefined
  dailyTarget?: number | undefined
  active?: boolean | undefined
}

export function updateTeam(ctx: ServiceContext, who: Actor, u: TeamUpdate): Team {
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
  return listTeams(ctx).find((t) => t.id === u.id)!
}

/** A team's target for one day; qty null removes the override and the daily target applies again. */
export function setTeamTarget(ctx: ServiceContext, who: Actor, teamId: number, tanggal: string, qty: number | null) {
  requireTeam(ctx, teamId)
  writeTx(ctx, who, 'regu.target', () => {
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
  return targetsOn(ctx, tanggal)
}

/** Every active team's target for a date: the day's override or the team's daily target. */
export function targetsOn(ctx: ServiceContext, tanggal: string) {
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

/**
 * Imports a worker list (nama, NIK, telepon, regu, ketua). Existing workers are matched by NIK, or by name
 * when the name is unique; teams named in the file are created. All of it or none of it.
 */
export async function importWorkers(ctx: ServiceContext, who: Actor, fileName: string, bytes: Uint8Array) {
  requireElection(ctx)
  const table = await readTable(fileName, bytes)
  const parsed = parseWorkerTable(table.rows)
  const issues: Issue[] = [...parsed.errors]
  // A row whose name only looks like an existing worker's or regu's would be a second one that prints the
  // same; the same spelling is the same worker (matched below) or regu.
  const workerNames = nameIndex(ctx.db.prepare('SELECT nama FROM worker').pluck().all() as string[])
  const teamNames = nameIndex(ctx.db.prepare('SELECT nama FROM team').pluck().all() as string[])
  for (const w of parsed.workers) {
    const worker = workerNames.lookAlike(w.nama)
    if (worker !== undefined)
      issues.push({
        row: w.line,
        column: parsed.columns.nama ?? 'nama',
        message: sameNameMessage('Nama pekerja', w.nama, worker),
      })
    const team = w.regu === null ? undefined : teamNames.lookAlike(w.regu)
    if (team !== undefined)
      issues.push({
        row: w.line,
        column: parsed.columns.regu ?? 'regu',
        message: sameNameMessage('Nama regu', w.regu!, team),
      })
  }
  for (const w of parsed.workers) {
    if (!w.nik) continue
    const other = ctx.db
      .prepare('SELECT nama FROM worker WHERE nik = ? AND nama_key <> ?')
      .get(w.nik, normalizeName(w.nama)) as { nama: string } | undefined
    if (other)
      issues.push({
        row: w.line,
        column: parsed.columns.nik ?? 'nik',
        message: `NIK ini sudah tercatat untuk ${other.nama}, bukan ${w.nama}`,
      })
  }
  if (issues.length) throw refused(`Berkas pekerja ${fileName} ditolak; tidak ada yang disimpan`, issues)
  if (parsed.workers.length === 0) throw refused(`Berkas pekerja ${fileName} tidak berisi pekerja`)

  return writeTx(ctx, who, 'pekerja.impor', () => {
    let added = 0
    let updated = 0
    let teamsAdded = 0
    const byNik = ctx.db.prepare('SELECT id FROM worker WHERE nik = ?')
    const byName = ctx.db.prepare('SELECT id FROM worker WHERE nama_key = ?')
    // Two rows of the same name without NIK in one file are two people; only an existing worker is matched.
    const matched = new Set<number>()
    const findTeam = ctx.db.prepare('SELECT id FROM team WHERE nama_key = ?')
    for (const w of parsed.workers) {
      let id = w.nik ? (byNik.get(w.nik) as { id: number } | undefined)?.id : undefined
      if (id === undefined) {
        const same = (byName.all(normalizeName(w.nama)) as { id: number }[]).filter((r) => !matched.has(r.id))
        if (same.length === 1 && !w.nik) id = same[0]!.id
      }
      if (id === undefined) {
        id = Number(
          ctx.db
            .prepare('INSERT INTO worker (nama, nama_key, nik, telepon, created_at) VALUES (?, ?, ?, ?, ?)')
            .run(w.nama, normalizeName(w.nama), w.nik, w.telepon, ctx.now().toISOString()).lastInsertRowid,
        )
        added++
        matched.add(id)
      } else {
        matched.add(id)
        ctx.db
          .prepare(
            "UPDATE worker SET nama = ?, nama_key = ?, nik = coalesce(?, nik), telepon = CASE WHEN ? = '' THEN telepon ELSE ? END, active = 1 WHERE id = ?",
          )
          .run(w.nama, normalizeName(w.nama), w.nik, w.telepon, w.telepon, id)
        updated++
      }
      if (w.regu !== null) {
        let teamId = (findTeam.get(normalizeName(w.regu)) as { id: number } | undefined)?.id
        if (teamId === undefined) {
          teamId = Number(
            ctx.db.prepare('INSERT INTO team (nama, nama_key) VALUES (?, ?)').run(w.regu, normalizeName(w.regu))
              .lastInsertRowid,
          )
          teamsAdded++
        }
        setMembership(ctx, id, teamId)
        if (w.ketua) ctx.db.prepare('UPDATE team SET leader_id = ? WHERE id = ?').run(id, teamId)
      }
    }
    const result = { added, updated, teamsAdded, format: table.format }
    return { result, detail: { fileName, ...result } }
  })
}
