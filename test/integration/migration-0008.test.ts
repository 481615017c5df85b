import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import { verifyChain } from '../../src/db/ledger'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/db/migrations'
import { openDatabase, schemaVersion } from '../../src/db/open'
import { apiOf } from '../support/api'
import { auditRows, demoElectionAt, rollBackTo } from '../support/migrations'

/**
 * Migration 0008 (kits to re-check after a master-data change, issue 12) on a file that lived under
 * 0001–0007 with a whole demo election in it: nothing there changes, no kit is to re-check, and the new
 * table enforces its rules.
 */
const root = mkdtempSync(join(tmpdir(), 'gudang-m0008-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const path = join(root, 'm8.sqlite')
const UP_TO_0007 = MIGRATIONS.filter((m) => m.version <= 7)

let before: { ledger: unknown[]; audit: unknown[]; tps: unknown[] }

beforeAll(async () => {
  await demoElectionAt(root, path)
  rollBackTo(path, 7)
  const db = openDatabase(path, { mustExist: true, migrations: UP_TO_0007 })
  expect(schemaVersion(db)).toBe(7)
  before = {
    ledger: db.prepare('SELECT * FROM ledger ORDER BY seq').all(),
    audit: auditRows(db),
    tps: db.prepare('SELECT * FROM tps ORDER BY id').all(),
  }
  db.close()
})

describe('migration 0008 on a database that lived under 0001–0007', () => {
  it('is applied after a verified backup, keeping every row; no kit is to re-check', async () => {
    const app = await openApp({ dbPath: path })
    try {
      const versions = app.ctx.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()
      expect(versions).toEqual(MIGRATIONS.map((m) => m.version))
      expect(versions).toContain(8)
      expect(schemaVersion(app.ctx.db)).toBe(LATEST_SCHEMA_VERSION)
      expect(app.ctx.db.prepare('SELECT * FROM ledger ORDER BY seq').all()).toEqual(before.ledger)
      expect(auditRows(app.ctx.db, before.audit.length)).toEqual(before.audit)
      expect(app.ctx.db.prepare('SELECT * FROM tps ORDER BY id').all()).toEqual(before.tps)
      expect(verifyChain(app.ctx.db).problem).toBeNull()
      const kits = await apiOf(app).call('kemas.daftarKit', {})
      expect(kits.filter((k) => k.status === 'periksa')).toEqual([])
      const backups = readdirSync(join(root, 'cadangan', 'm8')).filter((n) => n.endsWith('-migrasi.sqlite'))
      expect(backups).toHaveLength(1)
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
