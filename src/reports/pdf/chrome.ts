import { tanggalJam } from '../../core/tanggal'
import { fontLineHeight } from './fonts'
import { textWidth } from './measure'
import { qrCanvas } from './qr'
import type { Content, ContentStack, DynamicContent, Watermark } from './types'
import { tableLayout } from './tableLayout'

/** The letterhead. */
export interface Kop {
  /** "KOMISI PEMILIHAN UMUM" */
  instansi: string
  /** "KABUPATEN BATU BARA" */
  satker: string
  /** "Jl. Perintis Kemerdekaan No. 1, Limapuluh, Kabupaten Batu Bara 21255" */
  alamat?: string
  /** "Telepon (0622) 96xxx · Pos-el kab.batubara@kpu.go.id · Laman kab-batubara.kpu.go.id" */
  kontak?: string
  logo?: { data: Uint8Array; mime: 'image/png' | 'image/jpeg' } | null
}

export type CopyMark =
  | { kind: 'ASLI' }
  | { kind: 'SALINAN'; /** The print counter; the original is print 1. */ printNo: number; printedAt: string }

export interface FooterInfo {
  /** The register's id (PDF metadata; the QR code carries it too). */
  documentId: string
  /**
   * What each page belongs to, before "Halaman x dari y": "Nomor 514/PP.09.4-BA/1219/2024", or the
   * title of an unnumbered paper. buildOfficialDocument fills it from the nomor and the title.
   */
  label?: string
  /** Whose register the QR code is checked against: "KPU Kabupaten Batu Bara". */
  issuer?: string
  /** The ledger head the document was made from: proves later that no ledger rows were dropped. */
  chainHead: { seq: number; hash: string }
  /**
   * The kode saksi harian of the file when the paper was issued ("J-18422-7KQ2M-9XH4C", core/jejak.ts):
   * what a reader copies into the logbook or reads out to the KPU provinsi; null or absent prints none.
   */
  kodeSaksi?: string | null
  /** Short text for the QR code (≤ 154 UTF-8 bytes; ≤ 84 keeps version 5 at ECC level M): what a verifier scans to find the record. */
  qrText: string
  /** Local time 'YYYY-MM-DDTHH:mm' the document was generated (PDF metadata). */
  generatedAt: string
  appName?: string
}

export const LOGO_IMAGE = 'kopLogo'
const LOGO_SIZE = 62

export function logoDataUrl(logo: NonNullable<Kop['logo']>): string {
  return `data:${logo.mime};base64,${Buffer.from(logo.data).toString('base64')}`
}

/**
 * Logo at the left, the two name lines centred on the page (an empty column as wide as the logo on
 * the right keeps them centred), the address under them, then the double rule — thick over thin —
 * of Indonesian government letterheads.
 */
export function kopSurat(kop: Kop, width: number): ContentStack {
  const lines: Content[] = [
    { text: kop.instansi.toUpperCase(), fontSize: 16, bold: true },
    { text: kop.satker.toUpperCase(), fontSize: 16, bold: true },
  ]
  if (kop.alamat) lines.push({ text: kop.alamat, fontSize: 10, margin: [0, 3, 0, 0] })
  if (kop.kontak) lines.push({ text: kop.kontak, fontSize: 9 })
  const text: ContentStack = { stack: lines, alignment: 'center', width: '*' }
  const head: Content = kop.logo
    ? {
        columns: [
          { image: LOGO_IMAGE, fit: [LOGO_SIZE, LOGO_SIZE], width: LOGO_SIZE },
          text,
          { text: '', width: LOGO_SIZE },
        ],
        columnGap: 8,
      }
    : text
  return {
    stack: [
      head,
      {
        canvas: [
          { type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 2.25 },
          { type: 'line', x1: 0, y1: 3.25, x2: width, y2: 3.25, lineWidth: 0.75 },
        ],
        margin: [0, 6, 0, 14],
      },
    ],
  }
}

/** The number without a leading "Nomor:", which callers may or may not have written. */
export function bareNomor(nomor: string): string {
  return nomor.replace(/^\s*nomor\s*:\s*/i, '')
}

/** Title lines centred and bold, then "Nomor: …". */
export function titleBlock(title: string | string[], nomor: string | null): ContentStack {
  const lines = Array.isArray(title) ? title : [title]
  const stack: Content[] = lines.map((t) => ({ text: t.toUpperCase(), bold: true, fontSize: 13, alignment: 'center' }))
  if (nomor) stack.push({ text: `Nomor: ${bareNomor(nomor)}`, alignment: 'center', margin: [0, 2, 0, 0] })
  return { stack, margin: [0, 0, 0, 16] }
}

/**
 * SALINAN in the header of every page as a framed stamp with the print number and time, because the
 * pale diagonal watermark may vanish on a photocopy while the header does not.
 */
export function copyHeader(copy: CopyMark, margins: { left: number; right: number }): DynamicContent | undefined {
  if (copy.kind !== 'SALINAN') return undefined
  if (!Number.isInteger(copy.printNo) || copy.printNo < 2)
    throw new Error(`Nomor cetakan salinan harus 2 atau lebih, bukan ${copy.printNo}`)
  const stamp: Content = {
    width: 'auto',
    table: {
      body: [
        [
          {
            stack: [
              { text: 'SALINAN', bold: true, fontSize: 12, characterSpacing: 2 },
              { text: `Cetakan ke-${copy.printNo} · ${tanggalJam(copy.printedAt)}`, fontSize: 8 },
            ],
            alignment: 'center',
          },
        ],
      ],
    },
    layout: tableLayout({ line: 1, left: 6, right: 6, top: 2, bottom: 2 }),
  }
  return () => ({ columns: [{ text: '', width: '*' }, stamp], margin: [margins.left, 14, margins.right, 0] })
}

/**
 * The pale diagonal SALINAN across every page, sized to stay inside the margins of a portrait and of
 * a landscape page of this paper (pdfmake would size it to the whole sheet, past what printers print).
 * pdfmake turns it along each page's diagonal and centres it on the sheet; the sheet's centre lies
 * half the difference of the side margins off the text's, and poppler measures a glyph by its font box:
 * hence the 0.8.
 */
export function copyWatermark(
  copy: CopyMark,
  page: { width: number; height: number },
  margins: { left: number; right: number; top: number; bottom: number },
): Watermark | undefined {
  if (copy.kind !== 'SALINAN') return undefined
  const text = 'SALINAN'
  const w = textWidth(text, 1, 'bold')
  const h = fontLineHeight('bold')
  const fits = (pw: number, ph: number) => {
    const angle = Math.atan2(ph, pw)
    const [c, s] = [Math.cos(angle), Math.sin(angle)]
    const boxW = pw - margins.left - margins.right
    const boxH = ph - 2 * margins.top
    return Math.min(boxW / (w * c + h * s), boxH / (w * s + h * c))
  }
  const fontSize = Math.floor(0.8 * Math.min(fits(page.width, page.height), fits(page.height, page.width)))
  // Pale enough to read the text through, dark enough to be seen at a glance on screen and on paper.
  return { text, color: '#808080', opacity: 0.12, bold: true, fontSize }
}

export interface PageFooter {
  footer: DynamicContent
  /** Points the footer needs below the body. */
  height: number
}

const FOOTER_GAP_TOP = 10
/** Printers leave 4–5 mm at the sheet's edge unprinted; keep the QR well clear of it. */
const FOOTER_GAP_BOTTOM = 22

/** Abbreviations that stay in capitals when a title is set in title case. */
const ACRONYMS = new Set(['KPU', 'PPK', 'PPS', 'KPPS', 'TPS', 'BA', 'DPR', 'DPD', 'DPRD', 'RI', 'PPWP', 'PSU', 'NIP'])
const SMALL_WORDS = new Set([
  'dan',
  'dari',
  'di',
  'ke',
  'untuk',
  'yang',
  'per',
  'atas',
  'serta',
  'atau',
  'pada',
  'dengan',
])

/** "BERITA ACARA SERAH TERIMA DARI PPK" → "Berita Acara Serah Terima dari PPK". */
export function titleCase(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map((w, i) => {
      if (ACRONYMS.has(w.replace(/[^A-Za-z]/g, '').toUpperCase()) && w === w.toUpperCase()) return w
      const lower = w.toLowerCase()
      if (i > 0 && SMALL_WORDS.has(lower)) return lower
      return lower.replace(/(^|[-/(])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase())
    })
    .join(' ')
}

/**
 * Every page, as a KPU paper's foot: a hairline, then what the page belongs to ("Nomor …" of the BA,
 * or the title of an unnumbered paper) with "Halaman x dari y", the verification code (the ledger
 * chain head the document was made from: sequence and the first 16 hex characters of its hash) with the
 * kode saksi of the whole file at issue (the jejak head, easy to read aloud and copy into a logbook), and a
 * line saying what the QR code at the right is for. The QR goes on every page rather than once by the
 * signatures because pages of a berita acara get separated, stapled into other files and photocopied
 * one by one; each page then still names its document and can be checked on its own. Its fixed corner
 * also keeps the signature area free for stamps.
 */
export function pageFooter(
  info: FooterInfo & { label: string; issuer: string },
  margins: { left: number; right: number },
): PageFooter {
  const qr = qrCanvas(info.qrText)
  const code = `${info.chainHead.seq}:${info.chainHead.hash.slice(0, 16)}`
  const small = 7.5
  const footer: DynamicContent = (page, pages, pageSize) => ({
    margin: [margins.left, FOOTER_GAP_TOP, margins.right, 0],
    columns: [
      {
        width: '*',
        stack: [
          {
            canvas: [
              {
                type: 'line',
                x1: 0,
                y1: 0,
                x2: pageSize.width - margins.left - margins.right - qr.size - 14,
                y2: 0,
                lineWidth: 0.5,
                lineColor: '#555555',
              },
            ],
            margin: [0, 2, 0, 4],
          },
          { text: `${info.label} · Halaman ${page} dari ${pages}`, fontSize: 9, bold: true },
          {
            // The kode saksi in bold: the one a reader copies into the logbook.
            text: [
              `Kode verifikasi: ${code}`,
              ...(info.kodeSaksi ? [' · ', { text: `Kode saksi: ${info.kodeSaksi}`, bold: true }] : []),
            ],
            fontSize: small,
            margin: [0, 2, 0, 0],
          },
          {
            text: `Pindai kode QR di samping untuk mencocokkan halaman ini dengan register dokumen ${info.issuer}.`,
            fontSize: small,
            color: '#333333',
          },
        ],
      },
      // pdfmake moves a canvas's vectors into place by changing them: each page gets its own.
      { ...qr.node, canvas: qr.node.canvas.map((v) => ({ ...v })) },
    ],
    columnGap: 14,
  })
  return { footer, height: FOOTER_GAP_TOP + qr.size + FOOTER_GAP_BOTTOM }
}
