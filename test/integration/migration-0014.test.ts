import { describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION } from '../../src/db/migrations'
import { openDatabase, schemaVersion } from '../../src/db/open'
import { useFileBefore } from '../support/migrations'

/**
 * Migration 0014 (a draft's basis) on a file that lived under the migrations before it, with drafts in it:
 * every draft stays as typed, with no version (null), and a version is a non-negative whole number.
 */
const file = useFileBefore(14)
const { path } = file

describe('migration 0014 on a database that lived under the earlier migrations', () => {
  it('adds the draft basis, null for the drafts already there, and changes nothing else', () => {
    const old = file.openBefore()
    old.exec(`
      INSERT INTO draf (jenis, kunci, bagian, isi, actor, diubah_at)
        VALUES ('tally', '1:1', 't:1', '{"serahkan":"4.500"}', 'uji', '2024-11-05T01:00:00Z'),
               ('penerimaan', 'baru', 'kepala', '{}', 'uji', '2024-11-05T01:00:00Z');`)
    const before = old.prepare('SELECT * FROM draf ORDER BY jenis').all()
    old.close()

    const db = openDatabase(path, { mustExist: true })
    try {
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
      expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toContain(14)
      expect(db.prepare('SELECT * FROM draf ORDER BY jenis').all()).toEqual(
        (before as object[]).map((r) => ({ ...r, basis_seq: null })),
      )
      const put = db.prepare(
        `INSERT INTO draf (jenis, kunci, bagian, isi, actor, diubah_at, basis_seq) VALUES ('tally', '1:1', ?, '{}', 'uji', 'x', ?)`,
      )
      put.run('t:2', 120)
      expect(() => put.run('t:3', -1)).toThrow(/CHECK/)
      expect(() => put.run('t:4', 1.5)).toThrow(/CHECK/)
      expect(() => put.run('t:5', 'baru')).toThrow(/CHECK/)
    } finally {
      db.close()
    }
  })
})
