import { BODY_FONT_SIZE, keepCompoundsWhole, plainText } from './blocks'
import { fitTable, type PreparedTable } from './dataTable'
import { fontLineHeight } from './fonts'
import { breakLines, printable, variantOf, type FontVariant } from './measure'
import type {
  Content,
  ContentNode,
  ContentStack,
  ContentTable,
  ContentText,
  Inline,
  InlineText,
  PageBreakNode,
  TableCell,
} from './types'

/**
 * Turns the blocks a document module wrote into what pdfmake lays out, for the width they stand in:
 * tables sized by their content (./dataTable.ts), and every block that must not be cut at a page break
 * given the height it needs on the page where it starts. pdfmake's pageBreakBefore then moves such a
 * block to the next page when less room is left (keepOnPage):
 *
 * - a paragraph of up to three lines is never split; a longer one is set as its first two lines, the
 *   lines between and its last two lines, so a page never begins with the last line of a paragraph
 *   (a widow) nor ends with its first (an orphan), and the lines between break anywhere;
 * - a heading, a paragraph ending with a colon and an identity table stay on the page of the first
 *   lines of what follows them (two lines of a paragraph, a table's header and first row).
 *
 * The heights are worked out here from the same font metrics and line breaking pdfmake uses, not read
 * back from pdfmake, whose page numbers for content inside tables and unbreakable blocks are relative.
 */

/** The id prefix of a block that needs a given height on its page: "need:<n>:<points>". */
const NEED = 'need:'

/** Numbers the ids of one document (ids become named destinations: the same input, the same bytes). */
export interface IdCounter {
  n: number
}

/** pdfmake's height of one line of text: the font's (ascender - descender) × size × lineHeight. */
export function lineHeight(size: number, factor = 1, variant: 'normal' | 'bold' = 'normal'): number {
  return fontLineHeight(variant) * size * factor
}

/**
 * pdfmake `pageBreakBefore`: a block that needs more room than is left below where it starts goes to
 * the next page (unless it starts at the top of a page already).
 */
export function keepOnPage(node: PageBreakNode): boolean {
  if (!node.id?.startsWith(NEED)) return false
  const need = Number(node.id.slice(node.id.lastIndexOf(':') + 1))
  const { verticalRatio, pageInnerHeight } = node.startPosition
  if (verticalRatio < 0.001) return false
  return pageInnerHeight * (1 - verticalRatio) + 0.01 < need
}

interface Block {
  nodes: Content[]
  /** Height of what must stay together at the top of this block, without its top margin. */
  first: number
  /** Top and bottom margins of the block. */
  top: number
  bottom: number
  /** The node that carries the block's need, and the height it needs before any keep-with-next. */
  keep?: { node: ContentNode; height: number }
  keepWithNext: boolean
  /** The keep node is the whole block (a heading, an identity table, a short paragraph). */
  whole?: boolean
}

type Margins4 = [number, number, number, number]
function margins(node: ContentNode): Margins4 {
  const m = node.margin
  if (m === undefined) return [0, 0, 0, 0]
  if (typeof m === 'number') return [m, m, m, m]
  if (m.length === 2) return [m[0], m[1], m[0], m[1]]
  return m
}

/** The runs of an inline text with their font variants, as breakLines measures them. */
function runs(
  text: string | Inline[],
  style: { bold?: boolean; italics?: boolean } = {},
): {
  text: string
  variant: FontVariant
}[] {
  if (typeof text === 'string') return [{ text, variant: variantOf(style) }]
  return text.flatMap((t) =>
    typeof t === 'string'
      ? [{ text: t, variant: variantOf(style) }]
      : runs(t.text, { bold: t.bold ?? style.bold, italics: t.italics ?? style.italics }),
  )
}

/**
 * The inline runs of a paragraph with the words of each line, in order: each word keeps the style of
 * the run it came from, so the lines can be set again as pdfmake sets inlines.
 */
function styledWords(
  text: string | Inline[],
  style: Omit<InlineText, 'text'> = {},
): { text: string; style: Omit<InlineText, 'text'> }[] {
  const out: { text: string; style: Omit<InlineText, 'text'> }[] = []
  const walk = (t: string | Inline[], s: Omit<InlineText, 'text'>) => {
    if (typeof t === 'string') {
      for (const m of t.matchAll(/\S+\s*|\s+/g)) {
        const last = out.at(-1)
        if (/^\s+$/.test(m[0]) && last) last.text += m[0]
        else out.push({ text: m[0], style: s })
      }
      return
    }
    for (const part of t) {
      if (typeof part === 'string') walk(part, s)
      else {
        const { text: inner, ...own } = part
        walk(inner, { ...s, ...own })
      }
    }
  }
  walk(text, style)
  return out
}

/**
 * An inline that takes a line of its own and prints nothing: ended with it, a chunk of a justified
 * paragraph has its last real line justified like every line but a paragraph's last. A no-break space
 * then a zero-width space at 0.1 pt, spread by character spacing to just under the line's width, on a
 * line 0.13 pt tall. The no-break space lets the line break before it (a zero-width space alone would
 * cling to the word before, UAX #14); the zero-width space keeps pdfmake from trimming the inline away
 * as trailing white space.
 */
function filler(width: number): InlineText {
  return { text: '\u00a0\u200b', fontSize: 0.1, characterSpacing: Math.max(1, width - 1.5), noWrap: true }
}

function paragraphBlock(node: ContentText, width: number, ids: IdCounter): Block {
  const [ml, mt, mr, mb] = margins(node)
  const size = node.fontSize ?? BODY_FONT_SIZE
  const factor = node.lineHeight ?? 1
  const text = node.text
  const lh = lineHeight(size, factor, 'bold')
  const usable = width - ml - mr
  const { hint: _hint, ...plain } = node
  const keepWithNext = node.hint?.kind === 'paragraph' && !!node.hint.keepWithNext
  const lines = breakLines(runs(text, node), usable - 1, size)
  const block = (nodes: Content[], keepNode: ContentNode, keepHeight: number): Block => ({
    nodes,
    first: Math.min(lines.length, 2) * lh,
    top: mt,
    bottom: mb,
    keep: { node: keepNode, height: keepHeight },
    keepWithNext,
    whole: nodes.length === 1,
  })
  if (lines.length <= 3 || (node.alignment && node.alignment !== 'justify' && node.alignment !== 'left')) {
    const whole: ContentText = { ...plain }
    return block([whole], whole, lines.length * lh)
  }
  // Set again from the words of each line; the words are measured a point narrower than the line,
  // so pdfmake never finds one of these lines too long and wraps it differently.
  const words = styledWords(text)
  const counts = lines.map((l) => l.length)
  const chunk = (from: number, to: number, last: boolean, margin: Margins4): ContentText => {
    const start = counts.slice(0, from).reduce((a, b) => a + b, 0)
    const count = counts.slice(from, to).reduce((a, b) => a + b, 0)
    const inlines: Inline[] = keepCompoundsWhole(
      words
        .slice(start, start + count)
        .map((w) => (Object.keys(w.style).length ? { ...w.style, text: w.text } : w.text)),
    )
    return { ...plain, text: last ? inlines : [...inlines, filler(usable)], margin }
  }
  const n = lines.length
  const head = chunk(0, 2, false, [ml, mt, mr, 0])
  const middle = n > 4 ? [chunk(2, n - 2, false, [ml, 0, mr, 0])] : []
  const tail = chunk(n - 2, n, true, [ml, 0, mr, mb])
  // The head's need is fixed here; the tail's (with what follows) is set when the blocks are joined.
  const fillerHeight = lineHeight(0.1, factor, 'bold')
  head.id = `${NEED}${ids.n++}:${(2 * lh + fillerHeight).toFixed(2)}`
  return { ...block([head, ...middle, tail], tail, 2 * lh), first: 2 * lh }
}

function textLinesHeight(node: ContentText, width: number): number {
  const [ml, , mr] = margins(node)
  const size = node.fontSize ?? BODY_FONT_SIZE
  const lines = breakLines(runs(node.text, node), width - ml - mr - 1, size)
  return lines.length * lineHeight(size, node.lineHeight ?? 1, node.bold ? 'bold' : 'normal')
}

/** Height of a borderless identity table: each row as tall as its value's lines. */
function identityHeight(node: ContentTable, width: number): number {
  const [ml, , mr] = margins(node)
  const widths = node.table.widths as (number | string)[]
  const valueWidth = width - ml - mr - Number(widths[0]) - Number(widths[1]) - 2
  const size = node.fontSize ?? BODY_FONT_SIZE
  let h = 0
  for (const row of node.table.body) {
    const cell = row[2] as ContentText
    const lines = breakLines(runs(cell.text), valueWidth - 1, size)
    h += lines.length * lineHeight(size, 1, 'bold') + 2
  }
  return h
}

function cellText(cell: TableCell): string {
  if (typeof cell === 'string') return cell
  if (Array.isArray(cell)) return ''
  return 'text' in cell && cell.text !== undefined ? plainText(cell.text as string | Inline[]) : ''
}

/** Heights of a sized data table's header rows and first data row, padding and rules included. */
function tableHead(node: ContentTable, t: PreparedTable): number {
  const widths = node.table.widths as number[]
  const rows = node.table.body.slice(0, (node.table.headerRows ?? 0) + (t.rows.length ? 1 : 0))
  let h = 0.5
  rows.forEach((row, r) => {
    let tallest = 0
    row.forEach((cell, c) => {
      if (typeof cell === 'object' && !Array.isArray(cell) && 'colSpan' in cell && cell.colSpan) return
      const header = r < (node.table.headerRows ?? 0)
      const size =
        typeof cell === 'object' && !Array.isArray(cell) && 'fontSize' in cell && cell.fontSize
          ? cell.fontSize
          : t.fontSize
      const lines = breakLines(
        [{ text: cellText(cell), variant: header ? 'bold' : 'normal' }],
        (widths[c] ?? 0) - 0.5,
        size,
      )
      tallest = Math.max(tallest, Math.max(1, lines.length) * lineHeight(size, 1, 'bold'))
    })
    h += tallest + 4 + 0.5
  })
  return h
}

function tableBlock(node: ContentTable, width: number): Block {
  const hint = node.hint
  if (hint?.kind !== 'table') throw new Error('bukan tabel data')
  const [ml, , mr] = margins(node)
  const fitted = fitTable(hint.table, width - ml - mr)
  const first =
    'table' in fitted ? fitted : (fitted.stack.find((n) => typeof n === 'object' && 'table' in n) as ContentTable)
  const caption = 'stack' in fitted ? lineHeight(hint.table.fontSize, 1) + 6 : 0
  const [, mt, , mb] = margins(first)
  return {
    nodes: [fitted],
    first: caption + tableHead(first, hint.table),
    top: 'table' in fitted ? mt : 0,
    bottom: mb,
    keepWithNext: !!hint.keepWithNext,
  }
}

function resolve(node: Content, width: number, ids: IdCounter): Block {
  const none = (n: Content): Block => ({ nodes: [n], first: 0, top: 0, bottom: 0, keepWithNext: false })
  if (typeof node === 'string' || Array.isArray(node)) return none(node)
  const hint = node.hint
  if ('stack' in node && !hint) {
    const [ml, , mr] = margins(node)
    return none({ ...node, stack: layoutBlocks(node.stack, width - ml - mr, ids) } as ContentStack)
  }
  if (!hint) return none(node)
  if (hint.kind === 'table') return tableBlock(node as ContentTable, width)
  if (hint.kind === 'paragraph') return paragraphBlock(node as ContentText, width, ids)
  const { hint: _, ...plain } = node
  const [, mt, , mb] = margins(node)
  const height =
    hint.measure === 'identity'
      ? identityHeight(node as ContentTable, width)
      : textLinesHeight(node as ContentText, width)
  return {
    nodes: [plain],
    first: height,
    top: mt,
    bottom: mb,
    keep: { node: plain, height },
    keepWithNext: !!hint.keepWithNext,
    whole: true,
  }
}

/**
 * The blocks sized for `width` points and given their needs. Text is made printable by the shipped
 * fonts as it goes (./measure.ts printable).
 */
export function layoutBlocks(content: Content[], width: number, ids: IdCounter = { n: 0 }): Content[] {
  const blocks = content.map((c) => resolve(c, width, ids))
  // From the last block back: a block kept with the next needs the next's own need when the next is
  // kept whole and with what follows it too (a heading, its introducing line, the table's first row).
  const needs = new Array<number>(blocks.length).fill(0)
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!
    if (!b.keep) continue
    let need = b.keep.height
    const next = blocks[i + 1]
    if (b.keepWithNext && next && next.first > 0)
      need += b.bottom + next.top + (next.whole && next.keepWithNext ? needs[i + 1]! : next.first)
    needs[i] = need
  }
  blocks.forEach((b, i) => {
    if (b.keep) b.keep.node.id = `${NEED}${ids.n++}:${needs[i]!.toFixed(2)}`
  })
  return blocks.flatMap((b) => b.nodes).map(printableContent)
}

/** Every text of a node as the fonts can print it: full-width forms folded, missing glyphs replaced. */
export function printableContent<T extends Content | TableCell>(node: T): T {
  if (typeof node === 'string') return printable(node) as T
  if (Array.isArray(node)) return node.map(printableContent) as T
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, unknown> = { ...node }
  if ('text' in out && out.text !== undefined)
    out.text = typeof out.text === 'string' ? printable(out.text) : (out.text as Inline[]).map(printableContent)
  if ('stack' in out) out.stack = (out.stack as Content[]).map(printableContent)
  if ('columns' in out) out.columns = (out.columns as Content[]).map(printableContent)
  if ('table' in out) {
    const table = out.table as ContentTable['table']
    out.table = { ...table, body: table.body.map((row) => row.map(printableContent)) }
  }
  return out as T
}
