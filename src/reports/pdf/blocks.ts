import { kalimatTanggal, tanggalAngka } from '../../core/tanggal'
import { BLOCK_GAP } from './dataTable'
import type { Alignment, Content, ContentTable, ContentText, Inline, InlineText } from './types'
import { tableLayout } from './tableLayout'

export { TABLE_FONT_SIZE, dataTable } from './dataTable'
export type { CellValue, DataColumn, DataTableSpec } from './dataTable'

/** Body text size; KPU letters are typed in 12 pt Arial, tables a little smaller to fit the columns. */
export const BODY_FONT_SIZE = 12
/** Line spacing of body paragraphs. */
export const PARAGRAPH_LINE_HEIGHT = 1.15

export const CLOSING_SENTENCE =
  'Demikian berita acara ini dibuat dengan sebenar-benarnya untuk dipergunakan sebagaimana mestinya.'

/** A bold run inside a paragraph: paragraph(['… disebut ', strong('PIHAK PERTAMA'), '.']). */
export function strong(text: string): Inline {
  return { text, bold: true }
}

/** Tokens that hold a break opportunity other than a space: "sebenar-benarnya", "514/PP.09.4-BA/1219/2024". */
const INNER_BREAK = /[-/\u2010\u2013]/
const LONGEST_UNBROKEN = 40

type InlineStyle = Omit<InlineText, 'text'>

interface Run {
  style: InlineStyle
  text: string
  whole: boolean
}

function flatten(text: string | Inline[], style: InlineStyle, out: Run[]): Run[] {
  for (const part of typeof text === 'string' ? [text] : text) {
    if (typeof part !== 'string') {
      const { text: inner, ...own } = part
      flatten(inner, { ...style, ...own }, out)
      continue
    }
    for (const token of part.split(/(\s+)/)) {
      if (token === '') continue
      const whole = INNER_BREAK.test(token) && token.length <= LONGEST_UNBROKEN
      const last = out[out.length - 1]
      const sameStyle = last !== undefined && JSON.stringify(last.style) === JSON.stringify(style)
      // The space after an unbreakable run stays with it: as a separate run it would be stretched too.
      if (sameStyle && last.whole && /^\s+$/.test(token)) last.text += token
      else if (!whole && sameStyle && !last.whole) last.text += token
      else out.push({ style, text: token, whole })
    }
  }
  return out
}

/**
 * pdfmake splits words at hyphens and slashes too, and justification then stretches the gap inside
 * "sebenar- benarnya" or a document number like any space. Such tokens become unbreakable runs so
 * only real spaces stretch (a token longer than LONGEST_UNBROKEN may still break, rather than overflow).
 */
export function keepCompoundsWhole(text: string | Inline[]): Inline[] {
  return flatten(text, {}, []).map(({ style, text: t, whole }) =>
    whole ? { ...style, text: t, noWrap: true } : Object.keys(style).length > 0 ? { ...style, text: t } : t,
  )
}

/** The plain text of a paragraph, styles dropped. */
export function plainText(text: string | Inline[]): string {
  return typeof text === 'string' ? text : text.map((t) => (typeof t === 'string' ? t : plainText(t.text))).join('')
}

/**
 * A justified body paragraph, as official letters are set. The document builder keeps its lines from
 * being left alone at the foot or the head of a page (./layout.ts), and keeps a paragraph that ends
 * with a colon ("… dengan rincian sebagai berikut:") on the page of what it introduces.
 */
export function paragraph(
  text: string | Inline[],
  options: { indent?: number; alignment?: Alignment; keepWithNext?: boolean } = {},
): ContentText {
  return {
    text: keepCompoundsWhole(text),
    alignment: options.alignment ?? 'justify',
    margin: [options.indent ?? 0, 0, 0, BLOCK_GAP],
    lineHeight: PARAGRAPH_LINE_HEIGHT,
    hint: { kind: 'paragraph', keepWithNext: options.keepWithNext ?? /:\s*$/.test(plainText(text)) },
  }
}

/** A bold sub-heading inside the body ("I. Data Penerimaan"), kept on the page of what follows it. */
export function subheading(text: string): ContentText {
  return { text, bold: true, margin: [0, 4, 0, 6], hint: { kind: 'keep', measure: 'text', keepWithNext: true } }
}

export interface OpeningOptions {
  /** "Gudang Logistik KPU Kabupaten Batu Bara, Jl. …" */
  tempat?: string
  /** What follows the date; defaults to the formula before the parties are introduced. */
  lanjutan?: string
}

/**
 * "Pada hari ini Kamis tanggal sebelas bulan Juli tahun dua ribu dua puluh empat (11-07-2024),
 * bertempat di …, kami yang bertanda tangan di bawah ini:" — the date in words, then in digits.
 */
export function opening(date: string, options: OpeningOptions = {}): ContentText {
  const tempat = options.tempat ? `, bertempat di ${options.tempat}` : ''
  const lanjutan = options.lanjutan ?? 'kami yang bertanda tangan di bawah ini:'
  return paragraph(`${kalimatTanggal(date)} (${tanggalAngka(date)})${tempat}, ${lanjutan}`)
}

/** The closing sentence; the document builder keeps it on the page of the signatures. */
export function closing(text: string = CLOSING_SENTENCE): ContentText {
  const { hint: _, ...p } = paragraph(text)
  return p
}

export type IdentityValue = string | Inline[]

/**
 * "Nama    : …" rows with the colons in one column. The label column has a fixed width so that the
 * identity tables of PIHAK PERTAMA and PIHAK KEDUA line up with each other.
 */
export function identityTable(
  rows: [string, IdentityValue][],
  options: { labelWidth?: number; indent?: number } = {},
): ContentTable {
  return {
    table: {
      widths: [options.labelWidth ?? 110, 8, '*'],
      body: rows.map(([label, value]) => [label, ':', { text: value }]),
      dontBreakRows: true,
    },
    layout: tableLayout({ line: 0, left: 0, right: (i) => (i === 1 ? 2 : 0), top: 1, bottom: 1 }),
    margin: [options.indent ?? 20, 0, 0, BLOCK_GAP],
    // "Nama" on one page and "Jabatan" on the next reads as two parties; and the table belongs with
    // the "selanjutnya disebut …" line after it.
    hint: { kind: 'keep', measure: 'identity', keepWithNext: true },
  }
}

/** Vertical space, in points (an empty text would add a blank line on top). */
export function spacer(height: number): Content {
  return { canvas: [], margin: [0, height, 0, 0] }
}
