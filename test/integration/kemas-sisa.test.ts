import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KitDetail } from '../../src/api/contract'
import { openTestApp, type TestApp } from '../support/api'
import { dayShift } from '../support/inputs'

/**
 * "Kemas semua sisa" packs what is ready and names what is still missing, instead of refusing the whole
 * kit for one item the floor has not got yet. Only a kit of which nothing at all is ready is refused, and
 * that refusal changes nothing.
 *
 * The demo election; one TPS of MEDANG DERAS. Received: tinta 1 (the kit needs 2), segel, sampul and
 * formulir plenty, the ballots unsorted, kotak and bilik not assembled.
 */
let app: TestApp
let kit: KitDetail
let shiftId = 0

beforeAll(async () => {
  app = await openTestApp({ name: 'kemas-sisa', who: 'Nurhayati' })
  const kits = await app.call('kemas.daftarKit', {})
  const first = kits.find((k) => k.kecamatan === 'MEDANG DERAS')!
  kit = await app.call('kemas.lihatKit', { tpsId: first.tpsId })
  const team = await app.call('regu.tambah', { nama: 'Dahlia' })
  shiftId = (await app.call('shift.buka', dayShift('packing', '2024-11-06', [], [team.id], { selesai: '17:00' }))).id
})
afterAll(() => app.close())

const line = (code: string) => kit.lines.find((l) => l.itemCode === code)!

describe('kemas.catat with sisa', () => {
  it('nothing ready: refused, naming every line and where it comes from; nothing written', async () => {
    const e = await app.refusedUnchanged('kemas.catat', { shiftId, tpsId: kit.tpsId, sisa: true })
    expect(e.message).toMatch(/^Belum ada yang siap dikemas untuk kit TPS 001 .*; tidak ada yang dikemas$/)
    const messages = e.details!.map((d) => d.message)
    expect(messages).toHaveLength(kit.lines.length)
    expect(messages.find((m) => m.startsWith(line('GUBERNUR').label))).toMatch(/sortir dulu/)
    expect(messages.find((m) => m.startsWith('Kotak'))).toMatch(/rakit dulu kotak suara/)
    expect(messages.find((m) => m.startsWith('Tinta'))).toMatch(/catat dulu penerimaannya/)
  })

  it('packs what is ready (tinta as far as it reaches) and reports the rest; the kit is sebagian', async () => {
    const ready = ['TINTA', 'SEGEL', 'SAMPUL', 'FORMULIR'] as const
    await app.call('penerimaan.catat', {
      receivedAt: '2024-11-04T14:00',
      penyedia: 'PT Logistik Pemilu',
      suratJalan: 'SJ-LOG-1104',
      lines: ready.map((c) => ({
        variantId: line(c).variantId,
        statedQty: c === 'TINTA' ? 1 : 100,
        countedQty: c === 'TINTA' ? 1 : 100,
      })),
    })
    const before = (app.ctx.db.prepare('SELECT max(seq) AS m FROM ledger').get() as { m: number }).m
    const after = await app.call('kemas.catat', { shiftId, tpsId: kit.tpsId, sisa: true })
    expect(after.status).toBe('sebagian')
    const packed = (code: string) => after.lines.find((l) => l.itemCode === code)!.packed
    expect(packed('TINTA')).toBe(1)
    for (const c of ['SEGEL', 'SAMPUL', 'FORMULIR']) expect(packed(c)).toBe(line(c).need)
    expect(packed('GUBERNUR')).toBe(0)
    // The answer names each line still short, by how much and what the floor must do first.
    const missing = Object.fromEntries(after.missing.map((m) => [m.label, m]))
    expect(missing['Tinta']).toMatchObject({ qty: line('TINTA').need - 1 })
    expect(missing['Tinta']!.message).toMatch(/^Tinta: kurang 1 botol \(stok siap kemas 1\); catat dulu penerimaannya$/)
    expect(missing[line('GUBERNUR').label]).toMatchObject({ qty: line('GUBERNUR').need })
    expect(missing[line('GUBERNUR').label]!.message).toMatch(/sortir dulu/)
    expect(missing['Kotak suara']!.message).toMatch(/rakit dulu/)
    expect(Object.keys(missing).sort()).toEqual(
      after.lines
        .filter((l) => l.remaining > 0)
        .map((l) => l.label)
        .sort(),
    )
    // One ledger row per line packed, all in this packing shift.
    const rows = app.ctx.db
      .prepare('SELECT count(*) AS n, min(shift_id) AS s, max(shift_id) AS t FROM ledger WHERE seq > ?')
      .get(before) as { n: number; s: number; t: number }
    expect(rows).toEqual({ n: 4, s: shiftId, t: shiftId })
  })

  it('again with nothing more ready: refused, nothing written', async () => {
    const e = await app.refusedUnchanged('kemas.catat', { shiftId, tpsId: kit.tpsId, sisa: true })
    expect(e.details!.map((d) => d.message).some((m) => m.startsWith('Tinta: kurang 1'))).toBe(true)
  })
})
