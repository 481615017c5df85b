import type { ReadableDB } from './handles'

/**
 * A stamp that moves whenever anything in the file may have changed, or null while a transaction is open.
 *
 * Two counters together: SQLite's total_changes() counts every row this connection inserted, updated or
 * deleted, triggers included (a ledger row, its balance and aggregates, a penerimaan line, a regu's target,
 * a handover, a restored file's first write...), and PRAGMA data_version moves when another connection
 * commits (the CLI or a tool on the same file). Neither is ever wound back while the connection is open, so
 * an equal stamp means nothing was written since. A rolled-back write still moves total_changes, which
 * only costs a recomputation. Inside a transaction the data may yet be rolled back to what it was while
 * the counter has already moved past it: nothing read there may be kept, hence null.
 */
export function changeStamp(db: ReadableDB): string | null {
  if (db.inTransaction) return null
  const changes = db.prepare('SELECT total_changes()').pluck().get() as number
  const version = db.pragma('data_version', { simple: true }) as number
  return `${changes}:${version}`
}
