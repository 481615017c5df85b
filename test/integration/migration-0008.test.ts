import { useLivedUnder } from '../support/migrations'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../src/db/migrations'
import { openDatabase } from '../../src/db/open'
import { apiOf } from '../support/api'

/**
 * Migration 0008 (kits to re-check after a master-data change, issue 12) on a file that lived under
 * 0001–0007 with a whole demo election in it: nothing there changes, no kit is to re-check, and the new
 * table enforces its rules.
 */
const file = useLivedUnder('m0008', 7, ['tps'])
const { path } = file

describe('migration 0008 on a database that lived under 0001–0007', () => {
  it('is applied after a verified backup, keeping every row; no kit is to re-check', async () => {
    expect(MIGRATIONS.map((m) => m.version)).toContain(8)
    const kits = await file.migrated((app) => apiOf(app).call('kemas.daftarKit', {}))
    expect(kits.filter((k) => k.status === 'periksa')).toEqual([])
    expect(file.backups()).toHaveLength(1)
  })

  it('enforces its rules in the schema', () => {
    const db = openDatabase(path, { mustExist: true })
    try {
      const at = '2024-11-04T09:00:00.000Z'
      const tps = (db.prepare('SELECT min(id) AS id FROM tps').get() as { id: number }).id
      const insert = db.prepare(
        `INSERT INTO kit_periksa (tps_id, at, actor, reason, variant_ids) VALUES (?, ?, 'uji', 'Impor', ?)`,
      )
      insert.run(tps, at, '[1, 2]')
      // One row per kit.
      expect(() => insert.run(tps, at, '[3]')).toThrow(/UNIQUE|PRIMARY/)
      // The lines to check are a JSON array.
      expect(() => insert.run(tps + 1, at, '{"1": 2}')).toThrow(/CHECK/)
      expect(() => insert.run(tps + 1, at, 'not json')).toThrow(/CHECK/)
      // A TPS that exists.
      expect(() => insert.run(999_999, at, '[1]')).toThrow(/FOREIGN KEY/)
    } finally {
      db.close()
    }
  })
})
