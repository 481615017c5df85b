import { refused } from '../core/errors'
import { LOCK_MS, MAX_PIN_ATTEMPTS } from '../core/roles'
import { adminPinsOfFile } from '../db/pengguna'
import { pinMatches } from './pengguna'

/**
 * Who may restore a backup while the app is in recovery mode (issue 15: a restore there needed no user).
 * The open file is not trusted, so no one is signed in; but when the users table of the broken file, or
 * of the backup being restored, can still be read, an active admin's PIN from either is asked for (with
 * the same lockout as every PIN: five wrong, five minutes). When neither can be read there is no one to
 * ask: the restore goes ahead and says so, and the restore log records it (services/cadangan.ts).
 */
export class RecoveryPinGuard {
  private failures = 0
  private lockedUntil = 0

  constructor(private readonly now: () => Date) {}

  /** Who restores, in words for the log and the answer; refuses a missing or wrong PIN. */
  check(brokenFile: string, backupFile: string, pin: string | undefined): { oleh: string; pinDiperiksa: boolean } {
    const admins = [...(adminPinsOfFile(brokenFile) ?? []), ...(adminPinsOfFile(backupFile) ?? [])].filter(
      (a): a is { nama: string; pin: NonNullable<typeof a.pin> } => a.pin !== null,
    )
    if (admins.length === 0)
      return {
        oleh: 'tanpa PIN: tabel pengguna berkas yang rusak dan cadangan tidak dapat dibaca',
        pinDiperiksa: false,
      }
    const t = this.now().getTime()
    if (this.lockedUntil > t)
      throw refused(
        `PIN admin salah ${MAX_PIN_ATTEMPTS} kali; pemulihan terkunci, coba lagi dalam ${Math.ceil((this.lockedUntil - t) / 60_000)} menit`,
        [{ column: 'pin', message: 'Terkunci sementara' }],
      )
    if (!pin)
      throw refused('Pemulihan dalam mode pemulihan memerlukan PIN admin (dari berkas ini atau dari cadangan itu)', [
        { column: 'pin', message: 'PIN admin wajib diisi' },
      ])
    const admin = admins.find((a) => pinMatches(a.pin, pin))
    if (!admin) {
      this.failures++
      if (this.failures >= MAX_PIN_ATTEMPTS) {
        this.failures = 0
        this.lockedUntil = t + LOCK_MS
      }
      throw refused('PIN admin salah; tidak ada yang diubah', [{ column: 'pin', message: 'PIN salah' }])
    }
    this.failures = 0
    return { oleh: admin.nama, pinDiperiksa: true }
  }
}
