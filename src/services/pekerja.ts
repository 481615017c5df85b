import { AppError, refused, type Issue } from '../core/errors'
import { findSameName, nameIndex, nameKey, sameNameMessage } from '../core/names'
import { normalizeName } from '../core/text'
import { maskNik, parseWorkerTable } from '../core/workerImport'
import { writeTx, type Actor, type ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { readTable } from './tableFile'

/**
 * Workers (pekerja sortir-lipat/rakit) and their membership of a team (regu, in regu.ts). The NIK is stored
 * whole for pay administration but leaves this module only masked: screens and exports never show it in full.
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

export function daftar(ctx: ServiceContext): Worker[] {
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

export function requireTeam(ctx: ServiceContext, id: number, column = 'teamId'): { id: number; nama: string } {
  const t = ctx.db.prepare('SELECT id, nama FROM team WHERE id = ?').get(id) as { id: number; nama: string } | undefined
  if (!t)
    throw new AppError('NOT_FOUND', `Regu dengan id ${id} tidak ditemukan`, [{ column, message: 'Tidak ditemukan' }])
  return t
}

export function requireWorker(ctx: ServiceContext, id: number, column = 'workerId'): { id: number; nama: string } {
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

export function setMembership(ctx: ServiceContext, workerId: number, teamId: number | null): void {
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

export function tambah(ctx: ServiceContext, who: Actor, input: WorkerInput): Worker {
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
  return daftar(ctx).find((w) => w.id === id)!
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

export function ubah(ctx: ServiceContext, who: Actor, u: WorkerUpdate): Worker {
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
  return daftar(ctx).find((w) => w.id === u.id)!
}

/**
 * Imports a worker list (nama, NIK, telepon, regu, ketua). Existing workers are matched by NIK, or by name
 * when the name is unique; teams named in the file are created. All of it or none of it.
 */
export async function impor(ctx: ServiceContext, who: Actor, fileName: string, bytes: Uint8Array) {
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
