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
  plainText,
  spacer,
  strong,
  subheading,
} from './blocks'
export type { CellValue, DataColumn, DataTableSpec, IdentityValue, OpeningOptions } from './blocks'
export type { CopyMark, FooterInfo, Kop } from './chrome'
export { annexOrientation, buildOfficialDocument } from './document'
export { keepOnPage, layoutBlocks, printableContent } from './layout'
export { breakLines, hasGlyph, maxTextWidth, minTextWidth, printable, textWidth } from './measure'
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
