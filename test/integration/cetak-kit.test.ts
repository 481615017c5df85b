import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenedApp } from '../../src/api/app'
import { openTestApp, useTempDir } from '../support/api'
import { shortItemName } from '../../src/core/text'
import { openReadOnly } from '../../src/db/open'
import type { ReadContext } from '../../src/services/context'
import { cetakLabel, daftarIsiKits, kotakLabels } from '../../src/services/kemasCetak'
import * as kemas from '../../src/services/kemas'
import { tpsKits } from '../../src/services/kebutuhan'
import { listVariants } from '../../src/services/variants'
import { parseKotakLabel } from '../../src/core/kotakLabel'

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
    const variants = new Map(listVariants(ctx).map((v) => [v.variantId, v]))
    const kodeDesa = new Map([...tpsKits(ctx).values()].map((k) => [k.tps.id, k.tps.kodeDesa]))
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
      expect(labels.map((l) => [l.desa, l.tpsNomor, l.kotakNo, l.kotakOf, l.segel, parseKotakLabel(l.qrText)])).toEqual(
        details.flatMap((d) =>
          d.kotak.map((x) => {
            const v = x.variantId === null ? null : variants.get(x.variantId)!
            const code = { kodeDesa: kodeDesa.get(d.tpsId), tpsNomor: d.nomor, kotakNo: x.no }
            const jenis = v ? { jenis: v.itemCode, dapil: v.dapil } : { jenis: null, dapil: null }
            return [d.desa, d.nomor, x.no, x.of, x.segel, { code: { ...code, ...jenis }, cekCocok: true }]
          }),
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

  it('refuses to print labels for a desa without its Kemendagri kode desa, naming the desa', async () => {
    const ctx = app.ctx
    const kit = kemas.allKits(ctx)[0]!
    const kode = ctx.db.prepare('SELECT d.kode FROM tps t JOIN desa d ON d.id = t.desa_id WHERE t.id = ?').pluck()
    const before = kode.get(kit.tpsId) as string
    ctx.db.prepare('UPDATE desa SET kode = NULL WHERE kode = ?').run(before)
    try {
      // The label's QR would have no public code for it: refused rather than printed with internal ids.
      await expect(cetakLabel(ctx, { tpsIds: [kit.tpsId] })).rejects.toThrow(
        `Label kotak memuat kode desa Kemendagri, tetapi desa ${kit.desa} (Kec. ${kit.kecamatan}) belum memiliki kode desa. Lengkapi kolom kode_desa lewat impor data TPS di halaman Wilayah, lalu cetak lagi.`,
      )
    } finally {
      ctx.db
        .prepare('UPDATE desa SET kode = ? WHERE id = (SELECT desa_id FROM tps WHERE id = ?)')
        .run(before, kit.tpsId)
    }
    expect((await cetakLabel(ctx, { tpsIds: [kit.tpsId] })).count).toBe(2)
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
