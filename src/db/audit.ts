import type { ReadableDB } from './handles'

/** The audit log: who did what, one row per write, written by db/jejak.ts sealJejak in the write's own transaction. */

/** The rowid of the last audit entry, 0 when there is none: it grows with every write. */
export function lastAuditId(db: ReadableDB): number {
  return (db.prepare('SELECT max(rowid) AS n FROM audit').get() as { n: number | null }).n ?? 0
}

/** Whether anything but a migration ever wrote to this file (a new file's only row records its migrations). */
export function hasAppWrites(db: ReadableDB): boolean {
  return db.prepare(`SELECT 1 FROM audit WHERE action != 'migrasi' LIMIT 1`).get() !== undefined
}
