import Database from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { openApp } from '../../src/api/app'
import { asWritable } from '../../src/db/handles'
import type { DB } from '../../src/db/open'
import { DEMO_CSV } from './api'

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

/** What migration 0007 (LAN stations) made, dropped: with its schema_migrations row, a file back at 0006. */
export const DROP_0007_TABLES =
  'DROP TABLE idempotensi; DROP TABLE stasiun_host; DROP TABLE stasiun_kode; DROP TABLE stasiun;'
