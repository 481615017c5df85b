import { formatTpsNumber } from '../../core/tps'
import { formatAngka } from '../../core/terbilang'
import {
  FONT_FAMILY,
  LETTER_MARGINS,
  PAPER,
  renderPdf,
  type Content,
  type ContentStack,
  type PdfDocDefinition,
  type RenderOptions,
} from '../pdf'
import { sizeColumns } from '../pdf/dataTable'
import { renderDrawing, type Drawing } from '../pdf/draw'
import {
  drawOps,
  Flow,
  FlowUnsupported,
  noBorders,
  toPdfmake,
  type FlowNode,
  type FlowTableLayout,
  type Op,
  type TextNode,
} from '../pdf/flow'
import { tableLayout } from '../pdf/tableLayout'

/**
 * The daftar isi kit: what must be inside each TPS kit, with a box to tick for the PPS and one for the
 * KPPS, the seal number of every kotak, and lines for the three signatures. One TPS per page, or
 * compact (kits follow one another, never split across a page).
 *
 * A satker prints one for each of its TPS — 15,228 pages for Kabupaten Bogor — so the pages are drawn
 * straight onto pdfmake's pdfkit document (reports/pdf/draw.ts) from a description laid out by
 * pdfmake's own rules (reports/pdf/flow.ts): the same page as pdfmake made of it, word for word, at a
 * quarter of the cost. A kit taller than a page (a satker with very many items) goes to pdfmake, which
 * can continue a table on the next page.
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
  /** Why the kit went out incomplete, as written at the handover. */
  catatan?: string | null
}

export interface DaftarIsiOptions {
  namaPemilihan: string
  compact: boolean
  title: string
}

const PAGE = PAPER.A4
export const DAFTAR_ISI_MARGINS = {
  left: LETTER_MARGINS.left - 30,
  top: LETTER_MARGINS.top - 10,
  right: LETTER_MARGINS.right,
  bottom: LETTER_MARGINS.bottom + 10,
}
const BODY = {
  width: PAGE.width - DAFTAR_ISI_MARGINS.left - DAFTAR_ISI_MARGINS.right,
  height: PAGE.height - DAFTAR_ISI_MARGINS.top - DAFTAR_ISI_MARGINS.bottom,
}
/** pdfmake's defaultStyle of the paper. */
const DEFAULT_SIZE = 10

const text = (t: string, size: number, more: Omit<TextNode, 'kind' | 'text' | 'size'> = {}): TextNode => ({
  kind: 'text',
  text: t,
  size,
  ...more,
})

const BOX: FlowNode = { kind: 'rect', x: 0, y: 1, w: 9, h: 9, lineWidth: 0.8, align: 'center' }

const grid = (compact: boolean): FlowTableLayout =>
  tableLayout({ line: 0.5, color: '#000000', left: 4, right: 4, top: compact ? 1.5 : 3, bottom: compact ? 1.5 : 3 })

const signer = (role: string, space: number): FlowNode => ({
  kind: 'stack',
  items: [
    text(role, 9, { align: 'center' }),
    text('', DEFAULT_SIZE, { margin: [0, space, 0, 0] }),
    text('Nama: ...............................', 8.5, { align: 'center' }),
    text('Tanggal: ............................', 8.5, { align: 'center', margin: [0, 3, 0, 0] }),
  ],
})

/**
 * One kit. Full: a page of its own with room to write — 18-pt rows for the boxes, seal cells wide and
 * tall enough for a hand-written number, name and date lines under each signature. Compact: the same
 * content set tight, so two kits of a Pemilu TPS fit an A4 page.
 */
function kit(k: DaftarIsiKit, namaPemilihan: string, compact: boolean): FlowNode {
  const tps = formatTpsNumber(k.nomor)
  const fs = compact ? 8.5 : 9.5
  const head = (t: string): TextNode => text(t, fs, { bold: true, align: 'center', fill: '#e8e8e8' })
  const identity: FlowNode = compact
    ? {
        kind: 'columns',
        columns: [
          { width: 'auto', node: text(tps, 16, { bold: true }) },
          {
            width: '*',
            node: text(
              `Desa/Kel. (PPS) ${k.desa} · Kecamatan (PPK) ${k.kecamatan} · ${k.satker}, ${k.provinsi} · DPT ${formatAngka(k.dpt)}`,
              8.5,
              { margin: [8, 4, 0, 0] },
            ),
          },
        ],
      }
    : {
        kind: 'columns',
        columns: [
          {
            width: '*',
            node: {
              kind: 'table',
              widths: [95, 6, '*'],
              body: [
                ['Provinsi', k.provinsi],
                ['Kabupaten/Kota', k.satker],
                ['Kecamatan (PPK)', k.kecamatan],
                ['Desa/Kel. (PPS)', k.desa],
                ['DPT', formatAngka(k.dpt)],
              ].map(([label, value]) => [text(label!, 9.5), text(':', 9.5), text(value!, 9.5)]),
              layout: noBorders(3),
            },
          },
          { width: 110, node: text(tps, 28, { bold: true, align: 'right', margin: [0, 8, 0, 0] }) },
        ],
      }
  // Sized by content: a long dapil name wraps rather than squeeze the item names into a word a line.
  const numbers = k.lines.map((l) => formatAngka(l.qty))
  const widths = sizeColumns(
    [
      { header: 'No.', cells: k.lines.map((_, i) => String(i + 1)), rigid: true },
      { header: 'Barang', cells: k.lines.map((l) => l.item), grow: true },
      { header: 'Dapil', cells: k.lines.map((l) => l.dapil ?? '-'), grow: true },
      { header: 'Jumlah', cells: numbers, rigid: true },
      { header: 'Satuan', cells: k.lines.map((l) => l.unit), noWrap: true },
      { header: 'PPS', cells: [], fixed: 30 },
      { header: 'KPPS', cells: [], fixed: 30 },
    ],
    BODY.width,
    fs,
  )
  const items: FlowNode = {
    kind: 'table',
    margin: [0, compact ? 4 : 6, 0, 0],
    headerRows: 1,
    dontBreakRows: true,
    widths: widths ?? ['auto', '*', 'auto', 'auto', 'auto', 30, 30],
    heights: (row) => (row === 0 || compact ? 'auto' : 18),
    body: [
      ['No.', 'Barang', 'Dapil', 'Jumlah', 'Satuan', 'PPS', 'KPPS'].map(head),
      ...k.lines.map((l, i) => [
        text(String(i + 1), fs, { align: 'center' }),
        text(l.item, fs),
        text(l.dapil ?? '-', fs),
        text(numbers[i]!, fs, { align: 'right', noWrap: true }),
        text(l.unit, fs),
        BOX,
        BOX,
      ]),
    ],
    layout: grid(compact),
  }
  const kotak: FlowNode[] = k.kotak.length
    ? [
        {
          kind: 'table',
          margin: [0, compact ? 4 : 8, 0, 0],
          headerRows: 1,
          dontBreakRows: true,
          widths: ['auto', '*', compact ? 110 : 150],
          heights: (row) => (row === 0 || compact ? 'auto' : 22),
          body: [
            ['Kotak', 'Isi', 'Nomor Segel'].map(head),
            ...k.kotak.map((x) => [
              text(`${x.no} / ${x.of}`, fs, { align: 'center' }),
              text(x.isi ?? 'Kotak suara', fs),
              text(x.segel ?? '', fs),
            ]),
          ],
          layout: grid(compact),
        },
      ]
    : []
  return {
    kind: 'stack',
    margin: [0, 0, 0, compact ? 14 : 0],
    items: [
      compact
        ? text(`DAFTAR ISI KIT LOGISTIK TPS · ${namaPemilihan}`, 8, {
            bold: true,
            color: '#333333',
            margin: [0, 0, 0, 2],
          })
        : {
            kind: 'stack',
            items: [
              text('DAFTAR ISI KIT LOGISTIK TPS', 13, { bold: true, align: 'center' }),
              text(namaPemilihan, 9, { align: 'center', margin: [0, 1, 0, 6] }),
            ],
          },
      identity,
      items,
      ...kotak,
      ...(k.catatan ? [text(`Catatan: ${k.catatan}`, fs, { margin: [0, compact ? 4 : 8, 0, 0] })] : []),
      {
        kind: 'columns',
        margin: [0, compact ? 6 : 24, 0, 0],
        columns: ['Petugas Pengemas', 'Ketua PPS', 'Ketua KPPS'].map((r) => ({
          width: '*' as const,
          node: signer(r, compact ? 14 : 36),
        })),
      },
    ],
  }
}

/** The page's foot, inside the side margins (pdfmake lays a footer across the whole sheet otherwise). */
const footerNode = (title: string, page: number, pages: number): FlowNode =>
  text(`${title} · Halaman ${page} dari ${pages}`, 8, {
    align: 'center',
    margin: [DAFTAR_ISI_MARGINS.left, 12, DAFTAR_ISI_MARGINS.right, 0],
  })

const info = (title: string) => ({
  title,
  author: 'Gudang Pemilu',
  creator: 'Gudang Pemilu',
  producer: 'Gudang Pemilu (pdfmake)',
  creationDate: new Date(0),
})

/** The paper as a pdfmake definition: what pdfmake lays out when a kit does not fit a page, and the reference the drawing is tested against. */
export function daftarIsiDocument(kits: readonly DaftarIsiKit[], opts: DaftarIsiOptions): PdfDocDefinition {
  const content: Content[] = kits.map((k, i) => {
    const node = toPdfmake(kit(k, opts.namaPemilihan, opts.compact)) as ContentStack
    if (opts.compact) node.unbreakable = true
    else if (i > 0) node.pageBreak = 'before'
    return node
  })
  if (content.length === 0) content.push({ text: 'Tidak ada TPS untuk dicetak.' })
  return {
    pageSize: PAGE,
    pageMargins: [DAFTAR_ISI_MARGINS.left, DAFTAR_ISI_MARGINS.top, DAFTAR_ISI_MARGINS.right, DAFTAR_ISI_MARGINS.bottom],
    content,
    footer: (page, pages) => toPdfmake(footerNode(opts.title, page, pages)),
    info: info(opts.title),
    defaultStyle: { font: FONT_FAMILY, fontSize: DEFAULT_SIZE },
    language: 'id-ID',
  }
}

/**
 * The daftar isi PDF. Each kit is laid out (flow.ts) into drawing operations; full: one kit a page;
 * compact: kits placed as pdfmake places unbreakable blocks (on the next page when the rest of this one
 * is too short), 14 pt apart. Pages are numbered "Halaman x dari y", so every kit is laid out before the
 * first page is drawn; a kit's operations are a few hundred small objects. A kit taller than a page, or
 * a name with a character flow.ts cannot break as pdfmake would, sends the whole paper to pdfmake.
 */
export async function renderDaftarIsi(
  kits: readonly DaftarIsiKit[],
  opts: DaftarIsiOptions,
  options: RenderOptions = {},
): Promise<Buffer> {
  try {
    return await renderDrawing(
      { pageSize: PAGE, info: info(opts.title), language: 'id-ID' },
      (d) => drawDaftarIsi(d, kits, opts),
      options,
    )
  } catch (err) {
    if (err instanceof FlowUnsupported) return renderPdf(daftarIsiDocument(kits, opts), options)
    throw err
  }
}

function drawDaftarIsi(d: Drawing, kits: readonly DaftarIsiKit[], opts: DaftarIsiOptions): void {
  const flow = new Flow(d)
  // Where each kit goes (page and top) and its operations.
  const placed: { page: number; y: number; ops: Op[] }[] = []
  let page = 0
  let y = DAFTAR_ISI_MARGINS.top
  for (const [i, k] of kits.entries()) {
    const ops: Op[] = []
    const node = kit(k, opts.namaPemilihan, opts.compact)
    const [, , , mb] = node.margin!
    const h = flow.layout({ ...node, margin: [0, 0, 0, 0] }, 0, 0, BODY.width, ops)
    // pdfmake continues a full kit on the next page (and drops what does not fit of a compact one).
    if (h > BODY.height) throw new FlowUnsupported(`Kit TPS ${k.nomor} ${k.desa} lebih tinggi dari satu halaman`)
    if (opts.compact) {
      if (placed.length && h > BODY.height - (y - DAFTAR_ISI_MARGINS.top))
        [page, y] = [page + 1, DAFTAR_ISI_MARGINS.top]
    } else if (i > 0) [page, y] = [page + 1, DAFTAR_ISI_MARGINS.top]
    placed.push({ page, y, ops })
    y += h
    // pdfmake: a bottom margin larger than what is left of the page moves on to the next page, even
    // after the last kit (which leaves an empty last page, as the pdfmake layout always did).
    if (BODY.height - (y - DAFTAR_ISI_MARGINS.top) - mb < 0) [page, y] = [page + 1, DAFTAR_ISI_MARGINS.top]
    else y += mb
  }
  const pages = page + 1
  if (kits.length === 0)
    drawOps(
      d,
      layoutOf(flow, text('Tidak ada TPS untuk dicetak.', DEFAULT_SIZE)),
      DAFTAR_ISI_MARGINS.left,
      DAFTAR_ISI_MARGINS.top,
    )
  let at = 0
  for (let p = 0; p < pages; p++) {
    if (p > 0) d.newPage()
    for (; at < placed.length && placed[at]!.page === p; at++)
      drawOps(d, placed[at]!.ops, DAFTAR_ISI_MARGINS.left, placed[at]!.y)
    drawOps(
      d,
      layoutOf(flow, footerNode(opts.title, p + 1, pages), PAGE.width),
      0,
      PAGE.height - DAFTAR_ISI_MARGINS.bottom,
    )
  }
}

function layoutOf(flow: Flow, n: FlowNode, width = BODY.width): Op[] {
  const ops: Op[] = []
  flow.layout(n, 0, 0, width, ops)
  return ops
}
