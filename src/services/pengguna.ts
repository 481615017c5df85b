import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import { AppError, refused, type Issue } from '../core/errors'
import { needsPin, pinProblem, type Role } from '../core/roles'
import { checkName, findSameName, nameKey, sameNameMessage } from '../core/names'
import { writeTx, type Actor, type ServiceContext } from './context'

/**
 * The users of this election file. A PIN is stored as scrypt(pin, salt): the file travels on USB sticks
 * and in backups, and a 4-digit PIN in clear would be read by anyone who opens it.
 */
export interface User {
  id: number
  nama: string
  role: Role
  active: boolean
  hasPin: boolean
}

interface UserRow {
  id: number
  nama: string
  role: Role
  pin_hash: string | null
  pin_salt: string | null
  active: number
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  nama: r.nama,
  role: r.role,
  active: r.active === 1,
  hasPin: r.pin_hash !== null,
})

// N=2^14 takes ~30 ms here: slow enough to make a stolen file's PINs costly, quick enough for a sign-in.
const SCRYPT = { N: 1 << 14, r: 8, p: 1 }
const hashPin = (pin: string, salt: string): string =>
  scryptSync(pin, Buffer.from(salt, 'hex'), 32, SCRYPT).toString('hex')

export function daftar(ctx: ServiceContext): User[] {
  return (
    ctx.db
      .prepare(
        `SELECT * FROM pengguna ORDER BY active DESC, CASE role WHEN 'admin' THEN 0 WHEN 'koordinator' THEN 1 ELSE 2 END, nama`,
      )
      .all() as UserRow[]
  ).map(toUser)
}

export function getUser(ctx: ServiceContext, id: number): User | null {
  const r = ctx.db.prepare('SELECT * FROM pengguna WHERE id = ?').get(id) as UserRow | undefined
  return r ? toUser(r) : null
}

/** True once an active admin exists; until then the app only lets someone set up the election and its first admin. */
export function hasAdmin(ctx: ServiceContext): boolean {
  return ctx.db.prepare(`SELECT 1 FROM pengguna WHERE role = 'admin' AND active = 1 LIMIT 1`).get() !== undefined
}

export function checkPin(ctx: ServiceContext, userId: number, pin: string): boolean {
  const r = ctx.db.prepare('SELECT pin_hash, pin_salt FROM pengguna WHERE id = ?').get(userId) as
    Pick<UserRow, 'pin_hash' | 'pin_salt'> | undefined
  if (!r?.pin_hash || !r.pin_salt) return false
  const want = Buffer.from(r.pin_hash, 'hex')
  const got = Buffer.from(hashPin(pin, r.pin_salt), 'hex')
  return want.length === got.length && timingSafeEqual(want, got)
}

export interface NewUser {
  nama: string
  role: Role
  pin?: string | null
}

function validate(
  ctx: ServiceContext,
  input: NewUser,
  exceptId: number | null,
): { nama: string; pin: { hash: string; salt: string } | null } {
  const issues: Issue[] = []
  const checked = checkName(input.nama, 'Nama pengguna', 60)
  const nama = checked.ok ? checked.value : input.nama
  if (!checked.ok) issues.push({ column: 'nama', message: checked.message })
  else {
    // Every name in the ledger and the audit log is a user's: one that only looks like another's
    // ("Аdmin Uji" with a Cyrillic А) would make rows that read as someone else's.
    const others = ctx.db.prepare('SELECT nama FROM pengguna WHERE id IS NOT ?').pluck().all(exceptId) as string[]
    const same = findSameName(nama, others)
    if (same !== undefined)
      issues.push({
        column: 'nama',
        message:
          nameKey(same) === nameKey(nama)
            ? `Nama "${nama}" sudah dipakai pengguna lain`
            : sameNameMessage('Nama pengguna', nama, same),
      })
  }
  let pin: { hash: string; salt: string } | null = null
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

export function tambah(ctx: ServiceContext, who: Actor, input: NewUser): User {
  const { nama, pin } = validate(ctx, input, null)
  if (needsPin(input.role) && !pin)
    throw refused('Pengguna tidak dapat disimpan; tidak ada yang diubah', [
      { column: 'pin', message: `Peran ${input.role} memerlukan PIN` },
    ])
  return writeTx(ctx, who, 'pengguna.tambah', () => {
    const id = Number(
      ctx.db
        .prepare('INSERT INTO pengguna (nama, role, pin_hash, pin_salt, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(nama, input.role, pin?.hash ?? null, pin?.salt ?? null, ctx.now().toISOString()).lastInsertRowid,
    )
    return { result: getUser(ctx, id)!, detail: { id, nama, role: input.role } }
  })
}

/** The first admin of a file that has none (a new election, or a file from before users existed). */
export function tambahAdminPertama(ctx: ServiceContext, who: Actor, input: { nama: string; pin: string }): User {
  if (hasAdmin(ctx)) throw refused('Admin sudah ada; pengguna baru ditambahkan oleh admin di halaman Pengguna')
  return tambah(ctx, who, { nama: input.nama, role: 'admin', pin: input.pin })
}

export interface UserChange {
  id: number
  nama?: string
  role?: Role
  active?: boolean
  pin?: string | null
}

export function ubah(ctx: ServiceContext, who: Actor & { userId?: number }, change: UserChange): User {
  const before = ctx.db.prepare('SELECT * FROM pengguna WHERE id = ?').get(change.id) as UserRow | undefined
  if (!before) throw new AppError('NOT_FOUND', `Pengguna dengan id ${change.id} tidak ada`)
  const role = change.role ?? before.role
  const active = change.active ?? before.active === 1
  const { nama, pin } = validate(ctx, { nama: change.nama ?? before.nama, role, pin: change.pin ?? null }, before.id)
  const issues: Issue[] = []
  if (needsPin(role) && !pin && !before.pin_hash)
    issues.push({ column: 'pin', message: `Peran ${role} memerlukan PIN; isi PIN-nya` })
  // The last active admin cannot go: nobody could then manage users or restore a backup.
  const losingAdmin = before.role === 'admin' && before.active === 1 && (role !== 'admin' || !active)
  if (losingAdmin) {
    const others = (
      ctx.db
        .prepare(`SELECT count(*) AS n FROM pengguna WHERE role = 'admin' AND active = 1 AND id <> ?`)
        .get(before.id) as { n: number }
    ).n
    if (others === 0)
      issues.push({
        column: role !== 'admin' ? 'role' : 'active',
        message: 'Ini admin terakhir yang aktif; tambahkan admin lain dahulu',
      })
  }
  if (issues.length) throw refused('Pengguna tidak dapat disimpan; tidak ada yang diubah', issues)
  // An operator has no PIN; one that becomes koordinator must be given one (checked above).
  const keepPin =
    role === 'operator'
      ? { hash: null, salt: null }
      : pin
        ? { hash: pin.hash, salt: pin.salt }
        : { hash: before.pin_hash, salt: before.pin_salt }
  return writeTx(ctx, who, 'pengguna.ubah', () => {
    ctx.db
      .prepare('UPDATE pengguna SET nama = ?, role = ?, active = ?, pin_hash = ?, pin_salt = ? WHERE id = ?')
      .run(nama, role, active ? 1 : 0, keepPin.hash, keepPin.salt, before.id)
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
): User {
  if (userId === undefined)
    throw new AppError('AUTH_REQUIRED', 'Pilih nama Anda dulu; PIN hanya dapat diganti oleh pemiliknya')
  if (!checkPin(ctx, userId, oldPin))
    throw refused('PIN lama salah; PIN tidak diubah', [{ column: 'pinLama', message: 'PIN lama salah' }])
  return ubah(ctx, who, { id: userId, pin: newPin })
}

export function logSession(
  ctx: ServiceContext,
  userId: number | null,
  nama: string,
  event: 'masuk' | 'keluar' | 'kedaluwarsa' | 'pin_salah' | 'terkunci',
  transport: string,
): void {
  ctx.db
    .prepare('INSERT INTO sesi_log (at, pengguna_id, nama, event, transport) VALUES (?, ?, ?, ?, ?)')
    .run(ctx.now().toISOString(), userId, nama, event, transport)
}

/** The demo election's users; README.md lists their PINs. */
export const DEMO_USERS: readonly NewUser[] = [
  { nama: 'Admin Gudang', role: 'admin', pin: '240424' },
  { nama: 'Kasubbag Logistik', role: 'koordinator', pin: '202411' },
  { nama: 'Operator Sortir', role: 'operator' },
  { nama: 'Operator Kemas', role: 'operator' },
]
