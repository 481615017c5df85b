import { formatAngka } from '../../core/terbilang'
import { FONT_FAMILY, LETTER_MARGINS, PAPER, type Content, type ContentStack, type PdfDocDefinition, type TableCell } from '../pdf'

/**
 * The daftar isi kit: what must be inside each TPS kit, with a box to tick for the PPS and one for the
 * KPPS, the seal number of every kotak, and lines for the three signatures. One TPS per page, or
 * compact (kits follow one another, never split across a page).
 */
export interface DaftarIsiKit {
  provinsi: string
  satker: string
  kecamatan: string
  desa: string
  nomor: number
  dpt: number
  lines: { item: string; dapil: string | null; qty: number; unit: string }[]
  kotak: { no: number; of: number; isi: string | null; segel: string | null }[]
}

const BOX: TableCell = { canvas: [{ type: 'rect', x: 0, y: 1, w: 9, h: 9, lineWidth: 0.8 }], alignment: 'center' }

const GRID = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: '#000000',
  vLineColor: '#000000',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
}

const signer = (role: string, space: number): Content => ({
  width: '*',
  stack: [
    { text: role, alignment: 'center', fontSize: 9 },
    { text: '', margin: [0, space, 0, 0] },
    { text: 'Nama: ...............................', fontSize: 8.5, alignment: 'center' },
    { text: 'Tanggal: ............................', fontSize: 8.5, alignment: 'center', margin: [0, 3, 0, 0] },
  ],
})

/**
 * One kit. Full: a page of its own with room to write — 18-pt rows for the boxes, seal cells wide and
 * tall enough for a hand-written number, name and date lines under each signature. Compact: the same
 * content set tight, so two kits of a Pemilu TPS fit an A4 page.
 */
function kit(k: DaftarIsiKit, namaPemilihan: string, compact: boolean): ContentStack {
  const tps = `TPS ${String(k.nomor).padStart(3, '0')}`
  const head = (t: string): TableCell => ({ text: t, bold: true, alignment: 'center', fillColor: '#e8e8e8' })
  const rowH = compact ? 'auto' : 18
  const fs = compact ? 8.5 : 9.5
  const grid = { ...GRID, paddingTop: () => (compact ? 1.5 : 3), paddingBottom: () => (compact ? 1.5 : 3) }
  const identity: Content = compact
    ? {
        columns: [
          { width: 'auto', text: tps, fontSize: 16, bold: true },
          { width: '*', text: `Desa/Kel. (PPS) ${k.desa} · Kecamatan (PPK) ${k.kecamatan} · ${k.satker}, ${k.provinsi} · DPT ${formatAngka(k.dpt)}`, fontSize: 8.5, margin: [8, 4, 0, 0] },
        ],
      }
    : {
        columns: [
          {
            width: '*',
            table: {
              widths: [95, 6, '*'],
              body: [
                ['Provinsi', ':', k.provinsi],
                ['Kabupaten/Kota', ':', k.satker],
                ['Kecamatan (PPK)', ':', k.kecamatan],
                ['Desa/Kel. (PPS)', ':', k.desa],
                ['DPT', ':', formatAngka(k.dpt)],
              ],
            },
            layout: 'noBorders',
            fontSize: 9.5,
          },
          { width: 110, text: tps, fontSize: 28, bold: true, alignment: 'right', margin: [0, 8, 0, 0] },
        ],
      }
  return {
    unbreakable: compact,
    margin: [0, 0, 0, compact ? 14 : 0],
    stack: [
      compact
        ? { text: `DAFTAR ISI KIT LOGISTIK TPS · ${namaPemilihan}`, bold: true, fontSize: 8, color: '#333333', margin: [0, 0, 0, 2] }
        : { stack: [{ text: 'DAFTAR ISI KIT LOGISTIK TPS', bold: true, fontSize: 13, alignment: 'center' }, { text: namaPemilihan, fontSize: 9, alignment: 'center', margin: [0, 1, 0, 6] }] },
      identity,
      {
        margin: [0, compact ? 4 : 6, 0, 0],
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: ['auto', '*', 'auto', 'auto', 'auto', 30, 30],
          heights: (row: number) => (row === 0 ? 'auto' : rowH),
          body: [
            [head('No.'), head('Barang'), head('Dapil'), head('Jumlah'), head('Satuan'), head('PPS'), head('KPPS')],
            ...k.lines.map((l, i): TableCell[] => [
              { text: String(i + 1), alignment: 'center' },
              l.item,
              { text: l.dapil ?? '-', noWrap: true },
              { text: formatAngka(l.qty), alignment: 'right', noWrap: true },
              l.unit,
              BOX,
              BOX,
            ]),
          ],
        },
        layout: grid,
        fontSize: fs,
      },
      ...(k.kotak.length
        ? [
            {
              margin: [0, compact ? 4 : 8, 0, 0],
              table: {
                headerRows: 1,
                dontBreakRows: true,
                widths: ['auto', '*', compact ? 110 : 150],
                heights: (row: number) => (row === 0 ? 'auto' : compact ? 'auto' : 22),
                body: [
                  [head('Kotak'), head('Isi'), head('Nomor Segel')],
                  ...k.kotak.map((x): TableCell[] => [{ text: `${x.no} / ${x.of}`, alignment: 'center' }, x.isi ?? 'Kotak suara', x.segel ?? ''] as TableCell[]),
                ],
              },
              layout: grid,
              fontSize: fs,
            } as Content,
          ]
        : []),
      { margin: [0, compact ? 6 : 24, 0, 0], columns: ['Petugas Pengemas', 'Ketua PPS', 'Ketua KPPS'].map((r) => signer(r, compact ? 14 : 36)) },
    ],
  }
}

export function daftarIsiDocument(kits: readonly DaftarIsiKit[], opts: { namaPemilihan: string; compact: boolean; title: string }): PdfDocDefinition {
  const content: Content[] = []
  kits.forEach((k, i) => {
    const node = kit(k, opts.namaPemilihan, opts.compact)
    if (!opts.compact && i > 0) node.pageBreak = 'before'
    content.push(node)
  })
  if (content.length === 0) content.push({ text: 'Tidak ada TPS untuk dicetak.' })
  return {
    pageSize: PAPER.A4,
    pageMargins: [LETTER_MARGINS.left - 30, LETTER_MARGINS.top - 10, LETTER_MARGINS.right, LETTER_MARGINS.bottom + 10],
    content,
    footer: (page, pages) => ({ text: `${opts.title} · Halaman ${page} dari ${pages}`, fontSize: 8, alignment: 'center', margin: [0, 12, 0, 0] }),
    info: { title: opts.title, author: 'Gudang Pemilu', creator: 'Gudang Pemilu', producer: 'Gudang Pemilu (pdfmake)', creationDate: new Date(0) },
    defaultStyle: { font: FONT_FAMILY, fontSize: 10 },
    language: 'id-ID',
  }
}
