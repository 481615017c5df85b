import { FONT_FAMILY, mm, PAPER, type Content, type ContentStack, type PdfDocDefinition } from '../pdf'
import { sizedQr } from '../pdf/qr'

/**
 * Kotak labels on A4 sticker sheets: one label per kotak of every TPS, in the order the kotak are
 * stacked (kecamatan, desa, TPS, kotak). The sheet's grid is configurable because every office buys
 * different label paper; each label is placed at its exact position, not flowed.
 */
export interface LabelGrid {
  rows: number
  cols: number
  /** Millimetres from the sheet's edges to the first label. */
  marginTop: number
  marginLeft: number
  marginRight: number
  marginBottom: number
  /** Millimetres between labels. */
  gapX: number
  gapY: number
  /** Print a thin cutting outline (for plain paper instead of sticker sheets). */
  outline: boolean
}

export const DEFAULT_LABEL_GRID: LabelGrid = { rows: 4, cols: 2, marginTop: 12, marginLeft: 8, marginRight: 8, marginBottom: 12, gapX: 4, gapY: 4, outline: true }

export interface KotakLabel {
  satker: string
  provinsi: string
  kecamatan: string
  desa: string
  tpsNomor: number
  kotakNo: number
  kotakOf: number
  /** "SURAT SUARA GUBERNUR", or null for a kotak without a ballot type. */
  ballot: string | null
  dapil: string | null
  colorHex: string | null
  colorName: string | null
  qrText: string
}

/** The size of one label in points, or an Indonesian message saying why the grid does not fit A4. */
export function labelSize(g: LabelGrid): { width: number; height: number } | string {
  const page = PAPER.A4
  const width = (page.width - mm(g.marginLeft) - mm(g.marginRight) - mm(g.gapX) * (g.cols - 1)) / g.cols
  const height = (page.height - mm(g.marginTop) - mm(g.marginBottom) - mm(g.gapY) * (g.rows - 1)) / g.rows
  // The layout scales down to 55 % of the default label; below that the QR and the ballot type no longer fit.
  if (width < mm(55) || height < mm(38) || width / REF.width < 0.55 || height / REF.height < 0.55) {
    return `Label ${Math.round((width * 25.4) / 72)} x ${Math.round((height * 25.4) / 72)} mm terlalu kecil; paling kecil 55 x 38 mm agar kode QR dan nomor TPS terbaca. Kurangi jumlah baris/kolom atau margin.`
  }
  return { width, height }
}

/** The default label (2 x 4 on A4, about 95 x 65 mm): the layout below is drawn for it and scaled. */
const REF = { width: mm(95), height: mm(65) }

/**
 * One label. Everything scales with the label, so the same layout fits a 55 x 38 mm sticker and a
 * half-sheet: a kotak label is read from across a warehouse and scanned in a hurry. Each field has its
 * own line (the desa name on a line of its own, bold) so long names do not push the ballot type out
 * of the label. The QR keeps a quiet zone of four modules from every edge.
 */
function label(l: KotakLabel, w: number, h: number, outline: boolean): Content[] {
  const s = Math.max(0.55, Math.min(2.2, w / REF.width, h / REF.height))
  const module = s >= 1.3 ? 4 : s >= 0.9 ? 3 : 2
  const qr = sizedQr(l.qrText, module)
  const band = 14 * s
  const pad = Math.max(6 * s, module * 4)
  const textW = w - qr.size - pad * 3
  const tps = `TPS ${String(l.tpsNomor).padStart(3, '0')}`
  const nodes: Content[] = []
  if (outline) nodes.push({ canvas: [{ type: 'rect', x: 0, y: 0, w, h, lineWidth: 0.4, lineColor: '#999999', dash: { length: 3 } }] })
  // The ballot's colour marker across the top, as the kotak's sticker shows its election type.
  nodes.push({ canvas: [{ type: 'rect', x: 0, y: 0, w, h: band, color: l.colorHex ?? '#555555' }], margin: [0, outline ? -h : 0, 0, 0] })
  const small = (t: string) => ({ text: t, fontSize: 7 * s, color: '#444444' })
  nodes.push({
    stack: [
      { text: `KPU ${l.satker.toUpperCase()} · PROV. ${l.provinsi.toUpperCase()}`, fontSize: 7 * s, bold: true, color: '#ffffff', margin: [pad, -band + 3.5 * s, pad, 0] },
      {
        columns: [
          {
            width: textW,
            stack: [
              { text: tps, fontSize: 30 * s, bold: true, margin: [0, 4 * s, 0, 0] },
              small('DESA/KELURAHAN (PPS)'),
              { text: l.desa, fontSize: 10.5 * s, bold: true, margin: [0, 0, 0, 1.5 * s] },
              small('KECAMATAN (PPK)'),
              { text: l.kecamatan, fontSize: 9.5 * s },
            ],
          },
          { width: qr.size, stack: [qr.node], margin: [0, 5 * s, 0, 0] },
        ],
        columnGap: pad,
        margin: [pad, 0, pad, 0],
      },
      {
        margin: [pad, 6 * s, pad, 0],
        stack: [
          { text: `KOTAK ${l.kotakNo} DARI ${l.kotakOf}`, fontSize: 10 * s, bold: true },
          { text: l.ballot ?? 'KOTAK SUARA', fontSize: 13 * s, bold: true },
          ...(l.dapil ? [{ text: `Dapil ${l.dapil}${l.colorName ? ` · warna ${l.colorName}` : ''}`, fontSize: 8.5 * s }] : []),
        ],
      },
    ],
  })
  return nodes
}

/** The whole print job: pages of labels placed on the grid. */
export function labelSheets(labels: readonly KotakLabel[], grid: LabelGrid, title: string): PdfDocDefinition {
  const size = labelSize(grid)
  if (typeof size === 'string') throw new Error(size)
  const perPage = grid.rows * grid.cols
  const content: Content[] = []
  labels.forEach((l, i) => {
    const slot = i % perPage
    const r = Math.floor(slot / grid.cols)
    const c = slot % grid.cols
    const x = mm(grid.marginLeft) + c * (size.width + mm(grid.gapX))
    const y = mm(grid.marginTop) + r * (size.height + mm(grid.gapY))
    content.push({ stack: label(l, size.width, size.height, grid.outline), absolutePosition: { x, y } })
    // Absolute nodes do not flow; an empty line closes each full sheet.
    if (slot === perPage - 1 && i < labels.length - 1) content.push({ text: '', pageBreak: 'after' })
  })
  if (content.length === 0) content.push({ text: 'Tidak ada kotak untuk dicetak.' })
  return {
    pageSize: PAPER.A4,
    pageMargins: [0, 0, 0, 0],
    content,
    info: { title, author: 'Gudang Pemilu', creator: 'Gudang Pemilu', producer: 'Gudang Pemilu (pdfmake)', creationDate: new Date(0) },
    defaultStyle: { font: FONT_FAMILY, fontSize: 9, lineHeight: 1.05 },
    language: 'id-ID',
  }
}
