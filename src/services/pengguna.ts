import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import { AppError, refused, type Issue } from '../core/errors'
import { needsPin, pinProblem } from '../core/roles'
import { checkName, findSameName, nameKey, sameNameMessage } from '../core/names'
import type { Pengguna, PenggunaCreate, PenggunaUpdate } from '../api/contract/pengguna'
import {
  hasActiveAdmin,
  insertPengguna,
  otherActiveAdmins,
  penggunaById,
  penggunaList,
  penggunaNamesExcept,
  pinOf,
  updatePengguna,
  type StoredPin,
} from '../db/pengguna'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'

/**
 * The users of this election file. A PIN is stored as scrypt(pin, salt): the file travels on USB sticks
 * and in backups, and a 4-digit PIN in clear would be read by anyone who opens it.
 */
// N=2^14 takes ~30 ms here: slow enough to make a stolen file's PINs costly, quick enough for a sign-in.
const SCRYPT = { N: 1 << 14, r: 8, p: 1 }
const hashPin = (pin: string, salt: string): string =>
  scryptSync(pin, Buffer.from(salt, 'hex'), 32, SCRYPT).toString('hex')

export function daftar(ctx: ReadContext): Pengguna[] {
  return penggunaList(ctx.db)
}

export function getUser(ctx: ReadContext, id: number): Pengguna | null {
  return penggunaById(ctx.db, id) ?? null
}

/** True once an active admin exists; until then the app only lets someone set up the election and its first admin. */
export function hasAdmin(ctx: ReadContext): boolean {
  return hasActiveAdmin(ctx.db)
}

export function checkPin(ctx: ReadContext, userId: number, pin: string): boolean {
  const stored = pinOf(ctx.db, userId)
  return stored ? pinMatches(stored, pin) : false
}

/** Whether a PIN is the one stored (a user of this file, or of a file opened by itself: services/pemulihanPin.ts). */
export function pinMatches(stored: StoredPin, pin: string): boolean {
  const want = Buffer.from(stored.hash, 'hex')
  const got = Buffer.from(hashPin(pin, stored.salt), 'hex')
  return want.length === got.length && timingSafeEqual(want, got)
}

function validate(
  ctx: ReadContext,
  input: { nama: string; pin?: string | null | undefined },
  exceptId: number | null,
): { nama: string; pin: StoredPin | null } {
  const issues: Issue[] = []
  const checked = checkName(input.nama, 'Nama pengguna', 60)
  const nama = checked.ok ? checked.value : input.nama
  if (!checked.ok) issues.push({ column: 'nama', message: checked.message })
  else {
    // Every name in the ledger and the audit log is a user's: one that only looks like another's
    // ("Аdmin Uji" with a Cyrillic А) would make rows that read as someone else's.
    const same = findSameName(nama, penggunaNamesExcept(ctx.db, exceptId))
    if (same !== undefined)
      issues.push({
        column: 'nama',
        message:
          nameKey(same) === nameKey(nama)
            ? `Nama "${nama}" sudah dipakai pengguna lain`
            : sameNameMessage('Nama pengguna', nama, same),
      })
  }
  let pin: StoredPin | null = null
  if (input.pin) {
    const pp = pinProblem(input.pin)
    if (pp) issues.push({ column: 'pin', message: pp })
    else {
      const salt = randomBytes(16).toString('hex')
      pin = { hash: hashPin(input.pin, salt), salt }
    }
  }
  if (issues.length) throw refused('Pengguna tidak dapat disimpan; tidak ada yang diubah', issues)
  return { nama, pin }
}

export function tambah(ctx: ServiceContext, who: Actor, input: PenggunaCreate): Pengguna {
  const { nama, pin } = validate(ctx, input, null)
  if (needsPin(input.role) && !pin)
    throw refused('Pengguna tidak dapat disimpan; tidak ada yang diubah', [
      { column: 'pin', message: `Peran ${input.role} memerlukan PIN` },
    ])
  return writeTx(ctx, who, 'pengguna.tambah', () => {
    const id = insertPengguna(ctx.db, { nama, role: input.role, pin, createdAt: ctx.now().toISOString() })
    return { result: getUser(ctx, id)!, detail: { id, nama, role: input.role } }
  })
}

/** The first admin of a file that has none (a new election, or a file from before users existed). */
export function tambahAdminPertama(ctx: ServiceContext, who: Actor, input: { nama: string; pin: string }): Pengguna {
  if (hasAdmin(ctx)) throw refused('Admin sudah ada; pengguna baru ditambahkan oleh admin di halaman Pengguna')
  return tambah(ctx, who, { nama: input.nama, role: 'admin', pin: input.pin })
}

export function ubah(ctx: ServiceContext, who: Actor & { userId?: number }, change: PenggunaUpdate): Pengguna {
  const before = getUser(ctx, change.id)
  if (!before) throw new AppError('NOT_FOUND', `Pengguna dengan id ${change.id} tidak ada`)
  const beforePin = pinOf(ctx.db, before.id) ?? null
  const role = change.role ?? before.role
  const active = change.active ?? before.active
  const { nama, pin } = validate(ctx, { nama: change.nama ?? before.nama, pin: change.pin ?? null }, before.id)
  const issues: Issue[] = []
  if (needsPin(role) && !pin && !beforePin)
    issues.push({ column: 'pin', message: `Peran ${role} memerlukan PIN; isi PIN-nya` })
  // The last active admin cannot go: nobody could then manage users or restore a backup.
  const losingAdmin = before.role === 'admin' && before.active && (role !== 'admin' || !active)
  if (losingAdmin) {
    if (otherActiveAdmins(ctx.db, before.id) === 0)
      issues.push({
        column: role !== 'admin' ? 'role' : 'active',
        message: 'Ini admin terakhir yang aktif; tambahkan admin lain dahulu',
      })
  }
  if (issues.length) throw refused('Pengguna tidak dapat disimpan; tidak ada yang diubah', issues)
  // An operator has no PIN; one that becomes koordinator must be given one (checked above).
  const keepPin = role === 'operator' ? null : (pin ?? beforePin)
  return writeTx(ctx, who, 'pengguna.ubah', () => {
    updatePengguna(ctx.db, { id: before.id, nama, role, active, pin: keepPin })
    return { result: getUser(ctx, before.id)!, detail: { id: before.id, nama, role, active, pinChanged: pin !== null } }
  })
}

/** Changing one's own PIN needs the old one: a PC left signed in must not let a passer-by take the account. */
export function gantiPin(
  ctx: ServiceContext,
  who: Actor,
  userId: number | undefined,
  oldPin: string,
  newPin: string,
  /** The sessions' PIN guard (services/sesi.ts): wrong old PINs count towards the same lockout as sign-in. */
  guardPin: (user: Pengguna, pin: string) => void,
): Pengguna {
  if (userId === undefined)
    throw new AppError('AUTH_REQUIRED', 'Pilih nama Anda dulu; PIN hanya dapat diganti oleh pemiliknya')
  const user = getUser(ctx, userId)
  if (!user) throw new AppError('NOT_FOUND', `Pengguna dengan id ${userId} tidak ada`)
  try {
    guardPin(user, oldPin)
  } catch (err) {
    if (err instanceof AppError && err.code === 'REFUSED')
      throw refused(`PIN lama: ${err.message}; PIN tidak diubah`, [{ column: 'pinLama', message: 'PIN lama salah' }])
    throw err
  }
  return ubah(ctx, who, { id: userId, pin: newPin })
}

/** The demo election's users; README.md lists their PINs. */
export const DEMO_USERS: readonly PenggunaCreate[] = [
  { nama: 'Admin Gudang', role: 'admin', pin: '240424' },
  { nama: 'Kasubbag Logistik', role: 'koordinator', pin: '202411' },
  { nama: 'Operator Sortir', role: 'operator' },
  { nama: 'Operator Kemas', role: 'operator' },
]
