import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenedApp } from '../../src/api/app'
import { openTestApp, useTempDir } from '../support/api'
import {
  daftarIsiDocument,
  renderDaftarIsi,
  type DaftarIsiKit,
  type DaftarIsiOptions,
} from '../../src/reports/kit/daftarIsi'
import { renderPdf } from '../../src/reports/pdf'
import { daftarIsiKits } from '../../src/services/kemasCetak'
import * as kemas from '../../src/services/kemas'

/**
 * The daftar isi is drawn straight onto the PDF (reports/pdf/draw.ts, flow.ts) instead of being laid
 * out by pdfmake, and must still be the page pdfmake made of the same definition (daftarIsiDocument):
 * read back with poppler, every word in the same place, the same text, the same pixels. Kits that only
 * pdfmake can lay out (taller than a page, a character the drawn layout does not break) are handed to it.
 */
const root = useTempDir('daftar-isi')
let app: OpenedApp
beforeAll(async () => {
  app = await openTestApp({ dir: root, name: 'demo' })
})
afterAll(() => app.close())

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 })
  if (r.status !== 0) throw new Error(`${cmd} gagal (${r.status}): ${r.stderr}`)
  return r.stdout
}
const words = (pdf: string) =>
  run('pdftotext', ['-bbox', pdf, '-'])
    .split('<page ')
    .slice(1)
    .map((p) =>
      [...p.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        (m) => [m[5]!, +m[1]!, +m[2]!, +m[3]!, +m[4]!] as const,
      ),
    )
const gray = (pdf: string, page: number) => {
  const base = pdf.replace(/\.pdf$/, `-${page}`)
  run('pdftoppm', ['-r', '72', '-gray', '-f', String(page), '-l', String(page), '-singlefile', pdf, base])
  return readFileSync(`${base}.pgm`)
}

let n = 0
/** Both renderings of the same kits, read back and compared; returns the drawn file. */
async function same(
  kits: readonly DaftarIsiKit[],
  opts: DaftarIsiOptions,
): Promise<{ drawn: Buffer; reference: Buffer; pages: number }> {
  const reference = await renderPdf(daftarIsiDocument(kits, opts))
  const drawn = await renderDaftarIsi(kits, opts)
  const a = join(root, `ref-${++n}.pdf`)
  const b = join(root, `drawn-${n}.pdf`)
  writeFileSync(a, reference)
  writeFileSync(b, drawn)
  const wa = words(a)
  const wb = words(b)
  expect(wb.length).toBe(wa.length)
  wa.forEach((page, p) => {
    expect(
      wb[p]!.map((w) => w[0]),
      `page ${p + 1}`,
    ).toEqual(page.map((w) => w[0]))
    page.forEach((w, i) =>
      w
        .slice(1)
        .forEach((v, k) =>
          expect(Math.abs((wb[p]![i]![k + 1] as number) - (v as number)), `page ${p + 1} "${w[0]}"`).toBeLessThan(
            0.001,
          ),
        ),
    )
  })
  expect(run('pdftotext', ['-layout', b, '-'])).toBe(run('pdftotext', ['-layout', a, '-']))
  for (const page of [1, wa.length]) expect(gray(b, page).equals(gray(a, page)), `page ${page} pixels`).toBe(true)
  return { drawn, reference, pages: wa.length }
}

const opts = (compact: boolean, title = 'Daftar isi kit · uji'): DaftarIsiOptions => ({
  namaPemilihan: 'Pemilihan Serentak Tahun 2024 · KPU Kabupaten Batu Bara',
  compact,
  title,
})

/** Kits that make every rule of the layout work: wrapped and hard-wrapped cells, wide numbers, no kotak, long identities. */
function oddKits(): DaftarIsiKit[] {
  const base: DaftarIsiKit = {
    provinsi: 'Sulawesi Utara',
    satker: 'Kabupaten Kepulauan Siau Tagulandang Biaro',
    kecamatan: 'TAGULANDANG SELATAN BARAT DAYA',
    desa: 'BUHIAS KEPULAUAN SIAU TIMUR SELATAN',
    nomor: 7,
    dpt: 1287,
    lines: [
      { item: 'Surat suara DPRD Kabupaten/Kota', dapil: 'SITARO 2', qty: 1313, unit: 'lembar' },
      { item: 'Surat suara Presiden (PPWP)', dapil: 'Nasional', qty: 1313, unit: 'lembar' },
      {
        item: 'Alat bantu tunanetra (template braille) untuk pemilih disabilitas netra',
        dapil: null,
        qty: 1,
        unit: 'set',
      },
      { item: 'SAMPULKERTASBERLAPISPLASTIKTAHANAIRUNTUKFORMULIRC1HASILPLANO', dapil: null, qty: 12, unit: 'lembar' },
      { item: 'Tinta', dapil: null, qty: 2, unit: 'botol kecil isi ulang' },
    ],
    kotak: [
      {
        no: 1,
        of: 2,
        isi: 'Surat suara DPRD Kabupaten/Kota · Dapil KABUPATEN KEPULAUAN SIAU TAGULANDANG BIARO',
        segel: 'SG-7109-000001',
      },
      { no: 2, of: 2, isi: null, segel: null },
    ],
  }
  return [
    base,
    { ...base, nomor: 123, dpt: 999_999, desa: 'LAMANGGO', kotak: [] },
    {
      ...base,
      nomor: 8,
      lines: base.lines.slice(0, 1),
      desa: 'KELURAHAN DENGAN NAMA YANG SANGAT PANJANG SEKALI SAMPAI MEMAKAN DUA BARIS DI IDENTITAS RINGKAS',
    },
  ]
}

describe('daftar isi drawn directly is the page pdfmake lays out', () => {
  it('the demo kits of a kecamatan, one TPS a page and ringkas, with seal numbers', async () => {
    const kits = kemas.allKits(app.ctx)
    kemas.catatSegel(app.ctx, { actor: 'test' }, kits[0]!.tpsId, 1, 'SG-1219-000101')
    const kecamatan = daftarIsiKits(app.ctx, { kecamatanId: kits[0]!.kecamatanId })
    expect(kecamatan.length).toBeGreaterThan(20)
    const full = await same(kecamatan, opts(false))
    expect(full.pages).toBe(kecamatan.length)
    const ringkas = await same(kecamatan, opts(true))
    expect(ringkas.pages).toBeLessThan(kecamatan.length)
    // Drawn, not handed to pdfmake: smaller, and not the same bytes.
    expect(full.drawn.length).toBeLessThan(full.reference.length)
  })

  it('cells that wrap, words split to fit, wide numbers, kits without kotak, identities over two lines', async () => {
    for (const compact of [false, true]) {
      const r = await same(oddKits(), opts(compact))
      expect(r.drawn.equals(r.reference)).toBe(false)
    }
  })

  it('a kit taller than a page and a character the drawn layout cannot break go to pdfmake', async () => {
    const [k] = oddKits()
    const tall = {
      ...k!,
      lines: Array.from({ length: 30 }, (_, i) => ({ item: `Barang ${i + 1}`, dapil: null, qty: i, unit: 'buah' })),
    }
    for (const kits of [[tall], [{ ...k!, desa: 'SUKA—MAJU' }]]) {
      const r = await same(kits, opts(false))
      expect(r.drawn.equals(r.reference)).toBe(true)
    }
  })

  it('ringkas: a kit ending closer to the page’s end than its 14-pt bottom margin moves on to the next page, even the last one', async () => {
    // Four kits of one line and one kotak fill an A4 page to within 14 pt: pdfmake then starts a new
    // page, which stays empty after the last kit.
    const [k] = oddKits()
    const kits = Array.from({ length: 4 }, (_, i) => ({
      ...k!,
      nomor: i + 1,
      desa: 'TANJUNG PRAPAT',
      kecamatan: 'LAUT TADOR',
      satker: 'Kabupaten Batu Bara',
      provinsi: 'Sumatera Utara',
      lines: [{ item: 'Barang 1', dapil: null, qty: 1, unit: 'buah' }],
      kotak: [{ no: 1, of: 1, isi: null, segel: null }],
    }))
    const r = await same(kits, { ...opts(true), namaPemilihan: 'Pemilihan X', title: 'uji' })
    expect(r.pages).toBe(2)
    const file = join(root, 'trailing.pdf')
    writeFileSync(file, r.drawn)
    const last = run('pdftotext', ['-layout', '-f', '2', '-l', '2', file, '-'])
    expect(last).not.toContain('TPS')
    expect(last).toContain('Halaman 2 dari 2')
  })

  it('no kit: the same empty page', async () => {
    await same([], opts(false))
  })
})
