import { useLivedUnder } from '../support/migrations'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/open'
import { apiOf } from '../support/api'

/**
 * Migration 0009 (deliveries declared complete, issue 13) on a file that lived under the migrations
 * before it with a whole demo election and a delivery in it: nothing there changes, and the new table
 * keeps one declaration per variant, a real date, and no edits.
 */
const file = useLivedUnder('m0009', 8)
const { path } = file

describe('migration 0009 on a database that lived under the migrations before it', () => {
  it('is applied keeping every row, and the declaration works through the dispatcher', async () => {
    await file.migrated(async (app) => {
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
    })
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
