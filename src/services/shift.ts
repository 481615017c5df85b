import type { ShiftDetail, ShiftInput, ShiftSummary, Tally } from '../api/contract/shift'
import { AppError, refused, type Issue } from '../core/errors'
import { SHIFT_KINDS, isClockTime, isIsoDate, itemRefusalForShift, type ShiftKind } from '../core/shifts'
import { formatAngka } from '../core/terbilang'
import { pekerjaById } from '../db/pekerja'
import { activeMemberIds, reguById } from '../db/regu'
import * as db from '../db/shift'
import type { ShiftRecord } from '../db/shift'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { floorFlows, type FloorFlow } from './floorFlows'
import { getVariant, type VariantInfo } from './variants'
import { versiShift } from './tallyVersi'
import { reguName } from '../core/regu'

/**
 * Shifts of the sortir-lipat and rakit floor. A shift is opened with the teams and workers present and
 * the item variants it works on; its work moves through PROSES:<shift>:<team>; it can only be closed
 * when nothing of it is left in process. Opening, closing and reopening are recorded with who and why.
 */
export function requireShift(ctx: ReadContext, id: number, column = 'shiftId'): ShiftRecord {
  const s = db.shiftById(ctx.db, id)
  if (!s) throw new AppError('NOT_FOUND', `Shift #${id} tidak ditemukan`, [{ column, message: 'Tidak ditemukan' }])
  return s
}

export function requireOpenShift(ctx: ReadContext, id: number, column = 'shiftId'): ShiftRecord {
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
  ctx: ReadContext,
  teams: ShiftInput['teams'],
  issues: Issue[],
): { teamId: number; workerIds: number[] }[] {
  if (teams.length === 0) issues.push({ column: 'teams', message: 'Pilih sedikitnya satu regu yang bekerja' })
  const seenWorker = new Map<number, string>()
  const seenTeam = new Set<number>()
  return teams.map((t, i) => {
    const team = reguById(ctx.db, t.teamId)
    if (!team) {
      issues.push({ row: i + 1, column: 'teamId', message: `Regu dengan id ${t.teamId} tidak ditemukan` })
      return { teamId: t.teamId, workerIds: [] }
    }
    if (seenTeam.has(t.teamId))
      issues.push({ row: i + 1, column: 'teamId', message: `${reguName(team.nama)} disebut dua kali` })
    seenTeam.add(t.teamId)
    const workerIds = t.workerIds ?? activeMemberIds(ctx.db, t.teamId)
    for (const wid of workerIds) {
      const w = pekerjaById(ctx.db, wid)
      if (!w) issues.push({ row: i + 1, column: 'workerIds', message: `Pekerja dengan id ${wid} tidak ditemukan` })
      else if (seenWorker.has(wid))
        issues.push({
          row: i + 1,
          column: 'workerIds',
          message: `${w.nama} sudah tercatat hadir di ${reguName(seenWorker.get(wid)!, true)}`,
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
    const at = ctx.now().toISOString()
    const id = db.insertShift(ctx.db, { ...input, at, actor: who.actor })
    db.addShiftVariants(ctx.db, id, new Set(input.variantIds))
    db.replaceAttendance(ctx.db, id, teams)
    db.insertShiftEvent(ctx.db, { shiftId: id, at, actor: who.actor, event: 'buka', note: input.note })
    return { result: id, detail: { id, ...input } }
  })
  return lihat(ctx, id)
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
      const nama = reguById(ctx.db, teamId)!.nama
      issues.push({
        column: 'teams',
        message: `${reguName(nama)} sudah memiliki catatan di shift ini dan tidak dapat dikeluarkan`,
      })
    }
  }
  for (const f of flows) {
    if (f.workerId !== null && !teams.some((t) => t.teamId === f.teamId && t.workerIds.includes(f.workerId!))) {
      const nama = pekerjaById(ctx.db, f.workerId)!.nama
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
    db.replaceAttendance(ctx.db, shiftId, teams)
    if (variantIds) db.replaceShiftVariants(ctx.db, shiftId, new Set(variantIds))
    return { result: null, detail: { shiftId, teams, variantIds } }
  })
  return lihat(ctx, shiftId)
}

export function tutup(ctx: ServiceContext, who: Actor, shiftId: number, note: string) {
  const shift = requireOpenShift(ctx, shiftId)
  const left = db.inProcessOf(ctx.db, shiftId)
  if (left.length) {
    throw refused(
      `Shift #${shiftId} belum dapat ditutup: masih ada ${formatAngka(left.reduce((s, l) => s + l.qty, 0))} ${SHIFT_KINDS[shift.kind].unit} dalam proses. Catat hasilnya, atau kembalikan yang belum selesai ke stok belum disortir.`,
      left.map((l) => {
        const teamId = Number(l.place.split(':')[2])
        const team = reguById(ctx.db, teamId)?.nama ?? `#${teamId}`
        return {
          column: 'proses',
          message: `${reguName(team)}: ${formatAngka(l.qty)} ${getVariant(ctx, l.variantId).label} masih dalam proses`,
        }
      }),
    )
  }
  writeTx(ctx, who, 'shift.tutup', () => {
    db.setShiftStatus(ctx.db, shiftId, 'closed')
    db.insertShiftEvent(ctx.db, { shiftId, at: ctx.now().toISOString(), actor: who.actor, event: 'tutup', note })
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
    db.setShiftStatus(ctx.db, shiftId, 'open')
    db.insertShiftEvent(ctx.db, {
      shiftId,
      at: ctx.now().toISOString(),
      actor: who.actor,
      event: 'buka_kembali',
      note,
    })
    return { result: null, detail: { shiftId, note } }
  })
  return lihat(ctx, shiftId)
}

function tallies(
  flows: readonly FloorFlow[],
  teamId: number,
  workerId: number | null,
  variantIds: readonly number[],
  proses: (variantId: number) => number,
): Tally[] {
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

export function lihat(ctx: ServiceContext, id: number): ShiftDetail {
  const s = requireShift(ctx, id, 'id')
  const variantIds = db.shiftVariantIds(ctx.db, id).sort((a, b) => a - b)
  const { teams, inProcess } = reguShift(ctx, id, variantIds)
  const events = db.shiftEvents(ctx.db, id)
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
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    variants: variantIds.map((v) => getVariant(ctx, v)),
    teams,
    inProcess,
    versi: versiShift(ctx, id),
    events,
  }
}

/**
 * The teams of a shift with their workers and tallies per variant (ShiftDetail.teams), in the shift's
 * order; `only` keeps just those teams (what a tally save answers), and the shift's total in process.
 */
export function reguShift(
  ctx: ReadContext,
  id: number,
  variantIds: readonly number[],
  only?: ReadonlySet<number>,
): { teams: ShiftDetail['teams']; inProcess: number } {
  const teams = db.shiftTeams(ctx.db, id).filter((t) => !only || only.has(t.id))
  const workers = db.shiftWorkers(ctx.db, id)
  const flows = floorFlows(ctx, only ? { shiftId: id, teamIds: [...only] } : { shiftId: id })
  const balances = db.inProcessOf(ctx.db, id)
  const proses = (teamId: number) => (variantId: number) =>
    balances.find((b) => b.place === `PROSES:${id}:${teamId}` && b.variantId === variantId)?.qty ?? 0
  return {
    teams: teams.map((t) => ({
      teamId: t.id,
      nama: t.nama,
      workers: workers
        .filter((w) => w.teamId === t.id)
        .map((w) => ({ workerId: w.id, nama: w.nama, tallies: tallies(flows, t.id, w.id, variantIds, () => 0) })),
      tallies: tallies(flows, t.id, null, variantIds, proses(t.id)),
    })),
    inProcess: balances.reduce((n, b) => n + b.qty, 0),
  }
}

export function daftar(
  ctx: ReadContext,
  filter: { from?: string | undefined; to?: string | undefined },
): ShiftSummary[] {
  const rows = db.daftarShift(ctx.db, filter)
  const flows = floorFlows(ctx, filter)
  return rows.map((s) => {
    const mine = flows.filter((f) => f.shiftId === s.id)
    const sum = (c: FloorFlow['category']) => mine.filter((f) => f.category === c).reduce((n, f) => n + f.qty, 0)
    const variants = db.shiftVariantIds(ctx.db, s.id).map((v) => getVariant(ctx, v).label)
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
