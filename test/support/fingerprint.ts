import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'

/**
 * sha256 over every row of every table, tables in name order, rows by rowid (or primary key for WITHOUT
 * ROWID tables): equal before and after a refusal means the refusal wrote nothing, audit log included.
 */
export function fingerprint(db: Database.Database): string {
  const h = createHash('sha256')
  const tables = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string; sql: string | null }[]
  for (const { name, sql } of tables) {
    let order = 'rowid'
    if (/WITHOUT\s+ROWID/i.test(sql ?? '')) {
      const pk = (
        db.prepare(`SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).all(name) as { name: string }[]
      ).map((c) => `"${c.name}"`)
      order = pk.join(', ')
    }
    h.update(`\u0000${name}\u0000`)
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).raw().iterate()) {
      h.update(
        JSON.stringify(row, (_k, v: unknown) =>
          typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('base64') : v,
        ),
      )
      h.update('\n')
    }
  }
  return h.digest('hex')
}
