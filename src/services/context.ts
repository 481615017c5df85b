import { AsyncLocalStorage } from 'node:async_hooks'
import { AppError } from '../core/errors'
import { jejakTailProblem, sealJejak } from '../db/jejak'
import type { ReadableDB, WritableDB } from '../db/handles'
import type { TableReader } from './tableFile'

/**
 * What a service function that only reads gets: a connection it can read (the app's own, or a long job's
 * read-only one), the file's path and a clock tests can fix.
 */
export interface ReadContext {
  readonly db: ReadableDB
  readonly dbPath: string
  now(): Date
  /** Where the witness journals live (services/saksi.ts); none for tests and tools that keep no journal. */
  readonly saksiDir?: string | undefined
  /**
   * How an uploaded table is read (services/tableFile.ts readUpload): in a worker thread when the app has
   * one (api/app.ts sets it), so no method parses a file on the thread serving the UI.
   */
  readTable?: TableReader | undefined
  /**
   * Whether a connection of this process holds the file (the app's own, in normal mode). A job thread
   * cannot see the app's connection, so the app says it; elsewhere it is read from ctx.db (an in-memory
   * stand-in in recovery mode holds nothing).
   */
  readonly fileHeldOpen?: boolean | undefined
}

/** What a service function that writes gets: the app's writable connection. Accepted wherever a ReadContext is. */
export interface ServiceContext extends ReadContext {
  db: WritableDB
}

export interface Actor {
  actor: string
}

/**
 * Runs fn in one IMMEDIATE transaction and records who did what in the audit log in that same
 * transaction: the change and its audit entry land together or not at all. The audit row is a jejak
 * row (db/jejak.ts): chained, committing to the ledger head and the digests of the tables fn changed.
 */
export function writeTx<T>(
  ctx: ServiceContext,
  who: Actor,
  action: string,
  fn: () => { result: T; detail: unknown },
): T {
  const key = idempotencyKey.getStore()
  const claims = key !== undefined && !key.recorded
  const outermost = !ctx.db.inTransaction
  const result = ctx.db
    .transaction(() => {
      if (outermost) refuseOnUnsealed(ctx.db)
      const { result, detail } = fn()
      if (claims) key.record()
      // Last: the jejak row commits to every table this write changed and to the ledger head after it.
      sealJejak(ctx.db, {
        at: ctx.now().toISOString(),
        actor: who.actor,
        action,
        detail: JSON.stringify(detail ?? null),
      })
      return result
    })
    .immediate()
  if (claims) key.recorded = true
  return result
}

/**
 * Every write of the app seals what it changed in its own transaction, so whatever is unsealed when a
 * write starts (a table marked in jejak_kotor, ledger or audit rows past the jejak head, a last jejak row
 * that no longer matches its hash) was written by another program while the file was open. Sealing on
 * top of it would take it into the jejak as the app's own write, so the write is refused instead and the
 * finding stays for Periksa integritas. Called inside the write's IMMEDIATE transaction: nothing can
 * slip in between the check and the write.
 */
export function unsealedProblem(db: ReadableDB): AppError | null {
  const problem = jejakTailProblem(db)
  if (problem === null) return null
  return new AppError(
    'DATABASE',
    `Penulisan ditolak, tidak ada yang dicatat: ${problem}. Berkas diubah di luar aplikasi sejak penulisan terakhir; jalankan Periksa integritas dan laporkan ke admin.`,
  )
}

function refuseOnUnsealed(db: ReadableDB): void {
  const problem = unsealedProblem(db)
  if (problem) throw problem
}

/**
 * The idempotency key of the write being served, when its caller sent one (src/api/idempotensi.ts):
 * the first writeTx of the call records the key in its own transaction, so a write and its key land
 * together even when the handler awaited something (reading a file) before writing.
 */
export interface IdempotencyKeySlot {
  recorded: boolean
  record(): void
}
export const idempotencyKey = new AsyncLocalStorage<IdempotencyKeySlot>()
