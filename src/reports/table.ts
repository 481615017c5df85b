import type ExcelJS from 'exceljs'
import * as measure from './pdf/measure'

/** A plain table, the shape every tally and needs export takes before it becomes XLSX or CSV. */
export interface Table {
  /** Sheet name (max 31 chars in Excel). */
  sheet: string
  /** Lines printed above the table in XLSX: title, satker, data note. */
  heading: string[]
  columns: {
    label: string
    numeric: boolean
    /** A width in characters; by default the column is as wide as its longest value (up to 60). */
    width?: number
    /**
     * Decimal places shown; by default 2 when the column holds a fraction, else none, so the sheet
     * shows what the paper shows (23.566,5 stays 23.566,5).
     */
    decimals?: number
  }[]
  rows: (string | number)[][]
  /**
   * Optional totals row, bold in XLSX. A number under a numeric column that adds up the column is
   * written as a SUM formula with that number as its cached value, so the sheet stays right when a
   * bendahara corrects a row; any other value is written as it is.
   */
  totals?: (string | number)[]
  /** A line at the foot of every printed page (XLSX only), e.g. the kode saksi of the file it came from. */
  printFooter?: string
}

/** A totals row: the label in the first column, every numeric column summed. */
export function sumRow(columns: Table['columns'], rows: Table['rows'], label = 'JUMLAH'): (string | number)[] {
  return columns.map((c, i) =>
    i === 0 ? label : c.numeric ? rows.reduce((s, r) => s + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0) : '',
  )
}

/**
 * CSV for Excel in an Indonesian locale: semicolon separated, UTF-8 with BOM, CRLF. Cells that a
 * spreadsheet would run as a formula are prefixed with an apostrophe (CSV injection).
 */
export function tableToCsv(t: Table): Buffer {
  const cell = (v: string | number) => {
    if (typeof v === 'number') return String(v)
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
    return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
  }
  const lines = [
    t.columns.map((c) => cell(c.label)),
    ...t.rows.map((r) => r.map(cell)),
    ...(t.totals ? [t.totals.map(cell)] : []),
  ]
  return Buffer.from('\ufeff' + lines.map((l) => l.join(';')).join('\r\n') + '\r\n', 'utf8')
}

export async function tableToXlsx(t: Table): Promise<Buffer> {
  return tablesToXlsx([t])
}

/**
 * One workbook, one sheet per table. Text is always written as text cells, never formulas, so a name
 * like "=HYPERLINK(…)" from an imported file is shown, not run, in Excel and LibreOffice alike; the
 * only formulas are the totals the writer makes itself.
 */
export async function tablesToXlsx(tables: readonly Table[]): Promise<Buffer> {
  // Loaded here, not with the module: exceljs takes 0.3 s to load, which a CSV export must not pay. The text
  // measure is imported with the module: it loads pdfkit and its fonts itself on the first measure, and the
  // PDF writers import it statically anyway, so a dynamic import of it split nothing (the build said so).
  const { default: Excel } = await import('exceljs')
  const wb = new Excel.Workbook()
  wb.creator = 'Gudang Pemilu'
  wb.created = new Date(0) // stable output: the same data gives the same file
  for (const t of tables) addSheet(wb, t, measure)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

type Measure = Pick<typeof measure, 'textWidth' | 'breakLines'>

/**
 * Column widths are in Excel's unit, the width of a "0" in the default font (Calibri 11). Text is
 * measured in Liberation Sans (Arial's metrics), a little wider than Calibri, so a column sized here
 * holds its longest value in either.
 */
const FONT_SIZE = 11
const MAX_WIDTH = 60
const MIN_WIDTH = 6
/** Points of one line of 11-pt text in a row, with Excel's own padding. */
const LINE_HEIGHT = 15

/**
 * In a column that holds fractions, each number shows the decimals the paper shows (up to the column's):
 * a pay share of 8.501,5 as 8.501,5 and 6.356,67 as 6.356,67, a whole 3.000 as 3.000 — the column's
 * own format would print 8.501,50 and 3.000,00, or round to 8.502 with none.
 */
function shownAsOnPaper(
  row: ExcelJS.Row,
  values: readonly (string | number)[],
  t: Table,
  decimals: readonly number[],
): void {
  values.forEach((v, i) => {
    if (!t.columns[i]?.numeric || typeof v !== 'number' || !decimals[i]) return
    const places = Math.min(decimals[i]!, decimalsOf(v))
    row.getCell(i + 1).numFmt = places ? `#,##0.${'0'.repeat(places)}` : '#,##0'
  })
}

/** How many decimals a number needs to be shown exactly (to at most 6 places). */
function decimalsOf(v: number): number {
  for (let d = 0; d < 6; d++) if (Math.abs(Math.round(v * 10 ** d) - v * 10 ** d) < 1e-6) return d
  return 6
}

const numberText = (v: number, decimals: number) =>
  v.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })

const columnLetter = (n: number): string => {
  let s = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s
  return s
}

function addSheet(wb: ExcelJS.Workbook, t: Table, { textWidth, breakLines }: Measure): void {
  const zero = textWidth('0', FONT_SIZE)
  const chars = (text: string, bold = false) =>
    Math.max(...text.split('\n').map((l) => textWidth(l, FONT_SIZE, bold ? 'bold' : 'normal') / zero))
  /** How many lines a text takes in a column `width` characters wide (wrapped at spaces). */
  const linesIn = (text: string, width: number, bold = false): number =>
    text
      .split('\n')
      .reduce(
        (n, l) =>
          n +
          Math.max(
            1,
            breakLines([{ text: l, variant: bold ? 'bold' : 'normal' }], (width - 1) * zero, FONT_SIZE).length,
          ),
        0,
      )

  const headerRow = t.heading.length + 2
  const ws = wb.addWorksheet(t.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: headerRow }] })
  t.heading.forEach((h, i) => {
    const row = ws.addRow([h])
    if (i === 0) row.font = { bold: true, size: 13 }
  })
  ws.addRow([])

  const decimals = t.columns.map(
    (c, i) =>
      c.decimals ??
      (c.numeric &&
      [...t.rows, ...(t.totals ? [t.totals] : [])].some((r) => typeof r[i] === 'number' && !Number.isInteger(r[i]))
        ? 2
        : 0),
  )
  // Width by content: the longest value (numbers as formatted), the header's longest word, capped.
  const widths = t.columns.map((c, i) => {
    if (c.width) return c.width
    let w = Math.max(...c.label.split(/\s+/).map((word) => chars(word, true)))
    for (const r of [...t.rows, ...(t.totals ? [t.totals] : [])]) {
      const v = r[i]
      if (v === undefined || v === '') continue
      w = Math.max(w, typeof v === 'number' ? chars(numberText(v, decimals[i]!)) : chars(v, r === t.totals))
    }
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(w + 2)))
  })

  const header = ws.addRow(t.columns.map((c) => c.label))
  header.font = { bold: true }
  header.alignment = { vertical: 'middle', wrapText: true }
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFE7E7' } }
    c.border = { bottom: { style: 'thin' } }
  })
  // Wrapped headers get the height of their lines: a row keeps Excel's one-line height otherwise, and
  // the second line hides under the first data row.
  header.height = LINE_HEIGHT * Math.max(...t.columns.map((c, i) => linesIn(c.label, widths[i]!, true)))

  const first = headerRow + 1
  for (const r of t.rows) {
    const row = ws.addRow(r)
    shownAsOnPaper(row, r, t, decimals)
    const lines = Math.max(1, ...r.map((v, i) => (typeof v === 'string' && v ? linesIn(v, widths[i]!) : 1)))
    if (lines > 1) {
      row.height = LINE_HEIGHT * lines
      row.alignment = { vertical: 'top', wrapText: true }
    }
  }
  const last = headerRow + t.rows.length
  if (t.totals) {
    const values = t.totals.map((v, i) => {
      const c = t.columns[i]!
      if (!c.numeric || typeof v !== 'number' || t.rows.length === 0) return v
      const sum = t.rows.reduce((s, r) => s + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0)
      if (Math.abs(sum - v) > 1e-9) return v
      const col = columnLetter(i + 1)
      return { formula: `SUM(${col}${first}:${col}${last})`, result: v }
    })
    const tr = ws.addRow(values)
    shownAsOnPaper(tr, t.totals, t, decimals)
    tr.font = { bold: true }
    tr.eachCell((c) => (c.border = { top: { style: 'thin' } }))
  }
  if (t.printFooter) {
    // '&' starts a code in Excel's header/footer language; a literal one is doubled.
    ws.headerFooter = { oddFooter: `&L&8${t.printFooter.replace(/&/g, '&&')}&R&8Halaman &P dari &N` }
  }
  t.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1)
    // exceljs leaves a column of width 9 (its default) out of the file, and Excel's default is 8,43.
    col.width = widths[i] === 9 ? 9.1 : widths[i]!
    // A column holding fractions has its format per cell (shownAsOnPaper); a column format would
    // override them.
    if (c.numeric && !decimals[i]) col.numFmt = '#,##0'
  })
  ws.pageSetup = {
    orientation: t.columns.length > 7 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    paperSize: 9,
  }
}
