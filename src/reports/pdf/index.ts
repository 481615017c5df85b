// The berita acara framework: build a definition from typed parts, render it. See docs/documents.md.
export {
  BODY_FONT_SIZE,
  CLOSING_SENTENCE,
  TABLE_FONT_SIZE,
  closing,
  dataTable,
  identityTable,
  keepCompoundsWhole,
  opening,
  paragraph,
  spacer,
  strong,
  subheading,
} from './blocks'
export type { CellValue, DataColumn, DataTableSpec, IdentityValue, OpeningOptions } from './blocks'
export type { CopyMark, FooterInfo, Kop } from './chrome'
export { buildOfficialDocument } from './document'
export type { Annex, OfficialDocument } from './document'
export { FONT_FAMILY, loadPdfmake, resolveFontsDir } from './fonts'
export { LETTER_MARGINS, PAPER, cm, contentWidth, mm } from './paper'
export type { PaperName } from './paper'
export { QR_MAX_BYTES } from './qr'
export { renderPdf, renderPdfToFile } from './render'
export type { RenderOptions } from './render'
export { SIGNATURE_SPACE } from './signatures'
export type { SignatureBlock, Signer } from './signatures'
export type * from './types'
