import type { ReadableDB } from './handles'

/**
 * The master data version: a counter triggers bump on every change to the election, wilayah, items and
 * dapil (migration 0003), so what is computed from master data can be kept until it moves. Undefined in a
 * file older than that migration.
 */
export function masterDataVersion(db: ReadableDB): number | undefined {
  return (db.prepare(`SELECT version FROM data_version WHERE name = 'master'`).get() as { version: number } | undefined)
    ?.version
}
