import Database from 'better-sqlite3'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../core/errors'
import { AUTOCHECKPOINT_PAGES } from './checkpoint'
import { MIGRATIONS, type Migration } from './migrations'
import { asReadable, asWritable, type ReadableDB, type WritableDB } from './handles'
import { cacheStatements } from './statementCache'
import { MIGRATION_ACTION, sealJejak } from './jejak'

/** The app's own, writable connection (see handles.ts). */
export type DB = WritableDB
export type { ReadableDB, WritableDB } from './handles'

export interface OpenOptions {
  /** Refuse to create the file when it does not exist. */
  mustExist?: boolean
  migrations?: readonly Migration[]
  /** Leave pending migrations for the caller (who backs the file up first, then calls migrate). */
  deferMigrations?: boolean
}

/**
 * Opens one election's database. WAL with synchronous=FULL: an acknowledged write survives a power cut.
 * Migrations run all-or-nothing; a file from a newer app version is refused before anything is written.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): WritableDB {
  const migrations = opts.migrations ?? MIGRATIONS
  if (path !== ':memory:') {
    if (opts.mustExist && !existsSync(path))
      throw new AppError('DATABASE', `Berkas basis data tidak ditemukan: ${path}`)
    mkdirSync(dirname(path), { recursive: true })
  }
  let db: WritableDB
  try {
    db = asWritable(cacheStatements(new Database(path, { fileMustExist: opts.mustExist ?? false })))
  } catch (err) {
    throw new AppError('DATABASE', `Berkas basis data tidak dapat dibuka: ${path} (${(err as Error).message})`)
  }
  try {
    db.pragma('busy_timeout = 5000')
    // Read-only check first: switching to WAL rewrites the file header, which must not happen to a file
    // this version is about to refuse (a newer app's file, or a backup made with VACUUM INTO).
    pendingMigrations(db, migrations)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    // The app checkpoints between calls (db/checkpoint.ts); SQLite's own is only the safety net.
    db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)
    db.pragma('foreign_keys = ON')
    if (!opts.deferMigrations) migrate(db, migrations)
    return db
  } catch (err) {
    db.close()
    if (err instanceof AppError) throw err
    const msg = (err as Error).message
    if (/not a database|malformed|file is encrypted/i.test(msg)) {
      throw new AppError('DATABASE', `Berkas ${path} bukan basis data Gudang Pemilu yang utuh (${msg})`)
    }
    throw err
  }
}

/**
 * A second, read-only connection to an open election file, for a long job's worker thread: it reads a
 * consistent snapshot beside the app's own connection and can never write.
 */
export function openReadOnly(path: string): ReadableDB {
  let db: ReadableDB
  try {
    db = asReadable(cacheStatements(new Database(path, { readonly: true, fileMustExist: true })))
  } catch (err) {
    throw new AppError('DATABASE', `Berkas basis data tidak dapat dibuka: ${path} (${(err as Error).message})`)
  }
  db.pragma('busy_timeout = 5000')
  return db
}

export function schemaVersion(db: ReadableDB): number {
  if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get()) return 0
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }
  return row.v ?? 0
}

/**
 * The migrations this file still needs, without writing anything. Throws when the file's history is not a
 * prefix of the app's list: written by a newer version, or by some other program.
 */
export function pendingMigrations(db: ReadableDB, migrations: readonly Migration[]): readonly Migration[] {
  const hasTable =
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get() !== undefined
  const applied = hasTable
    ? (db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
        version: number
        name: string
      }[])
    : []
  const known = migrations.at(-1)?.version ?? 0
  const newest = applied.at(-1)?.version ?? 0
  if (newest > known) {
    throw new AppError(
      'DATABASE',
      `Basis data ini dibuat oleh versi Gudang Pemilu yang lebih baru (skema versi ${newest}; aplikasi ini mengenal sampai versi ${known}). ` +
        'Perbarui aplikasi; berkas tidak diubah.',
    )
  }
  applied.forEach((a, i) => {
    const m = migrations[i]
    if (!m || m.version !== a.version || m.name !== a.name) {
      throw new AppError(
        'DATABASE',
        `Riwayat migrasi basis data tidak dikenal (versi ${a.version} "${a.name}"); berkas tidak diubah.`,
      )
    }
  })
  return migrations.slice(applied.length)
}

export function migrate(db: WritableDB, migrations: readonly Migration[]): void {
  const pending = pendingMigrations(db, migrations)
  if (pending.length === 0) return
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
    const at = new Date().toISOString()
    for (const m of pending) {
      db.exec(typeof m.sql === 'function' ? m.sql(db) : m.sql)
      record.run(m.version, m.name, at)
    }
    // A migration may change any table: the jejak records every table's digest after it (a no-op before 0011).
    if (pending.some((m) => m.version >= 11))
      sealJejak(
        db,
        { at, actor: 'Gudang Pemilu', action: MIGRATION_ACTION, detail: JSON.stringify(pending.map((m) => m.name)) },
        { all: true },
      )
  }).immediate()
}
