import { parseTanggal, tanggalPanjang } from '../../core/tanggal'
import { romawi } from '../../core/terbilang'
import { BODY_FONT_SIZE, closing as closingParagraph } from './blocks'
import {
  type CopyMark,
  type FooterInfo,
  type Kop,
  LOGO_IMAGE,
  bareNomor,
  copyHeader,
  copyWatermark,
  kopSurat,
  logoDataUrl,
  pageFooter,
  titleBlock,
} from './chrome'
import { FONT_FAMILY } from './fonts'
import { LETTER_MARGINS, PAPER, type PaperName, contentWidth } from './paper'
import { type SignatureBlock, keepSignaturesTogether, signatureArea } from './signatures'
import type { Content, ContentStack, PdfDocDefinition } from './types'

export interface Annex {
  /** "DAFTAR PENERIMAAN SURAT SUARA PER DAPIL" */
  title: string
  body: Content[]
}

/** Everything a berita acara (or any official document of the satker) is made of. */
export interface OfficialDocument {
  paper: PaperName
  kop: Kop
  /** "BERITA ACARA PENERIMAAN LOGISTIK", or two lines. */
  title: string | string[]
  /** The number alone ("514/PP.09.4-BA/1219/2024"); "Nomor: " is added. null for unnumbered papers. */
  nomor: string | null
  /** Built with the helpers of ./blocks: opening, paragraph, identityTable, dataTable … */
  body: Content[]
  /**
   * The closing paragraph, kept on one page with the signatures. Defaults to the standard
   * "Demikian berita acara ini dibuat …"; null for none. Do not repeat it at the end of `body`.
   */
  closing?: Content | null
  signatures: SignatureBlock
  /** ASLI for the first print; every reprint is a SALINAN. */
  copy: CopyMark
  footer: FooterInfo
  /** Lampiran, each starting on a new page. */
  annexes?: Annex[]
}

/**
 * PDF CreationDate from the generation time, so identical input gives identical bytes. The digits
 * are local Indonesian time; without an explicit offset they are read as WIB (UTC+7). Only metadata
 * depends on this choice — the printed text uses the digits as they are.
 */
export function creationDate(generatedAt: string): Date {
  const { year, month, day } = parseTanggal(generatedAt)
  const time = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(generatedAt)
  const offset = /(Z|[+-]\d{2}:?\d{2})$/.exec(generatedAt)?.[1]
  if (offset) return new Date(generatedAt)
  const [hh, mm, ss] = [Number(time?.[1] ?? 0), Number(time?.[2] ?? 0), Number(time?.[3] ?? 0)]
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day)
  d.setUTCHours(hh - 7, mm, ss, 0)
  return d
}

/** "LAMPIRAN I / BERITA ACARA … / Nomor : … / Tanggal : …" at the top right of a lampiran. */
function annexHeader(n: number, doc: OfficialDocument, width: number): Content {
  const rows: [string, string][] = []
  if (doc.nomor) rows.push(['Nomor', bareNomor(doc.nomor)])
  rows.push(['Tanggal', tanggalPanjang(doc.signatures.date)])
  return {
    columns: [
      { text: '', width: '*' },
      {
        width: Math.round(width * 0.5),
        stack: [
          { text: `LAMPIRAN ${romawi(n)}`, bold: true },
          { text: titleText(doc.title).toUpperCase() },
          {
            table: { widths: ['auto', 'auto', '*'], body: rows.map(([k, v]) => [k, ':', v]) },
            layout: {
              hLineWidth: () => 0,
              vLineWidth: () => 0,
              paddingLeft: () => 0,
              paddingRight: (i) => (i < 2 ? 5 : 0),
              paddingTop: () => 0,
              paddingBottom: () => 0,
            },
          },
        ],
        fontSize: 10,
      },
    ],
    margin: [0, 0, 0, 16],
  }
}

function titleText(title: string | string[]): string {
  return (Array.isArray(title) ? title.join(' ') : title).replace(/\s+/g, ' ').trim()
}

/** The complete pdfmake definition of an official document: kop, title, body, signatures, lampiran. */
export function buildOfficialDocument(doc: OfficialDocument): PdfDocDefinition {
  const paper = PAPER[doc.paper]
  const width = contentWidth(doc.paper)
  const { footer, height: footerHeight } = pageFooter(doc.footer, LETTER_MARGINS)
  const closing = doc.closing === undefined ? closingParagraph() : doc.closing
  const content: Content[] = [
    kopSurat(doc.kop, width),
    titleBlock(doc.title, doc.nomor),
    ...doc.body,
    signatureArea(doc.signatures, closing),
  ]
  ;(doc.annexes ?? []).forEach((annex, i) => {
    const page: ContentStack = {
      pageBreak: 'before',
      stack: [
        annexHeader(i + 1, doc, width),
        { text: annex.title.toUpperCase(), bold: true, alignment: 'center', margin: [0, 0, 0, 12] },
        ...annex.body,
      ],
    }
    content.push(page)
  })
  const title = titleText(doc.title).toUpperCase()
  const app = doc.footer.appName ?? 'Gudang Pemilu'
  const def: PdfDocDefinition = {
    pageSize: { width: paper.width, height: paper.height },
    pageMargins: [
      LETTER_MARGINS.left,
      LETTER_MARGINS.top,
      LETTER_MARGINS.right,
      Math.max(LETTER_MARGINS.bottom, footerHeight),
    ],
    content,
    footer,
    pageBreakBefore: keepSignaturesTogether,
    info: {
      title: doc.nomor ? `${title} Nomor ${bareNomor(doc.nomor)}` : title,
      author: 'Gudang Pemilu',
      subject: `${doc.kop.instansi} ${doc.kop.satker}`,
      keywords: `${doc.footer.documentId}; rantai ${doc.footer.chainHead.seq}:${doc.footer.chainHead.hash}${doc.copy.kind === 'SALINAN' ? `; salinan ${doc.copy.printNo}` : ''}`,
      creator: app,
      producer: `${app} (pdfmake)`,
      creationDate: creationDate(doc.footer.generatedAt),
    },
    language: 'id-ID',
    defaultStyle: { font: FONT_FAMILY, fontSize: BODY_FONT_SIZE },
  }
  const header = copyHeader(doc.copy, LETTER_MARGINS)
  if (header) def.header = header
  const watermark = copyWatermark(doc.copy)
  if (watermark) def.watermark = watermark
  if (doc.kop.logo) def.images = { [LOGO_IMAGE]: logoDataUrl(doc.kop.logo) }
  return def
}
