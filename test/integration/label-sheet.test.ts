import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LabelGrid } from '../../src/api/contract'
import { DEFAULT_LABEL_GRID, labelSize, renderLabelSheets, type KotakLabel } from '../../src/reports/kit/labels'
import { mm } from '../../src/reports/pdf'
import { qrSpec } from '../../src/reports/pdf/qr'
import { kotakLabelText } from '../../src/core/kotakLabel'
import { useTempDir } from '../support/tempDir'

/**
 * Kotak labels read back off the sheet the way a printer and a scanner meet them, for the longest names
 * a satker has and for every shape of grid the settings allow: every word inside its own label
 * (pdftotext -bbox), the band's words on the band and nothing else on it, the QR with four modules of
 * white around it, and every QR decoding from its label (poppler renders, zbar reads).
 */
const root = useTempDir('label-sheet')

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  if (r.status !== 0) throw new Error(`${cmd} gagal (${r.status}): ${r.stderr}`)
  return r.stdout
}

const PEMILU: [string, string, string, string, string][] = [
  ['SURAT SUARA PRESIDEN (PPWP)', 'Nasional', '#8c8c8c', 'abu-abu', 'PPWP'],
  ['SURAT SUARA DPR RI', 'SULAWESI UTARA 1', '#e0b000', 'kuning', 'DPR'],
  ['SURAT SUARA DPD RI', 'SULAWESI UTARA', '#c62828', 'merah', 'DPD'],
  ['SURAT SUARA DPRD PROVINSI', 'SULAWESI UTARA 6', '#1e63b5', 'biru', 'DPRD_PROV'],
  ['SURAT SUARA DPRD KABUPATEN/KOTA', 'KABUPATEN KEPULAUAN SIAU TAGULANDANG BIARO', '#2e7d32', 'hijau', 'DPRD_KAB'],
]

/** Five kotak of a Pemilu TPS with long names, then a kotak with names no label can hold whole. */
function longLabels(): KotakLabel[] {
  const base = {
    satker: 'Kabupaten Kepulauan Siau Tagulandang Biaro',
    provinsi: 'Sulawesi Utara',
    kecamatan: 'TAGULANDANG SELATAN BARAT DAYA',
    desa: 'BUHIAS KEPULAUAN SIAU TIMUR SELATAN',
    tpsNomor: 12,
  }
  // The QR's public codes (core/kotakLabel.ts), a dotted kode desa; the seal numbers of the first kotak.
  const qr = (kotakNo: number, jenis: string, dapil: string) =>
    kotakLabelText({ kodeDesa: '71.09.05.2007', tpsNomor: base.tpsNomor, kotakNo, jenis, dapil })
  const labels: KotakLabel[] = PEMILU.map(([ballot, dapil, colorHex, colorName, jenis], i) => ({
    ...base,
    kotakNo: i + 1,
    kotakOf: 5,
    ballot,
    dapil,
    colorHex,
    colorName,
    segel: i < 3 ? `KPU-7109/SGL/2024/00${i + 1}2345` : null,
    qrText: qr(i + 1, jenis, dapil),
  }))
  labels.push({
    ...base,
    provinsi: 'Kepulauan Bangka Belitung Dan Sekitarnya Yang Panjang',
    desa: 'KELURAHANDENGANNAMAYANGTIDAKPERNAHMUATDALAMSATUBARIS SAMPAI KAPAN PUN JUGA',
    kecamatan: 'KECAMATAN PEMEKARAN BARU SEBELAH UTARA TIMUR LAUT DARI PUSAT KABUPATEN',
    tpsNomor: 999,
    kotakNo: 6,
    kotakOf: 6,
    ballot: 'SURAT SUARA PEMUNGUTAN SUARA ULANG DPRD KABUPATEN/KOTA',
    dapil: 'KABUPATEN KEPULAUAN SIAU TAGULANDANG BIARO SANGAT PANJANG 7',
    colorHex: '#5bb5e8',
    colorName: 'biru muda kehijauan',
    segel: 'KPU-7109/SEGEL-PLASTIK/2024/0000012345678',
    qrText: kotakLabelText({
      kodeDesa: '71.09.05.2007',
      tpsNomor: 999,
      kotakNo: 6,
      jenis: 'DPRD_KAB',
      dapil: 'KABUPATEN KEPULAUAN SIAU TAGULANDANG BIARO SANGAT PANJANG 7',
    }),
  })
  return labels
}

interface Box {
  x0: number
  y0: number
  x1: number
  y1: number
}
interface Word extends Box {
  text: string
}

/** The words of each page with their boxes in points, in the order they were drawn. */
function words(pdf: string): Word[][] {
  const html = run('pdftotext', ['-bbox', pdf, '-'])
  const decode = (s: string) =>
    s
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
  return html
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        (m) => ({
          x0: Number(m[1]),
          y0: Number(m[2]),
          x1: Number(m[3]),
          y1: Number(m[4]),
          text: decode(m[5]!),
        }),
      ),
    )
}

/** The label boxes of a sheet, in points, in the order labels are placed. */
function boxes(grid: LabelGrid): Box[] {
  const size = labelSize(grid)
  if (typeof size === 'string') throw new Error(size)
  return Array.from({ length: grid.rows * grid.cols }, (_, i) => {
    const x0 = mm(grid.marginLeft) + (i % grid.cols) * (size.width + mm(grid.gapX))
    const y0 = mm(grid.marginTop) + Math.floor(i / grid.cols) * (size.height + mm(grid.gapY))
    return { x0, y0, x1: x0 + size.width, y1: y0 + size.height }
  })
}

const inside = (w: Box, b: Box, slack = 0.01) =>
  w.x0 >= b.x0 - slack && w.x1 <= b.x1 + slack && w.y0 >= b.y0 - slack && w.y1 <= b.y1 + slack
const overlap = (a: Box, b: Box) =>
  Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.05 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0.05

/** Grey levels of one page at `dpi`. */
function raster(pdf: string, page: number, dpi: number) {
  const base = pdf.replace(/\.pdf$/, `-${page}-${dpi}`)
  run('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile', pdf, base])
  const buf = readFileSync(`${base}.pgm`)
  // P5 <width> <height> <max>\n<bytes>
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.toString('latin1', 0, 40))!
  const width = Number(m[1])
  const height = Number(m[2])
  const data = buf.subarray(m[0].length)
  return { width, height, k: dpi / 72, at: (px: number, py: number) => data[py * width + px]!, data }
}

/** Every QR code zbar reads in each label's own crop of the page (what a handheld scanner sees). */
function qrPerLabel(page: ReturnType<typeof raster>, labels: Box[], dir: string): string[][] {
  const files = labels.map((b, i) => {
    const [x0, y0] = [Math.max(0, Math.floor(b.x0 * page.k)), Math.max(0, Math.floor(b.y0 * page.k))]
    const [x1, y1] = [Math.min(page.width, Math.ceil(b.x1 * page.k)), Math.min(page.height, Math.ceil(b.y1 * page.k))]
    const rows: Buffer[] = []
    for (let y = y0; y < y1; y++) rows.push(Buffer.from(page.data.subarray(y * page.width + x0, y * page.width + x1)))
    const file = join(dir, `crop-${i}.pgm`)
    writeFileSync(file, Buffer.concat([Buffer.from(`P5 ${x1 - x0} ${y1 - y0} 255\n`), ...rows]))
    return file
  })
  const r = spawnSync('zbarimg', ['--xml', '-q', '-Sdisable', '-Sqrcode.enable', ...files], { encoding: 'utf8' })
  const sources = [...r.stdout.matchAll(/<source href='([^']*)'>([\s\S]*?)<\/source>/g)]
  return files.map((f) => {
    const src = sources.find((s) => s[1] === f)
    return src ? [...src[2]!.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]!) : []
  })
}

async function sheet(name: string, labels: KotakLabel[], grid: LabelGrid): Promise<string> {
  const pdf = join(root, `${name}.pdf`)
  writeFileSync(pdf, await renderLabelSheets(labels, grid, `Label ${name}`))
  return pdf
}

/**
 * Where each label of the job stands (page and box) and the words drawn on it: every word of every page
 * must fall inside exactly one label.
 */
function wordsPerLabel(pdf: string, grid: LabelGrid, count: number) {
  const perPage = grid.rows * grid.cols
  const slots = boxes(grid)
  const labels = Array.from({ length: count }, (_, i) => ({
    page: Math.floor(i / perPage) + 1,
    box: slots[i % perPage]!,
  }))
  const per = labels.map(() => [] as Word[])
  words(pdf).forEach((ws, p) => {
    for (const w of ws) {
      const home = labels.findIndex((l) => l.page === p + 1 && inside(w, l.box))
      expect(
        home,
        `"${w.text}" (${w.x0.toFixed(1)}, ${w.y0.toFixed(1)})–(${w.x1.toFixed(1)}, ${w.y1.toFixed(1)}) on page ${p + 1} is not inside any label of ${JSON.stringify(grid)}`,
      ).toBeGreaterThanOrEqual(0)
      per[home]!.push(w)
    }
  })
  return { labels, per }
}

const grid = (g: Partial<LabelGrid>): LabelGrid => ({ ...DEFAULT_LABEL_GRID, ...g })
const ZERO = { marginTop: 0, marginLeft: 0, marginRight: 0, marginBottom: 0, gapX: 0, gapY: 0 }

/** Every row and column count the settings accept that can give a label of at least 55 x 38 mm, at default and at zero margins. */
const SWEEP: [string, LabelGrid][] = []
for (let rows = 1; rows <= 12; rows++)
  for (let cols = 1; cols <= 6; cols++)
    for (const [m, margins] of [
      ['default', {}],
      ['zero', ZERO],
    ] as const) {
      const g = grid({ rows, cols, ...margins })
      if (typeof labelSize(g) !== 'string') SWEEP.push([`${rows}x${cols}-${m}`, g])
    }

/** The extremes: the smallest label allowed (55 x 38 mm), the widest short one, the narrowest tall one, the largest. */
const EXTREMES: [string, LabelGrid][] = [
  ['default-4x2', DEFAULT_LABEL_GRID],
  ['5x2', grid({ rows: 5 })],
  [
    '7x3-small',
    grid({ rows: 7, cols: 3, marginTop: 5, marginBottom: 5, marginLeft: 5, marginRight: 5, gapX: 2, gapY: 2 }),
  ],
  [
    'smallest',
    grid({ rows: 7, cols: 3, marginLeft: 19.9, marginRight: 20, gapX: 2.5, marginTop: 10, marginBottom: 8.9, gapY: 2 }),
  ],
  ['wide-short', grid({ rows: 7, cols: 1, ...ZERO })],
  [
    'narrow-tall',
    grid({ rows: 1, cols: 3, marginLeft: 19.9, marginRight: 20, gapX: 2.5, marginTop: 0, marginBottom: 0 }),
  ],
  ['largest', grid({ rows: 1, cols: 1, ...ZERO })],
]

describe('kotak labels keep their text inside the label', () => {
  it('the settings allow 1–7 rows and 1–3 columns at most; denser grids are refused at any margins', () => {
    expect(SWEEP.map(([n]) => n).filter((n) => n.endsWith('zero')).length).toBe(7 * 3)
    expect(typeof labelSize(grid({ rows: 8, cols: 1, ...ZERO }))).toBe('string')
    expect(typeof labelSize(grid({ rows: 1, cols: 4, ...ZERO }))).toBe('string')
  })

  // One grid a test: each sheet is a PDF of its own (a third of a second to draw, whatever it holds).
  it.each([...SWEEP, ...EXTREMES])(
    'every word of every label stays inside its own label on a %s grid',
    async (name, g) => {
      const labels = longLabels()
      const pdf = await sheet(`sweep-${name}`, labels, g)
      const { per } = wordsPerLabel(pdf, g, labels.length)
      per.forEach((ws, i) => {
        const text = ws.map((w) => w.text).join(' ')
        const l = labels[i]!
        // The fields a kotak is sorted and checked by are printed whole, whatever it takes.
        expect(text, name).toContain(`TPS ${String(l.tpsNomor).padStart(3, '0')}`)
        expect(text, name).toContain(`KOTAK ${l.kotakNo} DARI ${l.kotakOf}`)
        expect(text, name).toContain(l.ballot!)
        if (l.segel) expect(text, name).toContain(`NOMOR SEGEL ${l.segel}`)
        // The names are whole, or visibly cut: the Pemilu names always fit, the last label's only on large labels.
        const whole = [
          l.satker.toUpperCase(),
          l.provinsi.toUpperCase(),
          l.desa,
          l.kecamatan,
          `Dapil ${l.dapil} · warna ${l.colorName}`,
        ].every((t) => text.includes(t))
        if (i < PEMILU.length) expect(whole, `${name}: ${text}`).toBe(true)
        expect(whole || text.includes('\u2026'), `${name}: ${text}`).toBe(true)
        if (whole) expect(text, name).not.toContain('\u2026')
        // No two words on top of each other.
        for (let a = 0; a < ws.length; a++)
          for (let b = a + 1; b < ws.length; b++)
            expect(overlap(ws[a]!, ws[b]!), `${name}: "${ws[a]!.text}" overlaps "${ws[b]!.text}"`).toBe(false)
      })
    },
  )

  it.each(EXTREMES)(
    'on a %s grid the band holds its own words and no others, the QR has four white modules around it inside its box, and every QR decodes',
    async (name, g) => {
      const labels = longLabels()
      const pdf = await sheet(`read-${name}`, labels, g)
      const { labels: placed, per } = wordsPerLabel(pdf, g, labels.length)
      const pages = new Map<number, ReturnType<typeof raster>>()
      placed.forEach(({ page: p, box: b }, i) => {
        if (!pages.has(p)) pages.set(p, raster(pdf, p, 144))
        const page = pages.get(p)!
        const px = (v: number) => Math.round(v * page.k)
        const ws = per[i]!
        // The band's bottom, read off the page: its colour runs down the label's left edge, left of the text.
        const edge = px(b.x0 + 2)
        let y = px(b.y0) + 2
        expect(page.at(edge, y), `${name} label ${i}: no band`).toBeLessThan(235)
        while (page.at(edge, y) < 235) y++
        const bandBottom = y / page.k
        // The band's words are the ones drawn before "TPS"; they sit on the band, everything else under it.
        const first = ws.findIndex((w) => w.text === 'TPS')
        expect(first, `${name} label ${i}`).toBeGreaterThan(0)
        ws.forEach((w, j) => {
          if (j < first)
            expect(w.y1, `${name} label ${i}: band word "${w.text}" runs off the band`).toBeLessThanOrEqual(
              bandBottom + 0.5,
            )
          else expect(w.y0, `${name} label ${i}: "${w.text}" is on the band`).toBeGreaterThanOrEqual(bandBottom - 0.5)
        })
        // The QR's box: the dark pixels under the band that are no word's, away from the cutting outline.
        const masked = (x: number, y: number) =>
          ws.some((w) => x >= px(w.x0) - 1 && x <= px(w.x1) + 1 && y >= px(w.y0) - 1 && y <= px(w.y1) + 1)
        const darkBox = (x0: number, y0: number, x1: number, y1: number) => {
          const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity }
          for (let y = y0; y <= y1; y++)
            for (let x = x0; x <= x1; x++)
              if (page.at(x, y) < 100 && !masked(x, y))
                Object.assign(box, {
                  x0: Math.min(box.x0, x),
                  y0: Math.min(box.y0, y),
                  x1: Math.max(box.x1, x),
                  y1: Math.max(box.y1, y),
                })
          return box
        }
        const frame = darkBox(px(b.x0 + 2), Math.round(bandBottom * page.k), px(b.x1 - 2), px(b.y1 - 2))
        // It is a closed box: its four sides are dark lines.
        const share = (n: number, dark: (t: number) => boolean) =>
          Array.from({ length: n }, (_, t) => dark(t)).filter(Boolean).length / n
        const fw = frame.x1 - frame.x0 + 1
        const fh = frame.y1 - frame.y0 + 1
        for (const [side, v] of [
          ['top', share(fw, (t) => page.at(frame.x0 + t, frame.y0) < 128 || page.at(frame.x0 + t, frame.y0 + 1) < 128)],
          [
            'bottom',
            share(fw, (t) => page.at(frame.x0 + t, frame.y1) < 128 || page.at(frame.x0 + t, frame.y1 - 1) < 128),
          ],
          [
            'left',
            share(fh, (t) => page.at(frame.x0, frame.y0 + t) < 128 || page.at(frame.x0 + 1, frame.y0 + t) < 128),
          ],
          [
            'right',
            share(fh, (t) => page.at(frame.x1, frame.y0 + t) < 128 || page.at(frame.x1 - 1, frame.y0 + t) < 128),
          ],
        ] as const)
          expect(v, `${name} label ${i}: the QR's box has no ${side} side`).toBeGreaterThan(0.97)
        // The box's top is the band's bottom edge.
        expect(
          Math.abs(frame.y0 - bandBottom * page.k),
          `${name} label ${i}: box not under the band`,
        ).toBeLessThanOrEqual(2)
        // The QR: the dark pixels inside the box (its line is under 3 px thick at 144 dpi).
        const qr = darkBox(frame.x0 + 4, frame.y0 + 4, frame.x1 - 4, frame.y1 - 4)
        // Its version's modules across (17 + 4 v), each 2 pt at least up to version 4, 1.75 pt beyond.
        const modules = 17 + 4 * qrSpec(labels[i]!.qrText).version
        const module = (qr.x1 - qr.x0 + 1) / modules
        expect(module, `${name} label ${i}`).toBeGreaterThanOrEqual((modules <= 33 ? 2 : 1.75) * page.k - 0.5)
        expect(Math.abs(qr.y1 - qr.y0 - (qr.x1 - qr.x0)), `${name} label ${i}: QR not square`).toBeLessThanOrEqual(2)
        // Four modules of white on every side, up to the box's line.
        const ring = {
          x0: Math.round(qr.x0 - 4 * module) + 1,
          y0: Math.round(qr.y0 - 4 * module) + 1,
          x1: Math.round(qr.x1 + 4 * module) - 1,
          y1: Math.round(qr.y1 + 4 * module) - 1,
        }
        expect(
          ring.x0 > frame.x0 && ring.y0 > frame.y0 && ring.x1 < frame.x1 && ring.y1 < frame.y1,
          `${name} label ${i}: QR closer than 4 modules to its box`,
        ).toBe(true)
        let dirty = 0
        for (let y = ring.y0; y <= ring.y1; y++)
          for (let x = ring.x0; x <= ring.x1; x++) {
            const inQr = x >= qr.x0 - 1 && x <= qr.x1 + 1 && y >= qr.y0 - 1 && y <= qr.y1 + 1
            if (!inQr && page.at(x, y) < 235) dirty++
          }
        expect(dirty, `${name} label ${i}: dark pixels in the QR's quiet zone`).toBe(0)
      })
      // Every label's QR decodes from its own crop of the page, at 144 and at 100 dpi.
      for (const dpi of [144, 100]) {
        const decoded = [...new Set(placed.map((l) => l.page))].flatMap((p) => {
          const page = dpi === 144 ? pages.get(p)! : raster(pdf, p, dpi)
          return qrPerLabel(
            page,
            placed.filter((l) => l.page === p).map((l) => l.box),
            root,
          )
        })
        expect(decoded, `${name} at ${dpi} dpi`).toEqual(labels.map((l) => [l.qrText]))
      }
    },
  )

  it('a whole 4 x 2 and 5 x 2 sheet decodes in one scan of the page', async () => {
    const labels = [...longLabels(), ...longLabels().map((l) => ({ ...l, qrText: l.qrText.replace('TPS ', 'TPS 8') }))]
    for (const [name, g] of EXTREMES.slice(0, 2)) {
      const pdf = await sheet(`whole-${name}`, labels, g)
      for (const dpi of ['100', '150']) {
        const png = join(root, `whole-${name}-${dpi}`)
        run('pdftoppm', ['-r', dpi, '-png', '-f', '1', '-l', '1', '-singlefile', pdf, png])
        const codes = spawnSync('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', `${png}.png`], {
          encoding: 'utf8',
        })
          .stdout.split('\n')
          .filter(Boolean)
        expect(codes.sort(), `${name} at ${dpi} dpi`).toEqual(
          labels
            .slice(0, g.rows * g.cols)
            .map((l) => l.qrText)
            .sort(),
        )
      }
    }
  })
})
