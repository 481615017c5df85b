import Database from 'better-sqlite3'
import type { OnProgress } from '../core/progress'
import { jejakTailProblem } from './jejak'
import { verifyChain, type ChainCheck } from './ledger'
import { schemaProblems } from './schemaCheck'
import { AppError } from '../core/errors'
import { fileHeaderProblem } from './fileHeader'
import { asReadable, type ReadableDB } from './handles'
import { MIGRATIONS } from './migrations'
import { pendingMigrations, schemaVersion } from './open'
import { satkerName } from './pemilihan'

/**
 * Opens a database file by itself (a backup, a file to restore) without migrating it, and checks it:
 * SQLite's integrity check, then every link of the ledger's hash chain. Never throws for a bad file.
 */
export interface FileCheck {
  integrity: string
  chain: ChainCheck | null
  schemaVersion: number
  satker: string | null
  error: string | null
}

/** SQLite's English, said the way a coordinator can act on it. */
export function sqliteProblem(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err)
  if (/file is not a database|file is encrypted/i.test(m))
    return 'bukan berkas basis data (mungkin berkas lain yang diberi nama .sqlite)'
  if (/malformed|corrupt/i.test(m)) return 'berkas basis data rusak'
  if (/no such table|no such column/i.test(m)) return 'bukan basis data Gudang Pemilu'
  if (/unable to open|ENOENT|does not exist/i.test(m)) return 'berkas tidak dapat dibuka'
  if (/locked|busy/i.test(m)) return 'berkas sedang dipakai program lain'
  return `SQLite menolak berkas ini (${m.slice(0, 120)})`
}

/** SQLite's integrity_check, its lines joined: 'ok' for a sound file. */
export function integrityCheck(db: ReadableDB): string {
  return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ')
}

export function inspectDatabaseFile(file: string, onProgress?: OnProgress): FileCheck {
  let db: ReadableDB | null = null
  try {
    // Read-only: checking a file must never change it (nor leave a -wal beside a backup).
    db = asReadable(new Database(file, { fileMustExist: true, readonly: true }))
    const integrity = integrityCheck(db)
    if (integrity !== 'ok') return { integrity, chain: null, schemaVersion: 0, satker: null, error: null }
    const satker = satkerName(db) ?? null
    return {
      integrity,
      chain: verifyChain(db, { onProgress }),
      schemaVersion: schemaVersion(db),
      satker,
      error: null,
    }
  } catch (err) {
    return { integrity: '', chain: null, schemaVersion: 0, satker: null, error: sqliteProblem(err) }
  } finally {
    db?.close()
  }
}

/**
 * A backup written by SQLite's backup API keeps the live file's WAL mode, and even a read-only open of
 * a WAL file creates -wal and -shm beside it. A backup is a file at rest: switch it to a rollback
 * journal before it is checked, so checking (now or years later, from a USB stick) leaves nothing behind.
 */
export function settleBackupFile(file: string): void {
  const db = new Database(file, { fileMustExist: true })
  try {
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }
}

/**
 * The quick check at every start: SQLite's quick_check, the schema against the migrations', the head of
 * the ledger chain (the last row's own hash and its link to the row before) and of the jejak chain. The
 * full walk (every row, every table's digest) runs as a background job after the first screen
 * (OpenAppOptions.backgroundCheck) and as "Periksa integritas"; this one takes moments at a million rows.
 */
export function quickCheck(db: ReadableDB): string | null {
  const q = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).join('; ')
  if (q !== 'ok') return `Pemeriksaan cepat SQLite gagal: ${q}`
  const last = db.prepare('SELECT seq FROM ledger ORDER BY seq DESC LIMIT 1').get() as { seq: number } | undefined
  if (last) {
    // The last two rows: each one's own hash, and the newest one's link to the row before it.
    const tail = verifyChain(db, { fromSeq: Math.max(1, last.seq - 1) })
    if (tail.problem) return tail.problem
  }
  // Row-level findings first (they name a row), then every table, index and trigger as the migrations
  // make them: a dropped protective trigger is named.
  return jejakTailProblem(db) ?? schemaProblems(db)[0] ?? null
}

/**
 * The start check of an existing file, before anything may write to it: the header and size (a 0-byte,
 * foreign or cut-short file), then, on a read-only connection, the migration history, SQLite's
 * quick_check and the head of the chain. Answers the problem in Indonesian, or null for a file the app
 * may open. Throws only the AppError of a file from a newer version, which is refused outright.
 */
export function startCheck(path: string): string | null {
  const header = fileHeaderProblem(path)
  if (header) return header
  let db: ReadableDB | null = null
  try {
    db = asReadable(new Database(path, { fileMustExist: true, readonly: true }))
    db.pragma('busy_timeout = 5000')
    // A valid SQLite file with nothing in it (made by another tool) holds nothing to lose: it is new.
    if (!db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get()) return null
    pendingMigrations(db, MIGRATIONS)
    return quickCheck(db)
  } catch (err) {
    if (err instanceof AppError) {
      if (/versi Gudang Pemilu yang lebih baru/.test(err.message)) throw err
      return err.message
    }
    return `Berkas basis data tidak dapat dipakai: ${sqliteProblem(err)}. Berkas tidak diubah; pulihkan dari cadangan.`
  } finally {
    db?.close()
  }
}
