// pdfmake 0.3 ships no TypeScript types; this declares the server-side singleton as far as
// src/reports/pdf uses it. Document definitions are typed in ./types.ts.
declare module 'pdfmake' {
  import type { Readable } from 'node:stream'

  interface FontFiles {
    normal: string
    bold: string
    italics: string
    bolditalics: string
  }

  /**
   * The pdfkit document pdfmake renders into, as far as src/reports/pdf/draw.ts draws on it directly.
   * Coordinates are points from the top left of the page.
   */
  export interface PdfKitDocument extends Readable {
    end(): void
    page: {
      width: number
      height: number
      margins: { top: number; left: number; bottom: number; right: number }
      fonts: Record<string, unknown>
    }
    addPage(options: { size: [number, number]; margin: number }): this
    save(): this
    restore(): this
    transform(m11: number, m12: number, m21: number, m22: number, dx: number, dy: number): this
    rect(x: number, y: number, w: number, h: number): this
    fill(color: string): this
    stroke(color: string): this
    lineWidth(w: number): this
    dash(length: number, options: { space: number; phase?: number }): this
    undash(): this
    /** A font file's path, or a name given to registerFont (pdfkit embeds it once per document). */
    font(src: string): this
    /** Makes `name` stand for the font `src` (its bytes, or fonts.ts's token of a parsed font) in font(). */
    registerFont(name: string, src: Buffer): this
    fontSize(size: number): this
    fillColor(color: string): this
    text(text: string, x: number, y: number, options: { lineBreak: false }): this
    widthOfString(text: string): number
    /** The font last chosen with font(). */
    _font: PdfKitFont
    /** Raw content-stream operators for the current page, in its top-left coordinate system. */
    addContent(data: string): this
  }

  /** A font pdfkit embeds (fontkit underneath), as far as draw.ts sets text with it directly. */
  export interface PdfKitFont {
    /** The resource name on the page ("F1"). */
    id: string
    /** Per 1000 units of font size. */
    ascender: number
    descender: number
    ref(): unknown
    /** Glyph ids as 4-digit hex (adding them to the subset) and their positions, per 1000 units of font size. */
    encode(text: string): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]]
    widthOfString(text: string, size: number): number
  }

  interface OutputDocument {
    getBuffer(): Promise<Buffer>
    /** The pdfkit document, with every page of the definition drawn; pipe it somewhere, then call end(). */
    getStream(): Promise<PdfKitDocument>
    write(filename: string): Promise<void>
  }

  interface PdfMake {
    addFonts(fonts: Record<string, FontFiles>): void
    setFonts(fonts: Record<string, FontFiles>): void
    setLocalAccessPolicy(callback: ((path: string) => boolean) | undefined): void
    setUrlAccessPolicy(callback: ((url: string) => boolean) | undefined): void
    createPdf(docDefinition: object, options?: object): OutputDocument
    /** Read before the disk when a font is opened (pdfmake's PDFDocument.provideFont). */
    virtualfs: { writeFileSync(path: string, content: Buffer): void }
    fonts?: Record<string, FontFiles>
  }

  const pdfmake: PdfMake
  export default pdfmake
}
