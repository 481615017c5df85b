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
    page: { width: number; height: number; margins: { top: number; left: number; bottom: number; right: number } }
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
    /** A font file's path (pdfkit reads and embeds it once per document). */
    font(src: string): this
    fontSize(size: number): this
    fillColor(color: string): this
    text(text: string, x: number, y: number, options: { lineBreak: false }): this
    widthOfString(text: string): number
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
    fonts?: Record<string, FontFiles>
  }

  const pdfmake: PdfMake
  export default pdfmake
}
