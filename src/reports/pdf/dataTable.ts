import { formatAngka } from '../../core/terbilang'
import { maxTextWidth, minTextWidth, printable, textWidth } from './measure'
import { tableLayout } from './tableLayout'
import type {
  Alignment,
  ContentStack,
  ContentTable,
  DataColumn,
  PreparedTable,
  TableCell,
  TableLayout,
  Width,
} from './types'

export type { DataColumn, PreparedTable }

/**
 * Bordered data tables sized by their content. dataTable() only records what the table says; the
 * document builder sizes it once it knows the width it stands in (fitTable): every column gets at
 * least its widest word (its widest value for numbers and codes), the rest of the line goes where the
 * text is longest, and a table that cannot fit even so is split into parts by columns, the key columns
 * repeated in each, rather than run off the paper. A lampiran too wide for a portrait page turns to
 * landscape first (document.ts).
 */
export type CellValue = string | number | null | undefined

export interface DataTableSpec {
  columns: DataColumn[]
  rows: CellValue[][]
  /**
   * Bold JUMLAH rows. The label spans the columns before the first numeric one; numeric columns are
   * summed unless `values` gives the row (one entry per column, "No." included, the label's span
   * ignored). Units are never added across different items: with `groups` (one per row, null for a
   * row no total covers) each group of two or more rows gets its own "JUMLAH <group>" row, and a
   * single group its plain JUMLAH.
   */
  totals?: { label?: string; values?: CellValue[]; groups?: (string | null)[] }
  /** Prepend a "No." column numbered 1, 2, 3 … */
  numbered?: boolean
  /** A row "(1) (2) (3) …" under the header, as government tables number their columns. */
  columnNumbers?: boolean
  fontSize?: number
  /** Padding above and below each data row, in points (2 by default): room to sign in, say. */
  rowPadding?: number
  /**
   * Leading columns (after "No.") that name a row — Desa, TPS — repeated in every part when the table
   * must be split by columns to fit. Defaults to the text columns before the first numeric one.
   */
  keyColumns?: number
}

export const TABLE_FONT_SIZE = 10
/** Space after each body block, so paragraphs read as paragraphs without blank lines typed in. */
export const BLOCK_GAP = 8
const PADDING_X = 4
const LINE = 0.5
/** pdfmake wraps a line when it is wider than the column by any amount; leave a hair of room. */
const SLACK = 0.5

/** Thin black rules only, so the table survives photocopying and faxing; no zebra stripes. */
const GRID: TableLayout = tableLayout({
  line: LINE,
  color: '#000000',
  left: PADDING_X,
  right: PADDING_X,
  top: 2,
  bottom: 2,
})

const HEADER_FILL = '#e8e8e8'

/** The layout hint a dataTable node carries until the document builder sizes it. */
export interface TableHint {
  kind: 'table'
  table: PreparedTable
}

function cellText(value: CellValue, column: DataColumn): string {
  if (value === null || value === undefined) return column.numeric ? '-' : ''
  return printable(typeof value === 'number' ? formatAngka(value) : value)
}

function totalsRows(columns: DataColumn[], rows: CellValue[][], spec: NonNullable<DataTableSpec['totals']>) {
  const label = spec.label ?? 'JUMLAH'
  const cellsOf = (values: CellValue[]) =>
    columns.map((c, i) => {
      const v = values[i]
      return v === null || v === undefined ? null : cellText(v, c)
    })
  if (spec.values) return [{ label, cells: cellsOf(spec.values) }]
  const sum = (members: CellValue[][]) =>
    columns.map((c, i) =>
      c.numeric && !c.noSum
        ? members.reduce<number>((s, r) => s + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0)
        : null,
    )
  if (!spec.groups) return [{ label, cells: cellsOf(sum(rows)) }]
  if (spec.groups.length !== rows.length)
    throw new Error(`Kelompok jumlah berisi ${spec.groups.length} baris, seharusnya ${rows.length}`)
  const groups = new Map<string, CellValue[][]>()
  rows.forEach((r, i) => {
    const g = spec.groups![i]
    if (g !== null && g !== undefined) groups.set(g, [...(groups.get(g) ?? []), r])
  })
  if (groups.size === 1) {
    const [members] = [...groups.values()]
    return members!.length > 1 ? [{ label, cells: cellsOf(sum(members!)) }] : []
  }
  return [...groups.entries()]
    .filter(([, members]) => members.length > 1)
    .map(([g, members]) => ({ label: `${label} ${g}`, cells: cellsOf(sum(members)) }))
}

/**
 * A bordered data table: header repeated on every page, rows never split across a page break, numbers
 * right-aligned in Indonesian grouping, sized by content when the document is built.
 */
export function dataTable(spec: DataTableSpec): ContentTable {
  const columns: DataColumn[] = spec.numbered
    ? [{ header: 'No.', width: 'auto', align: 'center', noWrap: true }, ...spec.columns]
    : spec.columns
  const values = spec.numbered ? spec.rows.map((r, i) => [i + 1, ...r] as CellValue[]) : spec.rows
  for (const [i, r] of values.entries()) {
    if (r.length !== columns.length)
      throw new Error(`Baris ${i + 1} tabel berisi ${r.length} sel, seharusnya ${columns.length}`)
  }
  const firstNumeric = columns.findIndex((c) => c.numeric)
  const lead = spec.numbered ? 1 : 0
  const keyColumns =
    lead + (spec.keyColumns ?? Math.max(0, (firstNumeric === -1 ? columns.length : firstNumeric) - lead))
  const table: PreparedTable = {
    columns: columns.map((c) => ({ ...c, header: printable(c.header) })),
    // The "No." column of `numbered` is a sequence, printed without grouping.
    rows: values.map((r) => r.map((v, i) => (spec.numbered && i === 0 ? String(v) : cellText(v, columns[i]!)))),
    totals: spec.totals ? totalsRows(columns, values, spec.totals) : [],
    keyColumns: Math.min(keyColumns, columns.length),
    columnNumbers: !!spec.columnNumbers,
    fontSize: spec.fontSize ?? TABLE_FONT_SIZE,
    rowPadding: spec.rowPadding ?? 2,
  }
  // Until sized, a plain pdfmake table with the same cells: what a caller outside the builder gets.
  const node = tableNode(
    table,
    columns.map((_, i) => i),
    columns.map((c) => c.width ?? (c.numeric ? 'auto' : '*')),
  )
  return { ...node, hint: { kind: 'table', table } }
}

const align = (c: DataColumn): Alignment => c.align ?? (c.numeric ? 'right' : 'left')

/** Cells that must stay on one line whatever the width: numbers and the row numbers. */
const rigid = (c: DataColumn) => !!c.numeric || c.header === 'No.'

/** The pdfmake table of some columns of a prepared table, at the given widths. */
function tableNode(t: PreparedTable, cols: number[], widths: Width[], keepWhole?: Set<number>): ContentTable {
  const header: TableCell[] = cols.map((i) => ({
    text: t.columns[i]!.header,
    bold: true,
    alignment: 'center',
    fillColor: HEADER_FILL,
    verticalAlignment: 'middle',
  }))
  const headerRows: TableCell[][] = [header]
  if (t.columnNumbers) {
    headerRows.push(
      cols.map((_, k) => ({
        text: `(${k + 1})`,
        alignment: 'center',
        italics: true,
        fontSize: t.fontSize - 2,
        fillColor: HEADER_FILL,
      })),
    )
  }
  const noWrap = (i: number) => rigid(t.columns[i]!) || !!keepWhole?.has(i)
  const body: TableCell[][] = [
    ...headerRows,
    ...t.rows.map((r) =>
      cols.map((i) => {
        const cell = { text: r[i]!, alignment: align(t.columns[i]!) }
        return noWrap(i) ? { ...cell, noWrap: true } : cell
      }),
    ),
  ]
  for (const tr of t.totals) {
    const firstNumeric = cols.findIndex((i) => t.columns[i]!.numeric)
    const span = Math.max(1, firstNumeric === -1 ? cols.length : firstNumeric)
    const row: TableCell[] = [{ text: tr.label, bold: true, alignment: 'center', colSpan: span }]
    for (let k = 1; k < span; k++) row.push({})
    for (let k = span; k < cols.length; k++) {
      const i = cols[k]!
      row.push({ text: tr.cells[i] ?? '', bold: true, alignment: align(t.columns[i]!), noWrap: true })
    }
    body.push(row)
  }
  return {
    table: {
      headerRows: headerRows.length,
      // A header alone at the foot of a page says nothing; take one data row with it.
      keepWithHeaderRows: t.rows.length > 0 ? 1 : 0,
      dontBreakRows: true,
      widths,
      body,
    },
    layout:
      t.rowPadding === 2
        ? GRID
        : {
            ...GRID,
            paddingTop: (i) => (i < headerRows.length || i >= headerRows.length + t.rows.length ? 2 : t.rowPadding),
            paddingBottom: (i) => (i < headerRows.length || i >= headerRows.length + t.rows.length ? 2 : t.rowPadding),
          },
    fontSize: t.fontSize,
    margin: [0, 2, 0, BLOCK_GAP + 2],
  }
}

interface ColumnSize {
  /** Narrowest without breaking a word (numbers: their widest value). */
  min: number
  /** Narrowest keeping a noWrap column's cells on one line. */
  whole: number
  /** Every data cell on one line (headers wrap: they are short words in bold). */
  max: number
  /** The header on one line too. */
  header: number
  grow: boolean
  /** One-line widths of the data cells, for weighing which column's wrapping costs most lines. */
  cells: number[]
}

/** A column as content: what the sizing needs to know, for data tables and for other bordered tables. */
export interface ColumnContent {
  header: string
  cells: string[]
  /** Bold cells (a totals row). */
  boldCells?: string[]
  /** Never wrapped: numbers, row numbers. */
  rigid?: boolean
  /** Kept on one line when there is room. */
  noWrap?: boolean
  /** Given the room left over at the end. */
  grow?: boolean
  /** At least this wide (points). */
  fixed?: number
}

function sizeOf(c: ColumnContent, size: number): ColumnSize {
  let min = minTextWidth(c.header, size, 'bold')
  let max = min
  let whole = min
  const cells: number[] = []
  const measure = (text: string, variant: 'normal' | 'bold') => {
    const one = maxTextWidth(text, size, variant)
    max = Math.max(max, one)
    whole = Math.max(whole, one)
    min = Math.max(min, c.rigid ? one : minTextWidth(text, size, variant))
    return one
  }
  for (const text of c.cells) cells.push(measure(text, 'normal') + SLACK)
  for (const text of c.boldCells ?? []) measure(text, 'bold')
  const fixed = c.fixed ?? 0
  min = Math.max(min, fixed) + SLACK
  whole = Math.max(whole, fixed) + SLACK
  max = Math.max(max, fixed) + SLACK
  return {
    min,
    whole: c.noWrap ? Math.max(whole, min) : min,
    max: Math.max(max, min),
    header: maxTextWidth(c.header, size, 'bold') + SLACK,
    grow: !!c.grow,
    cells,
  }
}

function columnSizes(t: PreparedTable): ColumnSize[] {
  return t.columns.map((c, i) => {
    const s = sizeOf(
      {
        header: c.header,
        cells: t.rows.map((r) => r[i]!),
        boldCells: t.totals.map((tr) => tr.cells[i] ?? ''),
        rigid: rigid(c),
        noWrap: !!c.noWrap,
        grow: (c.width ?? (c.numeric ? 'auto' : '*')) === '*',
        ...(typeof c.width === 'number' ? { fixed: c.width } : {}),
      },
      t.fontSize,
    )
    if (t.columnNumbers) s.min = Math.max(s.min, textWidth(`(${i + 1})`, t.fontSize - 2, 'italics') + SLACK)
    return s
  })
}

/**
 * Widths for the columns of any bordered table with 4-pt side paddings and 0.5-pt rules (the daftar
 * isi's, say), sized by content as data tables are; null when their narrowest does not fit.
 */
export function sizeColumns(columns: ColumnContent[], available: number, fontSize: number): number[] | null {
  return columnWidths(
    columns.map((c) => sizeOf(c, fontSize)),
    available,
  )
}

/** The space the rules and paddings of `n` columns take. */
const chrome = (n: number) => n * (2 * PADDING_X + LINE) + LINE

/** `spare` points shared among columns in proportion to what each wants, none given more than it wants. */
function share(spare: number, want: number[]): number[] {
  const total = want.reduce((a, b) => a + b, 0)
  if (total <= 0 || spare <= 0) return want.map(() => 0)
  const k = Math.min(1, spare / total)
  return want.map((w) => w * k)
}

/**
 * Room for data cells, given where it unwraps the most cells per point: step by step, the column
 * whose next widening (to the one-line width of one of its cells) sets the most cells on one line for
 * the points it costs gets them — seal numbers on every row before a desa named once in twenty rows,
 * a short ballot name on every row before one long dapil name. Room too small for any such step is
 * shared in proportion to what each column still lacks.
 */
function shareByCells(sizes: ColumnSize[], widths: number[], spare: number): number[] {
  const out = [...widths]
  const sorted = sizes.map((s) => [...s.cells].sort((a, b) => a - b))
  // Cells wider than `w` in an ascending list: its length minus the first index above w.
  const above = (list: number[], w: number) => {
    let lo = 0
    let hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (list[mid]! <= w) lo = mid + 1
      else hi = mid
    }
    return list.length - lo
  }
  for (let step = 0; step < 400 && spare > 0.01; step++) {
    let best: { i: number; to: number; cost: number; ratio: number } | null = null
    sorted.forEach((list, i) => {
      const now = out[i]!
      const wrapped = above(list, now)
      if (wrapped === 0) return
      for (let k = list.length - wrapped; k < list.length; k++) {
        const to = list[k]!
        const cost = to - now
        if (cost > spare) break
        if (k + 1 < list.length && list[k + 1] === to) continue
        const ratio = (wrapped - above(list, to)) / Math.max(cost, 0.01)
        if (!best || ratio > best.ratio) best = { i, to, cost, ratio }
      }
    })
    if (!best) break
    const { i, to, cost } = best
    out[i] = to
    spare -= cost
  }
  const more = share(
    spare,
    sizes.map((s, i) => Math.max(0, s.max - out[i]!)),
  )
  return out.map((w, i) => w + more[i]!)
}

/**
 * Column widths for `cols` in `available` points, or null when even their narrowest does not fit.
 * Every column gets its minimum (noWrap columns their whole values, when they all fit); the room left
 * goes first to setting data cells on one line (shareByCells: no column is squeezed while another has
 * room to spare), then to headers that would wrap, then to the '*' columns.
 */
export function columnWidths(sizes: ColumnSize[], available: number): number[] | null {
  const room = available - chrome(sizes.length)
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  const mins = sizes.map((s) => s.min)
  if (sum(mins) > room) return null
  const wholes = sizes.map((s) => s.whole)
  let widths = sum(wholes) <= room ? wholes : mins
  const add = (more: number[]) => (widths = widths.map((w, i) => w + more[i]!))
  widths = shareByCells(sizes, widths, room - sum(widths))
  add(
    share(
      room - sum(widths),
      sizes.map((s, i) => Math.max(0, s.header - widths[i]!)),
    ),
  )
  const spare = room - sum(widths)
  const growers = sizes.map((s, i) => (s.grow ? widths[i]! : 0))
  if (sum(growers) > 0)
    add(
      share(
        spare,
        growers.map((g) => (g * spare) / sum(growers)),
      ),
    )
  return widths
}

/**
 * The table sized for `available` points: one table when it fits, else parts of it side by side
 * in meaning — each with the key columns and as many of the others as fit — stacked one under the
 * other, each part with its own header and totals. A table whose key columns alone do not fit is
 * set at their narrowest and left to wrap its words inside the cells.
 */
export function fitTable(t: PreparedTable, available: number): ContentTable | ContentStack {
  const sizes = columnSizes(t)
  const all = t.columns.map((_, i) => i)
  const widths = columnWidths(sizes, available)
  if (widths) return tableNode(t, all, widths, keepWholeSet(t, sizes, available))
  const keys = all.slice(0, t.keyColumns)
  const rest = all.slice(t.keyColumns)
  const parts: number[][] = []
  let current: number[] = []
  for (const i of rest) {
    const trial = [...keys, ...current, i]
    if (
      current.length &&
      !columnWidths(
        trial.map((c) => sizes[c]!),
        available,
      )
    ) {
      parts.push(current)
      current = [i]
    } else current.push(i)
  }
  if (current.length) parts.push(current)
  const stack: ContentStack['stack'] = []
  parts.forEach((part, k) => {
    const cols = [...keys, ...part]
    const w =
      columnWidths(
        cols.map((c) => sizes[c]!),
        available,
      ) ?? cols.map((c) => sizes[c]!.min)
    stack.push({
      text: `Bagian ${k + 1} dari ${parts.length}: kolom ${part.map((c) => t.columns[c]!.header.replace(/\s+/g, ' ')).join(', ')}`,
      italics: true,
      fontSize: t.fontSize,
      margin: [0, k === 0 ? 0 : 4, 0, 2],
    })
    const sub: PreparedTable = { ...t, columnNumbers: false }
    stack.push(tableNode(sub, cols, w))
  })
  return { stack }
}

/** The noWrap columns that keep their values whole at this width. */
function keepWholeSet(t: PreparedTable, sizes: ColumnSize[], available: number): Set<number> {
  const room = available - chrome(sizes.length)
  const whole = sizes.reduce((s, c) => s + c.whole, 0) <= room
  return new Set(whole ? t.columns.flatMap((c, i) => (c.noWrap ? [i] : [])) : [])
}

/** Whether the table fits `available` points without being split. */
export function tableFits(t: PreparedTable, available: number): boolean {
  return columnWidths(columnSizes(t), available) !== null
}
