import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import { MIGRATIONS } from '../../src/db/migrations'
import { openDatabase } from '../../src/db/open'
import { apiOf, useTempDir } from '../support/api'
import { demoBefore, expectKept, migrationBackups, type Kept } from '../support/migrations'

/**
 * Migration 0008 (kits to re-check after a master-data change, issue 12) on a file that lived under
 * 0001–0007 with a whole demo election in it: nothing there changes, no kit is to re-check, and the new
 * table enforces its rules.
 */
const root = useTempDir('m0008')
const path = join(root, 'm8.sqlite')
let before: Kept

beforeAll(async () => {
  before = await demoBefore(root, path, 7, ['tps'])
})

describe('migration 0008 on a database that lived under 0001–0007', () => {
  it('is applied after a verified backup, keeping every row; no kit is to re-check', async () => {
    const app = await openApp({ dbPath: path })
    try {
      expect(MIGRATIONS.map((m) => m.version)).toContain(8)
      expectKept(app.ctx.db, before)
      const kits = await apiOf(app).call('kemas.daftarKit', {})
      expect(kits.filter((k) => k.status === 'periksa')).toEqual([])
      expect(migrationBackups(root, 'm8')).toHaveLength(1)
    } finally {
      app.close()
    }
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
