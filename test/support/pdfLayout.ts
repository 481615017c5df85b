import { pdfQrCodes, run } from './pdf'

/**
 * Where every word of a PDF stands, as poppler reads it back (`pdftotext -bbox`): the evidence that a
 * paper fits its sheet. Coordinates are points from the top left of each page.
 */
export interface Word {
  text: string
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}
export interface Page {
  width: number
  height: number
  words: Word[]
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

export function pdfPagesWithWords(file: string): Page[] {
  const html = run('pdftotext', ['-bbox', file, '-'])
  const pages: Page[] = []
  for (const m of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words: Word[] = []
    for (const w of m[3]!.matchAll(
      /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g,
    ))
      words.push({ text: unescape(w[5]!), xMin: +w[1]!, yMin: +w[2]!, xMax: +w[3]!, yMax: +w[4]! })
    pages.push({ width: +m[1]!, height: +m[2]!, words })
  }
  return pages
}

/** The words of a page joined in reading order (pdftotext's), single spaces. */
export const pageText = (p: Page): string => p.words.map((w) => w.text).join(' ')

/**
 * Words that stand outside a box on their page, for a message that names them: "halaman 3: «SGL-»
 * x 540,2–561,9 (batas 0–538,6)". Whitespace-only words (the invisible line filler) are not words.
 * The tolerance is a point (0,35 mm): pdfmake sets some justified lines up to 0,7 pt longer than its
 * own line width, and a word cut at the margin is off by whole characters anyway.
 */
export function wordsOutside(
  pages: Page[],
  box: (p: Page) => { left: number; right: number; top: number; bottom: number },
  tolerance = 1,
): string[] {
  const out: string[] = []
  pages.forEach((p, i) => {
    const b = box(p)
    for (const w of p.words) {
      if (!w.text.trim()) continue
      if (
        w.xMin < b.left - tolerance ||
        w.xMax > b.right + tolerance ||
        w.yMin < b.top - tolerance ||
        w.yMax > b.bottom + tolerance
      )
        out.push(
          `halaman ${i + 1}: «${w.text}» x ${w.xMin.toFixed(1)}–${w.xMax.toFixed(1)}, y ${w.yMin.toFixed(1)}–${w.yMax.toFixed(1)} (batas x ${b.left.toFixed(1)}–${b.right.toFixed(1)}, y ${b.top.toFixed(1)}–${b.bottom.toFixed(1)})`,
        )
    }
  })
  return out
}

/** The QR codes zbar reads on one page rendered at `dpi`. */
export const qrOnPage = (file: string, page: number, dpi = 150): string[] => pdfQrCodes(file, page, dpi)

/** pdffonts' table: every font's name, type and whether it is embedded. */
export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/)
      // name type [type2] encoding emb sub uni object ID
      return { name: cols[0]!, embedded: cols.at(-5) === 'yes' }
    })
}
