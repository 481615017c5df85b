import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenedApp } from '../../src/api/app'
import { openTestApp, useTempDir } from '../support/api'
import { shortItemName } from '../../src/core/text'
import { openReadOnly } from '../../src/db/open'
import type { ReadContext } from '../../src/services/context'
import { cetakLabel, daftarIsiKits, kotakLabels } from '../../src/services/kemasCetak'
import * as kemas from '../../src/services/kemas'

/**
 * The labels and daftar isi read every kit of their scope in one go instead of asking kemas.lihatKit
 * TPS by TPS. What they print must still be what lihatKit says about each kit: the demo satker
 * (Kabupaten Batu Bara, every kecamatan) with a few seal numbers, compared kit by kit.
 */
const root = useTempDir('cetak-kit')
let app: OpenedApp
beforeAll(async () => {
  app = await openTestApp({ dir: root, name: 'demo' })
})
afterAll(() => app.close())

describe('print data of labels and daftar isi', () => {
  it('states for every kit what lihatKit says: lines, kotak, ballots and seal numbers, in stacking order', () => {
    const ctx = app.ctx
    const kits = kemas.allKits(ctx)
    kemas.catatSegel(ctx, { actor: 'test' }, kits[0]!.tpsId, 1, 'SG-T-0001')
    kemas.catatSegel(ctx, { actor: 'test' }, kits[0]!.tpsId, 2, 'SG-T-0002')
    kemas.catatSegel(ctx, { actor: 'test' }, kits[5]!.tpsId, 2, 'SG-T-0003')
    const kecamatan = [...new Set(kits.map((k) => k.kecamatanId))]
    expect(kecamatan.length).toBeGreaterThan(1)
    let compared = 0
    for (const kecamatanId of kecamatan) {
      const inKec = kits.filter((k) => k.kecamatanId === kecamatanId)
      const details = inKec.map((k) => kemas.lihatKit(ctx, k.tpsId))
      expect(daftarIsiKits(ctx, { kecamatanId })).toEqual(
        details.map((d) => ({
          provinsi: expect.any(String),
          satker: expect.any(String),
          kecamatan: d.kecamatan,
          desa: d.desa,
          nomor: d.nomor,
          dpt: d.dpt,
          lines: d.lines.map((l) => ({
            item: l.kind === 'ballot' ? shortItemName(l.itemName) : l.itemName,
            dapil: l.dapil,
            qty: l.need,
            unit: l.unit,
          })),
          kotak: d.kotak.map((x) => ({ no: x.no, of: x.of, isi: x.label, segel: x.segel })),
        })),
      )
      const labels = kotakLabels(ctx, { kecamatanId })
      expect(
        labels.map((l) => [l.desa, l.tpsNomor, l.kotakNo, l.kotakOf, l.qrText.split('|').slice(2).join('|')]),
      ).toEqual(
        details.flatMap((d) =>
          d.kotak.map((x) => [d.desa, d.nomor, x.no, x.of, `T${d.tpsId}|K${x.no}|V${x.variantId ?? 0}`]),
        ),
      )
      compared += details.length
    }
    expect(compared).toBe(kits.length)
    expect(daftarIsiKits(ctx, { tpsIds: [kits[0]!.tpsId] })[0]!.kotak.map((k) => k.segel)).toEqual([
      'SG-T-0001',
      'SG-T-0002',
    ])
  })

  it('reads through a ReadContext on a read-only connection, as a long job does, and says the same', async () => {
    const db = openReadOnly(join(root, 'demo.sqlite'))
    try {
      const ro: ReadContext = { db, dbPath: app.ctx.dbPath, now: () => app.ctx.now() }
      const kecamatanId = kemas.allKits(app.ctx)[0]!.kecamatanId
      expect(daftarIsiKits(ro, { kecamatanId })).toEqual(daftarIsiKits(app.ctx, { kecamatanId }))
      expect(kotakLabels(ro, { kecamatanId })).toEqual(kotakLabels(app.ctx, { kecamatanId }))
      const pdf = await cetakLabel(ro, { tpsIds: [kemas.allKits(ro)[0]!.tpsId] })
      expect(pdf).toMatchObject({ mime: 'application/pdf', count: 2 })
      expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-')
      // The connection cannot write: SQLite itself refuses.
      expect(() => db.prepare(`INSERT INTO pengaturan (key, value) VALUES ('x', 'y')`).run()).toThrow(/readonly/)
    } finally {
      db.close()
    }
  })
})
