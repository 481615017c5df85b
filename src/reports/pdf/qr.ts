import { qrMatrix, type EccLevel } from './qrMatrix'
import type { ContentCanvas, ContentQr } from './types'

/**
 * QR codes that scan from paper. pdfmake draws a QR with whole-point modules
 * (module = floor(fit / modules)), so its printed size jumps with the QR version; left to itself it
 * prints a 40-character payload as 1-pt modules (0.35 mm, about 12 mm across), which office phone
 * cameras read badly off a laser print or a photocopy. Fixing the version, the ECC level and a 2-pt
 * module makes the size predictable: 20.5–26 mm across with 0.7 mm modules.
 */

/**
 * Byte-mode capacity of QR versions 1–7 (ISO/IEC 18004, table 7) at ECC levels M and L. Versions 6 and 7
 * are for kotak labels whose public codes carry a long dapil name (core/kotakLabel.ts).
 */
const CAPACITY = { M: [14, 26, 42, 62, 84, 106, 122], L: [17, 32, 53, 78, 106, 134, 154] } as const
const MIN_VERSION = 3
const MODULE_PT = 2

export const QR_MAX_BYTES = CAPACITY.L[CAPACITY.L.length - 1]!

export interface SizedQr {
  node: ContentQr
  /** Width and height in points. */
  size: number
}

/** UTF-8 length of text as pdfmake encodes it (one UTF-16 unit at a time, right for the BMP only). */
function utf8Length(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdfff) throw new Error('Teks kode QR tidak boleh memuat emoji atau karakter di luar BMP')
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3
  }
  return n
}

/**
 * A QR node for short text — an id and a hash prefix, not the document. ECC level M (15 % may be lost
 * to a crease or a stamp) while the text fits version 7; level L up to 154 bytes; longer text is
 * refused rather than printed too small to scan.
 */
export function sizedQr(text: string, modulePt: number = MODULE_PT): SizedQr {
  const { version, eccLevel } = qrSpec(text)
  const size = (17 + 4 * version) * modulePt
  return { node: { qr: text, version, eccLevel, mode: 'octet', fit: size, width: size }, size }
}

/** The version and ECC level sizedQr prints `text` with. */
export function qrSpec(text: string): { version: number; eccLevel: EccLevel } {
  if (text.length === 0) throw new Error('Teks kode QR kosong')
  const bytes = utf8Length(text)
  for (const eccLevel of ['M', 'L'] as const) {
    const index = CAPACITY[eccLevel].findIndex((cap, i) => i + 1 >= MIN_VERSION && bytes <= cap)
    if (index !== -1) return { version: index + 1, eccLevel }
  }
  throw new Error(`Teks kode QR terlalu panjang (${bytes} bita, paling banyak ${QR_MAX_BYTES})`)
}

/** The modules of the code sizedQr prints for `text` (same version, ECC level and mask). */
export function qrModules(text: string): { size: number; modules: Uint8Array } {
  const { version, eccLevel } = qrSpec(text)
  return qrMatrix(text, version, eccLevel)
}

/** A QR code as rectangles of dark modules, in modules: [column, row, width, height]. */
export interface QrRects {
  /** Modules across (and down). */
  modules: number
  rects: [number, number, number, number][]
}

/**
 * The same code as sizedQr (text, version, ECC level, mask) as few rectangles: the dark modules merged
 * into runs along each row, a run stacked onto the one above while that row has the same run. Filled
 * together they draw the code as one vector; pdfmake's `qr` node draws each dark module as its own
 * rectangle with its own line, dash, join, cap and colour operators, about 400 per code.
 */
export function qrRects(text: string): QrRects {
  const { size: n, modules } = qrModules(text)
  const rects: [number, number, number, number][] = []
  // While a rectangle spanning columns [start, openTo[start]) continues, openFrom[start] is its first row.
  const openFrom = new Int32Array(n).fill(-1)
  const openTo = new Int32Array(n)
  const seen = new Uint8Array(n)
  const close = (start: number, row: number) => {
    rects.push([start, openFrom[start]!, openTo[start]! - start, row - openFrom[start]!])
    openFrom[start] = -1
  }
  for (let i = 0; i <= n; i++) {
    seen.fill(0)
    for (let j = 0; i < n && j < n;) {
      if (!modules[i * n + j]) {
        j++
        continue
      }
      let k = j
      while (k < n && modules[i * n + k]) k++
      if (openFrom[j]! >= 0 && openTo[j] !== k) close(j, i)
      if (openFrom[j]! < 0) {
        openFrom[j] = i
        openTo[j] = k
      }
      seen[j] = 1
      j = k
    }
    for (let j = 0; j < n; j++) if (openFrom[j]! >= 0 && !seen[j]) close(j, i)
  }
  return { modules: n, rects }
}

/**
 * The code sizedQr prints (same text, version, ECC level, mask and module size) as a pdfmake canvas of
 * the merged dark modules (qrRects): 170-300 rectangles where pdfmake's `qr` node draws every dark
 * module as its own (400-700), each with its own line, dash, join, cap and colour operators.
 *
 * Not one path: poppler snaps a separately filled
 * rectangle to whole pixels, not a path of many, and at 60-72 dpi (a 2-pt module is 1.7-2 px) the
 * snapped rectangles are what zbar reads; one path of the same modules failed to decode at 72 dpi for
 * four of six payload lengths, these rectangles decode as pdfmake's did.
 */
export function qrCanvas(text: string, modulePt: number = MODULE_PT): { node: ContentCanvas; size: number } {
  const { modules, rects } = qrRects(text)
  const size = modules * modulePt
  return {
    node: {
      canvas: rects.map(([c, r, w, h]) => ({
        type: 'rect' as const,
        x: c * modulePt,
        y: r * modulePt,
        w: w * modulePt,
        h: h * modulePt,
        color: '#000000',
      })),
      width: size,
    },
    size,
  }
}
