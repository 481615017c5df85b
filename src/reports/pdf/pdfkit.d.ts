// pdfkit ships no TypeScript types; this declares what src/reports/pdf/measure.ts uses of it.
declare module 'pdfkit' {
  interface PdfKitMeasuringDocument {
    /** A font file's path; the document's current font becomes it (its pdfkit font object is `_font`). */
    font(src: string): this
    /** Makes `name` stand for the font `src` (fonts.ts's token of a parsed font) in font(). */
    registerFont(name: string, src: Buffer): this
  }
  const PDFDocument: new (options?: { autoFirstPage?: boolean }) => PdfKitMeasuringDocument
  export default PDFDocument
}
