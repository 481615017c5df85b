import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  type CellValue,
  type Content,
  LETTER_MARGINS,
  type OfficialDocument,
  type PaperName,
  type Signer,
  buildOfficialDocument,
  dataTable,
  mm,
  paragraph,
  renderPdf,
  spacer,
  subheading,
} from '../../src/reports/pdf'
import { type Page, type Word, pageText, pdfPagesWithWords, wordsOutside } from '../support/pdfLayout'

/**
 * The layout rules of the document framework on made-up papers, swept over every position a page
 * break can fall, read back with pdftotext -bbox: a paragraph never leaves one line alone at the foot
 * or the head of a page, and the lines before a page break inside it are justified; a heading stays
 * with what follows; the signatures move to the next page only when they do not fit; tables that are
 * too wide turn the lampiran to landscape or are split by columns, never cut at the margin.
 */
const OUT = resolve(__dirname, '../../test-results/pdf-layout')
beforeAll(() => mkdirSync(OUT, { recursive: true }))

const KOP = { instansi: 'Komisi Pemilihan Umum', satker: 'Kabupaten Batu Bara', logo: null }
const signer = (peran: string, nama: string, jabatan: string, nip?: string): Signer => ({
  peran,
  nama,
  jabatan,
  ...(nip ? { nip } : {}),
})
const FOUR = {
  place: 'Limapuluh',
  date: '2024-07-11',
  columns: [
    [
      signer('PIHAK PERTAMA', 'Hendra Gunawan Siregar', 'Wakil Penyedia'),
      signer(
        'PIHAK KEDUA',
        'Drs. Ahmad Fauzi Nasution, M.Si.',
        'Sekretaris KPU Kabupaten Batu Bara',
        '197403122002121004',
      ),
    ],
    [signer('Saksi', 'Muhammad Iqbal Lubis', 'Anggota Bawaslu Kabupaten Batu Bara')],
  ],
  mengetahui: [signer('Ketua KPU Kabupaten Batu Bara', 'Yusri Alamsyah, S.H.', '')],
}

function doc(body: Content[], more: Partial<OfficialDocument> = {}): OfficialDocument {
  return {
    paper: 'A4',
    kop: KOP,
    title: ['Berita Acara', 'Uji Tata Letak'],
    nomor: '514/PP.09.4-BA/1219/2024',
    body,
    signatures: FOUR,
    copy: { kind: 'ASLI' },
    footer: {
      documentId: 'UJI-1',
      chainHead: { seq: 1, hash: 'ab'.repeat(32) },
      qrText: 'UJI',
      generatedAt: '2024-07-11T10:00',
    },
    ...more,
  }
}

let lastFile = ''
async function render(name: string, d: OfficialDocument): Promise<Page[]> {
  const file = join(OUT, `${name}.pdf`)
  writeFileSync(file, await renderPdf(buildOfficialDocument(d)))
  lastFile = file
  return pdfPagesWithWords(file)
}

/** One page as pdftotext -layout sets it, white space folded. */
const layoutOf = (file: string, page: number) =>
  spawnSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  }).stdout.replace(/\s+/g, ' ')

const letterBox = (p: Page) => ({
  left: LETTER_MARGINS.left,
  right: p.width - LETTER_MARGINS.right,
  top: mm(5),
  bottom: p.height - mm(5),
})

/** Words grouped into lines by their baseline, top to bottom. */
function lines(words: Word[]): Word[][] {
  const out: Word[][] = []
  for (const w of [...words].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)) {
    const line = out.find((l) => Math.abs(l[0]!.yMin - w.yMin) < 2)
    if (line) line.push(w)
    else out.push([w])
  }
  return out
}

/** A paragraph of numbered words ("kata01 …") whose lines can be told apart on the page. */
const numbered = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`).join(' ')

describe('paragraphs: no widow, no orphan, justified up to the break', () => {
  it('leaves no page with one line of a paragraph, wherever the break falls', async () => {
    const seen = new Set<string>()
    // 9 lines of text after a gap that moves the page break through every line of it.
    for (let gap = 440; gap <= 600; gap += 14) {
      const pages = await render(`widow-${gap}`, doc([spacer(gap), paragraph(numbered(90, 'kata'))]))
      const perPage = pages.map((p) => lines(p.words.filter((w) => /^kata\d\d$/.test(w.text))))
      perPage.forEach((ls, i) => {
        expect(ls.length === 0 || ls.length >= 2, `celah ${gap}: halaman ${i + 1} memuat ${ls.length} baris`).toBe(true)
      })
      const split = perPage.filter((ls) => ls.length > 0)
      seen.add(split.map((ls) => ls.length).join('+'))
      if (split.length > 1) {
        // The last line before the break is justified: it ends at the right margin like a full line.
        const last = split[0]!.at(-1)!
        const right = pages[0]!.width - LETTER_MARGINS.right
        expect(Math.max(...last.map((w) => w.xMax)), `celah ${gap}`).toBeGreaterThan(right - 1.5)
      }
      expect(wordsOutside(pages, letterBox)).toEqual([])
    }
    // The sweep did split the paragraph in several ways, and moved it whole too.
    expect([...seen].filter((s) => s.includes('+')).length).toBeGreaterThan(2)
  }, 30_000)

  it('keeps a heading and the line introducing a table with the table', async () => {
    const rows: CellValue[][] = Array.from({ length: 30 }, (_, i) => [`Barang ${i + 1}`, i * 100])
    let moved = 0
    for (let gap = 460; gap <= 560; gap += 12) {
      const pages = await render(
        `keep-${gap}`,
        doc([
          spacer(gap),
          subheading('B. Rincian yang diterima'),
          paragraph('Dengan rincian sebagai berikut:'),
          dataTable({ numbered: true, columns: [{ header: 'Barang' }, { header: 'Jumlah', numeric: true }], rows }),
        ]),
      )
      const at = pages.findIndex((p) => pageText(p).includes('Rincian yang diterima'))
      const text = layoutOf(lastFile, at + 1)
      // The heading's page also holds the introduction, the table's header and its first row.
      expect(text, `celah ${gap}`).toContain('Dengan rincian sebagai berikut:')
      expect(text, `celah ${gap}`).toMatch(/No\. Barang Jumlah 1 Barang 1/)
      if (at > 0) moved++
    }
    expect(moved).toBeGreaterThan(0)
  }, 30_000)
})

describe('signatures', () => {
  it('stay on the page when they fit (F4 and A4), move whole when they do not, always with the closing', async () => {
    for (const paper of ['A4', 'F4'] as PaperName[]) {
      const outcomes = new Set<boolean>()
      for (let gap = 200; gap <= 560; gap += 24) {
        const pages = await render(
          `sign-${paper}-${gap}`,
          doc([spacer(gap), paragraph(numbered(30, 'isi'))], { paper }),
        )
        const at = pages.findIndex((p) => pageText(p).includes('Demikian'))
        const page = pages[at]!
        const text = pageText(page)
        for (const nama of ['Hendra Gunawan Siregar', 'Muhammad Iqbal Lubis', 'Yusri Alamsyah, S.H.'])
          expect(text, `${paper} ${gap}`).toContain(nama)
        // A lone witness and the superior share a row.
        const saksi = page.words.find((w) => w.text === 'Saksi')!
        const mengetahui = page.words.find((w) => w.text === 'Mengetahui,')!
        expect(saksi.yMin, `${paper} ${gap}`).toBeGreaterThan(mengetahui.yMin)
        expect(saksi.yMin - mengetahui.yMin, `${paper} ${gap}`).toBeLessThan(20)
        const moved = at > 0 && !pageText(page).includes('isi30')
        outcomes.add(moved)
        if (moved) {
          // Moved only because the room left under the body was less than the signatures need.
          const before = pages[at - 1]!
          const footer = before.words.find((w) => w.text === 'Halaman')!.yMin - 16
          const bodyEnd = Math.max(...before.words.filter((w) => w.yMax < footer).map((w) => w.yMax))
          const closing = page.words.find((w) => w.text === 'Demikian')!
          const end = Math.max(...page.words.filter((w) => w.yMax < footer).map((w) => w.yMax))
          // (the area also holds a 1-pt marker line at each end and the gap above the closing's glyphs)
          expect(footer - bodyEnd, `${paper} ${gap}`).toBeLessThan(end - closing.yMin + 6)
        }
      }
      expect([...outcomes].sort()).toEqual([false, true])
    }
  }, 30_000)
})

describe('tables sized by content', () => {
  const longNames = [
    'Hotmauli Rosdiana Boru Situmorang Simanjuntak Hutabarat',
    'Sutan Rajo Alam Datuak Bandaro Kayo Nan Panjang Chaniago',
    'Ir. Tumpal Hasiholan Parlindungan Siregar Pohan, S.T., M.Eng.',
  ]

  it('wraps names, keeps numbers whole, turns a wide lampiran to landscape and splits what landscape cannot hold', async () => {
    const wide = (cols: number): Content =>
      dataTable({
        numbered: true,
        columns: [
          { header: 'Desa/Kelurahan' },
          { header: 'TPS', noWrap: true },
          ...Array.from({ length: cols }, (_, i) => ({ header: `Barang Nomor ${i + 1}`, numeric: true })),
          { header: 'Nomor Segel' },
        ],
        rows: Array.from({ length: 40 }, (_, r) => [
          longNames[r % 3]!,
          `TPS ${String(r + 1).padStart(3, '0')}`,
          ...Array.from({ length: cols }, (_, i) => 1_000_000 + r * 1000 + i),
          `SGL-1219-${String(r * 5 + 1).padStart(6, '0')} s.d. ${String(r * 5 + 5).padStart(6, '0')}`,
        ]),
        totals: {},
        fontSize: 8,
      })
    for (const paper of ['A4', 'F4'] as PaperName[]) {
      const pages = await render(
        `tables-${paper}`,
        doc([paragraph('Badan surat dengan tabel nama:'), wide(2)], {
          paper,
          annexes: [
            { title: 'Muat tegak', body: [wide(3)] },
            { title: 'Perlu mendatar', body: [wide(9)] },
            { title: 'Perlu dibagi', body: [wide(24)] },
          ],
        }),
      )
      expect(wordsOutside(pages, letterBox), paper).toEqual([])
      const of = (title: string) =>
        pages.filter((p, i) => {
          const start = pages.findIndex((q) => pageText(q).includes(title.toUpperCase()))
          const next = pages.findIndex((q, j) => j > start && /LAMPIRAN [IV]+ /.test(pageText(q)))
          return i >= start && (next === -1 || i < next)
        })
      for (const p of of('Muat tegak')) expect(p.height, paper).toBeGreaterThan(p.width)
      for (const p of of('Perlu mendatar')) expect(p.width, paper).toBeGreaterThan(p.height)
      const split = of('Perlu dibagi')
      const splitText = split.map(pageText).join(' ')
      expect(splitText).toMatch(/Bagian 1 dari [2-9]/)
      // Every part repeats the key columns and has its own JUMLAH.
      const parts = Number(/Bagian 1 dari (\d)/.exec(splitText)![1])
      expect(splitText.match(/JUMLAH/g)).toHaveLength(parts)
      // Numbers never break inside: every one of the 40 x 24 values is printed whole.
      expect(splitText.match(/\b1\.0\d\d\.0\d\d\b/g)!.length).toBeGreaterThanOrEqual(40 * 24)
      // Headers repeat on every page of a table that runs on.
      for (const p of of('Perlu mendatar')) expect(pageText(p)).toContain('Desa/Kelurahan')
    }
  }, 30_000)
})
