import type { Drawing, FontVariant } from './draw'
import type { Content, ContentTable, TableCell, TableLayout } from './types'
import { tableLayout, type FlowTableLayout } from './tableLayout'

/**
 * Block layout for papers drawn directly (draw.ts) that must look exactly like their pdfmake layout:
 * the few node kinds the daftar isi uses — text, stacks, columns, bordered tables, a canvas rectangle —
 * measured and placed by pdfmake 0.3.11's own rules (DocMeasure, columnCalculator, LayoutBuilder,
 * TableProcessor, Line, ElementWriter.alignLine), without pdfmake's cost per node. A page laid out here
 * puts every word and line where pdfmake puts it; test/integration/daftar-isi.test.ts compares the two
 * word by word.
 *
 * What it does not do: page breaks inside a node (a caller checks heights and falls back to pdfmake),
 * spans, images, styles by name. toPdfmake() turns the same nodes into pdfmake content, so a paper has
 * one description for both renderers.
 */

export type Width = number | '*' | 'auto'
type Box4 = [number, number, number, number]

export interface TextNode {
  kind: 'text'
  text: string
  size: number
  bold?: boolean
  color?: string
  align?: 'left' | 'center' | 'right'
  noWrap?: boolean
  margin?: Box4
  /** As a table cell: its background (pdfmake's fillColor). */
  fill?: string
}
export interface StackNode {
  kind: 'stack'
  items: FlowNode[]
  margin?: Box4
}
export interface ColumnsNode {
  kind: 'columns'
  columns: { width: Width; node: FlowNode }[]
  margin?: Box4
}
export interface TableNode {
  kind: 'table'
  widths: Width[]
  body: FlowNode[][]
  layout: FlowTableLayout
  /** Row heights: a number is the least height of the row's content (pdfmake's `heights`). */
  heights?: (row: number) => number | 'auto'
  headerRows?: number
  dontBreakRows?: boolean
  margin?: Box4
}
/** pdfmake's canvas with one stroked rectangle, aligned in its cell. */
export interface RectNode {
  kind: 'rect'
  x: number
  y: number
  w: number
  h: number
  lineWidth: number
  align?: 'left' | 'center' | 'right'
  margin?: Box4
}
export type FlowNode = TextNode | StackNode | ColumnsNode | TableNode | RectNode

export type { FlowTableLayout }

/** pdfmake's 'noBorders' table layout for a table of `cols` columns. */
export const noBorders = (cols: number): FlowTableLayout =>
  tableLayout({ line: 0, left: (i) => (i ? 4 : 0), right: (i) => (i < cols - 1 ? 4 : 0), top: 2, bottom: 2 })

/** Where drawn things go: the content of one page region, in points from its top left. */
export type Op =
  | { t: 'text'; words: string[]; x: number; y: number; size: number; variant: FontVariant; color: string }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; color: string }
  | { t: 'rect'; x: number; y: number; w: number; h: number; width: number; color: string }
  | { t: 'fill'; x: number; y: number; w: number; h: number; color: string }

/** Draws ops moved by (dx, dy): fills first (pdfmake puts cell backgrounds under everything), then the rest in order. */
export function drawOps(d: Drawing, ops: readonly Op[], dx = 0, dy = 0): void {
  for (const o of ops) if (o.t === 'fill') d.fill(o.x + dx, o.y + dy, o.w, o.h, o.color)
  for (const o of ops) {
    if (o.t === 'text') d.run(o.words, o.x + dx, o.y + dy, o.size, o.variant, o.color)
    else if (o.t === 'line') d.line(o.x1 + dx, o.y1 + dy, o.x2 + dx, o.y2 + dy, o.width, o.color)
    else if (o.t === 'rect') d.outline(o.x + dx, o.y + dy, o.w, o.h, o.width, o.color)
  }
}

/** A word as pdfmake measures it: the text up to its break opportunity, spaces after it included. */
interface Inline {
  text: string
  width: number
  /** The width of its trailing spaces (not counted at the end of a line). */
  trailingCut: number
}
interface Measured {
  inlines: Inline[]
  min: number
  max: number
}
interface Line {
  words: string[]
  /** Without the trailing spaces of its last word: what alignment centres. */
  width: number
}

/** Thrown for a text whose line breaks breakWords cannot vouch for; the caller lets pdfmake lay the paper out. */
export class FlowUnsupported extends Error {}

/**
 * The characters breakWords knows, in the order of the columns of PAIRS: 'a', 'Z' and 'é' stand for
 * any Latin letter, '1' for any digit.
 */
const CHARS = 'aZé1.,:;()[]{}/-·\'"&+#*=_@%!?°–…'
const LATIN = /^[A-Za-z\u00C0-\u024F]$/
/**
 * UAX #14's pair table as the linebreak package (pdfmake's line breaker) applies it to these
 * characters, one row per group of characters that behave alike: between a character of the row and
 * the next character of the column, D = a break, I = a break only if spaces come between, P = none.
 */
const PAIRS: [string, string][] = [
  ['aZé1·&#*=_@', 'IIIIPPPPIPIPIPPIIIIIIIIIIIIPPIII'],
  ['.,:;', 'IIIIPPPPDPDPDPPIIIIIDIIIIIDPPDII'],
  ['([{', 'PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP'],
  [')]', 'IIIIPPPPDPDPDPPIIIIIIIIIIIIPPIII'],
  ['}', 'DDDDPPPPDPDPDPPIDIIDIDDDDDIPPIII'],
  ['/-', 'DDDIPPPPDPDPDPPIDIIDDDDDDDDPPDII'],
  ['\'"', 'IIIIPPPPPPPPPPPIIIIIIIIIIIIPPIII'],
  ['+%°', 'IIIIPPPPIPIPIPPIIIIIDIIIIIDPPDII'],
  ['!?–…', 'DDDDPPPPDPDPDPPIDIIDDDDDDDDPPDII'],
]
const ROW = new Map([...PAIRS.flatMap(([cs, row]) => [...cs].map((c) => [c, row] as const))])
const column = (c: string): number => (LATIN.test(c) ? 0 : c >= '0' && c <= '9' ? 3 : CHARS.indexOf(c))
const row = (c: string): string | undefined => ROW.get(LATIN.test(c) ? 'a' : c >= '0' && c <= '9' ? '1' : c)

/**
 * The break opportunities pdfmake's line breaker (the linebreak package, UAX #14) finds, for the
 * characters of the app's papers: after a run of spaces unless a closing or infix mark follows ("Nama:
 * ..." stays whole), after a hyphen or a slash before a letter ("Kabupaten/" "Kota", not inside
 * "SG-1219-000101" or "12/34"), and so on (PAIRS). Each piece keeps the spaces after it, as pdfmake's
 * inlines do. A text with another character is refused (FlowUnsupported) rather than broken
 * differently from pdfmake; test/unit/flow.test.ts compares the two on every pair of these characters.
 */
export function breakWords(text: string): string[] {
  const words: string[] = []
  let start = 0
  // The last character before the spaces (leading spaces break as a letter would).
  let before: string | undefined
  let spaces = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === ' ') {
      spaces = true
      continue
    }
    const col = column(c)
    if (col < 0 || row(c) === undefined)
      throw new FlowUnsupported(`Tanda di luar aturan pemenggalan baris: ${JSON.stringify(text)}`)
    if (before === undefined && spaces) before = 'a'
    if (before !== undefined) {
      const rule = row(before)![col]
      if (rule === 'D' || (rule === 'I' && spaces)) {
        words.push(text.slice(start, i))
        start = i
      }
    }
    before = c
    spaces = false
  }
  words.push(text.slice(start))
  return words
}

/** Lays out flow nodes on a Drawing's fonts; measurements are remembered per text and style. */
export class Flow {
  private readonly measured = new Map<string, Measured>()

  constructor(private readonly d: Drawing) {}

  /** Line height of a text node: the font's (ascender - descender) per point, as pdfmake's lineHeight 1. */
  lineHeight(size: number, bold = false): number {
    return this.d.lineHeight({ size, bold, lineHeight: 1 })
  }

  private measureText(n: TextNode): Measured {
    const variant: FontVariant = n.bold ? 'bold' : 'normal'
    const key = `${variant} ${n.size} ${n.noWrap ? 1 : 0} ${n.text}`
    let m = this.measured.get(key)
    if (m === undefined) {
      const words = n.noWrap ? [n.text] : breakWords(n.text)
      const inlines = words.map((w): Inline => {
        const trailing = /\s+$/.exec(w)?.[0] ?? ''
        return {
          text: w,
          width: (this.d.advance(variant, w) * n.size) / 1000,
          trailingCut: trailing ? (this.d.advance(variant, trailing) * n.size) / 1000 : 0,
        }
      })
      let min = 0
      let total = 0
      for (const i of inlines) {
        min = Math.max(min, Math.max(0, i.width - i.trailingCut))
        total += i.width
      }
      const max = Math.max(0, total - (inlines.at(-1)?.trailingCut ?? 0))
      m = { inlines, min: n.noWrap ? max : min, max }
      this.measured.set(key, m)
    }
    return m
  }

  /** The lines of a text at `width`, as LayoutBuilder.buildNextLine breaks them (a word too wide is split). */
  private lines(n: TextNode, width: number): Line[] {
    const m = this.measureText(n)
    if (m.max <= width || m.inlines.length === 1) {
      const single = m.inlines.length === 1 && !n.noWrap && m.inlines[0]!.text.length > 1 && m.inlines[0]!.width > width
      if (!single) return [{ words: m.inlines.map((i) => i.text), width: m.max }]
    }
    const variant: FontVariant = n.bold ? 'bold' : 'normal'
    const measure = (t: string) => (this.d.advance(variant, t) * n.size) / 1000
    const queue = m.inlines.map((i) => ({ ...i }))
    const out: Line[] = []
    while (queue.length) {
      const words: string[] = []
      let used = 0
      let trailing = 0
      while (queue.length) {
        const inline = queue[0]!
        // Line.hasEnoughSpaceForInline
        if (words.length && used + inline.width - inline.trailingCut > width) break
        queue.shift()
        // A word wider than what is left of the line is split where it no longer fits.
        if (!n.noWrap && inline.text.length > 1 && inline.width > width - (used - trailing)) {
          const room = width - (used - trailing)
          let lo = 1
          let hi = inline.text.length
          let best = 1
          while (lo <= hi) {
            const mid = (lo + hi) >> 1
            if (measure(inline.text.substring(0, mid)) <= room) {
              best = mid
              lo = mid + 1
            } else hi = mid - 1
          }
          if (best < inline.text.length) {
            queue.unshift({
              text: inline.text.substring(best),
              width: measure(inline.text.substring(best)),
              trailingCut: inline.trailingCut,
            })
            inline.text = inline.text.substring(0, best)
            inline.width = measure(inline.text)
          }
        }
        words.push(inline.text)
        used += inline.width
        trailing = inline.trailingCut
      }
      out.push({ words, width: used - trailing })
    }
    return out
  }

  /** pdfmake's _minWidth and _maxWidth of a node, margins included. */
  measure(n: FlowNode): { min: number; max: number } {
    const [ml, , mr] = n.margin ?? [0, 0, 0, 0]
    let r: { min: number; max: number }
    switch (n.kind) {
      case 'text':
        r = this.measureText(n)
        break
      case 'rect':
        r = { min: n.x + n.w, max: n.x + n.w }
        break
      case 'stack':
        r = { min: 0, max: 0 }
        for (const i of n.items) {
          const m = this.measure(i)
          r = { min: Math.max(r.min, m.min), max: Math.max(r.max, m.max) }
        }
        break
      case 'columns':
        r = minMax(n.columns.map((c) => ({ width: c.width, ...this.measure(c.node) })))
        break
      case 'table': {
        const cols = this.tableColumns(n)
        const off = offsets(n)
        const mm = minMax(cols)
        r = { min: mm.min + off.total, max: mm.max + off.total }
        break
      }
    }
    return { min: r.min + ml + mr, max: r.max + ml + mr }
  }

  private tableColumns(n: TableNode): Column[] {
    return n.widths.map((width, c) => {
      let min = 0
      let max = 0
      for (const row of n.body) {
        const m = this.measure(row[c]!)
        min = Math.max(min, m.min)
        max = Math.max(max, m.max)
      }
      return { width, min, max }
    })
  }

  /** Places `n` with its top left corner at (x, y) in a column `width` wide; returns its height, margins included. */
  layout(n: FlowNode, x: number, y: number, width: number, out: Op[]): number {
    const [ml, mt, mr, mb] = n.margin ?? [0, 0, 0, 0]
    x += ml
    y += mt
    width -= ml + mr
    let h = 0
    switch (n.kind) {
      case 'text': {
        const variant: FontVariant = n.bold ? 'bold' : 'normal'
        const lh = this.lineHeight(n.size, n.bold)
        for (const line of this.lines(n, width)) {
          const dx = n.align === 'right' ? width - line.width : n.align === 'center' ? (width - line.width) / 2 : 0
          out.push({
            t: 'text',
            words: line.words,
            x: x + dx,
            y: y + h,
            size: n.size,
            variant,
            color: n.color ?? 'black',
          })
          h += lh
        }
        break
      }
      case 'rect': {
        const w = n.x + n.w
        const dx = n.align === 'right' ? width - w : n.align === 'center' ? (width - w) / 2 : 0
        out.push({ t: 'rect', x: x + dx + n.x, y: y + n.y, w: n.w, h: n.h, width: n.lineWidth, color: 'black' })
        h = n.y + n.h
        break
      }
      case 'stack':
        for (const i of n.items) h += this.layout(i, x, y + h, width, out)
        break
      case 'columns': {
        const cols = n.columns.map((c) => ({ width: c.width, ...this.measure(c.node) }))
        const widths = columnWidths(cols, width)
        let cx = x
        n.columns.forEach((c, i) => {
          h = Math.max(h, this.layout(c.node, cx, y, widths[i]!, out))
          cx += widths[i]!
        })
        break
      }
      case 'table':
        h = this.layoutTable(n, x, y, width, out)
        break
    }
    return mt + h + mb
  }

  private layoutTable(n: TableNode, x: number, y0: number, width: number, out: Op[]): number {
    const L = n.layout
    const cols = n.widths.length
    const off = offsets(n)
    const widths = columnWidths(this.tableColumns(n), width - off.total)
    // The x of each vertical line (rowSpanData.left).
    const left = [0]
    for (let i = 0; i < cols; i++)
      left.push(left[i]! + L.paddingLeft(i) + L.paddingRight(i) + L.vLineWidth(i) + widths[i]!)
    const hColor = L.hLineColor ?? 'black'
    const vColor = L.vLineColor ?? 'black'
    const hline = (row: number, y: number) => {
      const lw = L.hLineWidth(row)
      if (lw)
        out.push({
          t: 'line',
          x1: x + left[0]!,
          y1: y + lw / 2,
          x2: x + left[cols]!,
          y2: y + lw / 2,
          width: lw,
          color: hColor,
        })
      return lw
    }
    let y = y0
    y += hline(0, y)
    n.body.forEach((row, r) => {
      const top = y
      y += L.paddingTop(r)
      let bottom = y
      row.forEach((cell, c) => {
        const cx = x + left[c]! + L.vLineWidth(c) + L.paddingLeft(c)
        bottom = Math.max(bottom, y + this.layout(cell, cx, y, widths[c]!, out))
      })
      const fixed = n.heights?.(r)
      if (typeof fixed === 'number') bottom = Math.max(bottom, y + fixed)
      y = bottom + L.paddingBottom(r)
      const below = L.hLineWidth(r + 1)
      for (let c = 0; c <= cols; c++) {
        const vw = L.vLineWidth(c)
        if (vw)
          out.push({
            t: 'line',
            x1: x + left[c]! + vw / 2,
            y1: top - L.hLineWidth(r),
            x2: x + left[c]! + vw / 2,
            y2: y + below,
            width: vw,
            color: vColor,
          })
      }
      row.forEach((cell, c) => {
        if (cell.kind === 'text' && cell.fill) {
          const x1 = x + left[c]! + L.vLineWidth(c)
          const x2 = x + left[c + 1]! + L.vLineWidth(c + 1) / 2
          out.push({ t: 'fill', x: x1, y: top, w: x2 - x1, h: y + below - top, color: cell.fill })
        }
      })
      y += hline(r + 1, y)
    })
    return y - y0
  }
}

interface Column {
  width: Width
  min: number
  max: number
}

/** columnCalculator.measureMinMax. */
function minMax(cols: readonly Column[]): { min: number; max: number } {
  let min = 0
  let max = 0
  let starMin = 0
  let starMax = 0
  let stars = 0
  for (const c of cols) {
    if (c.width === '*') {
      starMin = Math.max(starMin, c.min)
      starMax = Math.max(starMax, c.max)
      stars++
    } else if (c.width === 'auto') {
      min += c.min
      max += c.max
    } else {
      min += c.width || c.min
      max += c.width || c.max
    }
  }
  return { min: min + stars * starMin, max: max + stars * starMax }
}

/** columnCalculator.buildColumnWidths: the width of each column in `available` points. */
export function columnWidths(cols: readonly Column[], available: number): number[] {
  const out = new Array<number>(cols.length)
  let autoMin = 0
  let autoMax = 0
  let starMaxMin = 0
  let starMaxMax = 0
  let stars = 0
  cols.forEach((c, i) => {
    if (c.width === 'auto') {
      autoMin += c.min
      autoMax += c.max
    } else if (c.width === '*') {
      starMaxMin = Math.max(starMaxMin, c.min)
      starMaxMax = Math.max(starMaxMax, c.max)
      stars++
    } else {
      out[i] = c.width
      available -= c.width
    }
  })
  const minW = autoMin + starMaxMin * stars
  const maxW = autoMax + starMaxMax * stars
  if (minW >= available) {
    cols.forEach((c, i) => {
      if (c.width === 'auto') out[i] = c.min
      else if (c.width === '*') out[i] = starMaxMin
    })
    return out
  }
  cols.forEach((c, i) => {
    if (c.width !== 'auto') return
    out[i] = maxW < available ? c.max : c.min + ((c.max - c.min) * (available - minW)) / (maxW - minW)
  })
  cols.forEach((c, i) => {
    if (c.width === 'auto') available -= out[i]!
  })
  const star = available / stars
  cols.forEach((c, i) => {
    if (c.width === '*') out[i] = star
  })
  return out
}

/** TableProcessor's offsets: the space lines and paddings take around and between the columns. */
function offsets(n: TableNode): { total: number } {
  const L = n.layout
  let total = 0
  let prevRight = 0
  for (let i = 0; i < n.widths.length; i++) {
    total += prevRight + L.vLineWidth(i) + L.paddingLeft(i)
    prevRight = L.paddingRight(i)
  }
  return { total: total + prevRight + L.vLineWidth(n.widths.length) }
}

/** The same nodes as pdfmake content, for pdfmake to lay out (pages a node does not fit, the comparison test). */
export function toPdfmake(n: FlowNode): Content {
  const margin = n.margin ? { margin: n.margin } : {}
  switch (n.kind) {
    case 'text':
      return {
        text: n.text,
        fontSize: n.size,
        ...(n.bold ? { bold: true } : {}),
        ...(n.color ? { color: n.color } : {}),
        ...(n.align ? { alignment: n.align } : {}),
        ...(n.noWrap ? { noWrap: true } : {}),
        ...(n.fill ? { fillColor: n.fill } : {}),
        ...margin,
      }
    case 'rect':
      return {
        canvas: [{ type: 'rect', x: n.x, y: n.y, w: n.w, h: n.h, lineWidth: n.lineWidth }],
        ...(n.align ? { alignment: n.align } : {}),
        ...margin,
      }
    case 'stack':
      return { stack: n.items.map(toPdfmake), ...margin }
    case 'columns':
      return {
        columns: n.columns.map((c) => ({ ...(toPdfmake(c.node) as object), width: c.width }) as Content),
        ...margin,
      }
    case 'table': {
      const L = n.layout
      const layout: TableLayout = {
        hLineWidth: (i) => L.hLineWidth(i),
        vLineWidth: (i) => L.vLineWidth(i),
        ...(L.hLineColor ? { hLineColor: L.hLineColor } : {}),
        ...(L.vLineColor ? { vLineColor: L.vLineColor } : {}),
        paddingLeft: (i) => L.paddingLeft(i),
        paddingRight: (i) => L.paddingRight(i),
        paddingTop: (i) => L.paddingTop(i),
        paddingBottom: (i) => L.paddingBottom(i),
      }
      const table: ContentTable = {
        table: {
          widths: n.widths,
          body: n.body.map((row) => row.map((c) => toPdfmake(c) as TableCell)),
          ...(n.headerRows ? { headerRows: n.headerRows } : {}),
          ...(n.dontBreakRows ? { dontBreakRows: true } : {}),
          ...(n.heights ? { heights: n.heights } : {}),
        },
        layout,
        ...margin,
      }
      return table
    }
  }
}
