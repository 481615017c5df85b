import { AppError, refused, type Issue } from '../core/errors'
import { SHIFT_KINDS, isClockTime, isIsoDate, itemRefusalForShift, type ShiftKind } from '../core/shifts'
import { formatAngka } from '../core/terbilang'
import { writeTx, type Actor, type ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { floorFlows, type FloorFlow } from './floorFlows'
import { getVariant, type VariantInfo } from './variants'

/**
 * Shifts of the sortir-lipat and rakit floor. A shift is opened with the teams and workers present and
 * the item variants it works on; its work moves through PROSES:<shift>:<team>; it can only be closed
 * when nothing of it is left in process. Opening, closing and reopening are recorded with who and why.
 */
export interface ShiftInput {
  kind: ShiftKind
  tanggal: string
  mulai: string
  selesai: string
  lokasi: string
  pengawas: string
  note: string
  variantIds: number[]
  /** Teams present; workers default to the team's current members. */
  teams: { teamId: number; workerIds?: number[] | undefined }[]
}

interface ShiftRow {
  id: number
  kind: ShiftKind
  tanggal: string
  mulai: string
  selesai: string
  lokasi: string
  pengawas: string
  note: string
  status: 'open' | 'closed'
  created_at: string
  created_by: string
}

export function requireShift(ctx: ServiceContext, id: number, column = 'shiftId'): ShiftRow {
  const s = ctx.db.prepare('SELECT * FROM shift WHERE id = ?').get(id) as ShiftRow | undefined
  if (!s) throw new AppError('NOT_FOUND', `Shift #${id} tidak ditemukan`, [{ column, message: 'Tidak ditemukan' }])
  return s
}

export function requireOpenShift(ctx: ServiceContext, id: number, column = 'shiftId'): ShiftRow {
  const s = requireShift(ctx, id, column)
  if (s.status !== 'open') {
    throw refused(
      `Shift #${id} (${s.tanggal}) sudah ditutup; buka kembali shift dengan alasan bila perlu mencatat atau mengoreksi`,
      [{ column, message: 'Shift sudah ditutup' }],
    )
  }
  return s
}

function checkVariants(
  ctx: ServiceContext,
  kind: ShiftKind,
  variantIds: readonly number[],
  issues: Issue[],
): VariantInfo[] {
  const out: VariantInfo[] = []
  // A packing shift packs whole TPS kits; what goes in is decided by each kit, not by the shift.
  if (kind !== 'packing' && variantIds.length === 0)
    issues.push({ column: 'variantIds', message: 'Pilih sedikitnya satu jenis surat suara/barang yang dikerjakan' })
  new Set(variantIds).forEach((id) => {
    let v: VariantInfo
    try {
      v = getVariant(ctx, id)
    } catch {
      issues.push({ column: 'variantIds', message: `Barang dengan id ${id} tidak dikenal` })
      return
    }
    const why = itemRefusalForShift(kind, { code: v.itemCode, kind: v.kind, assembled: v.assembled }, v.label)
    if (why) issues.push({ column: 'variantIds', message: why })
    else out.push(v)
  })
  return out
}

function checkTeams(
  ctx: ServiceContext,
  teams: ShiftInput['teams'],
  issues: Issue[],
): { teamId: number; workerIds: number[] }[] {
  if (teams.length === 0) issues.push({ column: 'teams', message: 'Pilih sedikitnya satu regu yang bekerja' })
  const seenWorker = new Map<number, string>()
  const seenTeam = new Set<number>()
  return teams.map((t, i) => {
    const team = ctx.db.prepare('SELECT nama, active FROM team WHERE id = ?').get(t.teamId) as
      { nama: string; active: number } | undefined
    if (!team) {
      issues.push({ row: i + 1, column: 'teamId', message: `Regu dengan id ${t.teamId} tidak ditemukan` })
      return { teamId: t.teamId, workerIds: [] }
    }
    if (seenTeam.has(t.teamId))
      issues.push({ row: i + 1, column: 'teamId', message: `Regu ${team.nama} disebut dua kali` })
    seenTeam.add(t.teamId)
    const workerIds =
      t.workerIds ??
      (
        ctx.db
          .prepare(
            'SELECT m.worker_id AS id FROM team_member m JOIN worker w ON w.id = m.worker_id WHERE m.team_id = ? AND w.active = 1',
          )
          .all(t.teamId) as { id: number }[]
      ).map((r) => r.id)
    for (const wid of workerIds) {
      const w = ctx.db.prepare('SELECT nama FROM worker WHERE id = ?').get(wid) as { nama: string } | undefined
      if (!w) issues.push({ row: i + 1, column: 'workerIds', message: `Pekerja dengan id ${wid} tidak ditemukan` })
      else if (seenWorker.has(wid))
        issues.push({
          row: i + 1,
          column: 'workerIds',
          message: `${w.nama} sudah tercatat hadir di regu ${seenWorker.get(wid)}`,
        })
      else seenWorker.set(wid, team.nama)
    }
    return { teamId: t.teamId, workerIds: [...new Set(workerIds)] }
  })
}

export function buka(ctx: ServiceContext, who: Actor, input: ShiftInput) {
  requireElection(ctx)
  const issues: Issue[] = []
  if (!isIsoDate(input.tanggal))
    issues.push({ column: 'tanggal', message: `Tanggal "${input.tanggal}" tidak sah; tulis TTTT-BB-HH` })
  if (!isClockTime(input.mulai))
    issues.push({ column: 'mulai', message: `Jam mulai "${input.mulai}" tidak sah; tulis JJ:MM` })
  if (!isClockTime(input.selesai))
    issues.push({ column: 'selesai', message: `Jam selesai "${input.selesai}" tidak sah; tulis JJ:MM` })
  else if (isClockTime(input.mulai) && input.selesai <= input.mulai)
    issues.push({ column: 'selesai', message: 'Jam selesai harus setelah jam mulai' })
  checkVariants(ctx, input.kind, input.variantIds, issues)
  const teams = checkTeams(ctx, input.teams, issues)
  if (issues.length) throw refused('Shift tidak dapat dibuka; tidak ada yang dicatat', issues)

  const id = writeTx(ctx, who, 'shift.buka', () => {
    const id = Number(
      ctx.db
        .prepare(
          `INSERT INTO shift (kind, tanggal, mulai, selesai, lokasi, pengawas, note, status, created_at, created_by)
           VALUES (@kind, @tanggal, @mulai, @selesai, @lokasi, @pengawas, @note, 'open', @at, @actor)`,
        )
        .run({ ...input, at: ctx.now().toISOString(), actor: who.actor }).lastInsertRowid,
    )
    for (const v of new Set(input.variantIds))
      ctx.db.prepare('INSERT INTO shift_variant (shift_id, variant_id) VALUES (?, ?)').run(id, v)
    writeAttendance(ctx, id, teams)
    ctx.db
      .prepare(`INSERT INTO shift_event (shift_id, at, actor, event, note) VALUES (?, ?, ?, 'buka', ?)`)
      .run(id, ctx.now().toISOString(), who.actor, input.note)
    return { result: id, detail: { id, ...input } }
  })
  return lihat(ctx, id)
}

function writeAttendance(ctx: ServiceContext, shiftId: number, teams: { teamId: number; workerIds: number[] }[]): void {
  ctx.db.prepare('DELETE FROM shift_worker WHERE shift_id = ?').run(shiftId)
  ctx.db.prepare('DELETE FROM shift_team WHERE shift_id = ?').run(shiftId)
  for (const t of teams) {
    ctx.db.prepare('INSERT INTO shift_team (shift_id, team_id) VALUES (?, ?)').run(shiftId, t.teamId)
    for (const w of t.workerIds)
      ctx.db
        .prepare('INSERT INTO shift_worker (shift_id, worker_id, team_id) VALUES (?, ?, ?)')
        .run(shiftId, w, t.teamId)
  }
}

/** Who was present, changed while the shift is open (a worker arrives late, a team joins). */
export function aturKehadiran(
  ctx: ServiceContext,
  who: Actor,
  shiftId: number,
  teamsIn: ShiftInput['teams'],
  variantIds?: number[],
) {
  const shift = requireOpenShift(ctx, shiftId)
  const issues: Issue[] = []
  const teams = checkTeams(ctx, teamsIn, issues)
  if (variantIds) checkVariants(ctx, shift.kind, variantIds, issues)
  const flows = floorFlows(ctx, { shiftId })
  const kept = new Set(teams.map((t) => t.teamId))
  for (const teamId of new Set(flows.map((f) => f.teamId))) {
    if (teamId !== null && !kept.has(teamId)) {
      const nama = (ctx.db.prepare('SELECT nama FROM team WHERE id = ?').get(teamId) as { nama: string }).nama
      issues.push({
        column: 'teams',
        message: `Regu ${nama} sudah memiliki catatan di shift ini dan tidak dapat dikeluarkan`,
      })
    }
  }
  for (const f of flows) {
    if (f.workerId !== null && !teams.some((t) => t.teamId === f.teamId && t.workerIds.includes(f.workerId!))) {
      const nama = (ctx.db.prepare('SELECT nama FROM worker WHERE id = ?').get(f.workerId) as { nama: string }).nama
      issues.push({
        column: 'workerIds',
        message: `${nama} sudah memiliki hasil tercatat di shift ini dan tidak dapat dihapus dari daftar hadir`,
      })
      break
    }
  }
  if (variantIds) {
    const used = new Set(flows.map((f) => f.variantId))
    for (const v of used)
      if (!variantIds.includes(v))
        issues.push({
          column: 'variantIds',
          message: `${getVariant(ctx, v).label} sudah dikerjakan di shift ini dan tidak dapat dihapus`,
        })
  }
  if (issues.length) throw refused('Daftar hadir shift tidak diubah', issues)
  writeTx(ctx, who, 'shift.aturKehadiran', () => {
    writeAttendance(ctx, shiftId, teams)
    if (variantIds) {
      ctx.db.prepare('DELETE FROM shift_variant WHERE shift_id = ?').run(shiftId)
      for (const v of new Set(variantIds))
        ctx.db.prepare('INSERT INTO shift_variant (shift_id, variant_id) VALUES (?, ?)').run(shiftId, v)
    }
    return { result: null, detail: { shiftId, teams, variantIds } }
  })
  return lihat(ctx, shiftId)
}

/** What is still in process in a shift, per team and variant. */
function inProcess(ctx: ServiceContext, shiftId: number) {
  return ctx.db
    .prepare(
      `SELECT b.place, b.variant_id AS variantId, b.qty FROM balance b
       WHERE b.place LIKE ? AND b.qty <> 0 ORDER BY b.place, b.variant_id`,
    )
    .all(`PROSES:${shiftId}:%`) as { place: string; variantId: number; qty: number }[]
}

export function tutup(ctx: ServiceContext, who: Actor, shiftId: number, note: string) {
  const shift = requireOpenShift(ctx, shiftId)
  const left = inProcess(ctx, shiftId)
  if (left.length) {
    const teamName = ctx.db.prepare('SELECT nama FROM team WHERE id = ?')
    throw refused(
      `Shift #${shiftId} belum dapat ditutup: masih ada ${formatAngka(left.reduce((s, l) => s + l.qty, 0))} ${SHIFT_KINDS[shift.kind].unit} dalam proses. Catat hasilnya, atau kembalikan yang belum selesai ke stok belum disortir.`,
      left.map((l) => {
        const teamId = Number(l.place.split(':')[2])
        const team = (teamName.get(teamId) as { nama: string } | undefined)?.nama ?? `#${teamId}`
        return {
          column: 'proses',
          message: `Regu ${team}: ${formatAngka(l.qty)} ${getVariant(ctx, l.variantId).label} masih dalam proses`,
        }
      }),
    )
  }
  writeTx(ctx, who, 'shift.tutup', () => {
    ctx.db.prepare(`UPDATE shift SET status = 'closed' WHERE id = ?`).run(shiftId)
    ctx.db
      .prepare(`INSERT INTO shift_event (shift_id, at, actor, event, note) VALUES (?, ?, ?, 'tutup', ?)`)
      .run(shiftId, ctx.now().toISOString(), who.actor, note)
    return { result: null, detail: { shiftId, note } }
  })
  return lihat(ctx, shiftId)
}

export function bukaKembali(ctx: ServiceContext, who: Actor, shiftId: number, note: string) {
  const shift = requireShift(ctx, shiftId)
  if (shift.status === 'open') throw refused(`Shift #${shiftId} masih terbuka`)
  if (note.trim().length < 5)
    throw refused('Tulis alasan membuka kembali shift', [{ column: 'note', message: 'Alasan wajib diisi' }])
  writeTx(ctx, who, 'shift.bukaKembali', () => {
    ctx.db.prepare(`UPDATE shift SET status = 'open' WHERE id = ?`).run(shiftId)
    ctx.db
      .prepare(`INSERT INTO shift_event (shift_id, at, actor, event, note) VALUES (?, ?, ?, 'buka_kembali', ?)`)
      .run(shiftId, ctx.now().toISOString(), who.actor, note)
    return { result: null, detail: { shiftId, note } }
  })
  return lihat(ctx, shiftId)
}

export interface TeamTally {
  variantId: number
  serah: number
  hasil: number
  rusak: Record<string, number>
  rusakTotal: number
  kembali: number
  proses: number
}

function tallies(
  flows: readonly FloorFlow[],
  teamId: number,
  workerId: number | null,
  variantIds: readonly number[],
  proses: (variantId: number) => number,
): TeamTally[] {
  return variantIds.map((variantId) => {
    const mine = flows.filter(
      (f) => f.teamId === teamId && f.variantId === variantId && (workerId === null || f.workerId === workerId),
    )
    const sum = (c: FloorFlow['category']) => mine.filter((f) => f.category === c).reduce((s, f) => s + f.qty, 0)
    const rusak: Record<string, number> = {}
    for (const f of mine) if (f.category === 'rusak' && f.reason) rusak[f.reason] = (rusak[f.reason] ?? 0) + f.qty
    for (const k of Object.keys(rusak)) if (rusak[k] === 0) delete rusak[k]
    return {
      variantId,
      serah: sum('serah'),
      hasil: sum('hasil'),
      rusak,
      rusakTotal: sum('rusak'),
      kembali: sum('kembali'),
      proses: workerId === null ? proses(variantId) : 0,
    }
  })
}

export function lihat(ctx: ServiceContext, id: number) {
  const s = requireShift(ctx, id, 'id')
  const variantIds = (
    ctx.db.prepare('SELECT variant_id AS v FROM shift_variant WHERE shift_id = ? ORDER BY variant_id').all(id) as {
      v: number
    }[]
  ).map((r) => r.v)
  const teams = ctx.db
    .prepare(
      `SELECT t.id, t.nama FROM shift_team x JOIN team t ON t.id = x.team_id WHERE x.shift_id = ? ORDER BY t.nama_key`,
    )
    .all(id) as { id: number; nama: string }[]
  const workers = ctx.db
    .prepare(
      `SELECT w.id, w.nama, x.team_id AS teamId FROM shift_worker x JOIN worker w ON w.id = x.worker_id WHERE x.shift_id = ? ORDER BY w.nama`,
    )
    .all(id) as { id: number; nama: string; teamId: number }[]
  const flows = floorFlows(ctx, { shiftId: id })
  const balances = inProcess(ctx, id)
  const proses = (teamId: number) => (variantId: number) =>
    balances.find((b) => b.place === `PROSES:${id}:${teamId}` && b.variantId === variantId)?.qty ?? 0
  const events = ctx.db
    .prepare('SELECT at, actor, event, note FROM shift_event WHERE shift_id = ? ORDER BY id')
    .all(id) as {
    at: string
    actor: string
    event: 'buka' | 'tutup' | 'buka_kembali'
    note: string
  }[]
  return {
    id: s.id,
    kind: s.kind,
    kindLabel: SHIFT_KINDS[s.kind].label,
    unit: SHIFT_KINDS[s.kind].unit,
    tanggal: s.tanggal,
    mulai: s.mulai,
    selesai: s.selesai,
    lokasi: s.lokasi,
    pengawas: s.pengawas,
    note: s.note,
    status: s.status,
    createdAt: s.created_at,
    createdBy: s.created_by,
    variants: variantIds.map((v) => getVariant(ctx, v)),
    teams: teams.map((t) => ({
      teamId: t.id,
      nama: t.nama,
      workers: workers
        .filter((w) => w.teamId === t.id)
        .map((w) => ({ workerId: w.id, nama: w.nama, tallies: tallies(flows, t.id, w.id, variantIds, () => 0) })),
      tallies: tallies(flows, t.id, null, variantIds, proses(t.id)),
    })),
    inProcess: balances.reduce((n, b) => n + b.qty, 0),
    events,
  }
}

export function daftar(ctx: ServiceContext, filter: { from?: string | undefined; to?: string | undefined }) {
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
  const rows = ctx.db
    .prepare(
      `SELECT s.*, (SELECT count(*) FROM shift_team x WHERE x.shift_id = s.id) AS teams,
              (SELECT count(*) FROM shift_worker x WHERE x.shift_id = s.id) AS workers,
              (SELECT coalesce(sum(b.qty), 0) FROM balance b WHERE b.place LIKE 'PROSES:' || s.id || ':%') AS inProcess
       FROM shift s ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY s.tanggal DESC, s.mulai DESC, s.id DESC`,
    )
    .all(...params) as (ShiftRow & { teams: number; workers: number; inProcess: number })[]
  const flows = floorFlows(ctx, filter)
  return rows.map((s) => {
    const mine = flows.filter((f) => f.shiftId === s.id)
    const sum = (c: FloorFlow['category']) => mine.filter((f) => f.category === c).reduce((n, f) => n + f.qty, 0)
    const variants = (
      ctx.db.prepare('SELECT variant_id AS v FROM shift_variant WHERE shift_id = ?').all(s.id) as { v: number }[]
    ).map((r) => getVariant(ctx, r.v).label)
    return {
      id: s.id,
      kind: s.kind,
      kindLabel: SHIFT_KINDS[s.kind].label,
      tanggal: s.tanggal,
      mulai: s.mulai,
      selesai: s.selesai,
      lokasi: s.lokasi,
      pengawas: s.pengawas,
      status: s.status,
      teams: s.teams,
      workers: s.workers,
      variants,
      serah: sum('serah'),
      hasil: sum('hasil'),
      rusak: sum('rusak'),
      kembali: sum('kembali'),
      inProcess: s.inProcess,
    }
  })
}
