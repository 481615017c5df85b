import pdfmake, { type PdfKitDocument } from 'pdfmake'
import { FONT_FAMILY, fontFile, fontLineHeight, registerFonts } from './fonts'
import { qrRects } from './qr'
import type { RenderOptions } from './render'
import type { DocInfo, PageSize } from './types'

/**
 * Papers whose every element stands at a position worked out in advance — kotak labels on a sticker
 * sheet — drawn straight onto the pdfkit document that pdfmake renders into, instead of being laid out
 * by pdfmake. A label is ten short lines and a QR code; pdfmake spends about 40 µs on each text node
 * (styles looked up property by property, inlines, lines, page items) and a QR node costs it ~400 vector
 * objects, while pdfkit draws a line of text in under 10 µs. The document is still pdfmake's: the same
 * fonts (registered and locked down by registerFonts), metadata, compression and pdfkit version as every
 * other paper of the app.
 *
 * Text is set the way pdfmake sets it, so a drawn paper looks like its pdfmake layout: a line of
 * `size` points is `size × lineHeight × fontLineHeight` tall with the text at its top, lines wrap at
 * spaces, a word wider than the line stands alone on its line.
 */
export interface DrawingSpec {
  pageSize: PageSize
  info: DocInfo
  language?: string
}

export type FontVariant = 'normal' | 'bold'

export interface TextStyle {
  size: number
  bold?: boolean
  color?: string
  /** As pdfmake's lineHeight: a multiple of the font's own line height. */
  lineHeight: number
}

export class Drawing {
  private readonly fonts: Record<FontVariant, string>
  private readonly lineFactor: Record<FontVariant, number>
  /** Widths by variant, size and text: a sheet repeats most of its strings on every label. */
  private readonly widths = new Map<string, number>()
  private current = ''

  constructor(
    readonly doc: PdfKitDocument,
    readonly pageSize: PageSize,
    resourcesDir?: string,
  ) {
    this.fonts = { normal: fontFile('normal', resourcesDir), bold: fontFile('bold', resourcesDir) }
    this.lineFactor = { normal: fontLineHeight('normal', resourcesDir), bold: fontLineHeight('bold', resourcesDir) }
  }

  newPage(): void {
    this.doc.addPage({ size: [this.pageSize.width, this.pageSize.height], margin: 0 })
  }

  private use(style: TextStyle): number {
    const variant: FontVariant = style.bold ? 'bold' : 'normal'
    this.current = `${variant} ${style.size} `
    this.doc.font(this.fonts[variant]).fontSize(style.size).fillColor(style.color ?? 'black')
    return style.size * style.lineHeight * this.lineFactor[variant]
  }

  /** The width of `text` in the font and size last used. */
  private width(text: string): number {
    const key = this.current + text
    let w = this.widths.get(key)
    if (w === undefined) this.widths.set(key, (w = this.doc.widthOfString(text)))
    return w
  }

  /** The lines `text` takes at `width` (wrapped at spaces; a word too wide stands alone). */
  lines(text: string, width: number, style: TextStyle): string[] {
    this.use(style)
    if (this.width(text) <= width) return [text]
    const out: string[] = []
    let line = ''
    for (const word of text.split(/ +/)) {
      const next = line ? `${line} ${word}` : word
      if (line && this.width(next) > width) {
        out.push(line)
        line = word
      } else line = next
    }
    if (line) out.push(line)
    return out
  }

  /** Draws `text` from (x, y), wrapped at `width`; returns the height it took. */
  text(text: string, x: number, y: number, width: number, style: TextStyle): number {
    const lines = this.lines(text, width, style)
    const lh = this.use(style)
    lines.forEach((l, i) => this.doc.text(l, x, y + i * lh, { lineBreak: false }))
    return lines.length * lh
  }

  /** The height `text` would take, as text() draws it. */
  textHeight(text: string, width: number, style: TextStyle): number {
    const lines = this.lines(text, width, style)
    return lines.length * this.use(style)
  }

  rect(x: number, y: number, w: number, h: number, fill: string): void {
    this.doc.rect(x, y, w, h).fill(fill)
  }

  /** A dashed outline, as pdfmake strokes a canvas rect with `dash: { length }`. */
  dashedRect(x: number, y: number, w: number, h: number, lineWidth: number, color: string, dash: number): void {
    this.doc.save().lineWidth(lineWidth).dash(dash, { space: dash, phase: 0 }).rect(x, y, w, h).stroke(color).restore()
  }

  /**
   * The QR code sizedQr would print for `text` (same version, ECC level, mask and module size) with its
   * top left corner at (x, y): every dark module in one filled path of merged rectangles, set in module
   * units under one transform. Returns its size in points.
   */
  qr(text: string, modulePt: number, x: number, y: number): number {
    const { modules, rects } = qrRects(text)
    const doc = this.doc.save().transform(modulePt, 0, 0, modulePt, x, y)
    for (const [c, r, w, h] of rects) doc.rect(c, r, w, h)
    doc.fill('#000000').restore()
    return modules * modulePt
  }
}

/** The PDF `draw` draws, starting on its first page; in memory. */
export async function renderDrawing(spec: DrawingSpec, draw: (d: Drawing) => void, options: RenderOptions = {}): Promise<Buffer> {
  registerFonts(options.resourcesDir)
  const doc = await pdfmake
    .createPdf({ content: [], pageSize: spec.pageSize, pageMargins: [0, 0, 0, 0], info: spec.info, ...(spec.language ? { language: spec.language } : {}), defaultStyle: { font: FONT_FAMILY } })
    .getStream()
  // pdfkit's own margins only matter to its text wrapping, which is not used; keep them out of the way.
  doc.page.margins = { top: 0, left: 0, bottom: 0, right: 0 }
  const chunks: Buffer[] = []
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', resolve)
    doc.on('error', reject)
  })
  draw(new Drawing(doc, spec.pageSize, options.resourcesDir))
  doc.end()
  await ended
  return Buffer.concat(chunks)
}
