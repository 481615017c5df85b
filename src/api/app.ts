import { existsSync, rmSync, statSync, unlinkSync } from 'node:fs'
import { AppError } from '../core/errors'
import { startIdleCheckpoints } from '../db/checkpoint'
import { startCheck } from '../db/inspect'
import { MIGRATIONS } from '../db/migrations'
import type { WritableDB } from '../db/handles'
import { migrate, openDatabase, openReadOnly, pendingMigrations } from '../db/open'
import * as cadangan from '../services/cadangan'
import { BACKUP_EVERY_MINUTES, BackupSchedule } from '../services/cadanganBerkala'
import type { ServiceContext } from '../services/context'
import { createDemo } from '../services/demo'
import { createDispatcher, type Dispatcher } from './dispatch'
import { createAuthorizer } from './auth'
import { SessionStore } from '../services/sesi'
import { createHandlers } from './handlers'
import type { AppState } from '../services/sistem'
import { APP_VERSION } from './version'
import { JobRunner, type WorkerEntry } from './jobs'
import type { JobPace } from './jobPace'
import { chainHead } from '../db/ledger'
import { lupakanJawabanLama } from '../services/stasiun'
import * as wilayah from '../services/wilayah'
import { Idempotensi } from './idempotensi'
import { LanHostSlot } from './lan'
import { PeristiwaBus } from './peristiwa'

export interface OpenAppOptions {
  /** The SQLite file of one election of one satker; created when missing. */
  dbPath: string
  /** When the file does not exist yet, build the demo election (Pilkada 2024, Kabupaten Batu Bara) from this CSV. */
  demoCsvPath?: string
  now?: () => Date
  /** Where internal errors are reported; stderr by default. */
  onInternalError?: (method: string, err: unknown) => void
  /**
   * Automatic backups (the desktop app and browser mode): at start, every `everyMinutes` (default 15) when
   * something was written, and on closeWithBackup. Off by default so tests and the CLI leave no backup folders.
   */
  backups?: { everyMinutes?: number; onError?: (reason: string, err: unknown) => void }
  /** How long jobs' worker threads start: built entry points pass out/main/jobWorker.js; sources default to the TypeScript worker. */
  worker?: WorkerEntry
  /** Tests only: holds long jobs at a named step until the test releases them (src/api/jobPace.ts). */
  jobPace?: JobPace
  /**
   * Open to check, never to write (`gudang verify`): the file must exist; no migration, no WAL switch, no
   * checkpoint, no housekeeping. A write through the connection fails in SQLite itself.
   */
  readOnly?: boolean
  /**
   * The folder of the witness journals (services/saksi.ts), in the app's data folder: the desktop app,
   * browser mode and the CLI pass `<data folder>/saksi`. Without one no journal is kept or read.
   */
  saksiDir?: string
  /**
   * After the first screen, the full verification (every row of both chains, every table's digest, every
   * witness) as a job; a failure switches the app to recovery mode. The desktop app and browser mode.
   */
  backgroundCheck?: boolean
}

export interface OpenedApp {
  dispatcher: Dispatcher
  dbPath: string
  createdDemo: boolean
  /** Long jobs in worker threads: the transports serve their downloads. Absent for a file in memory. */
  jobs: JobRunner | undefined
  /** For tests and the CLI: the service context behind the dispatcher. */
  ctx: ServiceContext
  /** 'pemulihan' when the start check failed: only backups can be listed and restored. */
  state: AppState
  /** Who is signed in, per window and per LAN station. */
  sessions: SessionStore
  /** Which domain a write changed, for the live-update feeds (GET /peristiwa). */
  peristiwa: PeristiwaBus
  /** Where this process's LAN listener registers (src/server/lan/host.ts startLanHost). */
  lan: LanHostSlot
  close(): void
  /** Stops the automatic backups, makes the closing one if anything changed, then closes. */
  closeWithBackup(): Promise<void>
}

/**
 * Opens (or creates) one election's database and the dispatcher every transport serves.
 *
 * An existing file with pending migrations is backed up before it is migrated. Every start runs the
 * quick check (SQLite's quick_check and the head of the ledger chain); a file that fails it, or that
 * SQLite cannot open at all, starts the app in recovery mode, offering the backups instead of crashing
 * or silently carrying on. A file written by a newer version reaches the recovery screen too, saying so
 * (update the app); only a read-only check (gudang verify) is refused with it.
 */
export async function openApp(opts: OpenAppOptions): Promise<OpenedApp> {
  const now = opts.now ?? (() => new Date())
  const inMemory = opts.dbPath === ':memory:'
  const isNew = !inMemory && !existsSync(opts.dbPath)
  if (isNew && opts.readOnly) throw new AppError('DATABASE', `Berkas basis data tidak ditemukan: ${opts.dbPath}`)
  const state: AppState = { mode: 'normal', problem: null }
  // What a read-only check may leave beside the file (SQLite makes an empty -wal and -shm for a WAL file).
  const besideBefore = new Set(['-wal', '-shm'].filter((s) => existsSync(opts.dbPath + s)))
  let ctx: ServiceContext
  try {
    // Header, size, history and quick_check on a read-only connection: a broken file reaches the
    // recovery screen before anything (the WAL switch, a migration, a fresh schema) could write to it.
    const problem = isNew || inMemory ? null : checkedAtStart(opts.dbPath, besideBefore)
    if (problem) throw new AppError('DATABASE', problem)
    if (opts.readOnly) {
      ctx = {
        db: openReadOnly(opts.dbPath) as unknown as WritableDB,
        dbPath: opts.dbPath,
        now,
        saksiDir: opts.saksiDir,
      }
    } else {
      const db = openDatabase(opts.dbPath, { deferMigrations: true })
      ctx = { db, dbPath: opts.dbPath, now, saksiDir: opts.saksiDir }
      const pending = pendingMigrations(db, MIGRATIONS)
      const hasData = pending.length < MIGRATIONS.length
      if (pending.length && hasData && !inMemory) await cadangan.buat(ctx, 'migrasi')
      migrate(db, MIGRATIONS)
    }
  } catch (err) {
    // A read-only check (gudang verify) reports a file from a newer version as its finding.
    const newer = err instanceof AppError && /versi Gudang Pemilu yang lebih baru/.test(err.message)
    if (!(err instanceof AppError) || (newer && opts.readOnly) || isNew) throw err
    // SQLite cannot use the file (corrupt, truncated, not a database, or a newer version's): recovery mode
    // on an empty in-memory stand-in, so nothing writes to the file and the only thing the app can do is
    // restore a backup into dbPath (the file is put aside, never overwritten), or be updated.
    ctx = { db: openDatabase(':memory:'), dbPath: opts.dbPath, now, saksiDir: opts.saksiDir }
    Object.assign(state, { mode: 'pemulihan', problem: err.message })
  }

  let createdDemo = false
  if (isNew && opts.demoCsvPath) {
    try {
      await createDemo(ctx, opts.demoCsvPath)
      createdDemo = true
    } catch (err) {
      // A half-built demo must not be left behind as if it were a real election file.
      ctx.db.close()
      for (const suffix of ['', '-wal', '-shm']) if (existsSync(opts.dbPath + suffix)) unlinkSync(opts.dbPath + suffix)
      throw err
    }
  }
  const report =
    opts.onInternalError ??
    ((method: string, err: unknown) => console.error(`[gudang] galat internal pada ${method}:`, err))
  const sessions = new SessionStore(ctx)
  // A file only in memory cannot be opened by a second thread: its long methods run on this one.
  const jobs =
    opts.dbPath === ':memory:'
      ? undefined
      : new JobRunner({
          dbPath: opts.dbPath,
          saksiDir: opts.saksiDir,
          appVersion: APP_VERSION,
          state,
          now,
          ...(opts.worker ? { worker: opts.worker } : {}),
          ...(opts.jobPace ? { pace: opts.jobPace } : {}),
          adoptPlan: (plan) => wilayah.adoptPlan(ctx, plan),
        })
  // Uploads are read in a worker thread of their own (bounded heap and time), never on this one.
  if (jobs) ctx.readTable = (fileName, content) => jobs.readTable(fileName, content)
  const lan = new LanHostSlot()
  // The head is read after the write committed; a file in recovery may have no ledger table at all.
  const peristiwa = new PeristiwaBus(() => chainHead(ctx.db).seq)
  const dispatcher = createDispatcher(createHandlers(ctx, APP_VERSION, state, sessions, jobs, lan), {
    onInternalError: report,
    state,
    authorize: createAuthorizer(ctx, sessions),
    idempotensi: new Idempotensi(ctx),
    peristiwa,
    ...(jobs ? { jobs } : {}),
  })
  // Answers to idempotent writes are kept seven days; a host runs for weeks, so forget old ones daily.
  const forgetOld = () => {
    if (state.mode === 'normal' && !opts.readOnly && ctx.db.open) lupakanJawabanLama(ctx)
  }
  forgetOld()
  const forgetTimer = setInterval(forgetOld, 24 * 60 * 60 * 1000)
  forgetTimer.unref()
  const schedule =
    opts.backups && jobs && state.mode === 'normal' && !opts.readOnly
      ? new BackupSchedule(ctx, {
          ...opts.backups,
          everyMinutes: opts.backups.everyMinutes ?? BACKUP_EVERY_MINUTES,
          makeBackup: (reason) => jobs.backup(reason),
        })
      : null
  schedule?.start()
  if (opts.backgroundCheck && jobs && state.mode === 'normal') {
    void jobs
      .run('ledger.periksa', 'Pemeriksaan integritas saat mulai', {}, { actor: 'sistem', transport: 'test' }, (r) => r)
      .then((r) => {
        const report = r as { ok: boolean; problem: string | null }
        if (!report.ok && state.mode === 'normal')
          Object.assign(state, { mode: 'pemulihan', problem: report.problem ?? 'Pemeriksaan integritas gagal' })
      })
      .catch(() => {
        // Cancelled on close, or the worker could not start: the next start checks again.
      })
  }
  const checkpoints = inMemory || opts.readOnly ? null : startIdleCheckpoints(() => ctx.db)
  const close = () => {
    clearInterval(forgetTimer)
    peristiwa.close()
    checkpoints?.stop()
    void jobs?.cancelAll()
    if (ctx.db.open) ctx.db.close()
    if (opts.readOnly) removeWhatACheckLeft(opts.dbPath, besideBefore)
  }
  return {
    dispatcher,
    jobs,
    dbPath: opts.dbPath,
    createdDemo,
    ctx,
    state,
    sessions,
    peristiwa,
    lan,
    close,
    closeWithBackup: async () => {
      try {
        await schedule?.stop()
      } finally {
        await jobs?.cancelAll()
        close()
      }
    },
  }
}

/**
 * startCheck, and a file from a newer version left without a trace: its read-only look at a WAL file
 * made an empty -wal and a -shm that nothing will ever close.
 */
function checkedAtStart(dbPath: string, besideBefore: ReadonlySet<string>): string | null {
  try {
    return startCheck(dbPath)
  } catch (err) {
    removeWhatACheckLeft(dbPath, besideBefore)
    throw err
  }
}

/**
 * A read-only connection to a WAL file leaves an empty -wal and a -shm beside it; a check must leave the
 * folder as it found it. Only files the check made are removed, and a -wal only while it is empty.
 */
function removeWhatACheckLeft(dbPath: string, before: ReadonlySet<string>): void {
  try {
    const wal = dbPath + '-wal'
    if (!before.has('-wal') && existsSync(wal) && statSync(wal).size === 0) {
      rmSync(wal)
      if (!before.has('-shm')) rmSync(dbPath + '-shm', { force: true })
    }
  } catch {
    // Only tidiness: the database file itself was never written.
  }
}
