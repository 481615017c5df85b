import { chainHead } from '../db/ledger'
import { schemaVersion } from '../db/open'
import { backupDir } from './cadangan'
import type { ReadContext } from './context'

/** How the app started: 'pemulihan' when the database failed its start check (see api/app.ts openApp). */
export interface AppState {
  mode: 'normal' | 'pemulihan'
  problem: string | null
}

/** The database as the app opened it: normal, or recovery mode with what is wrong, and where its backups go. */
export function lihatStatus(ctx: ReadContext, state: AppState) {
  return { mode: state.mode, problem: state.problem, dbPath: ctx.dbPath, backupDir: backupDir(ctx.dbPath) }
}

/** Which app and schema version wrote this file, where it is, and the head of its ledger chain. */
export function lihatInfo(ctx: ReadContext, appVersion: string) {
  const head = chainHead(ctx.db)
  return {
    appVersion,
    schemaVersion: schemaVersion(ctx.db),
    dbPath: ctx.dbPath,
    ledgerRows: head.seq,
    chainHead: head.hash,
  }
}
