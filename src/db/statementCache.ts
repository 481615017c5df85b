import type Database from 'better-sqlite3'

/**
 * Makes `db.prepare(sql)` hand back the statement it prepared before for the same text.
 *
 * Services prepare their SQL where they use it, which reads best; better-sqlite3 has no cache of its
 * own, so every call compiled its statements again. Worse for a long-running app: each statement object
 * is held by a weak handle that only a full garbage collection frees, so every call left a little
 * memory for the young-generation collector to copy and promote. At a million ledger rows those
 * collections were what stretched one tally save in a hundred to several milliseconds.
 *
 * A cached statement keeps the modes its last user set, so a hit hands it back reset (rows as
 * objects). A statement still being iterated is never shared: the caller gets a fresh one.
 */
export const STATEMENT_CACHE_SIZE = 400

export function cacheStatements(db: Database.Database): Database.Database {
  const uncached = db.prepare.bind(db)
  const cache = new Map<string, Database.Statement>()
  const prepare = (sql: string): Database.Statement => {
    const hit = cache.get(sql)
    if (hit && !hit.busy) {
      // Least recently used last out: move to the end of the Map's order.
      cache.delete(sql)
      cache.set(sql, hit)
      if (hit.reader) hit.pluck(false).raw(false).expand(false)
      return hit
    }
    const stmt = uncached(sql)
    if (!hit) {
      cache.set(sql, stmt)
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
    }
    return stmt
  }
  db.prepare = prepare as Database.Database['prepare']
  return db
}
