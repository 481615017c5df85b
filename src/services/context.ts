import { insertAudit } from '../db/audit'
import type { ReadableDB, WritableDB } from '../db/handles'

/**
 * What a service function that only reads gets: a connection it can read (the app's own, or a long job's
 * read-only one), the file's path and a clock tests can fix.
 */
export interface ReadContext {
  readonly db: ReadableDB
  readonly dbPath: string
  now(): Date
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
 * transaction: the change and its audit entry land together or not at all.
 */
export function writeTx<T>(
  ctx: ServiceContext,
  who: Actor,
  action: string,
  fn: () => { result: T; detail: unknown },
): T {
  return ctx.db
    .transaction(() => {
      const { result, detail } = fn()
      insertAudit(ctx.db, ctx.now().toISOString(), who.actor, action, JSON.stringify(detail ?? null))
      return result
    })
    .immediate()
}
