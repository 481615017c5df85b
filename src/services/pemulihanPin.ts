import { readFileSync } from 'node:fs'
import { refused } from '../core/errors'
import { LOCK_MS, MAX_PIN_ATTEMPTS } from '../core/roles'
import { normalizeName } from '../core/text'
import { adminPinsOfFile } from '../db/pengguna'
import { pinMatches } from './pengguna'
import { writeJsonWhole } from './tempFile'

/**
 * Who may restore a backup, or pick a backup folder, while the app is in recovery mode (issue 15: a restore
 * there needed no user). The open file is not trusted, so no one is signed in; but when the users table of
 * the broken file, or of the backup being restored, can still be read, an active admin's PIN from either is
 * asked for, with the same lockout as every PIN: five wrong, five minutes. The count is kept in a file
 * beside the backups (not in the broken database, which recovery never writes), so it outlives the process:
 * every `gudang` run is a new one. When no users table can be read there is no one to ask: the action goes
 * ahead and says so, and the restore log records it (services/cadangan.ts).
 */
export class RecoveryPinGuard {
  private memory: Lock = { failures: 0, lockedUntil: 0 }

  /** `lockFile`: where the count of wrong PINs is kept (null: in memory only, a database in memory). */
  constructor(
    private readonly now: () => Date,
    private readonly lockFile: () => string | null,
  ) {}

  /**
   * Who acts, in words for the log and the answer; refuses a missing or wrong PIN. `files`: the databases
   * whose admins may answer. `nama`: the admin the command line named with --user (only that one's PIN
   * counts); a window has no name to give, so any admin's PIN does.
   */
  check(
    files: readonly string[],
    pin: string | undefined,
    opts: { nama?: string } = {},
  ): { oleh: string; pinDiperiksa: boolean } {
    const admins = files
      .flatMap((f) => adminPinsOfFile(f) ?? [])
      .filter((a): a is { nama: string; pin: NonNullable<typeof a.pin> } => a.pin !== null)
    if (admins.length === 0)
      return {
        oleh: `tanpa PIN: tabel pengguna ${files.length > 1 ? 'berkas yang rusak dan cadangan' : 'berkas yang rusak'} tidak dapat dibaca`,
        pinDiperiksa: false,
      }
    const t = this.now().getTime()
    const lock = this.read()
    if (lock.lockedUntil > t)
      throw refused(
        `PIN admin salah ${MAX_PIN_ATTEMPTS} kali; pemulihan terkunci, coba lagi dalam ${Math.ceil((lock.lockedUntil - t) / 60_000)} menit`,
        [{ column: 'pin', message: 'Terkunci sementara' }],
      )
    const cli = opts.nama !== undefined
    if (!pin)
      throw refused(
        cli
          ? 'Dalam mode pemulihan tindakan ini memerlukan admin: jalankan dengan --user NAMA (nama admin berkas ini atau cadangan itu; PIN ditanyakan di terminal, atau dari variabel lingkungan GUDANG_PIN untuk skrip); tidak ada yang diubah'
          : 'Dalam mode pemulihan tindakan ini memerlukan PIN admin (dari berkas ini atau dari cadangan itu)',
        [{ column: 'pin', message: 'PIN admin wajib diisi' }],
      )
    const candidates = cli ? admins.filter((a) => normalizeName(a.nama) === normalizeName(opts.nama!)) : admins
    if (cli && candidates.length === 0)
      throw refused(
        `${opts.nama!.trim()} bukan admin aktif di berkas ini atau di cadangan itu; jalankan dengan --user NAMA seorang admin; tidak ada yang diubah`,
        [{ column: 'user', message: 'Bukan admin' }],
      )
    const admin = candidates.find((a) => pinMatches(a.pin, pin))
    if (!admin) {
      const failures = lock.failures + 1
      this.write(
        failures >= MAX_PIN_ATTEMPTS ? { failures: 0, lockedUntil: t + LOCK_MS } : { failures, lockedUntil: 0 },
      )
      throw refused('PIN admin salah; tidak ada yang diubah', [{ column: 'pin', message: 'PIN salah' }])
    }
    if (lock.failures > 0) this.write({ failures: 0, lockedUntil: 0 })
    return { oleh: admin.nama, pinDiperiksa: true }
  }

  private read(): Lock {
    const file = this.lockFile()
    if (!file) return this.memory
    try {
      const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<Lock>
      return {
        failures: Number.isInteger(v.failures) ? v.failures! : 0,
        lockedUntil: Number.isFinite(v.lockedUntil) ? v.lockedUntil! : 0,
      }
    } catch {
      // None yet, or unreadable: the count in this process is what is known.
      return this.memory
    }
  }

  private write(lock: Lock): void {
    this.memory = lock
    const file = this.lockFile()
    if (!file) return
    try {
      writeJsonWhole(file, lock)
    } catch {
      // A folder that cannot be written: the count in this process still holds.
    }
  }
}

interface Lock {
  failures: number
  /** Epoch milliseconds; 0 when not locked. */
  lockedUntil: number
}
