import { createRequire } from 'node:module'
import type PDFDocument from 'pdfkit'
import { fontFile, parsedFont } from './fonts'

/**
 * Text measured as pdfmake will lay it out: the same font files through the same pdfkit font objects
 * (glyph advances per 1000 units of size; pdfmake adds nothing for the default character spacing), so
 * a column sized here holds its text exactly as pdfmake sets it. Synchronous, so a document definition
 * can be sized while it is built.
 */
export type FontVariant = 'normal' | 'bold' | 'italics' | 'bolditalics'

interface MeasuringFont {
  widthOfString(text: string, size: number): number
  font: { hasGlyphForCodePoint(cp: number): boolean }
}

let doc: InstanceType<typeof PDFDocument> | null = null
const fonts = new Map<FontVariant, MeasuringFont>()
const widths = new Map<string, number>()

function font(variant: FontVariant): MeasuringFont {
  let f = fonts.get(variant)
  if (!f) {
    // pdfkit (with fontkit, about 0.1 s to load) is required with the first measure, not with the module:
    // every start of the app and of `gudang` imports this module, and most print nothing.
    doc ??= new (createRequire(__filename)('pdfkit') as typeof PDFDocument)({ autoFirstPage: false })
    const file = fontFile(variant)
    // The font every document of the process shares (fonts.ts parsedFont), not a second parse of the file.
    doc.registerFont(file, parsedFont(file))
    f = (doc.font(file) as unknown as { _font: MeasuringFont })._font
    fonts.set(variant, f)
  }
  return f
}

export const variantOf = (style: { bold?: boolean | undefined; italics?: boolean | undefined }): FontVariant =>
  style.bold ? (style.italics ? 'bolditalics' : 'bold') : style.italics ? 'italics' : 'normal'

/** The width of `text` on one line, in points. */
export function textWidth(text: string, size: number, variant: FontVariant = 'normal'): number {
  const key = `${variant}\0${text}`
  let w = widths.get(key)
  if (w === undefined) {
    w = font(variant).widthOfString(text, 1000)
    if (widths.size > 50_000) widths.clear()
    widths.set(key, w)
  }
  return (w * size) / 1000
}

/**
 * The narrowest a text can be set without breaking a word: its widest word. pdfmake also breaks after
 * hyphens and slashes; measuring whole space-separated words keeps "Simanjuntak-Hutabarat" on one line.
 */
export function minTextWidth(text: string, size: number, variant: FontVariant = 'normal'): number {
  let w = 0
  for (const word of text.split(/\s+/)) if (word) w = Math.max(w, textWidth(word, size, variant))
  return w
}

/** The widest line of a text that is not wrapped (lines break only at "\n"). */
export function maxTextWidth(text: string, size: number, variant: FontVariant = 'normal'): number {
  let w = 0
  for (const line of text.split('\n')) w = Math.max(w, textWidth(line.trim(), size, variant))
  return w
}

/**
 * The lines a text breaks into at `width`, at spaces, as pdfmake breaks a paragraph (a word wider than
 * the line stands alone on its line). `runs` carry their own variant, for bold words inside a sentence.
 */
export function breakLines(
  runs: readonly { text: string; variant: FontVariant }[],
  width: number,
  size: number,
): { text: string; variant: FontVariant }[][] {
  const words: { text: string; variant: FontVariant; w: number; space: number }[] = []
  for (const r of runs) {
    for (const m of r.text.matchAll(/(\S+)(\s*)|(\s+)/g)) {
      if (m[3] !== undefined) {
        // Leading spaces of a run belong to the word before.
        const last = words.at(-1)
        if (last) {
          const w = textWidth(m[3], size, r.variant)
          last.text += m[3]
          last.space += w
          last.w += w
        }
        continue
      }
      const text = m[1]! + m[2]!
      words.push({
        text,
        variant: r.variant,
        w: textWidth(text, size, r.variant),
        space: m[2] ? textWidth(m[2], size, r.variant) : 0,
      })
    }
  }
  // Words of different runs with no space between ("KEDUA" "." ) break only together, as pdfmake
  // keeps an inline that does not end in a space with the next.
  const units: (typeof words)[] = []
  for (const word of words) {
    const last = units.at(-1)
    if (last && last.at(-1)!.space === 0) last.push(word)
    else units.push([word])
  }
  const lines: { text: string; variant: FontVariant }[][] = []
  let line: typeof words = []
  let used = 0
  for (const unit of units) {
    const w = unit.reduce((s, x) => s + x.w, 0) - unit.at(-1)!.space
    if (line.length && used + w > width) {
      lines.push(line.map(({ text, variant }) => ({ text, variant })))
      line = []
      used = 0
    }
    line.push(...unit)
    used += w + unit.at(-1)!.space
  }
  if (line.length) lines.push(line.map(({ text, variant }) => ({ text, variant })))
  return lines
}

/** Whether the shipped font draws this code point (otherwise the reader sees an empty box). */
export function hasGlyph(codePoint: number, variant: FontVariant = 'normal'): boolean {
  return font(variant).font.hasGlyphForCodePoint(codePoint)
}

const printed = new Map<string, string>()

/**
 * Text as the shipped fonts can print it. Full-width and other compatibility forms ("＝1+1", "Ｓｉｔｉ",
 * "ﬁ") become their ordinary letters (Unicode NFKC); a letter the font still lacks loses its accents
 * if that helps, and is otherwise replaced by "?" rather than printed as an empty box. Controls other
 * than line breaks are dropped.
 */
export function printable(text: string): string {
  if (/^[\x20-\x7e\n]*$/.test(text)) return text
  let out = printed.get(text)
  if (out !== undefined) return out
  out = ''
  // NFKC per character, but a no-break space stays one: it is a layout instruction, not a letter form.
  const folded = [...text].map((c) => (c === '\u00a0' ? c : c.normalize('NFKC'))).join('')
  for (const ch of folded) {
    const cp = ch.codePointAt(0)!
    if (ch === '\n' || ch === '\t') out += ch === '\t' ? ' ' : ch
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x200c && cp <= 0x200f) || cp === 0xfeff) continue
    else if (hasGlyph(cp)) out += ch
    else {
      const base = ch.normalize('NFD').replace(/\p{M}+/gu, '')
      out += base && [...base].every((c) => hasGlyph(c.codePointAt(0)!)) ? base : '?'
    }
  }
  if (printed.size > 10_000) printed.clear()
  printed.set(text, out)
  return out
}
