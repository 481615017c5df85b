import { describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION } from '../../src/db/migrations'
import { openDatabase, schemaVersion } from '../../src/db/open'
import { useFileBefore } from '../support/migrations'

/**
 * Migration 0018 (the jejak marking triggers test for the mark in WHEN): the same triggers by name, on the
 * same tables; a table is still marked by the first row a statement changes, once, by an insert, an update,
 * a delete and an upsert (ON CONFLICT DO UPDATE, the reason 0011 did not use INSERT OR IGNORE); and a
 * table already marked is left as it is.
 */
const file = useFileBefore(18)
const { path } = file
const triggersOf = (db: { prepare: ReturnType<typeof openDatabase>['prepare'] }) =>
  db
    .prepare(
      `SELECT name, tbl_name AS tabel, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'jejak%' ORDER BY name`,
    )
    .all() as { name: string; tabel: string; sql: string }[]

describe('migration 0018 on a database that lived under the earlier migrations', () => {
  it('remakes every marking trigger with its test in WHEN, and each still marks its table once', () => {
    const old = file.openBefore()
    const before = triggersOf(old)
    expect(before.length).toBeGreaterThan(30)
    expect(before.every((t) => !/\bWHEN\b/.test(t.sql))).toBe(true)
    old.close()

    const db = openDatabase(path, { mustExist: true })
    try {
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
      expect(db.prepare('SELECT name FROM schema_migrations WHERE version = 18').pluck().get()).toBe(
        '0018_pemicu_jejak',
      )
      const after = triggersOf(db)
      expect(after.map((t) => [t.name, t.tabel])).toEqual(before.map((t) => [t.name, t.tabel]))
      for (const t of after)
        expect(t.sql, t.name).toMatch(
          new RegExp(`WHEN NOT EXISTS \\(SELECT 1 FROM jejak_kotor WHERE tabel = '${t.tabel}'\\)`),
        )

      const marks = () => db.prepare('SELECT tabel FROM jejak_kotor ORDER BY tabel').pluck().all()
      const fresh = () => db.exec('DELETE FROM jejak_kotor')
      fresh()
      // Three rows inserted by one statement: one mark.
      db.exec(`INSERT INTO pengaturan (key, value) VALUES ('uji_a', '1'), ('uji_b', '2'), ('uji_c', '3')`)
      expect(marks()).toEqual(['pengaturan'])
      fresh()
      db.exec(`UPDATE pengaturan SET value = value || 'x' WHERE key LIKE 'uji_%'`)
      expect(marks()).toEqual(['pengaturan'])
      fresh()
      db.exec(
        `INSERT INTO pengaturan (key, value) VALUES ('uji_a', '9') ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      )
      expect(marks()).toEqual(['pengaturan'])
      fresh()
      db.exec(`DELETE FROM pengaturan WHERE key LIKE 'uji_%'`)
      expect(marks()).toEqual(['pengaturan'])
      // Already marked: a further change leaves the one mark as it is.
      db.exec(`INSERT INTO pengaturan (key, value) VALUES ('uji_d', '4')`)
      expect(marks()).toEqual(['pengaturan'])
    } finally {
      db.close()
    }
  })
})
