import unhomoglyph from 'unhomoglyph'

/**
 * The one gate for every name and free text a person types or imports: wilayah, dapil, pekerja, regu,
 * pengguna, penyedia, signers, notes. A name that differs from another only in what cannot be seen
 * (a zero-width space, a right-to-left override, a Cyrillic "А" for a Latin "A", a no-break space) would
 * be a second place or person that prints exactly like the first: two desa counted twice in the needs,
 * a ledger row naming a look-alike actor. So:
 *
 * - invisible and bidi control characters are refused, naming the character and its position, because
 *   the person must see what is wrong and removing them silently would hide a tampered file;
 * - no-break and other Unicode spaces become a space, full-width forms their ASCII letters, and the
 *   text is NFC, because these are only other ways of writing the same visible text;
 * - a letter of another script that looks like a Latin one (UTS #39 confusables) is refused in a name;
 * - two names are the same name when their UTS #39 skeletons are equal (`lookKey`), so a second user,
 *   worker, team, desa or kecamatan that only looks like an existing one is refused naming that one;
 * - the formula check (=, +, -, @, tab, CR first) runs after all that, so nothing invisible hides it.
 *
 * The contract (api/contract/common.ts) and the import parsers call these same functions, so a form and
 * a file refuse the same text with the same words.
 */

export type Checked = { ok: true; value: string } | { ok: false; message: string }

/** C0/C1 control characters other than tab and line breaks: never typed, only pasted or corrupted. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const hasControlChars = (s: string): boolean => /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(s)

/** A lone UTF-16 surrogate: half a character, from a broken client or a cut string. */
export const hasBrokenUnicode = (s: string): boolean =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)

const hex = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`

// Bidi controls reorder what is shown (U+202E makes "TUAL RAKEM" read "MEKAR LAUT"); default-ignorable
// and format characters show nothing at all (ZWSP, ZWJ, word joiner, BOM, soft hyphen, Hangul fillers,
// variation selectors, tags). U+2800 (braille blank) is not ignorable but prints as a blank all the same.
const BIDI = /\p{Bidi_Control}/u
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]/u
const INVISIBLE_ALL = /[\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]/gu

/** Where the first invisible or bidi control character is, counted in characters from 1 as a person counts. */
export function findInvisible(raw: string): { codePoint: number; position: number; bidi: boolean } | null {
  if (!INVISIBLE.test(raw)) return null
  let position = 0
  for (const ch of raw) {
    position++
    if (INVISIBLE.test(ch)) return { codePoint: ch.codePointAt(0)!, position, bidi: BIDI.test(ch) }
  }
  return null
}

function invisibleMessage(subject: string, raw: string): string | null {
  const found = findInvisible(raw)
  if (!found) return null
  const { codePoint, position, bidi } = found
  return bidi
    ? `${subject} berisi karakter pengatur arah tulisan ${hex(codePoint)} pada posisi ${position} (membuat tulisan tampil terbalik atau tersamar); ketik ulang tanpa menempelkan dari tempat lain`
    : `${subject} berisi karakter tak terlihat ${hex(codePoint)} pada posisi ${position}; ketik ulang tanpa menempelkan dari tempat lain`
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/** Full-width ASCII (from an East Asian input method) is the same text as the ASCII it shows. */
const foldWidth = (s: string): string =>
  s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))

/**
 * Name form: spaces of every kind (no-break, narrow, ideographic, line separators, tabs) become one
 * space, full-width letters their ASCII, NFC, trimmed. Expects text without invisible characters.
 */
export function foldName(raw: string): string {
  // Most names are plain ASCII, and a TPS file holds thousands of them.
  if (PRINTABLE_ASCII.test(raw)) return raw.replace(/ {2,}/g, ' ').trim()
  return foldWidth(raw)
    .normalize('NFC')
    .replace(/[\s\p{Zs}]+/gu, ' ')
    .trim()
}

/** Free text keeps its line breaks; other spaces become a plain space. */
function foldText(raw: string): string {
  return foldWidth(raw)
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/[^\S\n]/g, ' ')
    .trim()
}

/**
 * `=SUM(...)`, `=1+1`, `+cmd`, `@foo`, `-HYPERLINK(...)`: a formula (or CSV injection) where a plain name
 * or code belongs. No desa, team or worker name starts with these characters, so any of them is refused.
 */
export const looksLikeFormula = (s: string): boolean => /^[=+\-@\t\r]/.test(s)

const MARK = /\p{M}/u
const MARKS_RUN = /\p{M}{3,}/u

/** Vietnamese needs two marks on one letter at most; more is text drawn over its neighbours. */
function marksProblem(subject: string, value: string): string | null {
  if (MARK.test(value[0] ?? ''))
    return `${subject} diawali tanda diakritik ${hex(value.codePointAt(0)!)} tanpa huruf; ketik ulang`
  const run = MARKS_RUN.exec(value)
  if (run) {
    const position = [...value.slice(0, run.index)].length + 1
    return `${subject} berisi ${[...run[0]].length} tanda diakritik bertumpuk mulai posisi ${position}; ketik ulang`
  }
  return null
}

const SCRIPT_NAMES: [RegExp, string][] = [
  [/\p{Script=Cyrillic}/u, 'Kiril'],
  [/\p{Script=Greek}/u, 'Yunani'],
  [/\p{Script=Armenian}/u, 'Armenia'],
  [/\p{Script=Cherokee}/u, 'Cherokee'],
  [/\p{Script=Coptic}/u, 'Koptik'],
]
const LATIN_LIKE = /^[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]+$/u
const LATIN_OR_DIGIT = /[\p{Script=Latin}0-9]/u
const FOREIGN_LETTER = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u
const ASCII_ALNUM = /^[A-Za-z0-9]+$/

/**
 * A letter or digit that passes for a Latin one: a Cyrillic or Greek letter whose confusable prototype
 * is Latin ("Т" for "T", "ё" for "ë"), or any other non-ASCII letter whose prototype is a plain ASCII
 * letter or digit (dotless "ı", mathematical "𝐀", Arabic-Indic digits). Latin letters with accents
 * ("É", "Ł") are themselves and pass.
 */
function lookAlikeLetter(ch: string): { looksLike: string; script: string } | null {
  if (ch.charCodeAt(0) < 0x80 || !/[\p{L}\p{N}]/u.test(ch)) return null
  const nfd = ch.normalize('NFD')
  const proto = skeleton(ch)
  if (proto === nfd) return null
  const foreign = FOREIGN_LETTER.test(ch)
  if (foreign ? LATIN_LIKE.test(proto) && LATIN_OR_DIGIT.test(proto) : ASCII_ALNUM.test(proto)) {
    const script = foreign ? (SCRIPT_NAMES.find(([re]) => re.test(ch))?.[1] ?? 'bukan Latin') : 'khusus'
    return { looksLike: proto.normalize('NFC'), script: `huruf ${script}` }
  }
  return null
}

function lookAlikeProblem(subject: string, value: string): string | null {
  if (PRINTABLE_ASCII.test(value)) return null
  let position = 0
  for (const ch of value) {
    position++
    const found = lookAlikeLetter(ch)
    if (found)
      return `${subject} berisi ${found.script} "${ch}" (${hex(ch.codePointAt(0)!)}) pada posisi ${position} yang tampak seperti "${found.looksLike}"; ketik ulang dengan huruf Latin biasa`
  }
  return null
}

/** Problems any text has before it is looked at as a name: broken or control characters, invisible ones. */
function rawProblem(subject: string, raw: string, max: number): string | null {
  // Folding a megabyte pasted into a name field is wasted work: it is refused by its length as it is.
  if (raw.length > max * 4 + 64) return `${subject} terlalu panjang (${raw.length} karakter, maksimum ${max})`
  if (hasBrokenUnicode(raw)) return `${subject} berisi karakter yang rusak; ketik ulang`
  if (hasControlChars(raw)) return `${subject} berisi karakter kendali yang tidak terlihat; ketik ulang`
  return invisibleMessage(subject, raw)
}

/**
 * A name of a place, person, team, dapil or supplier. `subject` starts the message: "Nama pengguna".
 * The value is the name as it will be stored and shown; compare names with nameKey or lookKey.
 */
export function checkName(raw: string, subject: string, max: number): Checked {
  const early = rawProblem(subject, raw, max)
  if (early) return { ok: false, message: early }
  const value = foldName(raw)
  if (value === '') return { ok: false, message: `${subject} kosong` }
  if (looksLikeFormula(value))
    return { ok: false, message: `${subject} "${value}" berisi rumus; tulis sebagai teks biasa` }
  const problem = marksProblem(subject, value) ?? lookAlikeProblem(subject, value)
  if (problem) return { ok: false, message: problem }
  if (value.length > max)
    return { ok: false, message: `${subject} terlalu panjang (${value.length} karakter, maksimum ${max})` }
  return { ok: true, value }
}

/** Free text (a note, a jabatan, an address): may be empty; invisible and bidi characters are still refused. */
export function checkText(raw: string, subject: string, max: number): Checked {
  const early = rawProblem(subject, raw, max)
  if (early) return { ok: false, message: early }
  const value = foldText(raw)
  const problem = value === '' ? null : marksProblem(subject, value)
  if (problem) return { ok: false, message: problem }
  if (value.length > max)
    return { ok: false, message: `${subject} terlalu panjang (${value.length} karakter, maksimum ${max})` }
  return { ok: true, value }
}

/**
 * The comparison key of a name: files from different offices differ in case, stray spaces (including
 * the no-break spaces Excel keeps) and composed vs decomposed accents. toUpperCase (not
 * toLocaleUpperCase) so the result does not depend on the machine's locale.
 */
export function nameKey(s: string): string {
  return foldName(s).toUpperCase()
}

/**
 * UTS #39 skeleton: NFD, default-ignorable characters removed, each character replaced by its
 * confusable prototype (Unicode's confusables.txt, through the unhomoglyph package), NFD again. Only for
 * comparing: "Аdmin" (Cyrillic А) and "Admin" have one skeleton; it is never shown.
 */
export function skeleton(s: string): string {
  return unhomoglyph(s.normalize('NFD').replace(INVISIBLE_ALL, '')).normalize('NFD')
}

/** Names with one lookKey look the same on screen and on paper, whatever their case or characters. */
export function lookKey(s: string): string {
  return skeleton(nameKey(s))
}

/**
 * The existing name that `name` only looks like: same skeleton, different spelling. An identical
 * spelling (same nameKey) is the caller's rule (a desa named twice in a file is one desa; a user named
 * twice is refused), so it is not returned here.
 */
export function findLookAlike(name: string, existing: Iterable<string>): string | undefined {
  return nameIndex(existing).lookAlike(name)
}

/** The existing name with the same look, identical spelling included: for names that must be unique. */
export function findSameName(name: string, existing: Iterable<string>): string | undefined {
  return nameIndex(existing).same(name)
}

/** Existing names by their look, for checking many names against one list (a file against the database). */
export function nameIndex(existing: Iterable<string>): {
  same: (name: string) => string | undefined
  lookAlike: (name: string) => string | undefined
} {
  const byLook = new Map<string, { key: string; name: string }[]>()
  for (const name of existing) {
    const key = nameKey(name)
    const look = skeleton(key)
    byLook.set(look, [...(byLook.get(look) ?? []), { key, name }])
  }
  return {
    same: (name) => byLook.get(lookKey(name))?.[0]?.name,
    lookAlike: (name) => {
      const key = nameKey(name)
      return byLook.get(skeleton(key))?.find((x) => x.key !== key)?.name
    },
  }
}

/** "Nama pengguna "Аdmin Uji" sama dengan nama yang sudah ada: Admin Uji" (and why that matters). */
export const sameNameMessage = (subject: string, name: string, existing: string): string =>
  nameKey(name) === nameKey(existing)
    ? `${subject} "${name}" sudah dipakai`
    : `${subject} "${name}" sama dengan nama yang sudah ada: ${existing} (hanya berbeda pada huruf yang tampak serupa); pakai nama yang sudah ada atau nama yang jelas berbeda`

/** Levenshtein distance between two texts (for suggestions; names are short). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!
    prev[0] = i
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = up
    }
  }
  return prev[b.length]!
}

/** Similar enough to be the same place misspelt or renamed: one name inside the other, or a third of it edited. */
export function similarName(a: string, b: string): boolean {
  const x = nameKey(a)
  const y = nameKey(b)
  if (x.includes(y) || y.includes(x)) return true
  return editDistance(x, y) <= Math.floor(Math.max(x.length, y.length) / 3)
}

/** The names of `known` closest to `name` (at most `n`, nearest first), for "maksud Anda …?" suggestions. */
export function closestNames(name: string, known: Iterable<string>, n = 3): string[] {
  const key = nameKey(name)
  return [...known]
    .filter((k) => similarName(name, k))
    .map((k) => ({ k, d: editDistance(key, nameKey(k)) }))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, n)
    .map((x) => x.k)
}
