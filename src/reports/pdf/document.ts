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
  titleCase,
} from './chrome'
import { type PreparedTable, tableFits } from './dataTable'
import { FONT_FAMILY } from './fonts'
import { keepOnPage, layoutBlocks, printableContent } from './layout'
import { printable } from './measure'
import { LETTER_MARGINS, PAPER, type PaperName, contentWidth } from './paper'
import { type SignatureBlock, type SignatureSlot, keepSignaturesTogether, signatureArea } from './signatures'
import type { Content, ContentStack, PageBreakHelpers, PageBreakNode, PdfDocDefinition } from './types'
import { tableLayout } from './tableLayout'

export interface Annex {
  /** "DAFTAR PENERIMAAN SURAT SUARA PER DAPIL" */
  title: string
  body: Content[]
  /**
   * 'auto' (the default): portrait when every table of the lampiran fits the width of a portrait
   * page, else landscape (where a table that still does not fit is split by columns).
   */
  orientation?: 'portrait' | 'landscape' | 'auto'
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
  /**
   * The orientation of the letter itself (lampiran choose their own): portrait by default; 'auto'
   * turns it to landscape when a table of the body does not fit a portrait page (a pay recap with a
   * column per item and the signature column at the end).
   */
  orientation?: 'portrait' | 'landscape' | 'auto'
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
  const half = Math.min(Math.round(width * 0.5), 300)
  const rows: [string, string][] = []
  if (doc.nomor) rows.push(['Nomor', bareNomor(doc.nomor)])
  rows.push(['Tanggal', tanggalPanjang(doc.signatures.date)])
  return {
    columns: [
      { text: '', width: '*' },
      {
        width: half,
        stack: [
          { text: `LAMPIRAN ${romawi(n)}`, bold: true },
          { text: titleText(doc.title).toUpperCase() },
          {
            table: { widths: ['auto', 'auto', '*'], body: rows.map(([k, v]) => [k, ':', v]) },
            layout: tableLayout({ line: 0, left: 0, right: (i) => (i < 2 ? 5 : 0), top: 0, bottom: 0 }),
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

/** Every data table hinted in a list of blocks (nested stacks included). */
function tablesOf(content: Content[]): PreparedTable[] {
  return content.flatMap((c) => {
    if (typeof c === 'string' || Array.isArray(c)) return []
    if (c.hint?.kind === 'table') return [c.hint.table]
    return 'stack' in c ? tablesOf(c.stack) : []
  })
}

/** The orientation a lampiran is set in: portrait when all its tables fit a portrait page. */
export function annexOrientation(annex: Annex, paper: PaperName): 'portrait' | 'landscape' {
  if (annex.orientation && annex.orientation !== 'auto') return annex.orientation
  const width = contentWidth(paper)
  return tablesOf(annex.body).every((t) => tableFits(t, width)) ? 'portrait' : 'landscape'
}

const printableSigner = (s: SignatureSlot): SignatureSlot => ({
  ...s,
  peran: printable(s.peran),
  jabatan: printable(s.jabatan),
  nama: printable(s.nama),
  ...(s.instansi ? { instansi: printable(s.instansi) } : {}),
})

/** pdfmake `pageBreakBefore`: signatures kept with their closing; every block kept as ./layout.ts asks. */
function pageBreakBefore(node: PageBreakNode, helpers: PageBreakHelpers): boolean {
  return keepSignaturesTogether(node, helpers) || keepOnPage(node)
}

/** The complete pdfmake definition of an official document: kop, title, body, signatures, lampiran. */
export function buildOfficialDocument(doc: OfficialDocument): PdfDocDefinition {
  const paper = PAPER[doc.paper]
  const portraitWidth = contentWidth(doc.paper)
  const landscapeWidth = paper.height - LETTER_MARGINS.left - LETTER_MARGINS.right
  const orientation =
    doc.orientation === 'auto'
      ? tablesOf(doc.body).every((t) => tableFits(t, portraitWidth))
        ? 'portrait'
        : 'landscape'
      : (doc.orientation ?? 'portrait')
  const width = orientation === 'landscape' ? landscapeWidth : portraitWidth
  const issuer = `KPU ${titleCase(printable(doc.kop.satker))}`
  const { footer, height: footerHeight } = pageFooter(
    {
      ...doc.footer,
      label: printable(
        doc.footer.label ??
          (doc.nomor
            ? `Nomor ${bareNomor(doc.nomor)}`
            : titleCase(Array.isArray(doc.title) ? doc.title[0]! : doc.title)),
      ),
      issuer: printable(doc.footer.issuer ?? issuer),
    },
    LETTER_MARGINS,
  )
  const closing = doc.closing === undefined ? closingParagraph() : doc.closing
  const { hint: _, ...plainClosing } = (closing ?? {}) as Exclude<Content, string | Content[]>
  const signatures: SignatureBlock = {
    ...doc.signatures,
    place: printable(doc.signatures.place),
    columns: doc.signatures.columns.map((r) => r.map(printableSigner)),
    ...(doc.signatures.mengetahui ? { mengetahui: doc.signatures.mengetahui.map(printableSigner) } : {}),
  }
  const ids = { n: 0 }
  const content: Content[] = [
    printableContent(kopSurat(doc.kop, width)),
    printableContent(titleBlock(doc.title, doc.nomor)),
    ...layoutBlocks(doc.body, width, ids),
    signatureArea(signatures, closing ? printableContent(plainClosing as Content) : null, {
      wide: orientation === 'landscape',
    }),
  ]
  ;(doc.annexes ?? []).forEach((annex, i) => {
    const side = annexOrientation(annex, doc.paper)
    const annexWidth = side === 'landscape' ? landscapeWidth : portraitWidth
    const page: ContentStack = {
      pageBreak: 'before',
      pageOrientation: side,
      stack: [
        printableContent(annexHeader(i + 1, doc, annexWidth)),
        { text: printable(annex.title.toUpperCase()), bold: true, alignment: 'center', margin: [0, 0, 0, 12] },
        ...layoutBlocks(annex.body, annexWidth, ids),
      ],
    }
    content.push(page)
  })
  const title = titleText(doc.title).toUpperCase()
  const app = doc.footer.appName ?? 'Gudang Pemilu'
  const def: PdfDocDefinition = {
    pageSize: { width: paper.width, height: paper.height },
    pageOrientation: orientation,
    pageMargins: [
      LETTER_MARGINS.left,
      LETTER_MARGINS.top,
      LETTER_MARGINS.right,
      Math.max(LETTER_MARGINS.bottom, footerHeight),
    ],
    content,
    footer,
    pageBreakBefore,
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
  const watermark = copyWatermark(doc.copy, paper, LETTER_MARGINS)
  if (watermark) def.watermark = watermark
  if (doc.kop.logo) def.images = { [LOGO_IMAGE]: logoDataUrl(doc.kop.logo) }
  return def
}
