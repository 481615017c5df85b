import type { Pekerja, PekerjaInput, PekerjaUpdate } from '../api/contract/pekerja'
import { AppError, refused, type Issue } from '../core/errors'
import { lookKey, nameIndex, nameKey, sameNameMessage } from '../core/names'
import { normalizeName } from '../core/text'
import { teamBaseName, teamKey } from '../core/regu'
import { maskNik, parseWorkerTable } from '../core/workerImport'
import * as db from '../db/pekerja'
import * as reguDb from '../db/regu'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { readUpload, type Upload } from './tableFile'

/**
 * Workers (pekerja sortir-lipat/rakit) and their membership of a team (regu, in regu.ts). The NIK is stored
 * whole for pay administration and leaves this module only masked: screens never show it in full. The one
 * paper that prints it whole, with the NPWP and bank account, is the rekap upah the bendahara pays and reports
 * the tax withheld from (services/dokumenData.ts#upahData).
 */
export function daftar(ctx: ReadContext): Pekerja[] {
  // The row's columns are the contract's names already; only the NIK (masked) and SQLite's 0/1 change.
  return db.daftarPekerja(ctx.db).map(({ nik, isLeader, active, ...same }) => ({
    ...same,
    nikMasked: maskNik(nik),
    hasNik: nik !== null,
    isLeader: isLeader === 1,
    active: active === 1,
  }))
}

export function requireTeam(ctx: ReadContext, id: number, column = 'teamId'): { id: number; nama: string } {
  const t = reguDb.reguById(ctx.db, id)
  if (!t)
    throw new AppError('NOT_FOUND', `Regu dengan id ${id} tidak ditemukan`, [{ column, message: 'Tidak ditemukan' }])
  return { id: t.id, nama: t.nama }
}

export function requireWorker(ctx: ReadContext, id: number, column = 'workerId'): { id: number; nama: string } {
  const w = db.pekerjaById(ctx.db, id)
  if (!w)
    throw new AppError('NOT_FOUND', `Pekerja dengan id ${id} tidak ditemukan`, [{ column, message: 'Tidak ditemukan' }])
  return w
}

function checkNikFree(ctx: ReadContext, nik: string | null, exceptId: number | null): void {
  if (!nik) return
  const other = db.pekerjaWithNik(ctx.db, nik, exceptId)
  if (other)
    throw refused(`NIK ini sudah tercatat untuk ${other.nama}`, [
      { column: 'nik', message: `Sudah dipakai oleh ${other.nama}` },
    ])
}

export function setMembership(ctx: ServiceContext, workerId: number, teamId: number | null): void {
  const current = reguDb.teamOfWorker(ctx.db, workerId)
  if ((current ?? null) === teamId) return
  if (current !== undefined) reguDb.removeMember(ctx.db, workerId, current)
  if (teamId !== null) reguDb.addMember(ctx.db, teamId, workerId)
}

/**
 * A worker is picked by name on the tally grid and the pay list: a second worker whose name looks the
 * same as another's (same UTS #39 skeleton) would be indistinguishable there. Namesakes are real, though:
 * two people of one name are told apart by their NIK (shown masked beside the name), so the same name is
 * allowed when both have a NIK (NIKs are unique, checkNikFree) and refused when either has none.
 */
function checkWorkerName(ctx: ReadContext, nama: string, nik: string | null, exceptId: number | null): void {
  const look = lookKey(nama)
  const twins = db.pekerjaNamesWithNik(ctx.db, exceptId).filter((w) => lookKey(w.nama) === look)
  if (twins.length === 0 || (nik !== null && twins.every((w) => w.hasNik))) return
  const same = twins[0]!.nama
  const message =
    nameKey(same) === nameKey(nama)
      ? `Nama pekerja "${nama}" sudah dipakai; bila orang yang berbeda, isi NIK keduanya (atau bedakan namanya, mis. tambahkan nama ayah atau asal desa)`
      : sameNameMessage('Nama pekerja', nama, same)
  throw refused(message, [{ column: 'nama', message }])
}

/** The pay fields may be left out by a caller inside the app (a seed, a test): none, as the contract's defaults. */
type Tambah = Omit<PekerjaInput, 'npwp' | 'bank' | 'noRekening'> &
  Partial<Pick<PekerjaInput, 'npwp' | 'bank' | 'noRekening'>>

export function tambah(ctx: ServiceContext, who: Actor, input: Tambah): Pekerja {
  requireElection(ctx)
  if (input.teamId !== null) requireTeam(ctx, input.teamId)
  checkWorkerName(ctx, input.nama, input.nik, null)
  checkNikFree(ctx, input.nik, null)
  const id = writeTx(ctx, who, 'pekerja.tambah', () => {
    const id = db.insertPekerja(ctx.db, {
      nama: input.nama,
      namaKey: normalizeName(input.nama),
      nik: input.nik,
      telepon: input.telepon,
      createdAt: ctx.now().toISOString(),
      npwp: input.npwp,
      bank: input.bank,
      noRekening: input.noRekening,
    })
    setMembership(ctx, id, input.teamId)
    return { result: id, detail: { id, nama: input.nama, teamId: input.teamId, nik: maskNik(input.nik) } }
  })
  return daftar(ctx).find((w) => w.id === id)!
}

export function ubah(ctx: ServiceContext, who: Actor, u: PekerjaUpdate): Pekerja {
  requireWorker(ctx, u.id, 'id')
  if (u.teamId != null) requireTeam(ctx, u.teamId)
  if (u.nama !== undefined || u.nik === null)
    checkWorkerName(
      ctx,
      u.nama ?? requireWorker(ctx, u.id, 'id').nama,
      u.nik !== undefined ? u.nik : db.nikOf(ctx.db, u.id),
      u.id,
    )
  if (u.nik !== undefined) checkNikFree(ctx, u.nik, u.id)
  writeTx(ctx, who, 'pekerja.ubah', () => {
    if (u.nama !== undefined) db.renamePekerja(ctx.db, u.id, u.nama, normalizeName(u.nama))
    if (u.nik !== undefined) db.setNik(ctx.db, u.id, u.nik)
    if (u.telepon !== undefined) db.setTelepon(ctx.db, u.id, u.telepon)
    if (u.active !== undefined) db.setPekerjaActive(ctx.db, u.id, u.active)
    db.setPembayaran(ctx.db, u.id, { npwp: u.npwp, bank: u.bank, noRekening: u.noRekening })
    if (u.teamId !== undefined) setMembership(ctx, u.id, u.teamId)
    return { result: null, detail: { ...u, nik: u.nik === undefined ? undefined : maskNik(u.nik) } }
  })
  return daftar(ctx).find((w) => w.id === u.id)!
}

/**
 * Imports a worker list (nama, NIK, telepon, regu, ketua). Existing workers are matched by NIK, or by name
 * when the name is unique; teams named in the file are created. All of it or none of it.
 */
export async function impor(ctx: ServiceContext, who: Actor, fileName: string, upload: Upload) {
  requireElection(ctx)
  const table = await readUpload(ctx, fileName, upload)
  const parsed = parseWorkerTable(table.rows)
  const issues: Issue[] = [...parsed.errors]
  // A row whose name only looks like an existing worker's or regu's would be a second one that prints the
  // same; the same spelling is the same worker (matched below) or regu.
  const workerNames = nameIndex(db.pekerjaNamesExcept(ctx.db, null))
  // Teams by base name (core/regu.ts): a file's "Regu Mawar" (parsed as "Mawar") joins the team "Mawar", and a
  // team stored as "Regu Mawar" before that rule is the same team too.
  const teams = reguDb.allTeams(ctx.db)
  const teamNames = nameIndex(teams.map((t) => teamBaseName(t.nama)))
  const teamIdByKey = new Map(teams.map((t) => [teamKey(t.nama), t.id]))
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
    const other = db.otherPekerjaWithNik(ctx.db, w.nik, normalizeName(w.nama))
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
    // Two rows of the same name without NIK in one file are two people; only an existing worker is matched.
    const matched = new Set<number>()
    for (const w of parsed.workers) {
      const row = { nama: w.nama, namaKey: normalizeName(w.nama), nik: w.nik, telepon: w.telepon }
      // A pay field left empty in the file keeps the one on record.
      const pay = {
        ...(w.npwp ? { npwp: w.npwp } : {}),
        ...(w.bank ? { bank: w.bank } : {}),
        ...(w.noRekening ? { noRekening: w.noRekening } : {}),
      }
      let id = w.nik ? db.pekerjaIdByNik(ctx.db, w.nik) : undefined
      if (id === undefined) {
        const same = db.pekerjaIdsByKey(ctx.db, row.namaKey).filter((x) => !matched.has(x))
        if (same.length === 1 && !w.nik) id = same[0]!
      }
      if (id === undefined) {
        id = db.insertPekerja(ctx.db, { ...row, ...pay, createdAt: ctx.now().toISOString() })
        added++
        matched.add(id)
      } else {
        matched.add(id)
        db.updateImportedPekerja(ctx.db, id, row)
        db.setPembayaran(ctx.db, id, pay)
        updated++
      }
      if (w.regu !== null) {
        let teamId = teamIdByKey.get(teamKey(w.regu))
        if (teamId === undefined) {
          teamId = reguDb.insertRegu(ctx.db, w.regu, normalizeName(w.regu), 0)
          teamIdByKey.set(teamKey(w.regu), teamId)
          teamsAdded++
        }
        setMembership(ctx, id, teamId)
        if (w.ketua) reguDb.setLeader(ctx.db, teamId, id)
      }
    }
    const result = { added, updated, teamsAdded, format: table.format }
    return { result, detail: { fileName, ...result } }
  })
}
