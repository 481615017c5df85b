import type { LabelGrid } from '../../api/contract/kemas'
import { formatTpsNumber } from '../../core/tps'
import { mm, PAPER, type RenderOptions } from '../pdf'
import { renderDrawing, type Drawing, type FitOptions, type FittedText, type TextStyle } from '../pdf/draw'
import { qrSpec } from '../pdf/qr'

/**
 * Kotak labels on A4 sticker sheets: one label per kotak of every TPS, in the order the kotak are
 * stacked (kecamatan, desa, TPS, kotak). The sheet's grid is configurable because every office buys
 * different label paper (its grid is the contract's LabelGrid); each label is placed at its exact
 * position, not flowed.
 */

/** The grid used until the satker sets its own (kemas.aturSusunanLabel). */
export const DEFAULT_LABEL_GRID: LabelGrid = {
  rows: 4,
  cols: 2,
  marginTop: 12,
  marginLeft: 8,
  marginRight: 8,
  marginBottom: 12,
  gapX: 4,
  gapY: 4,
  outline: true,
}

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
  /** The seal number on this kotak once it is recorded (kemas.catatSegel); a label printed before has none. */
  segel: string | null
  /** The public codes and their check (core/kotakLabel.ts). */
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
 * The fields that may take two lines, in the order they give up their second line when a label's text
 * would run past its bottom edge (small labels, long names) — each only if that lowers the text: the
 * ballot type first (shrunk, it is still the largest line under the QR), then the desa and kecamatan
 * names, and the dapil last, because a kotak of the wrong dapil was 2024's worst failure.
 */
type Allowance = Record<'ballot' | 'names' | 'dapil', number>
const GIVE_UP: readonly (keyof Allowance)[] = ['ballot', 'names', 'dapil']

/** White or black, whichever stands out more from the band's colour (WCAG contrast): white on maroon, black on yellow. */
function textOn(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!m) return '#ffffff'
  const lum = [m[1]!, m[2]!, m[3]!].map((c) => {
    const v = parseInt(c, 16) / 255
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  })
  const L = 0.2126 * lum[0]! + 0.7152 * lum[1]! + 0.0722 * lum[2]!
  return 1.05 / (L + 0.05) >= (L + 0.05) / 0.05 ? '#ffffff' : '#000000'
}

/**
 * The fields' fitters (Drawing.fitter) of one column of a sheet, by the label's QR size and band colour,
 * then by field: every width, size and option a field is set with follows from those (and the label's
 * size, which is the sheet's). A sheet sets the same dozen fields on label after label.
 */
type ColumnFitters = Map<string, Map<string, (text: string) => FittedText>>

/**
 * One label, its top left corner at (x, y). Everything scales with the label, so the same layout fits
 * a 55 x 38 mm sticker and a half-sheet: a kotak label is read from across a warehouse and scanned in a
 * hurry. Each field has its own line (the desa name on a line of its own, bold) so long names do not
 * push the ballot type out of the label.
 *
 * The layout: the coloured band with the satker and province, a column of text beside the QR under it,
 * then the kotak, ballot and dapil lines across the label below whichever of the two is longer. Every
 * line is fitted to the label's own width (Drawing.fit: wrapped, shrunk, cut with an ellipsis only when
 * nothing else fits); the band's text never leaves the band (a second line makes the band taller).
 *
 * The QR has the four modules of white on every side that ISO/IEC 18004 asks for, inside a thin black
 * box hanging from the band. The box is for the scanners, not decoration: zbar (and so the tests)
 * groups the scan lines crossing a finder pattern by where the next dark edge beyond it lies, and
 * ragged text beside or under the code (or a dashed cutting line) scatters those edges, so codes on a
 * full sheet were missed now and then; inside the box every scan line meets the same straight edge.
 */
function label(
  d: Drawing,
  l: KotakLabel,
  x: number,
  y: number,
  w: number,
  h: number,
  outline: boolean,
  column: ColumnFitters,
): void {
  const s = Math.max(0.55, Math.min(2.2, w / REF.width, h / REF.height))
  // The code keeps the size a version-4 code (33 modules, the public codes of usual names) has at this
  // scale: a long dapil name makes a denser code with finer modules, never finer than 1.75 pt (0.62 mm).
  // Quarter points: a module of an odd fraction aliases against the printer's and the scanner's dots
  // (1.57 pt failed to scan at 100 dpi where 2 pt did).
  const n = 17 + 4 * qrSpec(l.qrText).version
  const module = Math.max(1.75, Math.floor((s >= 1.3 ? 4 : s >= 0.9 ? 3 : 2) * Math.min(1, 33 / n) * 4) / 4)
  const qrSize = n * module
  const quiet = module * 4
  const pad = Math.max(6 * s, quiet)
  const inner = w - 2 * pad
  // The QR's box: a thin frame at the edge of its quiet zone, half a margin in from the label's edge.
  const frame = Math.max(0.75, module / 3)
  const qrX = x + w - pad / 2 - frame - quiet - qrSize
  const textW = qrX - quiet - frame - pad / 2 - (x + pad)
  const bottom = y + h - Math.max(4 * s, pad / 2)
  const bandColor = l.colorHex ?? '#555555'
  const style = (size: number, bold = false, color?: string): TextStyle => ({
    size: size * s,
    bold,
    lineHeight: LINE_HEIGHT,
    ...(color ? { color } : {}),
  })
  const small = style(7, false, '#444444')
  const bandStyle = style(7, true, textOn(bandColor))
  const layout = `${n} ${bandColor}`
  let fitters = column.get(layout)
  if (!fitters) column.set(layout, (fitters = new Map()))
  const own = fitters
  /** d.fit(text, width, st, options) through the fitter of `field`, which names all but the text. */
  const fit = (field: string, text: string, width: number, st: TextStyle, options: FitOptions): FittedText => {
    let f = own.get(field)
    if (!f) own.set(field, (f = d.fitter(width, st, options)))
    return f(text)
  }
  const satker = `KPU ${l.satker.toUpperCase()}`
  const provinsi = `PROV. ${l.provinsi.toUpperCase()}`
  // The band: one line when it fits, shrunk a little at most. Else, when the label is tall enough to
  // hold a second line of band above the tallest text it may have to carry, satker and province on two
  // lines of one size; else one line shrunk further, cut at the end as a last resort. The band depends
  // only on the label's size, satker and province, so it is the same on every label of a sheet.
  let band = [fit('band', `${satker} · ${provinsi}`, inner, bandStyle, { maxLines: 1, minScale: 0.9 })]
  if (band[0]!.cut) {
    const two = [
      fit('band 0.8', satker, inner, bandStyle, { maxLines: 1, minScale: 0.8 }),
      fit('band 0.8', provinsi, inner, bandStyle, { maxLines: 1, minScale: 0.8 }),
    ]
    const size = Math.min(two[0]!.style.size, two[1]!.style.size)
    const bandTwo = Math.max(14 * s, 5.8 * s + 2 * d.lineHeight({ ...bandStyle, size }))
    // The tallest the rest may be: the QR in its box or the column beside it with both names on two
    // lines, then the kotak line, two lines of ballot type and two of dapil.
    const lh = (size: number, bold = false) => d.lineHeight(style(size, bold))
    const column = lh(30, true) + 2 * lh(7) + 2 * lh(10.5, true) + 2 * lh(9.5) + 9.2 * s
    const below = lh(10, true) + 2 * lh(13, true) + 2 * lh(8.5)
    if (y + bandTwo + Math.max(2 * frame + 2 * quiet + qrSize + 4 * s, column) + below <= bottom)
      band = two.map((f, i) =>
        f.style.size === size
          ? f
          : d.fit(i === 0 ? satker : provinsi, inner, { ...bandStyle, size }, { maxLines: 1, minScale: 1 }),
      )
    else band = [fit('band 0.8', `${satker} · ${provinsi}`, inner, bandStyle, { maxLines: 1, minScale: 0.8 })]
  }
  const bandText = band.reduce((t, f) => t + f.height, 0)
  const bandH = Math.max(14 * s, 3.5 * s + bandText + 2.3 * s)

  const plan = (a: Allowance, squeeze = 1) => {
    const names = { maxLines: a.names, minScale: 0.8 }
    const column = [
      fit('tps', formatTpsNumber(l.tpsNomor), textW, style(30, true), { maxLines: 1, minScale: 0.5 }),
      fit('small', 'DESA/KELURAHAN (PPS)', textW, small, { maxLines: 1, minScale: 0.6 }),
      fit(`desa ${a.names}`, l.desa, textW, style(10.5, true), names),
      fit('small', 'KECAMATAN (PPK)', textW, small, { maxLines: 1, minScale: 0.6 }),
      fit(`kecamatan ${a.names}`, l.kecamatan, textW, style(9.5), names),
    ]
    const columnTop = y + bandH + 1.7 * s
    const columnBottom = columnTop + column.reduce((t, f) => t + f.height, 0) + 1.5 * s
    const qrTop = y + bandH + frame + quiet
    // Lines squeezed to fit (rare) are set at sizes of their own.
    const under = (field: string, text: string, width: number, st: TextStyle, options: FitOptions) =>
      squeeze === 1 ? fit(field, text, width, st, options) : d.fit(text, width, st, options)
    const below = [
      under('kotak', `KOTAK ${l.kotakNo} DARI ${l.kotakOf}`, inner, style(10 * squeeze, true), {
        maxLines: 1,
        minScale: 0.6,
      }),
      under(
        `ballot ${a.ballot}`,
        l.ballot ?? 'KOTAK SUARA',
        inner,
        style(13 * squeeze, true),
        a.ballot > 1 ? { maxLines: a.ballot, minScale: 0.7, oneLineScale: 0.85 } : { maxLines: 1, minScale: 0.55 },
      ),
      ...(l.dapil
        ? [
            under(
              `dapil ${a.dapil}`,
              `Dapil ${l.dapil}${l.colorName ? ` · warna ${l.colorName}` : ''}`,
              inner,
              style(8.5 * squeeze),
              a.dapil > 1 ? { maxLines: a.dapil, minScale: 0.85, oneLineScale: 0.9 } : { maxLines: 1, minScale: 0.75 },
            ),
          ]
        : []),
      ...(l.segel
        ? [under('segel', `NOMOR SEGEL ${l.segel}`, inner, style(9 * squeeze, true), { maxLines: 1, minScale: 0.6 })]
        : []),
    ]
    const belowTop = Math.max(columnBottom + 6 * s, qrTop + qrSize + quiet + frame + 4 * s)
    const end = belowTop + below.reduce((t, f) => t + f.height, 0)
    return { column, columnTop, qrTop, below, belowTop, end }
  }

  let allow: Allowance = { ballot: 2, names: 2, dapil: 2 }
  let p = plan(allow)
  for (const field of GIVE_UP) {
    if (p.end <= bottom) break
    const next = plan({ ...allow, [field]: 1 })
    // The ballot type is never cut to make room: it stays on two lines rather.
    if (next.end < p.end && !(field === 'ballot' && next.below[1]!.cut)) [allow, p] = [{ ...allow, [field]: 1 }, next]
  }
  // Names no label of this size can hold even so: the lines under the QR set smaller until they fit.
  for (let squeeze = 1, i = 0; p.end > bottom && i < 4; i++) {
    squeeze *= (0.98 * (bottom - p.belowTop)) / (p.end - p.belowTop)
    p = plan(allow, squeeze)
  }

  if (outline) d.dashedRect(x, y, w, h, 0.4, '#999999', 3)
  // The ballot's colour marker across the top, as the kotak's sticker shows its election type.
  d.rect(x, y, w, bandH, bandColor)
  // The band's text centred in it (a line's box has more room under the capitals than above them).
  let by = y + (bandH - bandText) / 2 + 0.085 * band[0]!.style.size
  for (const f of band) by += d.drawFitted(f, x + pad, by)
  let ty = p.columnTop
  p.column.forEach((f, i) => (ty += d.drawFitted(f, x + pad, ty) + (i === 2 ? 1.5 * s : 0)))
  d.qr(l.qrText, module, qrX, p.qrTop)
  d.strokeRect(
    qrX - quiet - frame / 2,
    y + bandH + frame / 2,
    qrSize + 2 * quiet + frame,
    qrSize + 2 * quiet + frame,
    frame,
    '#000000',
  )
  let ly = p.belowTop
  for (const f of p.below) ly += d.drawFitted(f, x + pad, ly)
}

/** The whole print job: sheets of labels placed on the grid, in the order given. */
export async function renderLabelSheets(
  labels: readonly KotakLabel[],
  grid: LabelGrid,
  title: string,
  options: RenderOptions = {},
): Promise<Buffer> {
  const size = labelSize(grid)
  if (typeof size === 'string') throw new Error(size)
  const perPage = grid.rows * grid.cols
  const info = {
    title,
    author: 'Gudang Pemilu',
    creator: 'Gudang Pemilu',
    producer: 'Gudang Pemilu (pdfmake)',
    creationDate: new Date(0),
  }
  const columns: ColumnFitters[] = Array.from({ length: grid.cols }, () => new Map())
  return renderDrawing(
    { pageSize: PAPER.A4, info, language: 'id-ID' },
    (d) => {
      if (labels.length === 0)
        d.text('Tidak ada kotak untuk dicetak.', 0, 0, PAPER.A4.width, { size: 9, lineHeight: LINE_HEIGHT })
      labels.forEach((l, i) => {
        const slot = i % perPage
        if (slot === 0 && i > 0) d.newPage()
        const r = Math.floor(slot / grid.cols)
        const c = slot % grid.cols
        const x = mm(grid.marginLeft) + c * (size.width + mm(grid.gapX))
        const y = mm(grid.marginTop) + r * (size.height + mm(grid.gapY))
        label(d, l, x, y, size.width, size.height, grid.outline, columns[c]!)
      })
    },
    options,
  )
}
