import { mm, PAPER, type RenderOptions } from '../pdf'
import { renderDrawing, type Drawing, type TextStyle } from '../pdf/draw'
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

/** The labels' line height, as a multiple of the font's. */
const LINE_HEIGHT = 1.05

/**
 * One label, its top left corner at (x, y). Everything scales with the label, so the same layout fits
 * a 55 x 38 mm sticker and a half-sheet: a kotak label is read from across a warehouse and scanned in a
 * hurry. Each field has its own line (the desa name on a line of its own, bold) so long names do not
 * push the ballot type out of the label. The QR keeps a quiet zone of four modules from the label's
 * sides and bottom.
 *
 * The layout is a column of text beside the QR under the coloured band, then the kotak and ballot
 * lines below whichever of the two is longer — set by hand (see reports/pdf/draw.ts for why) exactly
 * as the pdfmake stack the labels were first laid out with: the text column wraps at its width, the
 * band's line and the kotak and ballot lines at the width pdfmake gave an absolutely placed block,
 * the rest of the sheet from x (so a very long ballot name may run past the label's right edge rather
 * than wrap, as it always has).
 */
function label(d: Drawing, l: KotakLabel, x: number, y: number, w: number, h: number, outline: boolean): void {
  const s = Math.max(0.55, Math.min(2.2, w / REF.width, h / REF.height))
  const module = s >= 1.3 ? 4 : s >= 0.9 ? 3 : 2
  const qrSize = sizedQr(l.qrText, module).size
  const band = 14 * s
  const pad = Math.max(6 * s, module * 4)
  const textW = w - qrSize - pad * 3
  const style = (size: number, bold = false, color?: string): TextStyle => ({ size: size * s, bold, lineHeight: LINE_HEIGHT, ...(color ? { color } : {}) })
  const small = style(7, false, '#444444')
  if (outline) d.dashedRect(x, y, w, h, 0.4, '#999999', 3)
  // The ballot's colour marker across the top, as the kotak's sticker shows its election type.
  d.rect(x, y, w, band, l.colorHex ?? '#555555')
  const blockW = d.pageSize.width - x - 2 * pad
  const top = y + 3.5 * s + d.text(`KPU ${l.satker.toUpperCase()} · PROV. ${l.provinsi.toUpperCase()}`, x + pad, y + 3.5 * s, blockW, style(7, true, '#ffffff'))
  let ty = top + 4 * s
  ty += d.text(`TPS ${String(l.tpsNomor).padStart(3, '0')}`, x + pad, ty, textW, style(30, true))
  ty += d.text('DESA/KELURAHAN (PPS)', x + pad, ty, textW, small)
  ty += d.text(l.desa, x + pad, ty, textW, style(10.5, true)) + 1.5 * s
  ty += d.text('KECAMATAN (PPK)', x + pad, ty, textW, small)
  ty += d.text(l.kecamatan, x + pad, ty, textW, style(9.5))
  const qrTop = top + 5 * s
  d.qr(l.qrText, module, x + w - pad - qrSize, qrTop)
  let by = Math.max(ty, qrTop + qrSize) + 6 * s
  by += d.text(`KOTAK ${l.kotakNo} DARI ${l.kotakOf}`, x + pad, by, blockW, style(10, true))
  by += d.text(l.ballot ?? 'KOTAK SUARA', x + pad, by, blockW, style(13, true))
  if (l.dapil) d.text(`Dapil ${l.dapil}${l.colorName ? ` · warna ${l.colorName}` : ''}`, x + pad, by, blockW, style(8.5))
}

/** The whole print job: sheets of labels placed on the grid, in the order given. */
export async function renderLabelSheets(labels: readonly KotakLabel[], grid: LabelGrid, title: string, options: RenderOptions = {}): Promise<Buffer> {
  const size = labelSize(grid)
  if (typeof size === 'string') throw new Error(size)
  const perPage = grid.rows * grid.cols
  const info = { title, author: 'Gudang Pemilu', creator: 'Gudang Pemilu', producer: 'Gudang Pemilu (pdfmake)', creationDate: new Date(0) }
  return renderDrawing(
    { pageSize: PAPER.A4, info, language: 'id-ID' },
    (d) => {
      if (labels.length === 0) d.text('Tidak ada kotak untuk dicetak.', 0, 0, PAPER.A4.width, { size: 9, lineHeight: LINE_HEIGHT })
      labels.forEach((l, i) => {
        const slot = i % perPage
        if (slot === 0 && i > 0) d.newPage()
        const r = Math.floor(slot / grid.cols)
        const c = slot % grid.cols
        const x = mm(grid.marginLeft) + c * (size.width + mm(grid.gapX))
        const y = mm(grid.marginTop) + r * (size.height + mm(grid.gapY))
        label(d, l, x, y, size.width, size.height, grid.outline)
      })
    },
    options,
  )
}
