import { kalimatTanggal, tanggalAngka } from '../../core/tanggal'
import { formatAngka } from '../../core/terbilang'
import type {
  Alignment,
  Content,
  ContentTable,
  ContentText,
  Inline,
  InlineText,
  TableCell,
  TableLayout,
  Width,
} from './types'

/** Body text size; KPU letters are typed in 12 pt Arial, tables a little smaller to fit the columns. */
export const BODY_FONT_SIZE = 12
export const TABLE_FONT_SIZE = 10
/** Space after each body block, so paragraphs read as paragraphs without blank lines typed in. */
const BLOCK_GAP = 8

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

/** A justified body paragraph, as official letters are set. */
export function paragraph(
  text: string | Inline[],
  options: { indent?: number; alignment?: Alignment } = {},
): ContentText {
  return {
    text: keepCompoundsWhole(text),
    alignment: options.alignment ?? 'justify',
    margin: [options.indent ?? 0, 0, 0, BLOCK_GAP],
    lineHeight: 1.15,
  }
}

/** A bold sub-heading inside the body ("I. Data Penerimaan"). */
export function subheading(text: string): ContentText {
  return { text, bold: true, margin: [0, 4, 0, 6] }
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
  return paragraph(text)
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
    layout: {
      hLineWidth: () => 0,
      vLineWidth: () => 0,
      paddingLeft: () => 0,
      paddingRight: (i) => (i === 1 ? 2 : 0),
      paddingTop: () => 1,
      paddingBottom: () => 1,
    },
    margin: [options.indent ?? 20, 0, 0, BLOCK_GAP],
  }
}

export type CellValue = string | number | null | undefined

export interface DataColumn {
  header: string
  width?: Width
  align?: Alignment
  /** Right-aligned, grouped with dots (1.234.567), summed by a totals row. */
  numeric?: boolean
  /** A numeric column that a totals row must not add up (a year, a code). */
  noSum?: boolean
  /** Never wrap this column's cells (codes, "Batu Bara 1"); numeric columns never wrap anyway. */
  noWrap?: boolean
}

export interface DataTableSpec {
  columns: DataColumn[]
  rows: CellValue[][]
  /**
   * A bold last row. The label spans the columns before the first numeric one; numeric columns are
   * summed unless `values` gives the row (one entry per column, the label's span ignored).
   */
  totals?: { label?: string; values?: CellValue[] }
  /** Prepend a "No." column numbered 1, 2, 3 … */
  numbered?: boolean
  /** A row "(1) (2) (3) …" under the header, as government tables number their columns. */
  columnNumbers?: boolean
  fontSize?: number
}

/** Thin black rules only, so the table survives photocopying and faxing; no zebra stripes. */
const GRID: TableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: '#000000',
  vLineColor: '#000000',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2,
  paddingBottom: () => 2,
}

const HEADER_FILL = '#e8e8e8'

function cellText(value: CellValue, column: DataColumn): string {
  if (value === null || value === undefined) return column.numeric ? '-' : ''
  return typeof value === 'number' ? formatAngka(value) : value
}

/**
 * A bordered data table whose header repeats on every page, rows never split across a page break,
 * numbers right-aligned in Indonesian grouping.
 */
export function dataTable(spec: DataTableSpec): ContentTable {
  const columns: DataColumn[] = spec.numbered
    ? [{ header: 'No.', width: 'auto', align: 'center' }, ...spec.columns]
    : spec.columns
  const rows = spec.numbered ? spec.rows.map((r, i) => [i + 1, ...r] as CellValue[]) : spec.rows
  for (const [i, r] of rows.entries()) {
    if (r.length !== columns.length)
      throw new Error(`Baris ${i + 1} tabel berisi ${r.length} sel, seharusnya ${columns.length}`)
  }
  const align = (c: DataColumn): Alignment => c.align ?? (c.numeric ? 'right' : 'left')
  const header: TableCell[] = columns.map((c) => ({
    text: c.header,
    bold: true,
    alignment: 'center',
    fillColor: HEADER_FILL,
    verticalAlignment: 'middle',
  }))
  const headerRows: TableCell[][] = [header]
  if (spec.columnNumbers) {
    headerRows.push(
      columns.map((_, i) => ({
        text: `(${i + 1})`,
        alignment: 'center',
        italics: true,
        fontSize: (spec.fontSize ?? TABLE_FONT_SIZE) - 2,
        fillColor: HEADER_FILL,
      })),
    )
  }
  const body: TableCell[][] = [
    ...headerRows,
    // The "No." column of `numbered` is a sequence, printed without grouping.
    ...rows.map((r) =>
      r.map((v, i) => {
        const c = columns[i]!
        const cell = { text: spec.numbered && i === 0 ? String(v) : cellText(v, c), alignment: align(c) }
        // An unwrappable cell makes pdfmake size an 'auto' column to its widest value, not its widest word.
        return c.numeric || c.noWrap || (spec.numbered && i === 0) ? { ...cell, noWrap: true } : cell
      }),
    ),
  ]
  if (spec.totals) body.push(totalsRow(columns, rows, spec.totals, align))
  return {
    table: {
      headerRows: headerRows.length,
      // A header alone at the foot of a page says nothing; take one data row with it.
      keepWithHeaderRows: rows.length > 0 ? 1 : 0,
      dontBreakRows: true,
      widths: columns.map((c) => c.width ?? (c.numeric ? 'auto' : '*')),
      body,
    },
    layout: GRID,
    fontSize: spec.fontSize ?? TABLE_FONT_SIZE,
    margin: [0, 2, 0, BLOCK_GAP + 2],
  }
}

function totalsRow(
  columns: DataColumn[],
  rows: CellValue[][],
  totals: NonNullable<DataTableSpec['totals']>,
  align: (c: DataColumn) => Alignment,
): TableCell[] {
  const firstNumeric = columns.findIndex((c) => c.numeric)
  const span = Math.max(1, firstNumeric === -1 ? columns.length : firstNumeric)
  const cells: TableCell[] = [{ text: totals.label ?? 'JUMLAH', bold: true, alignment: 'center', colSpan: span }]
  for (let i = 1; i < span; i++) cells.push({})
  for (let i = span; i < columns.length; i++) {
    const c = columns[i]!
    const value: CellValue = totals.values
      ? totals.values[i]
      : c.numeric && !c.noSum
        ? rows.reduce((sum, r) => sum + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0)
        : null
    cells.push({
      text: value === null || value === undefined ? '' : cellText(value, c),
      bold: true,
      alignment: align(c),
    })
  }
  return cells
}

/** Vertical space, in points (an empty text would add a blank line on top). */
export function spacer(height: number): Content {
  return { canvas: [], margin: [0, height, 0, 0] }
}
