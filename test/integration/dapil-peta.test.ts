import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { openTestApp, useTempDir, DEMO_CSV, type TestApp } from '../support/api'
import { BATU_BARA_DAPIL_BARU, BATU_BARA_DAPIL_CSV, upload } from '../support/dapilBatuBara'
import { openShift } from '../support/floor'

/**
 * Dapil are explicit (issue 12): a DPR or DPRD ballot type is "belum dipetakan" until the satker's dapil
 * file is imported, and never shows a dapil named after the satker; a dapil file must name every
 * kecamatan; the PSU reserve may be set per dapil. Pemilu 2024 on the demo's TPS file (Kabupaten Batu
 * Bara, 12 kecamatan, 1.446 TPS) with the multi-dapil mapping of test/support/dapilBatuBara.ts.
 */
const root = useTempDir('dapil-peta')
let app: TestApp
const PLACEHOLDER_OLD = 'KABUPATEN BATU BARA'
const UNMAPPED = ['DPR', 'DPRD_PROV', 'DPRD_KAB']

beforeAll(async () => {
  app = await openTestApp({ dir: root, name: 'pemilu', demo: false, who: 'Nurhayati' })
  await app.call('pemilihan.buat', {
    jenis: 'pemilu',
    tahun: 2024,
    provinsi: 'Sumatera Utara',
    satker: 'Kabupaten Batu Bara',
    kodeWilayah: '1219',
  })
  const tps = upload('tps.csv', readFileSync(DEMO_CSV, 'utf8'))
  const p = await app.call('wilayah.pratinjauImpor', tps)
  await app.call('wilayah.impor', { ...tps, fingerprint: p.fingerprint })
})

describe('before the dapil file: DPR and DPRD are "belum dipetakan"', () => {
  it('dapil.daftar names no dapil for them and lists every kecamatan as waiting; Presiden and DPD are mapped', async () => {
    const list = await app.call('dapil.daftar')
    const kecamatan = (await app.call('wilayah.daftarKecamatan')).map((k) => k.id).sort((a, b) => a - b)
    for (const b of list) {
      if (UNMAPPED.includes(b.itemCode)) {
        expect(b, b.itemCode).toMatchObject({ dipetakan: false, dapil: [] })
        expect([...b.belumDipetakan].sort((x, y) => x - y)).toEqual(kecamatan)
      } else {
        expect(b, b.itemCode).toMatchObject({ dipetakan: true, belumDipetakan: [] })
        expect(b.dapil).toHaveLength(1)
      }
    }
  })

  it('needs, variants and the CSV export say "Belum dipetakan", never a dapil named after the satker, with no PSU reserve', async () => {
    const rows = await app.call('kebutuhan.daftarDapil')
    const byType = (code: string) => rows.filter((r) => r.itemCode === code)
    for (const code of UNMAPPED) {
      expect(byType(code)).toHaveLength(1)
      expect(byType(code)[0]).toMatchObject({ dapil: 'Belum dipetakan', tps: 1446, psu: 0 })
    }
    expect(byType('PPWP')[0]).toMatchObject({ dapil: 'Nasional', psu: 1000 })
    const variants = await app.call('barang.daftarVarian')
    expect(variants.find((v) => v.itemCode === 'DPR')!.label).toBe('Surat Suara DPR RI · Belum dipetakan')
    const csv = Buffer.from(
      (await app.call('kebutuhan.ekspor', { format: 'csv', level: 'tps' })).contentBase64,
      'base64',
    ).toString('utf8')
    expect(csv).toContain('Belum dipetakan')
    for (const text of [JSON.stringify(rows), JSON.stringify(variants), csv])
      expect(text.toUpperCase()).not.toContain(PLACEHOLDER_OLD)
  })

  it('kits name the unmapped types; packing them and printing labels are refused, saying to import the dapil file, and nothing changes', async () => {
    const kits = await app.call('kemas.daftarKit', {})
    expect(kits[0]!.belumDipetakan).toEqual([
      'Surat suara DPR RI',
      'Surat suara DPRD Provinsi',
      'Surat suara DPRD Kabupaten/Kota',
    ])
    const kit = await app.call('kemas.lihatKit', { tpsId: kits[0]!.tpsId })
    const dpr = kit.lines.find((l) => l.itemCode === 'DPR')!
    expect(dpr.dapil).toBe('Belum dipetakan')
    const team = (await app.call('regu.tambah', { nama: 'Melati' })).id
    const packing = (await openShift(app.call, 'packing', '2024-01-06', [], [team])).id
    const e = await app.refusedUnchanged('kemas.catat', {
      shiftId: packing,
      tpsId: kit.tpsId,
      lines: [{ variantId: dpr.variantId, qty: 1 }],
    })
    expect(e.message).toMatch(/ditolak: Surat suara DPR RI belum dipetakan ke dapil; impor dulu pemetaan dapil/)
    const sisa = await app.refusedUnchanged('kemas.catat', {
      shiftId: packing,
      tpsId: kit.tpsId,
      lines: [],
      sisa: true,
    })
    expect(sisa.message).toMatch(/belum dipetakan ke dapil/)
    const label = await app.refusedUnchanged('kemas.cetakLabel', { kecamatanId: kit.kecamatanId })
    expect(label.message).toMatch(/belum dipetakan ke dapil/)
    expect(label.details?.[0]?.message).toMatch(
      new RegExp(`^Surat suara DPR RI belum dipetakan ke dapil untuk kecamatan ${kit.kecamatan}; impor dulu`),
    )
  })
})

describe('a dapil file must cover every kecamatan', () => {
  it('a file leaving a kecamatan out is refused naming it, per ballot type, and nothing changes', async () => {
    const partial = BATU_BARA_DAPIL_CSV.split('\n')
      .filter((l) => !l.startsWith('DPRD Kab/Kota;SEI BALAI;') && !l.startsWith('DPR;NIBUNG HANGUS;'))
      .join('\n')
    const file = upload('dapil-sebagian.csv', partial)
    const p = await app.call('dapil.pratinjauImpor', file)
    expect(p.ok).toBe(false)
    expect(p.tanpaDapil).toEqual([
      { itemCode: 'DPR', kecamatan: ['NIBUNG HANGUS'] },
      { itemCode: 'DPRD_KAB', kecamatan: ['SEI BALAI'] },
    ])
    const e = await app.refusedUnchanged('dapil.impor', { ...file, dapilBaru: BATU_BARA_DAPIL_BARU })
    expect(e.details?.map((d) => d.message)).toEqual([
      'Surat Suara DPR RI: 1 kecamatan tidak ada dalam berkas (NIBUNG HANGUS); berkas dapil harus memuat setiap kecamatan satker',
      'Surat Suara DPRD Kabupaten/Kota: 1 kecamatan tidak ada dalam berkas (SEI BALAI); berkas dapil harus memuat setiap kecamatan satker',
    ])
  })

  it('"Belum dipetakan" is no dapil name a file may use', async () => {
    const bad = BATU_BARA_DAPIL_CSV.replace(
      'DPRD Kab/Kota;SEI BALAI;BATU BARA 2',
      'DPRD Kab/Kota;SEI BALAI;Belum Dipetakan',
    )
    const e = await app.refusedUnchanged('dapil.impor', { ...upload('d.csv', bad), dapilBaru: BATU_BARA_DAPIL_BARU })
    expect(e.details?.[0]?.message).toMatch(/"Belum Dipetakan" bukan nama dapil/)
  })

  it('the whole file maps every type: no kecamatan waits, no "Belum dipetakan" row is left', async () => {
    await app.call('dapil.impor', { ...upload('dapil.csv', BATU_BARA_DAPIL_CSV), dapilBaru: BATU_BARA_DAPIL_BARU })
    const list = await app.call('dapil.daftar')
    expect(list.every((b) => b.dipetakan && b.belumDipetakan.length === 0)).toBe(true)
    expect(list.find((b) => b.itemCode === 'DPRD_KAB')!.dapil.map((d) => d.name)).toEqual([
      'BATU BARA 1',
      'BATU BARA 2',
      'BATU BARA 3',
    ])
    expect(JSON.stringify(await app.call('kebutuhan.daftarDapil'))).not.toContain('Belum dipetakan')
    expect((await app.call('kemas.daftarKit', {})).every((k) => k.belumDipetakan.length === 0)).toBe(true)
  })
})

describe('the PSU reserve per dapil', () => {
  const dapilId = async (code: string, name: string) =>
    (await app.call('dapil.daftar')).find((b) => b.itemCode === code)!.dapil.find((d) => d.name === name)!.id

  it('a dapil carried by a neighbouring satker holds none, another more; needs agree at every level', async () => {
    await app.call('dapil.aturPsu', { dapilId: await dapilId('DPR', 'SUMATERA UTARA III'), psu: 0 })
    await app.call('dapil.aturPsu', { dapilId: await dapilId('DPRD_KAB', 'BATU BARA 2'), psu: 1500 })
    const list = await app.call('dapil.daftar')
    expect(list.find((b) => b.itemCode === 'DPR')!.dapil[0]).toMatchObject({ psu: 0, psuSendiri: 0 })
    expect(list.find((b) => b.itemCode === 'DPRD_KAB')!.dapil.map((d) => [d.name, d.psu, d.psuSendiri])).toEqual([
      ['BATU BARA 1', 1000, null],
      ['BATU BARA 2', 1500, 1500],
      ['BATU BARA 3', 1000, null],
    ])

    const rows = await app.call('kebutuhan.daftarDapil')
    const psu = (code: string) => rows.filter((r) => r.itemCode === code).map((r) => [r.dapil, r.psu])
    expect(psu('DPR')).toEqual([['SUMATERA UTARA III', 0]])
    expect(psu('DPRD_KAB')).toEqual([
      ['BATU BARA 1', 1000],
      ['BATU BARA 2', 1500],
      ['BATU BARA 3', 1000],
    ])
    const tps = (await app.call('kebutuhan.daftarTps', {})).rows
    const sum = (list: { qty: Record<string, number> }[], code: string) =>
      list.reduce((s, r) => s + (r.qty[code] ?? 0), 0)
    const desa = (await app.call('kebutuhan.lihatRekap', { level: 'desa' })).rows
    const kec = (await app.call('kebutuhan.lihatRekap', { level: 'kecamatan' })).rows
    const satker = (await app.call('kebutuhan.lihatRekap', { level: 'satker' })).rows[0]!
    for (const code of ['PPWP', 'DPR', 'DPD', 'DPRD_PROV', 'DPRD_KAB']) {
      const kits = sum(tps, code)
      const typeRows = rows.filter((r) => r.itemCode === code)
      const psuTotal = typeRows.reduce((s, r) => s + r.psu, 0)
      expect(sum(desa, code), code).toBe(kits)
      expect(sum(kec, code), code).toBe(kits)
      expect(
        typeRows.reduce((s, r) => s + r.kits, 0),
        code,
      ).toBe(kits)
      expect(
        typeRows.reduce((s, r) => s + r.total, 0),
        code,
      ).toBe(kits + psuTotal)
      expect(satker.qty[code], code).toBe(kits + psuTotal)
    }
    expect(rows.filter((r) => r.itemCode === 'DPRD_KAB').reduce((s, r) => s + r.psu, 0)).toBe(3500)
  })

  it('an empty reserve follows the ballot type again; a negative one is refused naming the field', async () => {
    const id = await dapilId('DPRD_KAB', 'BATU BARA 2')
    await app.call('dapil.aturPsu', { dapilId: id, psu: null })
    const d = (await app.call('dapil.daftar')).find((b) => b.itemCode === 'DPRD_KAB')!.dapil.find((x) => x.id === id)!
    expect(d).toMatchObject({ psu: 1000, psuSendiri: null })
    const e = await app.refusedUnchanged('dapil.aturPsu', { dapilId: id, psu: -1 }, 'INVALID_INPUT')
    expect(e.message).toMatch(/Cadangan PSU dapil ini/)
  })
})

describe('a kecamatan new to the data after mapping', () => {
  it('waits "belum dipetakan" for DPR and DPRD, never silently in their first dapil; Presiden takes its one dapil', async () => {
    const text = readFileSync(DEMO_CSV, 'utf8').trimEnd() + '\n121999,KECAMATAN BARU,1219991001,DESA BARU,1,200\n'
    const file = upload('tps-baru.csv', text)
    const p = await app.call('wilayah.pratinjauImpor', file)
    await app.call('wilayah.impor', { ...file, fingerprint: p.fingerprint })
    const baru = (await app.call('wilayah.daftarKecamatan')).find((k) => k.nama === 'KECAMATAN BARU')!.id
    const list = await app.call('dapil.daftar')
    for (const b of list) {
      if (UNMAPPED.includes(b.itemCode)) {
        expect(b, b.itemCode).toMatchObject({ dipetakan: false, belumDipetakan: [baru] })
        expect(b.dapil.some((d) => d.kecamatanIds.includes(baru))).toBe(false)
      } else expect(b.dapil[0]!.kecamatanIds, b.itemCode).toContain(baru)
    }
    const kit = (await app.call('kemas.daftarKit', { kecamatanId: baru }))[0]!
    expect(kit.belumDipetakan).toEqual([
      'Surat suara DPR RI',
      'Surat suara DPRD Provinsi',
      'Surat suara DPRD Kabupaten/Kota',
    ])
  })
})
