import { existsSync, unlinkSync } from 'node:fs'
import { openDatabase } from '../db/open'
import type { ServiceContext } from '../services/context'
import { createDemo } from '../services/demo'
import { createDispatcher, type Dispatcher } from './dispatch'
import { createHandlers } from './handlers'
import { APP_VERSION } from './version'

export interface OpenAppOptions {
  /** The SQLite file of one election of one satker; created when missing. */
  dbPath: string
  /** When the file does not exist yet, build the demo election (Pilkada 2024, Kabupaten Batu Bara) from this CSV. */
  demoCsvPath?: string
  now?: () => Date
  /** Where internal errors are reported; stderr by default. */
  onInternalError?: (method: string, err: unknown) => void
}

export interface OpenedApp {
  dispatcher: Dispatcher
  dbPath: string
  createdDemo: boolean
  /** For tests and the CLI: the service context behind the dispatcher. */
  ctx: ServiceContext
  close(): void
}

/** Opens (or creates) one election's database and the dispatcher every transport serves. */
export async function openApp(opts: OpenAppOptions): Promise<OpenedApp> {
  const isNew = opts.dbPath !== ':memory:' && !existsSync(opts.dbPath)
  const db = openDatabase(opts.dbPath)
  const ctx: ServiceContext = { db, dbPath: opts.dbPath, now: opts.now ?? (() => new Date()) }
  let createdDemo = false
  if (isNew && opts.demoCsvPath) {
    try {
      await createDemo(ctx, opts.demoCsvPath)
      createdDemo = true
    } catch (err) {
      // A half-built demo must not be left behind as if it were a real election file.
      db.close()
      for (const suffix of ['', '-wal', '-shm']) if (existsSync(opts.dbPath + suffix)) unlinkSync(opts.dbPath + suffix)
      throw err
    }
  }
  const report = opts.onInternalError ?? ((method: string, err: unknown) => console.error(`[gudang] galat internal pada ${method}:`, err))
  const dispatcher = createDispatcher(createHandlers(ctx, APP_VERSION), report)
  return {
    dispatcher,
    dbPath: opts.dbPath,
    createdDemo,
    ctx,
    close: () => {
      if (db.open) db.close()
    },
  }
}
