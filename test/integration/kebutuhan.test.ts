import ExcelJS from 'exceljs'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestApp, pemiluWithTps, upload, useTempDir, DEMO_CSV, type TestApp } from '../support/api'
import { fingerprint } from '../support/fingerprint'
import type { MethodInput } from '../../src/api/contract'

const root = useTempDir('kebutuhan')

// ---- the demo file, read here independently of the app ----------------------------------------------------

const demoText = readFileSync(DEMO_CSV, 'utf8')
const demoRows = demoText
  .split(/\r?\n/)
  .slice(1)
  .filter((l) => l.trim() !== '')
  .map((l) => {
    const [, kec, , desa, nomor, dpt] = l.split(',')
    return { kec: kec!, desa: desa!, nomor: Number(nomor), dpt: Number(dpt) }
  })
const TPS_COUNT = demoRows.length
const DPT_TOTAL = demoRows.reduce((s, r) => s + r.dpt, 0)
const KEC_COUNT = new Set(demoRows.map((r) => r.kec)).size
const DESA_COUNT = new Set(demoRows.map((r) => `${r.kec}|${r.desa}`)).size
const dptByKey = new Map(demoRows.map((r) => [`${r.kec}|${r.desa}|${r.nomor}`, r.dpt]))

type Rounding = 'up' | 'down' | 'nearest' | 'up_even'
/** The reserve for one TPS, written out here from DOMAIN.md §2 with integer arithmetic (percent in hundredths). */
function reserve(dpt: number, percentHundredths: number, rounding: Rounding): number {
  const num = dpt * percentHundredths
  const den = 10_000
  const down = Math.floor(num / den)
  const up = Math.ceil(num / den)
  if (rounding === 'down') return down
  if (rounding === 'up') return up
  if (rounding === 'nearest') return Math.floor((2 * num + den) / (2 * den))
  return up % 2 === 0 ? up : up + 1
}

// ---- helpers ----------------------------------------------------------------------------------------------

let appNo = 0
const nextPath = () => join(root, `app-${++appNo}.sqlite`)

async function demoApp(): Promise<TestApp> {
  const app = await openTestApp({ who: 'ani', dbPath: nextPath() })
  expect(app.createdDemo).toBe(true)
  return app
}

async function pemiluApp(): Promise<TestApp> {
  const app = await openTestApp({ who: 'ani', dbPath: nextPath(), demo: false })
  await pemiluWithTps(app, demoText)
  return app
}

interface DapilNeed {
  variantId: number
  itemCode: string
  itemName: string
  dapil: string
  tps: number
  dpt: number
  reserve: number
  kits: number
  psu: number
  total: number
}

const perTps = (app: TestApp) => app.call('kebutuhan.daftarTps')
const rekap = (app: TestApp, level: 'desa' | 'kecamatan' | 'satker') => app.call('kebutuhan.lihatRekap', { level })
const perDapil = (app: TestApp) => app.call('kebutuhan.daftarDapil')
const sumOf = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0)

// ---- tests ------------------------------------------------------------------------------------------------

describe('needs of the demo (Pilkada 2024, Kabupaten Batu Bara)', () => {
  let app: TestApp
  const ballots = ['GUBERNUR', 'BUPATI']

  beforeAll(async () => {
    app = await demoApp()
  })
  afterAll(() => app.close())

  it('has the two pilkada ballot types, one dapil each, with 2,000 PSU', async () => {
    const d = await perDapil(app)
    expect(d.map((r) => r.itemCode)).toEqual(ballots)
    for (const r of d) {
      expect(r.psu).toBe(2000)
      expect(r.tps).toBe(TPS_COUNT)
      expect(r.dpt).toBe(DPT_TOTAL)
    }
  })

  it('each TPS gets dpt + ceil(dpt * 2.5%) of every ballot type, and its DPT is the file DPT', async () => {
    const { rows, columns } = await perTps(app)
    expect(rows).toHaveLength(TPS_COUNT)
    expect(columns.filter((c) => c.kind === 'ballot').map((c) => c.code)).toEqual(ballots)
    for (const r of rows) {
      expect(r.dpt).toBe(dptByKey.get(`${r.kecamatan}|${r.desa}|${r.nomor}`))
      for (const b of ballots)
        expect(r.qty[b], `${b} at ${r.kecamatan}/${r.desa}/${r.nomor}`).toBe(r.dpt + Math.ceil((r.dpt * 25) / 1000))
      expect(r.dapil.GUBERNUR).toBe('SUMATERA UTARA')
      expect(r.dapil.BUPATI).toBe('KABUPATEN BATU BARA')
    }
  })

  it('for every ballot type: sum per TPS = perDapil kits = desa rekap = kecamatan rekap; satker = kits + PSU', async () => {
    const tps = await perTps(app)
    const dapil = await perDapil(app)
    const desa = await rekap(app, 'desa')
    const kec = await rekap(app, 'kecamatan')
    const satker = await rekap(app, 'satker')
    expect(desa.rows).toHaveLength(DESA_COUNT)
    expect(kec.rows).toHaveLength(KEC_COUNT)
    expect(satker.rows).toHaveLength(1)
    for (const rows of [desa.rows, kec.rows, satker.rows]) {
      expect(sumOf(rows, (r) => r.tps)).toBe(TPS_COUNT)
      expect(sumOf(rows, (r) => r.dpt)).toBe(DPT_TOTAL)
    }
    for (const b of ballots) {
      const fromTps = sumOf(tps.rows, (r) => r.qty[b]!)
      const expected = sumOf(demoRows, (r) => r.dpt + reserve(r.dpt, 250, 'up'))
      expect(fromTps).toBe(expected)
      const mine = dapil.filter((d) => d.itemCode === b)
      expect(sumOf(mine, (d) => d.kits)).toBe(fromTps)
      expect(sumOf(mine, (d) => d.reserve)).toBe(expected - DPT_TOTAL)
      for (const d of mine) expect(d.total).toBe(d.kits + d.psu)
      expect(sumOf(desa.rows, (r) => r.qty[b]!)).toBe(fromTps)
      expect(sumOf(kec.rows, (r) => r.qty[b]!)).toBe(fromTps)
      expect(satker.rows[0]!.qty[b]).toBe(sumOf(mine, (d) => d.kits + d.psu))
      expect(satker.rows[0]!.qty[b]).toBe(fromTps + 2000)
    }
  })

  it('per-TPS logistics presets add up to qty x TPS at every level', async () => {
    const items = await app.call('barang.daftar')
    const logistics = items.filter((i) => i.kind === 'logistics')
    expect(logistics.length).toBeGreaterThan(0)
    const satker = (await rekap(app, 'satker')).rows[0]!
    const tps = await perTps(app)
    for (const i of logistics) {
      expect(i.rule).toBe('per_tps')
      expect(sumOf(tps.rows, (r) => r.qty[i.code]!)).toBe(i.qty * TPS_COUNT)
      expect(satker.qty[i.code]).toBe(i.qty * TPS_COUNT)
    }
    expect(satker.qty.KOTAK).toBe(2 * TPS_COUNT)
  })

  it('one kecamatan’s needs are exactly its rows of the whole list, and its desa sum to its TPS and DPT', async () => {
    const all = await perTps(app)
    const kecamatan = await app.call('wilayah.daftarKecamatan')
    for (const k of kecamatan) {
      const own = await app.call('kebutuhan.daftarTps', { kecamatanId: k.id })
      expect(own.columns).toEqual(all.columns)
      expect(own.rows).toEqual(all.rows.filter((r) => r.kecamatan === k.nama))
      expect(own.rows).toHaveLength(demoRows.filter((r) => r.kec === k.nama).length)
      const desa = await app.call('wilayah.daftarDesa', {
        kecamatanId: k.id,
      })
      expect(desa).toHaveLength(k.desa)
      expect(desa.every((d) => d.kecamatanId === k.id)).toBe(true)
      expect(sumOf(desa, (d) => d.tps)).toBe(k.tps)
      expect(sumOf(desa, (d) => d.dpt)).toBe(
        sumOf(
          demoRows.filter((r) => r.kec === k.nama),
          (r) => r.dpt,
        ),
      )
    }
    const everyDesa = await app.call('wilayah.daftarDesa')
    expect(everyDesa).toHaveLength(DESA_COUNT)
    expect(sumOf(everyDesa, (d) => d.tps)).toBe(TPS_COUNT)
  })

  it.each([
    [2, 'down'],
    [2, 'nearest'],
    [2.5, 'up_even'],
    [2, 'up'],
    [0, 'up'],
    [10.25, 'nearest'],
    [2.5, 'up'],
  ] as [number, Rounding][])(
    'pemilihan.ubah reservePercent %s, rounding %s changes every number accordingly',
    async (percent, rounding) => {
      const e = await app.call('pemilihan.ubah', { reservePercent: percent, rounding })
      expect(e).toMatchObject({ reservePercent: percent, rounding })
      const hundredths = Math.round(percent * 100)
      const tps = await perTps(app)
      for (const r of tps.rows) expect(r.qty.BUPATI).toBe(r.dpt + reserve(r.dpt, hundredths, rounding))
      const expectedKits = sumOf(demoRows, (r) => r.dpt + reserve(r.dpt, hundredths, rounding))
      const bupati = (await perDapil(app)).find((d) => d.itemCode === 'BUPATI')!
      expect(bupati.kits).toBe(expectedKits)
      expect(bupati.reserve).toBe(expectedKits - DPT_TOTAL)
      expect((await rekap(app, 'satker')).rows[0]!.qty.BUPATI).toBe(expectedKits + 2000)
    },
  )

  it('refuses a reserve percentage with more than two decimals and changes nothing', async () => {
    const before = fingerprint(app.ctx.db)
    expect((await app.refusal('pemilihan.ubah', { reservePercent: 2.555 })).code).toBe('INVALID_INPUT')
    expect((await app.refusal('pemilihan.ubah', { rounding: 'sideways' })).code).toBe('INVALID_INPUT')
    expect(fingerprint(app.ctx.db)).toBe(before)
  })
})

describe('Pemilu: five ballot types and dapil', () => {
  let app: TestApp
  const codes = ['PPWP', 'DPR', 'DPD', 'DPRD_PROV', 'DPRD_KAB']
  let kecamatan: { id: number; nama: string }[]
  /** Kecamatan (in listing order) split into three dapil of four. */
  const dapilOfIndex = (i: number) => `BATU BARA ${Math.floor(i / 4) + 1}`

  beforeAll(async () => {
    app = await pemiluApp()
    kecamatan = await app.call('wilayah.daftarKecamatan')
    expect(kecamatan).toHaveLength(12)
  })
  afterAll(() => app.close())

  it('has 5 ballot types with 1,000 PSU per dapil and a 2% per-TPS reserve; DPR and DPRD wait "belum dipetakan", with no PSU', async () => {
    const d = await perDapil(app)
    expect(d.map((r) => r.itemCode)).toEqual(codes)
    const kits = sumOf(demoRows, (r) => r.dpt + reserve(r.dpt, 200, 'up'))
    const psuOf = (code: string) => (code === 'PPWP' || code === 'DPD' ? 1000 : 0)
    for (const r of d) {
      const psu = psuOf(r.itemCode)
      expect(r).toMatchObject({ tps: TPS_COUNT, dpt: DPT_TOTAL, kits, psu, total: kits + psu })
      if (psu === 0) expect(r.dapil).toBe('Belum dipetakan')
    }
    const satker = (await rekap(app, 'satker')).rows[0]!
    for (const c of codes) expect(satker.qty[c]).toBe(kits + psuOf(c))
    expect(satker.qty.KOTAK).toBe(5 * TPS_COUNT)
  })

  it('splitting DPRD_KAB into 3 dapil via dapil.aturPemetaan gives 3 variants whose TPS sum to the whole and 3 x 1,000 PSU', async () => {
    const items = await app.call('barang.daftar')
    const dprdKab = items.find((i) => i.code === 'DPRD_KAB')!
    const mapping = kecamatan.map((k, i) => ({ kecamatanId: k.id, dapil: dapilOfIndex(i) }))
    const list = await app.call('dapil.aturPemetaan', { itemId: dprdKab.id, mapping })
    const kab = list.find((l) => l.itemCode === 'DPRD_KAB')!
    // The default dapil, emptied and never used in the ledger, is gone.
    expect(kab.dapil.map((d) => d.name)).toEqual(['BATU BARA 1', 'BATU BARA 2', 'BATU BARA 3'])
    // PPWP and DPD have their one dapil; DPR and DPRD Provinsi have none until their mapping is imported.
    for (const l of list.filter((x) => x.itemCode !== 'DPRD_KAB'))
      expect(l.dapil, l.itemCode).toHaveLength(l.itemCode === 'PPWP' || l.itemCode === 'DPD' ? 1 : 0)
    const variants = app.ctx.db
      .prepare(`SELECT count(*) AS n FROM barang_varian WHERE item_id = ?`)
      .get(dprdKab.id) as {
      n: number
    }
    expect(variants.n).toBe(3)

    const rows = (await perDapil(app)).filter((r) => r.itemCode === 'DPRD_KAB')
    expect(rows.map((r) => r.dapil)).toEqual(['BATU BARA 1', 'BATU BARA 2', 'BATU BARA 3'])
    for (const [i, r] of rows.entries()) {
      const names = new Set(kecamatan.filter((_, j) => Math.floor(j / 4) === i).map((k) => k.nama))
      const mine = demoRows.filter((t) => names.has(t.kec))
      expect(r).toMatchObject({
        tps: mine.length,
        dpt: sumOf(mine, (t) => t.dpt),
        kits: sumOf(mine, (t) => t.dpt + reserve(t.dpt, 200, 'up')),
        psu: 1000,
      })
      expect(r.total).toBe(r.kits + 1000)
    }
    expect(sumOf(rows, (r) => r.tps)).toBe(TPS_COUNT)
    expect(sumOf(rows, (r) => r.psu)).toBe(3000)
    const kits = sumOf(rows, (r) => r.kits)
    expect((await rekap(app, 'satker')).rows[0]!.qty.DPRD_KAB).toBe(kits + 3000)
    // DPR, still "belum dipetakan", has no PSU reserve yet; PPWP keeps its one dapil and 1,000 PSU.
    expect((await rekap(app, 'satker')).rows[0]!.qty.DPR).toBe(kits)
    expect((await rekap(app, 'satker')).rows[0]!.qty.PPWP).toBe(kits + 1000)

    // Each TPS is labelled with its dapil.
    const byName = new Map(kecamatan.map((k, i) => [k.nama, dapilOfIndex(i)]))
    for (const t of (await perTps(app)).rows) expect(t.dapil.DPRD_KAB).toBe(byName.get(t.kecamatan))
  })

  it('dapil.impor from a surat_suara;kecamatan;dapil CSV gives the same needs as aturPemetaan', async () => {
    const other = await pemiluApp()
    try {
      const csv = [
        'surat_suara;kecamatan;dapil',
        ...kecamatan.map((k, i) => `DPRD Kab/Kota;${k.nama};${dapilOfIndex(i)}`),
      ].join('\r\n')
      expect(
        await other.call('dapil.impor', {
          ...upload('dapil.csv', csv),
          dapilBaru: ['BATU BARA 1', 'BATU BARA 2', 'BATU BARA 3'],
        }),
      ).toEqual({ updated: 12 })
      const strip = (rows: DapilNeed[]) => rows.map(({ variantId: _v, ...rest }) => rest)
      expect(strip(await perDapil(other))).toEqual(strip(await perDapil(app)))
      expect((await rekap(other, 'satker')).rows).toEqual((await rekap(app, 'satker')).rows)
    } finally {
      other.close()
    }
  })

  it('a dapil file naming an unknown kecamatan is refused with row and column and changes nothing', async () => {
    const before = fingerprint(app.ctx.db)
    const lines = [
      'surat_suara;kecamatan;dapil',
      ...kecamatan.map((k, i) => `DPRD Kab/Kota;${k.nama};DAPIL BARU ${(i % 2) + 1}`),
    ]
    lines.splice(5, 0, 'DPRD Kab/Kota;KECAMATAN ANTAH BERANTAH;DAPIL BARU 1') // line 6 of the file
    const e = await app.refusal('dapil.impor', upload('dapil-salah.csv', lines.join('\n')))
    expect(e.code).toBe('REFUSED')
    expect(e.message).toMatch(/tidak ada yang diubah/)
    expect(e.details).toHaveLength(1)
    expect(e.details![0]).toMatchObject({ row: 6, column: 'kecamatan' })
    expect(e.details![0]!.message).toContain('KECAMATAN ANTAH BERANTAH')
    expect(fingerprint(app.ctx.db)).toBe(before)

    const badBallot = ['surat_suara;kecamatan;dapil', `DPRD Kecamatan;${kecamatan[0]!.nama};X`].join('\n')
    const e2 = await app.refusal('dapil.impor', upload('dapil-salah2.csv', badBallot))
    expect(e2.details![0]).toMatchObject({ row: 2, column: 'surat_suara' })
    expect(fingerprint(app.ctx.db)).toBe(before)
  })
})

describe('item rules in the rekap', () => {
  let app: TestApp
  let items: { id: number; code: string }[]
  const idOf = (code: string) => items.find((i) => i.code === code)!.id

  beforeAll(async () => {
    app = await demoApp()
    items = await app.call('barang.daftar')
  })
  afterAll(() => app.close())

  it('per_dpt: ceil(dpt / per) x qty at each TPS', async () => {
    const updated = await app.call('barang.ubah', { id: idOf('TINTA'), rule: 'per_dpt', qty: 2, per: 150 })
    expect(updated).toMatchObject({ rule: 'per_dpt', qty: 2, per: 150 })
    const tps = await perTps(app)
    expect(tps.columns.map((c) => c.code)).toContain('TINTA')
    for (const r of tps.rows) expect(r.qty.TINTA).toBe(Math.ceil(r.dpt / 150) * 2)
    const expected = sumOf(demoRows, (r) => Math.ceil(r.dpt / 150) * 2)
    expect((await rekap(app, 'satker')).rows[0]!.qty.TINTA).toBe(expected)
    expect(sumOf((await rekap(app, 'kecamatan')).rows, (r) => r.qty.TINTA!)).toBe(expected)
  })

  it('per_desa: qty for every desa, outside the TPS kit', async () => {
    await app.call('barang.ubah', { id: idOf('SEGEL'), rule: 'per_desa', qty: 3 })
    const tps = await perTps(app)
    expect(tps.columns.map((c) => c.code)).not.toContain('SEGEL')
    expect(tps.rows[0]!.qty.SEGEL).toBeUndefined()
    const desa = await rekap(app, 'desa')
    expect(desa.columns.map((c) => c.code)).toContain('SEGEL')
    for (const r of desa.rows) expect(r.qty.SEGEL).toBe(3)
    const kec = await rekap(app, 'kecamatan')
    for (const r of kec.rows)
      expect(r.qty.SEGEL).toBe(3 * new Set(demoRows.filter((t) => t.kec === r.kecamatan).map((t) => t.desa)).size)
    expect((await rekap(app, 'satker')).rows[0]!.qty.SEGEL).toBe(3 * DESA_COUNT)
  })

  it('per_kecamatan (a new item): qty for every kecamatan, not shown per desa', async () => {
    const created = await app.call('barang.tambah', {
      code: 'KABEL_TIES',
      name: 'Kabel ties',
      unit: 'ikat',
      rule: 'per_kecamatan',
      qty: 5,
    })
    expect(created).toMatchObject({
      code: 'KABEL_TIES',
      kind: 'logistics',
      rule: 'per_kecamatan',
      qty: 5,
      per: 1,
      preset: false,
    })
    expect((await rekap(app, 'desa')).columns.map((c) => c.code)).not.toContain('KABEL_TIES')
    expect((await perTps(app)).columns.map((c) => c.code)).not.toContain('KABEL_TIES')
    const kec = await rekap(app, 'kecamatan')
    expect(kec.columns.map((c) => c.code)).toContain('KABEL_TIES')
    for (const r of kec.rows) expect(r.qty.KABEL_TIES).toBe(5)
    expect((await rekap(app, 'satker')).rows[0]!.qty.KABEL_TIES).toBe(5 * KEC_COUNT)
  })

  it('per_tps (a new item) and an inactive item', async () => {
    await app.call('barang.tambah', {
      code: 'PLASTIK',
      name: 'Kantong plastik',
      unit: 'lembar',
      rule: 'per_tps',
      qty: 3,
    })
    await app.call('barang.ubah', { id: idOf('BILIK'), active: false })
    const tps = await perTps(app)
    expect(tps.columns.map((c) => c.code)).toContain('PLASTIK')
    expect(tps.columns.map((c) => c.code)).not.toContain('BILIK')
    for (const r of tps.rows) expect(r.qty.PLASTIK).toBe(3)
    const satker = (await rekap(app, 'satker')).rows[0]!
    expect(satker.qty.PLASTIK).toBe(3 * TPS_COUNT)
    expect(satker.qty.BILIK).toBeUndefined()
  })

  it('PSU per dapil of a ballot type can be changed; ballot rules cannot', async () => {
    await app.call('barang.ubah', { id: idOf('GUBERNUR'), psuPerDapil: 1500 })
    const g = (await perDapil(app)).find((d) => d.itemCode === 'GUBERNUR')!
    expect(g.psu).toBe(1500)
    expect(g.total).toBe(g.kits + 1500)
    expect((await rekap(app, 'satker')).rows[0]!.qty.GUBERNUR).toBe(g.kits + 1500)
    const before = fingerprint(app.ctx.db)
    const e = await app.refusal('barang.ubah', { id: idOf('GUBERNUR'), rule: 'per_tps' })
    expect(e.code).toBe('REFUSED')
    expect(e.details![0]).toMatchObject({ column: 'rule' })
    expect((await app.refusal('barang.ubah', { id: idOf('TINTA'), psuPerDapil: 10 })).code).toBe('REFUSED')
    expect(
      (await app.refusal('barang.tambah', { code: 'PLASTIK', name: 'Dobel', unit: 'x', rule: 'per_tps', qty: 1 })).code,
    ).toBe('REFUSED')
    expect(fingerprint(app.ctx.db)).toBe(before)
  })
})

describe('kebutuhan.ekspor read back', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await demoApp()
    // A mixed set of rules, so every level has something of each kind to total.
    const items = await app.call('barang.daftar')
    await app.call('barang.ubah', {
      id: items.find((i) => i.code === 'TINTA')!.id,
      rule: 'per_dpt',
      qty: 1,
      per: 100,
    })
    await app.call('barang.ubah', { id: items.find((i) => i.code === 'SEGEL')!.id, rule: 'per_desa', qty: 2 })
    await app.call('barang.tambah', {
      code: 'KABEL_TIES',
      name: 'Kabel ties',
      unit: 'ikat',
      rule: 'per_kecamatan',
      qty: 4,
    })
  })
  afterAll(() => app.close())

  interface ReadBack {
    header: string[]
    rows: (string | number)[][]
    totals: (string | number)[] | null
  }

  function readCsv(buf: Buffer): ReadBack {
    const text = buf.toString('utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text).not.toContain('"') // so a plain split is a faithful parse of this file
    const lines = text.slice(1).split('\r\n')
    expect(lines.at(-1)).toBe('')
    const cells = lines.slice(0, -1).map((l) => l.split(';').map((c) => (/^-?\d+$/.test(c) ? Number(c) : c)))
    const last = cells.at(-1)!
    const hasTotals = last[0] === 'JUMLAH'
    return {
      header: cells[0] as string[],
      rows: cells.slice(1, hasTotals ? -1 : undefined),
      totals: hasTotals ? last : null,
    }
  }

  async function readXlsx(buf: Buffer, firstLabel: string): Promise<ReadBack> {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer)
    const ws = wb.worksheets[0]!
    const all: { n: number; values: unknown[] }[] = []
    ws.eachRow((row) => all.push({ n: row.number, values: (row.values as unknown[]).slice(1) }))
    const plain = (v: unknown) => (v === null || v === undefined ? '' : (v as string | number))
    const h = all.findIndex((r) => r.values[0] === firstLabel)
    expect(h).toBeGreaterThan(0) // the heading lines come first
    const body = all.slice(h + 1)
    const hasTotals = body.at(-1)?.values[0] === 'JUMLAH'
    const data = body.slice(0, hasTotals ? -1 : undefined)
    const width = all[h]!.values.length
    const pad = (r: unknown[]) => Array.from({ length: width }, (_, i) => plain(r[i]))
    // A total is a SUM formula over exactly the data rows of its column, stored with its computed value.
    const total = (v: unknown, i: number) => {
      if (typeof v !== 'object' || v === null || !('formula' in v)) return plain(v)
      const col = ws.getColumn(i + 1).letter
      expect((v as { formula: string }).formula).toBe(`SUM(${col}${data[0]!.n}:${col}${data.at(-1)!.n})`)
      return (v as unknown as { result: number }).result
    }
    return {
      header: all[h]!.values.map(plain) as string[],
      rows: data.map((r) => pad(r.values)),
      totals: hasTotals ? pad(body.at(-1)!.values).map((_, i) => total(body.at(-1)!.values[i], i)) : null,
    }
  }

  async function exported(level: MethodInput<'kebutuhan.ekspor'>['level'], format: 'csv' | 'xlsx') {
    const d = await app.call('kebutuhan.ekspor', {
      level,
      format,
    })
    expect(d.fileName).toBe(`kebutuhan-${level}-kabupaten-batu-bara-2024.${format}`)
    return Buffer.from(d.contentBase64, 'base64')
  }

  /** An export read back: the CSV as it is, the XLSX from the row whose first cell is `firstHeader`. */
  async function readBack(
    level: MethodInput<'kebutuhan.ekspor'>['level'],
    format: 'csv' | 'xlsx',
    firstHeader: string,
  ) {
    const buf = await exported(level, format)
    return format === 'csv' ? readCsv(buf) : await readXlsx(buf, firstHeader)
  }

  /** Each numeric column of the data rows sums to the totals row. */
  function expectTotalsConsistent(t: ReadBack, firstNumeric: number) {
    expect(t.totals).not.toBeNull()
    for (let c = firstNumeric; c < t.header.length; c++) {
      expect(t.totals![c], `column ${t.header[c]}`).toBe(sumOf(t.rows, (r) => r[c] as number))
    }
  }

  it.each(['csv', 'xlsx'] as const)('per TPS (%s): same rows and totals as kebutuhan.daftarTps', async (format) => {
    const api = await perTps(app)
    const t = await readBack('tps', format, 'Kecamatan')
    const ballots = api.columns.filter((c) => c.kind === 'ballot')
    expect(t.header).toEqual([
      'Kecamatan',
      'Desa/Kelurahan',
      'No. TPS',
      'DPT',
      ...api.columns.map((c) => `${c.name} (${c.unit})`),
      ...ballots.map((c) => `Dapil ${c.name}`),
    ])
    expect(t.rows).toHaveLength(api.rows.length)
    // The figures sum to the totals row; the dapil columns after them are text.
    expectTotalsConsistent({ ...t, header: t.header.slice(0, t.header.length - ballots.length) }, 3)
    expect(t.totals).toEqual([
      'JUMLAH',
      '',
      TPS_COUNT,
      DPT_TOTAL,
      ...api.columns.map((c) => sumOf(api.rows, (r) => r.qty[c.code]!)),
      ...ballots.map(() => ''),
    ])
    api.rows.forEach((r, i) =>
      expect(t.rows[i]).toEqual([
        r.kecamatan,
        r.desa,
        r.nomor,
        r.dpt,
        ...api.columns.map((c) => r.qty[c.code]),
        ...ballots.map((c) => r.dapil[c.code]),
      ]),
    )
  })

  it.each([
    ['desa', 'csv'],
    ['desa', 'xlsx'],
    ['kecamatan', 'csv'],
    ['kecamatan', 'xlsx'],
  ] as const)('per %s (%s): same totals as kebutuhan.lihatRekap', async (level, format) => {
    const api = await rekap(app, level)
    const t = await readBack(level, format, 'Kecamatan')
    const lead = level === 'desa' ? 2 : 1
    expect(t.header.slice(lead)).toEqual(['Jumlah TPS', 'DPT', ...api.columns.map((c) => `${c.name} (${c.unit})`)])
    expect(t.rows).toHaveLength(api.rows.length)
    expectTotalsConsistent(t, lead)
    expect(t.totals!.slice(lead)).toEqual([
      TPS_COUNT,
      DPT_TOTAL,
      ...api.columns.map((c) => sumOf(api.rows, (r) => r.qty[c.code]!)),
    ])
    // The kecamatan totals are the satker's needs without the PSU reserve.
    if (level === 'kecamatan') {
      const satker = (await rekap(app, 'satker')).rows[0]!
      const psu = await perDapil(app)
      api.columns.forEach((c, i) => {
        const psuOf = sumOf(
          psu.filter((p) => p.itemCode === c.code),
          (p) => p.psu,
        )
        expect(t.totals![lead + 2 + i], c.code).toBe(satker.qty[c.code]! - psuOf)
      })
    }
  })

  it.each(['csv', 'xlsx'] as const)('per dapil (%s): same rows as kebutuhan.daftarDapil', async (format) => {
    const api = await perDapil(app)
    const t = await readBack('dapil', format, 'Jenis Surat Suara')
    expect(t.header).toEqual([
      'Jenis Surat Suara',
      'Dapil',
      'Jumlah TPS',
      'DPT',
      'Cadangan',
      'Kebutuhan TPS',
      'Cadangan PSU',
      'Total',
    ])
    expect(t.rows).toEqual(api.map((r) => [r.itemName, r.dapil, r.tps, r.dpt, r.reserve, r.kits, r.psu, r.total]))
    const satker = (await rekap(app, 'satker')).rows[0]!
    for (const code of ['GUBERNUR', 'BUPATI']) {
      const mine = t.rows.filter((_, i) => api[i]!.itemCode === code)
      expect(sumOf(mine, (r) => r[7] as number)).toBe(satker.qty[code])
    }
  })

  it('the XLSX heading carries the election, the reserve and the synthetic-data note', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await exported('kecamatan', 'xlsx')) as unknown as ExcelJS.Buffer)
    const ws = wb.worksheets[0]!
    expect(ws.name).toBe('Per Kecamatan')
    expect(ws.getCell('A1').value).toBe('Kebutuhan Logistik per Kecamatan')
    expect(String(ws.getCell('A2').value)).toContain('Pilkada 2024')
    expect(ws.getCell('A3').value).toBe('Cadangan 2,5% per TPS')
    expect(String(ws.getCell('A4').value)).toMatch(/SINTETIS/)
  })
})
