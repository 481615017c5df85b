import type { PdfKitDocument, PdfKitFont } from 'pdfmake'
import { FONT_FAMILY, fontFile, fontLineHeight, loadPdfmake, parsedFont } from './fonts'
import { qrModules } from './qr'
import type { RenderOptions } from './render'
import type { DocInfo, PageSize } from './types'

/**
 * Papers whose every element stands at a position worked out in advance — kotak labels on a sticker
 * sheet, the daftar isi pages that flow.ts lays out by pdfmake's rules — drawn straight onto the pdfkit
 * document that pdfmake renders into, instead of being laid out by pdfmake. A label is ten short lines and a QR code; pdfmake spends about 40 µs on each text node
 * (styles looked up property by property, inlines, lines, page items) and a QR node costs it ~400 vector
 * objects, while pdfkit draws a line of text in under 10 µs. The document is still pdfmake's: the same
 * fonts (registered and locked down by registerFonts), metadata, compression and pdfkit version as every
 * other paper of the app.
 *
 * Text is set the way pdfmake sets it, so a drawn paper looks like its pdfmake layout: a line of
 * `size` points is `size × lineHeight × fontLineHeight` tall with the text at its top, lines wrap at
 * spaces. text() lets a word wider than the line stand alone on its line, as pdfmake does; fit() never
 * lets text out of its box: it wraps, then shrinks, and cuts with an ellipsis only as a last resort.
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

/** How fit() may make text fit its width. */
export interface FitOptions {
  /** The most lines the text may take. */
  maxLines: number
  /** The smallest size the text may shrink to, as a fraction of its style's size; below it, it is cut with an ellipsis. */
  minScale: number
  /**
   * Prefer one line shrunk down to this fraction of the size over wrapping at full size: for a line that
   * reads as one thing, such as a ballot type.
   */
  oneLineScale?: number
}

/** Text set to fit a width: its lines, the style they are set in (the size possibly shrunk) and their height. */
export interface FittedText {
  lines: string[]
  style: TextStyle
  height: number
  /** An ellipsis replaced part of the text. */
  cut: boolean
}

const ELLIPSIS = '\u2026'

export class Drawing {
  private readonly fonts: Record<FontVariant, string>
  private readonly lineFactor: Record<FontVariant, number>
  /** Widths by variant, size and text: a sheet repeats most of its strings on every label. */
  private readonly widths = new Map<string, number>()
  /** fit() results by text, width, style and options: a sheet repeats its names on label after label. */
  private readonly fits = new Map<string, FittedText>()
  private current = ''

  constructor(
    readonly doc: PdfKitDocument,
    readonly pageSize: PageSize,
    resourcesDir?: string,
  ) {
    this.fonts = { normal: fontFile('normal', resourcesDir), bold: fontFile('bold', resourcesDir) }
    // font(path) then opens the font parsed once (fonts.ts parsedFont), not the file.
    for (const file of Object.values(this.fonts)) doc.registerFont(file, parsedFont(file))
    this.lineFactor = { normal: fontLineHeight('normal', resourcesDir), bold: fontLineHeight('bold', resourcesDir) }
  }

  newPage(): void {
    this.flushText()
    this.doc.addPage({ size: [this.pageSize.width, this.pageSize.height], margin: 0 })
    this.fontsOnPage.clear()
    this.strokeState = ''
  }

  // ---- Text set straight into the content stream ---------------------------------------------------
  //
  // pdfkit's text() costs ~10 µs a call (options, wrapping machinery, a save/transform/restore and the
  // glyph encoding of every call); a page of the daftar isi has ~150 runs of text. run() writes the same
  // operators pdfkit would (the same glyphs, kerning and font resources) from a cache of each word's
  // encoding, and all the runs of a page go into one text object, written when the page ends.

  private readonly pdfFonts: Partial<Record<FontVariant, PdfKitFont>> = {}
  private readonly advances: Record<FontVariant, Map<string, number>> = { normal: new Map(), bold: new Map() }
  private readonly encoded: Record<FontVariant, Map<string, string | null>> = { normal: new Map(), bold: new Map() }
  private readonly fontsOnPage = new Set<FontVariant>()
  private readonly colors = new Map<string, string>()
  private textOps: string[] = []
  private textFont = ''
  private textColor = ''

  private pdfFont(variant: FontVariant): PdfKitFont {
    let font = this.pdfFonts[variant]
    if (!font) this.pdfFonts[variant] = font = this.doc.font(this.fonts[variant])._font
    return font
  }

  /** The advance of `text` per 1000 units of font size: its width at size s is advance × s / 1000. */
  advance(variant: FontVariant, text: string): number {
    const cache = this.advances[variant]
    let a = cache.get(text)
    if (a === undefined) cache.set(text, (a = this.pdfFont(variant).widthOfString(text, 1000)))
    return a
  }

  /** The TJ array body of `word` as pdfkit writes it, or null when its glyphs need offsets (never for Latin text). */
  private encode(variant: FontVariant, word: string): string | null {
    const cache = this.encoded[variant]
    let tj = cache.get(word)
    if (tj === undefined) {
      const [hex, positions] = this.pdfFont(variant).encode(word)
      const parts: string[] = []
      let last = 0
      tj = ''
      for (let i = 0; i < positions.length && tj !== null; i++) {
        const p = positions[i]!
        if (p.xOffset || p.yOffset) tj = null
        else if (p.xAdvance - p.advanceWidth !== 0 || i === positions.length - 1) {
          parts.push(`<${hex.slice(last, i + 1).join('')}> ${num(p.advanceWidth - p.xAdvance)}`)
          last = i + 1
        }
      }
      if (tj !== null) tj = parts.join(' ')
      cache.set(word, tj)
    }
    return tj
  }

  private rgb(color: string): string {
    let c = this.colors.get(color)
    if (c === undefined) {
      const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(
        color === 'black' ? '#000000' : color === 'white' ? '#ffffff' : color,
      )
      if (!m) throw new Error(`Warna tidak dikenal: ${color}`)
      c = [m[1]!, m[2]!, m[3]!].map((h) => num(parseInt(h, 16) / 255)).join(' ')
      this.colors.set(color, c)
    }
    return c
  }

  /**
   * One line of text, its top left corner at (x, y): the words one after another, each at the advance
   * of the ones before it, as pdfmake places the inlines of a line (a word keeps the spaces after it).
   */
  run(words: readonly string[], x: number, y: number, size: number, variant: FontVariant, color = 'black'): void {
    const font = this.pdfFont(variant)
    if (!this.fontsOnPage.has(variant)) {
      this.doc.page.fonts[font.id] = font.ref()
      this.fontsOnPage.add(variant)
    }
    const parts: string[] = []
    for (const w of words) {
      if (!w) continue
      const tj = this.encode(variant, w)
      if (tj === null) {
        // Not the case for the app's fonts and texts; pdfkit handles glyph offsets itself.
        this.doc
          .font(this.fonts[variant])
          .fontSize(size)
          .fillColor(color)
          .text(words.join(''), x, y, { lineBreak: false })
        return
      }
      parts.push(tj)
    }
    if (parts.length === 0) return
    const ops = this.textOps
    const f = `/${font.id} ${num(size)} Tf`
    if (f !== this.textFont) ops.push((this.textFont = f))
    const c = this.rgb(color)
    if (c !== this.textColor) ops.push(`${(this.textColor = c)} rg`)
    ops.push(
      `1 0 0 1 ${num(x)} ${num(this.pageSize.height - y - (font.ascender / 1000) * size)} Tm`,
      `[${parts.join(' ')}] TJ`,
    )
  }

  /** Writes the page's text: one text object in PDF's own (bottom-up) coordinates. */
  flushText(): void {
    if (this.textOps.length === 0) return
    this.doc.addContent(`q 1 0 0 -1 0 ${num(this.pageSize.height)} cm BT\n${this.textOps.join('\n')}\nET Q`)
    this.textOps = []
    this.textFont = ''
    this.textColor = ''
  }

  // ---- Lines and fills straight into the content stream --------------------------------------------

  private strokeState = ''

  /** A straight line, `width` thick, butt-capped, as pdfmake strokes a table border. */
  line(x1: number, y1: number, x2: number, y2: number, width: number, color = 'black'): void {
    const state = `${num(width)} w ${this.rgb(color)} RG`
    if (state !== this.strokeState) this.doc.addContent((this.strokeState = state))
    this.doc.addContent(`${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`)
  }

  /** A rectangle's outline, the line centred on its edges, without changing pdfkit's state. */
  outline(x: number, y: number, w: number, h: number, width: number, color = 'black'): void {
    const state = `${num(width)} w ${this.rgb(color)} RG`
    if (state !== this.strokeState) this.doc.addContent((this.strokeState = state))
    this.doc.addContent(`${num(x)} ${num(y)} ${num(w)} ${num(h)} re S`)
  }

  /** A filled rectangle (the page's text sets its own colour inside its text object). */
  fill(x: number, y: number, w: number, h: number, color: string): void {
    this.doc.addContent(`${this.rgb(color)} rg ${num(x)} ${num(y)} ${num(w)} ${num(h)} re f`)
  }

  /**
   * Sets pdfkit's font and size for measuring `style`. Not its colour: pdfkit writes a colour into the page
   * as it is set, and measuring draws nothing (a label's fields once left a colour operator in the page
   * for every text measured).
   */
  private measureIn(style: TextStyle): void {
    const variant: FontVariant = style.bold ? 'bold' : 'normal'
    this.current = `${variant} ${style.size} `
    this.doc.font(this.fonts[variant]).fontSize(style.size)
  }

  /** Sets pdfkit's font, size and colour for drawing `style` with pdfkit's text(); returns its line height. */
  private use(style: TextStyle): number {
    this.measureIn(style)
    this.doc.fillColor(style.color ?? 'black')
    return this.lineHeight(style)
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
    this.measureIn(style)
    if (this.width(text) <= width) return [text]
    return this.wrap(text.split(/ +/), width)
  }

  /** The width of `text` set in `style`. */
  widthOf(text: string, style: TextStyle): number {
    this.measureIn(style)
    return this.width(text)
  }

  /** The height of one line of `style`. */
  lineHeight(style: TextStyle): number {
    return style.size * style.lineHeight * this.lineFactor[style.bold ? 'bold' : 'normal']
  }

  /**
   * `text` set to stay inside `width`: on one line at its size if it fits; else (with `oneLineScale`) on
   * one line shrunk at most that far; else wrapped at spaces into at most `maxLines` lines at its size;
   * else at the largest smaller size, down to `minScale`, at which it wraps into `maxLines` lines; else at
   * `minScale` with the end of the last line (or of a word too wide for any line) cut with an ellipsis.
   * No line is ever wider than `width`.
   */
  fit(text: string, width: number, style: TextStyle, options: FitOptions): FittedText {
    const key = `${style.bold ? 'b' : 'n'} ${style.size} ${style.lineHeight} ${style.color ?? ''} ${width} ${options.maxLines} ${options.minScale} ${options.oneLineScale ?? ''} ${text}`
    let fitted = this.fits.get(key)
    if (fitted === undefined) this.fits.set(key, (fitted = this.fitNow(text, width, style, options)))
    return fitted
  }

  /**
   * fit() with its width, style and options fixed, for a field set the same way on label after label: its
   * own cache by text alone, where fit() spells every size and option into each lookup's key.
   */
  fitter(width: number, style: TextStyle, options: FitOptions): (text: string) => FittedText {
    const fits = new Map<string, FittedText>()
    return (text) => {
      let fitted = fits.get(text)
      if (fitted === undefined) fits.set(text, (fitted = this.fitNow(text, width, style, options)))
      return fitted
    }
  }

  private fitNow(text: string, width: number, style: TextStyle, options: FitOptions): FittedText {
    const set = (lines: string[], size: number, cut = false): FittedText => {
      const st = { ...style, size }
      return { lines, style: st, height: lines.length * this.lineHeight(st), cut }
    }
    text = text.trim().replace(/\s+/g, ' ')
    this.measureIn(style)
    // Widths are proportional to the size: everything below is measured at the style's size, and a
    // size k times smaller fits a width 1/k times wider. A hair of slack keeps rounding inside the box.
    const room = width * 0.999
    const full = this.width(text)
    if (full <= room) return set([text], style.size)
    if (options.oneLineScale !== undefined && full * options.oneLineScale <= room)
      return set([text], style.size * (room / full))
    // A separator dot stays at the end of the line it follows: "… BIARO ·" / "warna hijau".
    const words = text
      .split(' ')
      .reduce<string[]>((ws, w) => (w === '·' && ws.length ? ((ws[ws.length - 1] += ' ·'), ws) : (ws.push(w), ws)), [])
    const wrapped = this.wrap(words, room)
    if (wrapped.length <= options.maxLines && this.widest(wrapped) <= room) return set(wrapped, style.size)
    // The narrowest measure (at full size) that takes the text in maxLines lines: between the width and the whole text.
    let lo = room
    let hi = full
    for (let i = 0; i < 24 && hi - lo > 0.01; i++) {
      const mid = (lo + hi) / 2
      const lines = this.wrap(words, mid)
      if (lines.length <= options.maxLines && this.widest(lines) <= mid) hi = mid
      else lo = mid
    }
    const scale = room / hi
    if (scale >= options.minScale) return set(this.wrap(words, hi), style.size * scale)
    // Even the smallest size does not take it: set at that size, the last line and any word too wide cut.
    const measure = room / options.minScale
    const lines = this.wrap(words, measure)
    const kept = lines.slice(0, options.maxLines)
    if (lines.length > options.maxLines)
      kept[kept.length - 1] = `${kept[kept.length - 1]} ${lines.slice(options.maxLines).join(' ')}`
    return set(
      kept.map((l) => this.cut(l, measure)),
      style.size * options.minScale,
      true,
    )
  }

  /** Words wrapped greedily into lines of at most `width` (at the size last used); a word too wide stands alone. */
  private wrap(words: readonly string[], width: number): string[] {
    const out: string[] = []
    let line = ''
    for (const word of words) {
      const next = line ? `${line} ${word}` : word
      if (line && this.width(next) > width) {
        out.push(line)
        line = word
      } else line = next
    }
    if (line) out.push(line)
    return out
  }

  private widest(lines: readonly string[]): number {
    return Math.max(...lines.map((l) => this.width(l)))
  }

  /** `line` as it is if it fits `width`, else its longest beginning that fits with an ellipsis after it. */
  private cut(line: string, width: number): string {
    if (this.width(line) <= width) return line
    let lo = 0
    let hi = line.length
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2)
      if (this.width(line.slice(0, mid).trimEnd() + ELLIPSIS) <= width) lo = mid
      else hi = mid - 1
    }
    // Not after a space or a separator dot: "BIARO ·…" reads worse than "BIARO…".
    return line.slice(0, lo).replace(/[\s·,.\-/]+$/, '') + ELLIPSIS
  }

  /** Draws text set by fit() with its first line's top at (x, y); returns its height. */
  drawFitted(f: FittedText, x: number, y: number): number {
    const lh = this.lineHeight(f.style)
    const variant: FontVariant = f.style.bold ? 'bold' : 'normal'
    f.lines.forEach((l, i) => this.run([l], x, y + i * lh, f.style.size, variant, f.style.color ?? 'black'))
    return f.height
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
    return lines.length * this.lineHeight(style)
  }

  rect(x: number, y: number, w: number, h: number, fill: string): void {
    this.doc.rect(x, y, w, h).fill(fill)
  }

  /** A rectangle's outline, the line centred on its edges. */
  strokeRect(x: number, y: number, w: number, h: number, lineWidth: number, color: string): void {
    this.doc.save().lineWidth(lineWidth).rect(x, y, w, h).stroke(color).restore()
  }

  /** A dashed outline, as pdfmake strokes a canvas rect with `dash: { length }`. */
  dashedRect(x: number, y: number, w: number, h: number, lineWidth: number, color: string, dash: number): void {
    this.doc.save().lineWidth(lineWidth).dash(dash, { space: dash, phase: 0 }).rect(x, y, w, h).stroke(color).restore()
  }

  /**
   * The QR code sizedQr would print for `text` (same version, ECC level, mask and module size) with its
   * top left corner at (x, y), as an inline image mask: one bit a module, painted black where it is
   * dark and scaled to the module size without smoothing. A hundred bytes of hex where the same code as
   * merged rectangles was one to two kilobytes of path operators, which the compressor then had to
   * deflate on every one of a satker's 76,000 labels. Returns its size in points.
   */
  qr(text: string, modulePt: number, x: number, y: number): number {
    const { size: n, modules } = qrModules(text)
    const size = n * modulePt
    // pdfkit's page is flipped (y down); an image fills the unit square from its top row, as image() places it.
    this.doc.save().transform(size, 0, 0, -size, x, y + size)
    this.doc.addContent(`0 g BI /W ${n} /H ${n} /IM true /BPC 1 /D [1 0] /F /AHx ID ${maskHex(n, modules)}> EI`)
    this.doc.restore()
    return size
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** n×n modules (1 = dark) as image-mask rows, most significant bit first, each row padded to a byte. */
export function maskHex(n: number, modules: ArrayLike<number>): string {
  let hex = ''
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j += 8) {
      let byte = 0
      for (let k = j; k < j + 8; k++) byte = (byte << 1) | (k < n && modules[i * n + k] ? 1 : 0)
      hex += HEX[byte]
    }
  }
  return hex
}

/** A number as pdfkit writes it into a content stream (to a millionth), so drawn text lands where pdfkit puts it. */
function num(n: number): string {
  const r = Math.round(n * 1e6) / 1e6
  return r === 0 ? '0' : String(r)
}

/** The PDF `draw` draws, starting on its first page; in memory. */
export async function renderDrawing(
  spec: DrawingSpec,
  draw: (d: Drawing) => void,
  options: RenderOptions = {},
): Promise<Buffer> {
  const pdfmake = await loadPdfmake(options.resourcesDir)
  const doc = await pdfmake
    .createPdf({
      content: [],
      pageSize: spec.pageSize,
      pageMargins: [0, 0, 0, 0],
      info: spec.info,
      ...(spec.language ? { language: spec.language } : {}),
      defaultStyle: { font: FONT_FAMILY },
    })
    .getStream()
  // pdfkit's own margins only matter to its text wrapping, which is not used; keep them out of the way.
  doc.page.margins = { top: 0, left: 0, bottom: 0, right: 0 }
  const chunks: Buffer[] = []
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', resolve)
    doc.on('error', reject)
  })
  const drawing = new Drawing(doc, spec.pageSize, options.resourcesDir)
  draw(drawing)
  drawing.flushText()
  doc.end()
  await ended
  return Buffer.concat(chunks)
}
