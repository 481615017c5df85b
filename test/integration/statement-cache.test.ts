import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/open'
import { cacheStatements, STATEMENT_CACHE_SIZE } from '../../src/db/statementCache'
import { useTempDir } from '../support/tempDir'

const root = useTempDir('stmt')

function fresh(name: string) {
  const db = cacheStatements(new Database(join(root, name)))
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ('a'), ('b'), ('c')`)
  return db
}

describe('statement cache on the election connection', () => {
  it('hands back the statement prepared before for the same SQL, on the app’s own connection too', () => {
    const db = fresh('same.sqlite')
    const a = db.prepare('SELECT count(*) AS n FROM t')
    expect(db.prepare('SELECT count(*) AS n FROM t')).toBe(a)
    expect(db.prepare('SELECT count(*) AS n FROM t WHERE id > 0')).not.toBe(a)
    db.close()
    const app = openDatabase(join(root, 'app.sqlite'))
    expect(app.prepare('SELECT 1 AS one')).toBe(app.prepare('SELECT 1 AS one'))
    app.close()
  })

  it('gives a hit back in the default mode whatever its last user set', () => {
    const db = fresh('modes.sqlite')
    const sql = 'SELECT id, v FROM t ORDER BY id LIMIT 1'
    expect(db.prepare(sql).pluck().get()).toBe(1)
    expect(db.prepare(sql).get()).toMatchObject({ id: 1 })
    expect(db.prepare(sql).raw().get()).toEqual([1, 'a'])
    expect(db.prepare(sql).get()).toMatchObject({ id: 1 })
    // Writers have no modes; they are shared as they are.
    const ins = 'INSERT INTO t (v) VALUES (?)'
    expect(db.prepare(ins)).toBe(db.prepare(ins))
    db.close()
  })

  it('never shares a statement that is still being iterated', () => {
    const db = fresh('busy.sqlite')
    const sql = 'SELECT id FROM t ORDER BY id'
    const outer = db.prepare(sql)
    const pairs: number[][] = []
    for (const a of outer.iterate() as IterableIterator<{ id: number }>) {
      const inner = db.prepare(sql)
      expect(inner).not.toBe(outer)
      for (const b of inner.iterate() as IterableIterator<{ id: number }>) pairs.push([a.id, b.id])
    }
    expect(pairs).toHaveLength(9)
    // Once the iteration is over, the cached one is handed out again.
    expect(db.prepare(sql)).toBe(outer)
    db.close()
  })

  it('keeps at most its size, dropping the least recently used', () => {
    const db = fresh('bound.sqlite')
    const first = db.prepare('SELECT 0 AS n')
    const kept = db.prepare('SELECT -1 AS n')
    for (let i = 1; i <= STATEMENT_CACHE_SIZE; i++) {
      db.prepare(`SELECT ${i} AS n`)
      // Used all along, so never the oldest.
      if (i % 50 === 0) expect(db.prepare('SELECT -1 AS n')).toBe(kept)
    }
    expect(db.prepare('SELECT -1 AS n')).toBe(kept)
    expect(db.prepare('SELECT 0 AS n')).not.toBe(first)
    expect(db.prepare('SELECT 0 AS n').get()).toEqual({ n: 0 })
    db.close()
  })
})
