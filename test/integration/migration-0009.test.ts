import { join } from 'node:path'
import { demoBefore, expectKept, type Kept } from '../support/migrations'
import { beforeAll, describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import { openDatabase } from '../../src/db/open'
import { apiOf, useTempDir } from '../support/api'

/**
 * Migration 0009 (deliveries declared complete, issue 13) on a file that lived under the migrations
 * before it with a whole demo election and a delivery in it: nothing there changes, and the new table
 * keeps one declaration per variant, a real date, and no edits.
 */
const root = useTempDir('m0009')
const path = join(root, 'm9.sqlite')
let before: Kept

beforeAll(async () => {
  before = await demoBefore(root, path, 8)
})

describe('migration 0009 on a database that lived under the migrations before it', () => {
  it('is applied keeping every row, and the declaration works through the dispatcher', async () => {
    const app = await openApp({ dbPath: path })
    try {
      expectKept(app.ctx.db, before)
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
