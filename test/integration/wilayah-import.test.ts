import ExcelJS from 'exceljs'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MethodInput, MethodOutput } from '../../src/api/contract'
import { recordMoves } from '../../src/services/ledger'
import { openTestApp, upload, useTempDir, DEMO_CSV, DEMO_CSV_COLUMNS, type TestApp } from '../support/api'
import { fingerprint } from '../support/fingerprint'

const root = useTempDir('wilayah')

// ---- the demo file, read here independently of the app's parser -------------------------------------------

interface DemoRow {
  kodeKec: string
  kec: string
  kodeDesa: string
  desa: string
  nomor: number
  dpt: number
}

const demoText = readFileSync(DEMO_CSV, 'utf8')
const demoLines = demoText.split(/\r?\n/).filter((l) => l.trim() !== '')
const demoHeader = demoLines[0]!
const demoRows: DemoRow[] = demoLines.slice(1).map((l) => {
  const [kodeKec, kec, kodeDesa, desa, nomor, dpt] = l.split(',')
  return { kodeKec: kodeKec!, kec: kec!, kodeDesa: kodeDesa!, desa: desa!, nomor: Number(nomor), dpt: Number(dpt) }
})
const keyOf = (r: { kec?: string; kecamatan?: string; desa: string; nomor: number }) =>
  `${r.kec ?? r.kecamatan}|${r.desa}|${r.nomor}`

function totalsOf(rows: readonly DemoRow[]) {
  return {
    kecamatan: new Set(rows.map((r) => r.kec)).size,
    desa: new Set(rows.map((r) => `${r.kec}|${r.desa}`)).size,
    tps: rows.length,
    dpt: rows.reduce((s, r) => s + r.dpt, 0),
  }
}
const DEMO = totalsOf(demoRows)

const toCsv = (rows: readonly DemoRow[]) =>
  [demoHeader, ...rows.map((r) => [r.kodeKec, r.kec, r.kodeDesa, r.desa, r.nomor, r.dpt].join(','))].join('\n') + '\n'

// ---- helpers ----------------------------------------------------------------------------------------------

let appNo = 0
async function emptyApp(): Promise<TestApp> {
  return openTestApp({ who: 'ani', dbPath: join(root, `app-${++appNo}.sqlite`), demo: false })
}

const PILKADA_INIT: MethodInput<'pemilihan.buat'> = {
  jenis: 'pilkada',
  tahun: 2024,
  provinsi: 'Sumatera Utara',
  satker: 'Kabupaten Batu Bara',
  kodeWilayah: '1219',
}
const PEMILU_INIT: MethodInput<'pemilihan.buat'> = {
  jenis: 'pemilu',
  tahun: 2024,
  provinsi: 'Sumatera Utara',
  satker: 'Kabupaten Batu Bara',
  kodeWilayah: '12.19',
}

async function initApp(init: MethodInput<'pemilihan.buat'>): Promise<TestApp> {
  const app = await emptyApp()
  await app.call('pemilihan.buat', init)
  return app
}

async function importFile(app: TestApp, fileName: string, content: string | Buffer) {
  const file = upload(fileName, content)
  const preview = await app.call('wilayah.pratinjauImpor', file)
  expect(preview.ok, JSON.stringify(preview.errors.slice(0, 5))).toBe(true)
  return app.call('wilayah.impor', { ...file, fingerprint: preview.fingerprint })
}

interface TpsRow {
  id: number
  kecamatanId: number
  kecamatan: string
  desaId: number
  desa: string
  kodeDesa: string | null
  nomor: number
  dpt: number
}

// ---- tests ------------------------------------------------------------------------------------------------

describe('the demo file, read independently', () => {
  it('has 12 kecamatan, 151 desa and 1,446 TPS', () => {
    expect(DEMO.kecamatan).toBe(12)
    expect(DEMO.desa).toBe(151)
    expect(DEMO.tps).toBe(1446)
    expect(demoRows.every((r) => Number.isInteger(r.dpt) && r.dpt > 0 && r.nomor > 0)).toBe(true)
  })
})

describe('before pemilihan.buat', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await emptyApp()
  })
  afterAll(() => app.close())

  it('pemilihan.lihat returns null', async () => {
    expect(await app.call('pemilihan.lihat')).toBeNull()
  })

  it('wilayah.pratinjauImpor and wilayah.impor are REFUSED and write nothing', async () => {
    const before = fingerprint(app.ctx.db)
    const e = await app.refusal('wilayah.pratinjauImpor', upload('tps.csv', demoText))
    expect(e.code).toBe('REFUSED')
    expect(e.message).toMatch(/belum disiapkan/)
    const e2 = await app.refusal('wilayah.impor', { ...upload('tps.csv', demoText), fingerprint: 'x' })
    expect(e2.code).toBe('REFUSED')
    expect(fingerprint(app.ctx.db)).toBe(before)
    expect(await app.call('wilayah.lihatRingkasan')).toMatchObject({ kecamatan: 0, desa: 0, tps: 0, dpt: 0 })
  })
})

describe.each([
  ['pilkada', PILKADA_INIT],
  ['pemilu', PEMILU_INIT],
])('first import of the demo file into a %s election', (jenis, init) => {
  let app: TestApp
  let preview: MethodOutput<'wilayah.pratinjauImpor'>
  const file = upload('tps-batubara-2024.csv', demoText)

  beforeAll(async () => {
    app = await emptyApp()
  })
  afterAll(() => app.close())

  it('pemilihan.buat creates the election', async () => {
    const e = await app.call('pemilihan.buat', init)
    expect(e.jenis).toBe(jenis)
    expect(e.satker).toBe('Kabupaten Batu Bara')
    expect(e.kodeWilayah).toBe('1219')
    expect(e.reservePercent).toBe(jenis === 'pemilu' ? 2 : 2.5)
    expect(await app.call('pemilihan.lihat')).toEqual(e)
    // A second init is refused.
    expect((await app.refusal('pemilihan.buat', init)).code).toBe('REFUSED')
  })

  it('importPreview shows ok, the totals of the file and every TPS as added, and writes nothing', async () => {
    const before = fingerprint(app.ctx.db)
    preview = await app.call('wilayah.pratinjauImpor', file)
    expect(fingerprint(app.ctx.db)).toBe(before)
    expect(preview.ok).toBe(true)
    expect(preview.errors).toEqual([])
    expect(preview.totals).toEqual(DEMO)
    expect(preview.totals).toMatchObject({ kecamatan: 12, desa: 151, tps: 1446 })
    expect(preview.changes).toMatchObject({ added: 1446, removed: 0, changed: 0, unchanged: 0 })
    expect(preview.format).toMatch(/^CSV \(koma/)
    expect(preview.columns).toEqual(DEMO_CSV_COLUMNS)
    const max = (await app.call('pemilihan.lihat'))!.maxVotersPerTps
    expect(preview.warnings).toHaveLength(demoRows.filter((r) => r.dpt > max).length)
    expect(preview.fingerprint).toMatch(/^[0-9a-f]{64}$/)
  })

  it('wilayah.impor with the fingerprint stores it; wilayah.lihatRingkasan, daftarKecamatan and daftarTps match the file', async () => {
    const auditBefore = (app.ctx.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n
    expect(await app.call('wilayah.impor', { ...file, fingerprint: preview.fingerprint })).toEqual({
      added: 1446,
      removed: 0,
      changed: 0,
      unchanged: 0,
    })
    const max = (await app.call('pemilihan.lihat'))!.maxVotersPerTps
    expect(await app.call('wilayah.lihatRingkasan')).toEqual({
      ...DEMO,
      tpsOverMax: demoRows.filter((r) => r.dpt > max).length,
    })

    const kec = await app.call('wilayah.daftarKecamatan')
    expect(kec).toHaveLength(12)
    for (const k of kec) {
      const mine = demoRows.filter((r) => r.kec === k.nama)
      expect(k).toMatchObject({
        kode: mine[0]!.kodeKec,
        desa: new Set(mine.map((r) => r.desa)).size,
        tps: mine.length,
        dpt: mine.reduce((s, r) => s + r.dpt, 0),
      })
    }
    const tps = await app.call('wilayah.daftarTps')
    expect(new Map(tps.map((t) => [keyOf(t), t.dpt]))).toEqual(new Map(demoRows.map((r) => [keyOf(r), r.dpt])))

    const audit = app.ctx.db.prepare('SELECT actor, action, detail FROM audit ORDER BY seq').all() as {
      actor: string
      action: string
      detail: string
    }[]
    expect(audit).toHaveLength(auditBefore + 1)
    expect(audit.at(-1)).toMatchObject({ actor: 'ani', action: 'wilayah.impor' })
    expect(JSON.parse(audit.at(-1)!.detail)).toMatchObject({ added: 1446 })
  })

  it('every kecamatan joins the one dapil of a single-dapil type, and waits "belum dipetakan" for DPR and DPRD', async () => {
    const dapil = await app.call('dapil.daftar')
    expect(dapil.length).toBe(jenis === 'pemilu' ? 5 : 2)
    for (const d of dapil) {
      if (['DPR', 'DPRD_PROV', 'DPRD_KAB'].includes(d.itemCode)) {
        expect(d, d.itemCode).toMatchObject({ dipetakan: false, dapil: [] })
        expect(d.belumDipetakan).toHaveLength(12)
      } else {
        expect(d.dapil).toHaveLength(1)
        expect(d.dapil[0]!.kecamatanIds).toHaveLength(12)
      }
    }
  })

  it('re-importing the same file shows 0 added / 0 removed / 0 changed and keeps every id', async () => {
    const tpsBefore = await app.call('wilayah.daftarTps')
    const again = await app.call('wilayah.pratinjauImpor', file)
    expect(again.ok).toBe(true)
    expect(again.changes).toMatchObject({ added: 0, removed: 0, changed: 0, unchanged: 1446, sample: [] })
    // The data changed since the first preview, so its fingerprint is stale now.
    expect(again.fingerprint).not.toBe(preview.fingerprint)
    expect(await app.call('wilayah.impor', { ...file, fingerprint: again.fingerprint })).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
      unchanged: 1446,
    })
    expect(await app.call('wilayah.daftarTps')).toEqual(tpsBefore)
  })
})

describe('re-importing a changed file', () => {
  let app: TestApp
  const original = upload('tps-batubara-2024.csv', demoText)
  let staleFingerprint: string

  // 3 DPT changes, 2 TPS dropped, 1 TPS added, chosen from the file so no desa disappears.
  const changedIdx = [10, 700, 1400]
  const byDesa = new Map<string, DemoRow[]>()
  for (const r of demoRows) byDesa.set(`${r.kec}|${r.desa}`, [...(byDesa.get(`${r.kec}|${r.desa}`) ?? []), r])
  const bigDesa = [...byDesa.values()].sort((a, b) => b.length - a.length)[0]!
  const dropped = bigDesa.slice(-2)
  const addTo = [...byDesa.values()].find((rows) => rows[0]!.kec !== bigDesa[0]!.kec)!
  const added: DemoRow = { ...addTo[0]!, nomor: Math.max(...addTo.map((r) => r.nomor)) + 1, dpt: 211 }
  const modifiedRows = demoRows
    .map((r, i) => (changedIdx.includes(i) ? { ...r, dpt: r.dpt === 150 ? 151 : 150 } : r))
    .filter((r) => !dropped.includes(r))
    .concat([added])
  const modified = upload('tps-batubara-2024-revisi.csv', toCsv(modifiedRows))

  beforeAll(async () => {
    app = await initApp(PILKADA_INIT)
    const p = await app.call('wilayah.pratinjauImpor', original)
    staleFingerprint = p.fingerprint
    await app.call('wilayah.impor', { ...original, fingerprint: p.fingerprint })
  })
  afterAll(() => app.close())

  it('the modification is what it says', () => {
    expect(bigDesa.length).toBeGreaterThanOrEqual(4)
    expect(changedIdx.some((i) => dropped.includes(demoRows[i]!))).toBe(false)
    expect(modifiedRows).toHaveLength(1446 - 2 + 1)
  })

  it('previews exactly 3 changed, 2 removed and 1 added, naming each', async () => {
    const p = await app.call('wilayah.pratinjauImpor', modified)
    expect(p.ok).toBe(true)
    expect(p.totals).toEqual(totalsOf(modifiedRows))
    expect(p.changes).toMatchObject({ added: 1, removed: 2, changed: 3, unchanged: 1446 - 3 - 2 })
    const sample = p.changes.sample as {
      kind: string
      kecamatan: string
      desa: string
      nomor: number
      dptBefore: number | null
      dptAfter: number | null
    }[]
    const expected = [
      ...changedIdx.map((i) => ({
        kind: 'changed',
        kecamatan: demoRows[i]!.kec,
        desa: demoRows[i]!.desa,
        nomor: demoRows[i]!.nomor,
        dptBefore: demoRows[i]!.dpt,
        dptAfter: modifiedRows.find((r) => keyOf(r) === keyOf(demoRows[i]!))!.dpt,
      })),
      ...dropped.map((r) => ({
        kind: 'removed',
        kecamatan: r.kec,
        desa: r.desa,
        nomor: r.nomor,
        dptBefore: r.dpt,
        dptAfter: null,
      })),
      { kind: 'added', kecamatan: added.kec, desa: added.desa, nomor: added.nomor, dptBefore: null, dptAfter: 211 },
    ]
    const sortKey = (c: { kind: string; nomor: number; desa: string }) =>
      `${c.kind}|${c.desa}|${String(c.nomor).padStart(4, '0')}`
    expect([...sample].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      expected.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    )
  })

  it('a fingerprint of another file is refused with CONFLICT and changes nothing', async () => {
    const before = fingerprint(app.ctx.db)
    const pOriginal = await app.call('wilayah.pratinjauImpor', original)
    const e = await app.refusal('wilayah.impor', { ...modified, fingerprint: pOriginal.fingerprint })
    expect(e.code).toBe('CONFLICT')
    expect(e.message).toMatch(/pratinjau/)
    expect((await app.refusal('wilayah.impor', { ...modified, fingerprint: 'f'.repeat(64) })).code).toBe('CONFLICT')
    expect(fingerprint(app.ctx.db)).toBe(before)
  })

  it('applying keeps the ids of unchanged (and changed) TPS, drops the removed and adds the new', async () => {
    const before = await app.call('wilayah.daftarTps')
    const kecBefore = await app.call('wilayah.daftarKecamatan')
    const sumBefore = fingerprint(app.ctx.db)
    const p = await app.call('wilayah.pratinjauImpor', modified)
    expect(await app.call('wilayah.impor', { ...modified, fingerprint: p.fingerprint })).toEqual({
      added: 1,
      removed: 2,
      changed: 3,
      unchanged: 1441,
    })
    // The checksum the "changes nothing" cases rely on does see a real change.
    expect(fingerprint(app.ctx.db)).not.toBe(sumBefore)
    const after = await app.call('wilayah.daftarTps')
    expect(after).toHaveLength(1445)
    const idBefore = new Map(before.map((t) => [keyOf(t), t]))
    const droppedKeys = new Set(dropped.map(keyOf))
    for (const t of after) {
      if (keyOf(t) === keyOf(added)) {
        expect(before.some((b) => b.id === t.id)).toBe(false)
        expect(t.dpt).toBe(211)
        continue
      }
      const old = idBefore.get(keyOf(t))!
      expect(old, keyOf(t)).toBeDefined()
      expect(t.id).toBe(old.id)
      expect(t.desaId).toBe(old.desaId)
      expect(t.kecamatanId).toBe(old.kecamatanId)
    }
    for (const k of droppedKeys) expect(after.some((t) => keyOf(t) === k)).toBe(false)
    expect(new Map(after.map((t) => [keyOf(t), t.dpt]))).toEqual(new Map(modifiedRows.map((r) => [keyOf(r), r.dpt])))
    expect((await app.call('wilayah.daftarKecamatan')).map((k) => [k.id, k.nama])).toEqual(
      kecBefore.map((k) => [k.id, k.nama]),
    )
    expect(await app.call('wilayah.lihatRingkasan')).toMatchObject(totalsOf(modifiedRows))
  })

  it('a stale fingerprint (previewed before the data changed) is refused with CONFLICT and changes nothing', async () => {
    const before = fingerprint(app.ctx.db)
    const e = await app.refusal('wilayah.impor', { ...original, fingerprint: staleFingerprint })
    expect(e.code).toBe('CONFLICT')
    expect(fingerprint(app.ctx.db)).toBe(before)
  })
})

describe('a re-import that would drop a TPS already packed', () => {
  it('is refused with REFUSED and changes nothing', async () => {
    const app = await initApp(PILKADA_INIT)
    try {
      await importFile(app, 'tps-batubara-2024.csv', demoText)
      const tps = await app.call('wilayah.daftarTps')
      const packed = tps.find((t) => keyOf(t) === keyOf(demoRows[5]!))!
      const variant = (
        app.ctx.db
          .prepare(`SELECT v.id FROM barang_varian v JOIN barang i ON i.id = v.item_id WHERE i.code = 'BUPATI'`)
          .get() as { id: number }
      ).id
      recordMoves(app.ctx, { actor: 'ani' }, [
        { variantId: variant, from: 'PENYEDIA', to: 'DITERIMA', qty: 500 },
        { variantId: variant, from: 'DITERIMA', to: 'BAIK', qty: 500 },
        { variantId: variant, from: 'BAIK', to: `DIKEMAS:${packed.id}`, qty: packed.dpt },
      ])
      const without = upload('tanpa-satu-tps.csv', toCsv(demoRows.filter((_, i) => i !== 5)))
      const before = fingerprint(app.ctx.db)
      const p = await app.call('wilayah.pratinjauImpor', without)
      expect(p.changes).toMatchObject({ removed: 1, added: 0, changed: 0 })
      const e = await app.refusal('wilayah.impor', { ...without, fingerprint: p.fingerprint })
      expect(e.code).toBe('REFUSED')
      expect(e.details?.[0]?.message).toContain(`id ${packed.id}`)
      expect(fingerprint(app.ctx.db)).toBe(before)
      expect((await app.call('ledger.periksa')).ok).toBe(true)
    } finally {
      app.close()
    }
  })
})

describe('a malformed file', () => {
  let app: TestApp
  // Line numbers in the file: line 1 is the header, data row i is line i + 2.
  const badDptIdx = 20
  const dupOfIdx = 30
  const lines = [demoHeader, ...demoLines.slice(1)]
  const cells = lines[badDptIdx + 1]!.split(',')
  cells[5] = 'dua ratus'
  lines[badDptIdx + 1] = cells.join(',')
  lines.push(demoLines[dupOfIdx + 1]!)
  const dupLine = lines.length
  const bad = upload('tps-salah.csv', lines.join('\n') + '\n')

  beforeAll(async () => {
    app = await initApp(PILKADA_INIT)
    await importFile(app, 'tps-batubara-2024.csv', demoText)
  })
  afterAll(() => app.close())

  it('previews ok:false with errors naming the row and column', async () => {
    const p = await app.call('wilayah.pratinjauImpor', bad)
    expect(p.ok).toBe(false)
    expect(p.errors).toHaveLength(2)
    expect(p.errors[0]).toMatchObject({ row: badDptIdx + 2, column: 'dpt' })
    expect(p.errors[0]!.message).toMatch(/"dua ratus" bukan bilangan bulat/)
    expect(p.errors[1]).toMatchObject({ row: dupLine, column: 'no_tps' })
    expect(p.errors[1]!.message).toContain(`baris ${dupOfIdx + 2} dan baris ${dupLine}`)
  })

  it('importApply is refused and changes nothing', async () => {
    const before = fingerprint(app.ctx.db)
    const p = await app.call('wilayah.pratinjauImpor', bad)
    const e = await app.refusal('wilayah.impor', { ...bad, fingerprint: p.fingerprint })
    expect(e.code).toBe('REFUSED')
    expect(e.message).toMatch(/2 galat; tidak ada yang disimpan/)
    expect(e.details?.map((d) => [d.row, d.column])).toEqual([
      [badDptIdx + 2, 'dpt'],
      [dupLine, 'no_tps'],
    ])
    expect(fingerprint(app.ctx.db)).toBe(before)
  })

  it('a file without a DPT column is refused and changes nothing', async () => {
    const before = fingerprint(app.ctx.db)
    const noDpt = upload('tps.csv', demoLines.map((l) => l.split(',').slice(0, 5).join(',')).join('\n'))
    const p = await app.call('wilayah.pratinjauImpor', noDpt)
    expect(p.ok).toBe(false)
    expect(p.errors[0]).toMatchObject({ row: 1, column: 'dpt' })
    expect((await app.refusal('wilayah.impor', { ...noDpt, fingerprint: p.fingerprint })).code).toBe('REFUSED')
    expect(fingerprint(app.ctx.db)).toBe(before)
  })
})

describe('other file shapes of the same data', () => {
  let csvApp: TestApp
  beforeAll(async () => {
    csvApp = await initApp(PILKADA_INIT)
    await importFile(csvApp, 'tps-batubara-2024.csv', demoText)
  })
  afterAll(() => csvApp.close())

  async function demoXlsx(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('TPS')
    ws.addRow(['DAFTAR TPS KABUPATEN BATU BARA']) // a title block above the header
    ws.addRow([])
    ws.addRow(demoHeader.split(','))
    for (const r of demoRows) ws.addRow([r.kodeKec, r.kec, r.kodeDesa, r.desa, r.nomor, r.dpt]) // numbers as numbers
    return Buffer.from(await wb.xlsx.writeBuffer())
  }

  function semicolonBomCsv(): Buffer {
    const header = 'Kode Kecamatan;Kecamatan;Kode Desa;Desa/Kelurahan;Nomor TPS;Jumlah DPT'
    const body = demoRows.map((r) =>
      [r.kodeKec, r.kec, r.kodeDesa, r.desa, `TPS ${String(r.nomor).padStart(3, '0')}`, r.dpt].join(';'),
    )
    return Buffer.from('\ufeff' + [header, ...body].join('\r\n') + '\r\n', 'utf8')
  }

  // The workbook is built once; previewing it and importing it are two tests (each reads all 1.446 rows
  // in a worker: seconds apiece on a busy machine).
  let xlsx: Buffer
  it('an XLSX built with exceljs previews as the same data', async () => {
    xlsx = await demoXlsx()
    const same = await csvApp.call('wilayah.pratinjauImpor', upload('tps-batubara-2024.xlsx', xlsx))
    expect(same.ok).toBe(true)
    expect(same.format).toMatch(/^XLSX \(lembar "TPS"/)
    expect(same.totals).toEqual(DEMO)
    expect(same.changes).toMatchObject({ added: 0, removed: 0, changed: 0, unchanged: 1446 })
  })

  it('the same XLSX imports into a new election to the same totals and TPS', async () => {
    xlsx ??= await demoXlsx()
    const fresh = await initApp(PILKADA_INIT)
    try {
      expect(await importFile(fresh, 'tps-batubara-2024.xlsx', xlsx)).toEqual({
        added: 1446,
        removed: 0,
        changed: 0,
        unchanged: 0,
      })
      expect(await fresh.call('wilayah.lihatRingkasan')).toEqual(await csvApp.call('wilayah.lihatRingkasan'))
      const strip = (rows: TpsRow[]) =>
        rows.map(({ kecamatan, desa, kodeDesa, nomor, dpt }) => ({ kecamatan, desa, kodeDesa, nomor, dpt }))
      expect(strip(await fresh.call('wilayah.daftarTps'))).toEqual(strip(await csvApp.call('wilayah.daftarTps')))
    } finally {
      fresh.close()
    }
  })

  it('a semicolon CSV with BOM, CRLF, other header spellings and "TPS 001" numbers is the same data', async () => {
    const csv = semicolonBomCsv()
    const same = await csvApp.call('wilayah.pratinjauImpor', upload('tps excel.csv', csv))
    expect(same.ok).toBe(true)
    expect(same.format).toMatch(/titik koma/)
    expect(same.format).toMatch(/BOM/)
    expect(same.totals).toEqual(DEMO)
    expect(same.changes).toMatchObject({ added: 0, removed: 0, changed: 0, unchanged: 1446 })

    const fresh = await initApp(PILKADA_INIT)
    try {
      await importFile(fresh, 'tps excel.csv', csv)
      expect(await fresh.call('wilayah.lihatRingkasan')).toEqual(await csvApp.call('wilayah.lihatRingkasan'))
      const kec = await fresh.call('wilayah.daftarKecamatan')
      // The BOM must not end up inside the first header or the first kecamatan code.
      expect(kec.every((k) => k.kode !== null && /^\d+$/.test(k.kode))).toBe(true)
    } finally {
      fresh.close()
    }
  })
})
