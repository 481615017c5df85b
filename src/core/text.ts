import { refused } from './errors'
import { nameKey } from './names'

export { hasBrokenUnicode, hasControlChars } from './names'

export type TextEncodingName = 'UTF-8' | 'UTF-8 (BOM)' | 'UTF-16LE' | 'Windows-1252'

export interface DecodedText {
  text: string
  encoding: TextEncodingName
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Implemented by hand rather than with
// TextDecoder('windows-1252') because that label needs full ICU, which a Node/Electron build may lack.
// The five undefined bytes map to the C1 controls, as the WHATWG Encoding Standard does.
const CP1252_HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
]

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = []
  const CHUNK = 8192
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK)
    const codes = new Array<number>(end - start)
    for (let i = start; i < end; i++) {
      const b = bytes[i]!
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b
    }
    parts.push(String.fromCharCode(...codes))
  }
  return parts.join('')
}

/**
 * Windows-1252 text of Indonesian names has few bytes above 0x7F, each alone inside ASCII ("JOSÉ"). Bytes
 * above 0x7F that mostly come in runs are a multi-byte encoding (Shift-JIS, GBK, EUC-KR) that 1252 would
 * turn into plausible-looking garbage, so such a file is refused rather than guessed.
 */
function looksMultiByte(bytes: Uint8Array): boolean {
  let high = 0
  let paired = 0
  let odd = 0
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!
    if (b < 0x80) continue
    high++
    if ((i > 0 && bytes[i - 1]! >= 0x80) || (i + 1 < bytes.length && bytes[i + 1]! >= 0x80)) paired++
    if (UNLIKELY_IN_NAMES.has(b)) odd++
  }
  // GBK, EUC-KR, UTF-8 gone wrong: pairs of high bytes. Shift-JIS kana and kanji: a lead byte in
  // 0x81–0x9F (ƒ, ‚, ˆ, Š … in Windows-1252) followed by an ASCII-range trail byte.
  return (high >= 4 && paired / high > 0.5) || (odd >= 3 && odd / high > 0.3)
}

/** Windows-1252 bytes 0x80–0x9F that are not quotes, dashes, ellipsis or the euro sign: never in a name. */
const UNLIKELY_IN_NAMES = new Set([
  0x81, 0x82, 0x83, 0x84, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x98, 0x99, 0x9a, 0x9b,
  0x9c, 0x9d, 0x9e, 0x9f,
])

/** Control characters that never belong in a table of names and numbers (tab, LF and CR are fine). */
function isJunkControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f)
}

const describe = (fileName?: string): string => (fileName ? `Berkas "${fileName}"` : 'Berkas')

const SAVE_AS_HINT = 'Buka berkas di Excel lalu simpan sebagai "CSV UTF-8" atau "Excel Workbook (.xlsx)".'

function refuseBinary(fileName: string | undefined, why: string): never {
  throw refused(`${describe(fileName)} bukan teks CSV: ${why}. ${SAVE_AS_HINT}`)
}

/** The characters isJunkControl counts, as one class: a text with none (nearly every file) is passed in one scan. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ANY_JUNK_CONTROL = new RegExp('[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]')

/** A real CSV holds at most a stray control character; binary data (images, zip, PDF streams) holds many. */
function assertLooksLikeText(text: string, fileName: string | undefined): void {
  if (text.includes('\u0000')) refuseBinary(fileName, 'berisi byte NUL (data biner)')
  // A regular expression scans a 15,000-row file in a quarter of the time of the loop below.
  if (!ANY_JUNK_CONTROL.test(text)) return
  let junk = 0
  for (let i = 0; i < text.length; i++) if (isJunkControl(text.charCodeAt(i))) junk++
  if (junk / text.length > 0.01) refuseBinary(fileName, `berisi ${junk} karakter kendali (data biner)`)
}

/**
 * Turns the bytes of a "CSV" a coordinator saved into text. Excel writes UTF-8 with a BOM ("CSV UTF-8"),
 * UTF-16LE ("Unicode Text") or the ANSI code page, which for an Indonesian Windows is Windows-1252;
 * strict UTF-8 is tried first because Windows-1252 accepts any byte and would silently garble UTF-8 names.
 * `fileName` only makes the refusal message name the file.
 */
export function decodeText(bytes: Uint8Array, fileName?: string): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    throw refused(`${describe(fileName)} tersimpan dalam UTF-16 big-endian yang tidak didukung. ${SAVE_AS_HINT}`)
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    let text: string
    try {
      text = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2))
    } catch {
      throw refused(`${describe(fileName)} ditandai UTF-16 tetapi isinya rusak. ${SAVE_AS_HINT}`)
    }
    assertLooksLikeText(text, fileName)
    return { text, encoding: 'UTF-16LE' }
  }

  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  const body = hasBom ? bytes.subarray(3) : bytes
  // NUL never occurs in UTF-8 or Windows-1252 text; checking the bytes first avoids decoding a large binary.
  if (body.includes(0)) refuseBinary(fileName, 'berisi byte NUL (data biner)')

  let text: string | null
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body)
  } catch {
    text = null
  }
  if (text !== null) {
    assertLooksLikeText(text, fileName)
    return { text, encoding: hasBom ? 'UTF-8 (BOM)' : 'UTF-8' }
  }
  if (hasBom) {
    // A BOM promises UTF-8; guessing another encoding here would hide a damaged file.
    throw refused(
      `${describe(fileName)} ditandai UTF-8 tetapi berisi byte yang bukan UTF-8 (berkas rusak atau tercampur). ${SAVE_AS_HINT}`,
    )
  }
  if (looksMultiByte(body)) {
    throw refused(
      `${describe(fileName)} memakai pengodean huruf yang tidak dikenali (bukan UTF-8 maupun Windows-1252; nama-nama akan terbaca kacau). ${SAVE_AS_HINT}`,
    )
  }
  text = decodeWindows1252(body)
  assertLooksLikeText(text, fileName)
  return { text, encoding: 'Windows-1252' }
}

/** The comparison key of kecamatan, desa, worker, team and dapil names (core/names.ts nameKey). */
export const normalizeName = nameKey

/**
 * A string function with its answers remembered, for one pass over a file: a TPS list names each
 * kecamatan and desa, and repeats each TPS number and DPT, thousands of times. The function must be pure.
 */
export function memoized<T>(fn: (s: string) => T): (s: string) => T {
  const seen = new Map<string, T>()
  return (s) => {
    const hit = seen.get(s)
    if (hit !== undefined || seen.has(s)) return hit as T
    const v = fn(s)
    seen.set(s, v)
    return v
  }
}

export { shortItemName } from './itemName'
