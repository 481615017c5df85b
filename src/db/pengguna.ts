import type { Pengguna } from '../api/contract/pengguna'
import type { Role } from '../core/roles'
import Database from 'better-sqlite3'
import { asReadable, type ReadableDB, type WritableDB } from './handles'

/** The users of this election file. A PIN is stored only as its scrypt hash and salt (services/pengguna.ts). */

interface PenggunaRow {
  id: number
  nama: string
  role: Role
  pin_hash: string | null
  pin_salt: string | null
  active: number
}

const toPengguna = (r: PenggunaRow): Pengguna => ({
  id: r.id,
  nama: r.nama,
  role: r.role,
  active: r.active === 1,
  hasPin: r.pin_hash !== null,
})

/** Active users first, then by role (admin, koordinator, operator) and name. */
export function penggunaList(db: ReadableDB): Pengguna[] {
  return (
    db
      .prepare(
        `SELECT * FROM pengguna ORDER BY active DESC, CASE role WHEN 'admin' THEN 0 WHEN 'koordinator' THEN 1 ELSE 2 END, nama`,
      )
      .all() as PenggunaRow[]
  ).map(toPengguna)
}

export function penggunaById(db: ReadableDB, id: number): Pengguna | undefined {
  const r = db.prepare('SELECT * FROM pengguna WHERE id = ?').get(id) as PenggunaRow | undefined
  return r && toPengguna(r)
}

export interface StoredPin {
  hash: string
  salt: string
}

/** A user's PIN hash and salt; null for a user without a PIN, undefined for no such user. */
export function pinOf(db: ReadableDB, id: number): StoredPin | null | undefined {
  const r = db.prepare('SELECT pin_hash, pin_salt FROM pengguna WHERE id = ?').get(id) as
    Pick<PenggunaRow, 'pin_hash' | 'pin_salt'> | undefined
  if (!r) return undefined
  return r.pin_hash && r.pin_salt ? { hash: r.pin_hash, salt: r.pin_salt } : null
}

export function hasActiveAdmin(db: ReadableDB): boolean {
  return db.prepare(`SELECT 1 FROM pengguna WHERE role = 'admin' AND active = 1 LIMIT 1`).get() !== undefined
}

/** Every user's name but one's own (null: everyone's). */
export function penggunaNamesExcept(db: ReadableDB, exceptId: number | null): string[] {
  return db.prepare('SELECT nama FROM pengguna WHERE id IS NOT ?').pluck().all(exceptId) as string[]
}

/** Active admins other than this user. */
export function otherActiveAdmins(db: ReadableDB, id: number): number {
  return (
    db.prepare(`SELECT count(*) AS n FROM pengguna WHERE role = 'admin' AND active = 1 AND id <> ?`).get(id) as {
      n: number
    }
  ).n
}

export function insertPengguna(
  db: WritableDB,
  p: { nama: string; role: Role; pin: StoredPin | null; createdAt: string },
): number {
  return Number(
    db
      .prepare('INSERT INTO pengguna (nama, role, pin_hash, pin_salt, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(p.nama, p.role, p.pin?.hash ?? null, p.pin?.salt ?? null, p.createdAt).lastInsertRowid,
  )
}

export function updatePengguna(
  db: WritableDB,
  p: { id: number; nama: string; role: Role; active: boolean; pin: StoredPin | null },
): void {
  db.prepare('UPDATE pengguna SET nama = ?, role = ?, active = ?, pin_hash = ?, pin_salt = ? WHERE id = ?').run(
    p.nama,
    p.role,
    p.active ? 1 : 0,
    p.pin?.hash ?? null,
    p.pin?.salt ?? null,
    p.id,
  )
}

/**
 * The active admins of a file opened by itself, read-only (a broken election file, a backup about to be
 * restored), with their stored PINs; null when the file or its users table cannot be read.
 */
export function adminPinsOfFile(file: string): { nama: string; pin: StoredPin | null }[] | null {
  let db: ReadableDB | null = null
  try {
    db = asReadable(new Database(file, { readonly: true, fileMustExist: true }))
    const rows = db
      .prepare(`SELECT nama, pin_hash, pin_salt FROM pengguna WHERE role = 'admin' AND active = 1 ORDER BY id`)
      .all() as { nama: string; pin_hash: string | null; pin_salt: string | null }[]
    return rows.map((r) => ({
      nama: r.nama,
      pin: r.pin_hash && r.pin_salt ? { hash: r.pin_hash, salt: r.pin_salt } : null,
    }))
  } catch {
    return null
  } finally {
    db?.close()
  }
}
