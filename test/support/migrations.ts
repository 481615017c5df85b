import Database from 'better-sqlite3'
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, expect, onTestFinished } from 'vitest'
import { openApp, type OpenedApp } from '../../src/api/app'
import { asWritable } from '../../src/db/handles'
import { verifyChain } from '../../src/db/ledger'
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../src/db/migrations'
import { openDatabase, schemaVersion, type DB } from '../../src/db/open'
import { DEMO_CSV, useTempDir } from './api'
import { undoMigration0011, undoMigration0015 } from './downgrade'

/** Opens a raw connection (no migrations), runs fn, checkpoints the WAL into the main file and closes. */
export function raw<T>(path: string, fn: (db: DB) => T): T {
  const db = asWritable(new Database(path))
  try {
    return fn(db)
  } finally {
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
  }
}

/** A whole demo election built by today's app in `dir`, copied to `path` for a test to take back to an older schema. */
export async function demoElectionAt(dir: string, path: string): Promise<void> {
  const made = join(dir, 'made.sqlite')
  const app = await openApp({ dbPath: made, demoCsvPath: DEMO_CSV })
  app.close()
  copyFileSync(made, path)
}

/**
 * The audit rows' own columns, up to `upToSeq` when given: 0011 adds the chain's columns to every row and
 * its genesis row after them, so a migration test compares what the rows said, not their new columns.
 */
export function auditRows(db: Pick<DB, 'prepare'>, upToSeq = Number.MAX_SAFE_INTEGER): unknown[] {
  return db.prepare('SELECT seq, at, actor, action, detail FROM audit WHERE seq <= ? ORDER BY seq').all(upToSeq)
}

/** The file at `path` opened with just `migrations`, for the test that calls this; closed when that test ends. */
export function openMigrated(path: string, migrations: readonly Migration[]): DB {
  const db = openDatabase(path, { mustExist: true, migrations: [...migrations] })
  onTestFinished(() => {
    db.close()
  })
  return db
}

/**
 * The ledger with what is derived from it, row by row: balances and the floor and place aggregates. A
 * migration that does not touch the ledger leaves all four exactly as they were.
 */
export function ledgerState(db: Pick<DB, 'prepare'>) {
  return {
    ledger: db.prepare('SELECT * FROM ledger ORDER BY seq').all(),
    balance: db.prepare('SELECT * FROM balance ORDER BY variant_id, place').all(),
    floor: db.prepare('SELECT * FROM floor_flow ORDER BY 1, 2, 3, 4, 5, 6, 7').all(),
    place: db.prepare('SELECT * FROM place_flow ORDER BY 1, 2, 3, 4').all(),
  }
}

/** What a migration must leave as it was: every ledger row, the audit rows' own columns, the rows of some tables. */
export interface Kept {
  ledger: unknown[]
  audit: unknown[]
  tables: Record<string, unknown[]>
}

const rowsOf = (db: Pick<DB, 'prepare'>, table: string) => db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all()

/**
 * A demo election (demoElectionAt) taken back to `version` (rollBackTo), and what it holds that the
 * migrations after `version` must keep: the ledger, the audit rows and the rows of `tables`.
 */
export async function demoBefore(dir: string, path: string, version: number, tables: string[] = []): Promise<Kept> {
  await demoElectionAt(dir, path)
  rollBackTo(path, version)
  const db = openDatabase(path, { mustExist: true, migrations: MIGRATIONS.filter((m) => m.version <= version) })
  try {
    expect(schemaVersion(db)).toBe(version)
    return {
      ledger: db.prepare('SELECT * FROM ledger ORDER BY seq').all(),
      audit: auditRows(db),
      tables: Object.fromEntries(tables.map((t) => [t, rowsOf(db, t)])),
    }
  } finally {
    db.close()
  }
}

/** The migrated file ran every migration, still holds what was kept, and its chain verifies. */
export function expectKept(db: Pick<DB, 'prepare'>, kept: Kept): void {
  const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()
  expect(versions).toEqual(MIGRATIONS.map((m) => m.version))
  expect(schemaVersion(db as DB)).toBe(LATEST_SCHEMA_VERSION)
  expect(db.prepare('SELECT * FROM ledger ORDER BY seq').all()).toEqual(kept.ledger)
  expect(auditRows(db, kept.audit.length)).toEqual(kept.audit)
  for (const [t, rows] of Object.entries(kept.tables)) expect(rowsOf(db, t), t).toEqual(rows)
  expect(verifyChain(db as DB).problem).toBeNull()
}

/**
 * A migration test's own small file: `path` in a temporary folder of the test file, `openBefore()` opens
 * (or creates) it with only the migrations before `version`, for the test to write its rows raw; opening
 * it without `migrations` then runs the one under test.
 */
export function useFileBefore(version: number): { path: string; before: Migration[]; openBefore(): DB } {
  const path = join(useTempDir(`m${String(version).padStart(4, '0')}`), 'sebelum.sqlite')
  const before = MIGRATIONS.filter((m) => m.version < version)
  return { path, before, openBefore: () => openDatabase(path, { migrations: before }) }
}

/** The released migrations' names, in order: a released migration is never renamed or edited. */
const RELEASED = ['0001_initial', '0002_floor', '0003_aggregates', '0004_distribusi', '0005_pengguna', '0006_lookups']

/** The file says it ran exactly the released migrations 1 to `version` (schema_migrations) and is at `version`. */
export function expectRanUpTo(db: Pick<DB, 'prepare'>, version: number): void {
  expect(schemaVersion(db as DB)).toBe(version)
  expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(
    RELEASED.slice(0, version).map((name, i) => ({ version: i + 1, name })),
  )
}

/** The file of one migration test: a demo election that lived under the migrations up to a version. */
export interface LivedUnder {
  readonly root: string
  readonly path: string
  /**
   * Opens the file as the app does (running every later migration), checks it still holds what was kept
   * (expectKept), runs `fn` on it and closes it.
   */
  migrated<T>(fn: (app: OpenedApp) => T | Promise<T>): Promise<T>
  /** The backups openApp made before migrating the file. */
  backups(): string[]
}

/**
 * A migration test's file, `<tag>.sqlite` in a temporary folder of the test file: a demo election taken
 * back to `version` in beforeAll, with what it holds (demoBefore: the ledger, the audit rows and the rows
 * of `tables`) kept to compare.
 */
export function useLivedUnder(tag: string, version: number, tables: string[] = []): LivedUnder {
  const root = useTempDir(tag)
  const path = join(root, `${tag}.sqlite`)
  let kept: Kept | undefined
  beforeAll(async () => {
    kept = await demoBefore(root, path, version, tables)
  })
  return {
    root,
    path,
    async migrated(fn) {
      const app = await openApp({ dbPath: path })
      try {
        expectKept(app.ctx.db, kept!)
        return await fn(app)
      } finally {
        app.close()
      }
    },
    backups: () => migrationBackups(root, tag),
  }
}

/** The backups openApp made of `name`.sqlite before migrating it (its cadangan folder beside it). */
export const migrationBackups = (dir: string, name: string): string[] =>
  readdirSync(join(dir, 'cadangan', name)).filter((n) => n.endsWith('-migrasi.sqlite'))

interface SchemaObject {
  type: 'table' | 'index' | 'trigger' | 'view'
  name: string
  tbl_name: string
  sql: string | null
}

const schemaOf = (db: Database.Database): SchemaObject[] =>
  db
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'`)
    .all() as SchemaObject[]

/**
 * Takes a file written by today's app back to the schema of `version`, keeping its rows: what later
 * migrations made is dropped, what they changed is put back as `version` had it, and their rows in
 * schema_migrations go. The expected schema is built by the migrations themselves, so a migration test
 * does not need to know (and edit again) what every later migration does.
 */
export function rollBackTo(path: string, version: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'gudang-rollback-'))
  let want: SchemaObject[]
  try {
    const ref = openDatabase(join(dir, 'ref.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version <= version) })
    want = schemaOf(ref)
    ref.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const raw = new Database(path)
  try {
    // 0015 renamed tables (their rows stay): the older migrations below name them by their old names.
    const has0015 = raw.prepare('SELECT 1 FROM schema_migrations WHERE version = 15').get() !== undefined
    if (version < 15 && has0015) undoMigration0015(raw)
    // 0011 also wrote settings rows and changed a trigger's SQL: its own undo knows them.
    const has0011 = raw.prepare('SELECT 1 FROM schema_migrations WHERE version = 11').get() !== undefined
    if (version < 11 && has0011) undoMigration0011(raw)
    const have = schemaOf(raw)
    const wanted = new Map(want.map((o) => [o.name, o]))
    const same = (o: SchemaObject) => wanted.get(o.name)?.sql === o.sql
    raw.transaction(() => {
      // Triggers and indexes first (a column an index or trigger uses cannot be dropped), tables last.
      for (const o of have.filter((x) => x.type === 'trigger' || x.type === 'index' || x.type === 'view'))
        if (!same(o) && o.sql) raw.exec(`DROP ${o.type.toUpperCase()} "${o.name}"`)
      for (const o of have.filter((x) => x.type === 'table' && !wanted.has(x.name))) raw.exec(`DROP TABLE "${o.name}"`)
      for (const t of want.filter((x) => x.type === 'table')) {
        const haveCols = raw.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t.name) as string[]
        const refCols = columnsOf(t.sql ?? '')
        for (const c of haveCols) if (!refCols.has(c)) raw.exec(`ALTER TABLE "${t.name}" DROP COLUMN "${c}"`)
      }
      const now = new Set(schemaOf(raw).map((o) => o.name))
      for (const o of want.filter((x) => x.type !== 'table' && x.sql && !now.has(x.name))) raw.exec(o.sql!)
      raw.prepare('DELETE FROM schema_migrations WHERE version > ?').run(version)
      // The older app sealed every write: its file has no change marked and not recorded (0011's marks
      // are set by the rollback's own edits, which the older file never had).
      if (raw.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'jejak_kotor'`).get())
        raw.exec('DELETE FROM jejak_kotor')
    })()
    // A table renamed and renamed back (0015) keeps SQLite's rewriting of its SQL (quoted names, in its own
    // and in other tables' foreign keys): the text is put back as `version` wrote it, the columns being the same.
    const differs = want.filter(
      (t) => t.type === 'table' && t.sql && schemaOf(raw).find((o) => o.name === t.name)?.sql !== t.sql,
    )
    if (differs.length) {
      raw.unsafeMode(true)
      raw.pragma('writable_schema = ON')
      const put = raw.prepare(`UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?`)
      for (const t of differs) put.run(t.sql, t.name)
      raw.pragma('writable_schema = OFF')
      raw.pragma(`schema_version = ${(raw.pragma('schema_version', { simple: true }) as number) + 1}`)
      raw.unsafeMode(false)
    }
  } finally {
    raw.close()
  }
}

/** The column names of a CREATE TABLE statement, read through a scratch database rather than parsed. */
function columnsOf(createSql: string): Set<string> {
  const scratch = new Database(':memory:')
  try {
    const m = /^CREATE TABLE\s+("?)(\w+)\1/i.exec(createSql)
    if (!m) return new Set()
    // Foreign keys may name tables the scratch database lacks: they are not checked here.
    scratch.exec(createSql)
    return new Set(scratch.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(m[2]) as string[])
  } finally {
    scratch.close()
  }
}
