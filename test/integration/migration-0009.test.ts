import { join } from 'node:path'
import { auditRows, demoElectionAt, rollBackTo } from '../support/migrations'
import { beforeAll, describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import { verifyChain } from '../../src/db/ledger'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/db/migrations'
import { openDatabase, schemaVersion } from '../../src/db/open'
import { apiOf, useTempDir } from '../support/api'

/**
 * Migration 0009 (deliveries declared complete, issue 13) on a file that lived under the migrations
 * before it with a whole demo election and a delivery in it: nothing there changes, and the new table
 * keeps one declaration per variant, a real date, and no edits.
 */
const root = useTempDir('m0009')
const path = join(root, 'm9.sqlite')
const BEFORE = MIGRATIONS.filter((m) => m.version < 9)

let before: { ledger: unknown[]; audit: unknown[] }

beforeAll(async () => {
  await demoElectionAt(root, path)
  rollBackTo(path, 8)
  const db = openDatabase(path, { mustExist: true, migrations: BEFORE })
  expect(schemaVersion(db)).toBe(BEFORE.at(-1)!.version)
  before = {
    ledger: db.prepare('SELECT * FROM ledger ORDER BY seq').all(),
    audit: auditRows(db),
  }
  db.close()
})

describe('migration 0009 on a database that lived under the migrations before it', () => {
  it('is applied keeping every row, and the declaration works through the dispatcher', async () => {
    const app = await openApp({ dbPath: path })
    try {
      expect(schemaVersion(app.ctx.db)).toBe(LATEST_SCHEMA_VERSION)
      expect(app.ctx.db.prepare('SELECT * FROM ledger ORDER BY seq').all()).toEqual(before.ledger)
      expect(auditRows(app.ctx.db, before.audit.length)).toEqual(before.audit)
      expect(verifyChain(app.ctx.db).problem).toBeNull()
      const api = apiOf(app)
      const g = (await api.call('barang.daftarVarian')).find((x) => x.itemCode === 'GUBERNUR')!.variantId
      const ok = await api.call('penerimaan.selesaikanKiriman', {
        variantId: g,
        tanggal: '2024-11-05',
        note: 'Penyedia menyatakan pengiriman selesai',
      })
      expect(ok).toMatchObject({ variantId: g, tanggal: '2024-11-05' })
      const again = await api.refusedUnchanged('penerimaan.selesaikanKiriman', { variantId: g, note: 'lagi' })
      expect(again.message).toContain('sudah dinyatakan lengkap sejak 2024-11-05')
    } finally {
      app.close()
    }
  })

  it('enforces its rules in the schema', () => {
    const db = openDatabase(path, { mustExist: true })
    try {
      const at = '2024-11-05T02:00:00.000Z'
      expect(() => db.prepare(`INSERT INTO kiriman_lengkap VALUES (2, '5 Nov 2024', ?, 'uji', '')`).run(at)).toThrow(
        /CHECK/,
      )
      expect(() => db.prepare(`INSERT INTO kiriman_lengkap VALUES (9999, '2024-11-05', ?, 'uji', '')`).run(at)).toThrow(
        /FOREIGN KEY/,
      )
      expect(() => db.prepare(`UPDATE kiriman_lengkap SET note = 'x'`).run()).toThrow(/tidak dapat diubah/)
      expect(() => db.prepare(`DELETE FROM kiriman_lengkap`).run()).toThrow(/tidak dapat dihapus/)
    } finally {
      db.close()
    }
  })
})
