/**
 * Who may do what at the warehouse PC. An operator counts (tally, penerimaan, packing); a koordinator
 * (Kasubbag Keuangan, Umum dan Logistik or the person he names) closes shifts, issues berita acara,
 * corrects, hands over, destroys and changes settings; an admin also manages users and restores backups.
 */
export const ROLES = ['operator', 'koordinator', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** Who a method is for: 'semua' needs no chosen user (reading, choosing a user). */
export type Access = 'semua' | Role

const RANK: Record<Role, number> = { operator: 1, koordinator: 2, admin: 3 }

export const roleAtLeast = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed]

export const ROLE_LABEL: Record<Role, string> = { operator: 'Operator', koordinator: 'Koordinator', admin: 'Admin' }

/** What each role may do (the access of every method follows this), in the words the warehouse uses. */
export const ROLE_DUTY: Record<Role, string> = {
  operator: 'Mencatat: penerimaan, tally sortir-lipat dan rakit, pengemasan. Cukup memilih nama, tanpa PIN.',
  koordinator:
    'Juga menutup shift, menerbitkan berita acara, koreksi, serah terima ke PPK, pemusnahan dan pengaturan. Dengan PIN.',
  admin: 'Juga mengelola pengguna dan memulihkan cadangan. Dengan PIN.',
}

/** Roles that carry a PIN. Operators pick their name in one step: the floor changes hands often. */
export const needsPin = (role: Role): boolean => role !== 'operator'

/** A PIN is 4 to 8 digits: typed on a shared keyboard, several times a day. */
export function pinProblem(pin: string): string | null {
  if (!/^\d+$/.test(pin)) return 'PIN hanya berisi angka'
  if (pin.length < 4 || pin.length > 8) return 'PIN terdiri dari 4 sampai 8 angka'
  if (/^(\d)\1+$/.test(pin)) return 'PIN tidak boleh satu angka yang diulang (mis. 1111)'
  if ('0123456789'.includes(pin) || '9876543210'.includes(pin)) return 'PIN tidak boleh angka berurutan (mis. 1234)'
  return null
}

/** A koordinator or admin left signed in on an unattended PC lapses after this long without a call. */
export const ELEVATED_IDLE_MS = 15 * 60 * 1000

/** Wrong PINs in a row before that user is locked for LOCK_MS: a 4-digit PIN must not be guessable. */
export const MAX_PIN_ATTEMPTS = 5
export const LOCK_MS = 5 * 60 * 1000
