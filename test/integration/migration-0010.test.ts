import { describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION } from '../../src/db/migrations'
import { openDatabase, schemaVersion } from '../../src/db/open'
import { useFileBefore } from '../support/migrations'

/**
 * Migration 0010 (drafts) on a file that lived under the migrations before it, with a shift in it:
 * every row stays as it was, and the new table keeps only drafts of a known kind whose content is a
 * JSON object, one per kind, key and part.
 */
const file = useFileBefore(10)
const { path } = file

describe('migration 0010 on a database that lived under the earlier migrations', () => {
  it('adds the draft table and changes nothing that was there', () => {
    const old = file.openBefore()
    expect(schemaVersion(old)).toBe(file.before.at(-1)!.version)
    old.exec(`
      INSERT INTO team (id, nama, nama_key) VALUES (1, 'Mawar', 'MAWAR');
      INSERT INTO shift (id, kind, tanggal, mulai, selesai, status, created_at, created_by)
        VALUES (1, 'sortir_lipat', '2024-11-05', '08:00', '16:00', 'open', '2024-11-05', 'uji');
      INSERT INTO shift_team (shift_id, team_id) VALUES (1, 1);`)
    // 0015 renames team to regu: the rows are the same under either name.
    const rows = (db: typeof old, team = 'regu') => ({
      team: db.prepare(`SELECT * FROM ${team}`).all(),
      shift: db.prepare('SELECT * FROM shift').all(),
      shiftTeam: db.prepare('SELECT * FROM shift_team').all(),
    })
    const before = rows(old, 'team')
    expect(old.prepare(`SELECT name FROM sqlite_master WHERE name = 'draf'`).get()).toBeUndefined()
    old.close()

    const db = openDatabase(path, { mustExist: true })
    try {
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toContain(10)
      expect(rows(db)).toEqual(before)

      const put = db.prepare(
        `INSERT INTO draf (jenis, kunci, bagian, isi, actor, diubah_at) VALUES (?, ?, ?, ?, 'uji', '2024-11-05T01:00:00Z')`,
      )
      put.run('tally', '1:1', 't:1', '{"serahkan":"4.500"}')
      expect(() => put.run('tally', '1:1', 't:1', '{"serahkan":"1"}')).toThrow(/UNIQUE|PRIMARY KEY/)
      put.run('penerimaan', 'baru', 'kepala', '{}')
      expect(() => put.run('lainnya', 'baru', '', '{}')).toThrow(/CHECK/)
      expect(() => put.run('tally', '1:1', 't:2', 'bukan json')).toThrow(/CHECK/)
      expect(() => put.run('tally', '1:1', 't:2', '["a"]')).toThrow(/CHECK/)
      expect(db.prepare(`SELECT bagian, isi FROM draf WHERE jenis = 'tally'`).all()).toEqual([
        { bagian: 't:1', isi: '{"serahkan":"4.500"}' },
      ])
    } finally {
      db.close()
    }
  })
})
