import type { ReadableDB, WritableDB } from './handles'

/** The audit log: who did what, one row per write, in the write's own transaction (services/context.ts writeTx). */

export function insertAudit(db: WritableDB, at: string, actor: string, action: string, detail: string): void {
  db.prepare('INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)').run(at, actor, action, detail)
}

/** The rowid of the last audit entry, 0 when there is none: it grows with every write. */
export function lastAuditId(db: ReadableDB): number {
  return (db.prepare('SELECT max(rowid) AS n FROM audit').get() as { n: number | null }).n ?? 0
}
