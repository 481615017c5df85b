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

  interface OutputDocument {
    getBuffer(): Promise<Buffer>
    /** The pdfkit document; pipe it somewhere, then call end(). */
    getStream(): Promise<Readable & { end(): void }>
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
