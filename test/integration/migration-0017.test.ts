import { describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION } from '../../src/db/migrations'
import { openDatabase, schemaVersion } from '../../src/db/open'
import { useFileBefore } from '../support/migrations'

/**
 * Migration 0017 (drafts of Pengaturan's forms) on a file that lived under the migrations before it, with
 * drafts in it: every draft stays as typed (its version too), a settings form's draft can be kept, and the
 * table still refuses a kind it does not know and a version that is not one.
 */
const file = useFileBefore(17)
const { path } = file

describe('migration 0017 on a database that lived under the earlier migrations', () => {
  it('keeps every draft and takes the new kind, and nothing else', () => {
    const old = file.openBefore()
    old.exec(`
      INSERT INTO draf (jenis, kunci, bagian, isi, actor, diubah_at, basis_seq)
        VALUES ('tally', '1:1', 't:1', '{"serahkan":"4.500"}', 'uji', '2024-11-05T01:00:00Z', 7),
               ('penerimaan', 'baru', 'kepala', '{"penyedia":"PT A"}', 'uji', '2024-11-05T01:00:01Z', NULL);`)
    const put = `INSERT INTO draf (jenis, kunci, bagian, isi, actor, diubah_at) VALUES ('pengaturan', 'kop', 'isian', '{}', 'uji', 'x')`
    expect(() => old.exec(put)).toThrow(/CHECK/)
    const before = old.prepare('SELECT * FROM draf ORDER BY jenis').all()
    old.close()

    const db = openDatabase(path, { mustExist: true })
    try {
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
      expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toContain(17)
      expect(db.prepare('SELECT * FROM draf ORDER BY jenis').all()).toEqual(before)
      db.exec(put)
      expect(db.prepare(`SELECT count(*) FROM draf WHERE jenis = 'pengaturan'`).pluck().get()).toBe(1)
      expect(() => db.exec(put.replace("'pengaturan'", "'lain'"))).toThrow(/CHECK/)
      const withBasis = db.prepare(
        `INSERT INTO draf (jenis, kunci, bagian, isi, actor, diubah_at, basis_seq) VALUES ('pengaturan', 'pemilihan', 'isian', '{}', 'uji', 'x', ?)`,
      )
      expect(() => withBasis.run(-1)).toThrow(/CHECK/)
      expect(() => withBasis.run(1.5)).toThrow(/CHECK/)
      // No table is left behind, and draf stays out of the jejak chain (no marking triggers).
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'draf%'`).pluck().all()).toEqual(['draf'])
      expect(
        db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'draf'`).pluck().get(),
      ).toBe(0)
    } finally {
      db.close()
    }
  })
})
