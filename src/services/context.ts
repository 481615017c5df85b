import type { DB } from '../db/open'

/** What every service function gets: the open database of one election and a clock tests can fix. */
export interface ServiceContext {
  db: DB
  dbPath: string
  now(): Date
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
  const insertAudit = ctx.db.prepare('INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)')
  return ctx.db
    .transaction(() => {
      const { result, detail } = fn()
      insertAudit.run(ctx.now().toISOString(), who.actor, action, JSON.stringify(detail ?? null))
      return result
    })
    .immediate()
}
