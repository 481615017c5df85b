/**
 * The QR encoder behind every printed QR code: text in, dark/light modules out, in byte (octet) mode.
 *
 * It is the encoder pdfmake ships (qr.js by Kang Seonghoon, revision 2011-01-19, public domain / CC0;
 * node_modules/pdfmake/js/qrEnc.js), ported to typed arrays so it can be called tens of thousands of
 * times in one print job: pdfmake's copy spends about 0.35 ms on a version-3 code, mostly scoring the
 * eight masks on arrays of arrays, which for the 76,140 kotak labels of a Bogor-size satker is longer
 * than the whole budget of the job. The mask scoring works on whole rows and columns held as bits
 * (bitScore): every kotak label's code is version 4 (33 modules across), and scoring it module by module
 * took three quarters of the label job. Every step — code words, Reed-Solomon blocks, placement, the mask
 * scoring and its tie-breaking — is kept as it was, so the matrix is module for module the one pdfmake
 * would draw (test/unit/qr-matrix.test.ts compares the two), and a label scans exactly as before.
 */

export type EccLevel = 'L' | 'M' | 'Q' | 'H'

/** Row-major, `size * size` entries, 1 = dark. */
export interface QrMatrix {
  size: number
  modules: Uint8Array
}

// Per version: [0] ECC code words per block by ECC level (index = the level's format bits: M, L, H, Q),
// [1] number of blocks, [2] alignment pattern positions. As in qr.js (JIS X 0510:2004 pp. 30–36, 71).
// prettier-ignore
const VERSIONS: readonly (readonly [readonly number[], readonly number[], readonly number[]])[] = [
  [[], [], []],
  [[10, 7, 17, 13], [1, 1, 1, 1], []],
  [[16, 10, 28, 22], [1, 1, 1, 1], [4, 16]],
  [[26, 15, 22, 18], [1, 1, 2, 2], [4, 20]],
  [[18, 20, 16, 26], [2, 1, 4, 2], [4, 24]],
  [[24, 26, 22, 18], [2, 1, 4, 4], [4, 28]],
  [[16, 18, 28, 24], [4, 2, 4, 4], [4, 32]],
  [[18, 20, 26, 18], [4, 2, 5, 6], [4, 20, 36]],
  [[22, 24, 26, 22], [4, 2, 6, 6], [4, 22, 40]],
  [[22, 30, 24, 20], [5, 2, 8, 8], [4, 24, 44]],
  [[26, 18, 28, 24], [5, 4, 8, 8], [4, 26, 48]],
]

export const QR_MAX_VERSION = VERSIONS.length - 1

/** The format-information value of each ECC level (Table 22 of JIS X 0510:2004). */
const ECC_BITS: Record<EccLevel, number> = { M: 0, L: 1, H: 2, Q: 3 }

const MODE_OCTET = 4

// GF(2^8) with x^8+x^4+x^3+x^2+1: MAP[e] = alpha^e, INVMAP[v] = log(v) (INVMAP[0] = -1).
const GF_MAP = new Int32Array(255)
const GF_INVMAP = new Int32Array(256).fill(-1)
for (let i = 0, v = 1; i < 255; i++) {
  GF_MAP[i] = v
  GF_INVMAP[v] = i
  v = (v * 2) ^ (v >= 128 ? 0x11d : 0)
}

/** Generator polynomials up to degree 30, as exponents of alpha, the leading 1 left out. */
const GENPOLY: number[][] = [[]]
for (let i = 0; i < 30; i++) {
  const prev = GENPOLY[i]!
  const poly: number[] = []
  for (let j = 0; j <= i; j++) {
    const a = j < i ? GF_MAP[prev[j]!]! : 0
    const b = GF_MAP[(i + (prev[j - 1] ?? 0)) % 255]!
    poly.push(GF_INVMAP[a ^ b]!)
  }
  GENPOLY.push(poly)
}

const MASKS: readonly ((i: number, j: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_i, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (((i / 2) | 0) + ((j / 3) | 0)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i + j) % 2) + ((i * j) % 3)) % 2 === 0,
]

const sizeOf = (ver: number) => 4 * ver + 17

function fullBits(ver: number): number {
  const aligns = VERSIONS[ver]![2].length
  let nbits = 16 * ver * ver + 128 * ver + 64
  if (ver > 6) nbits -= 36
  if (aligns) nbits -= 25 * aligns * aligns - 10 * aligns - 55
  return nbits
}

function dataBits(ver: number, ecc: number): number {
  const v = VERSIONS[ver]!
  return (fullBits(ver) & ~7) - 8 * v[0][ecc]! * v[1][ecc]!
}

const lengthBits = (ver: number) => (ver < 10 ? 8 : 16)

/** How many bytes fit a version at an ECC level in byte mode. */
export function qrByteCapacity(ver: number, ecc: EccLevel): number {
  return ((dataBits(ver, ECC_BITS[ecc]) - 4 - lengthBits(ver)) / 8) | 0
}

/** UTF-8 of each UTF-16 unit, as qr.js converts text (the same as UTF-8 for text without surrogates). */
export function qrBytes(text: string): number[] {
  const out: number[] = []
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (ch < 0x80) out.push(ch)
    else if (ch < 0x800) out.push(0xc0 | (ch >> 6), 0x80 | (ch & 0x3f))
    else out.push(0xe0 | (ch >> 12), 0x80 | ((ch >> 6) & 0x3f), 0x80 | (ch & 0x3f))
  }
  return out
}

/** Mode, length, data, terminator and padding code words. */
function codeWords(ver: number, data: readonly number[], maxLen: number): number[] {
  const buf: number[] = []
  let bits = 0
  let remaining = 8
  const pack = (x: number, n: number) => {
    if (n >= remaining) {
      buf.push(bits | (x >> (n -= remaining)))
      while (n >= 8) buf.push((x >> (n -= 8)) & 255)
      bits = 0
      remaining = 8
    }
    if (n > 0) bits |= (x & ((1 << n) - 1)) << (remaining -= n)
  }
  pack(MODE_OCTET, 4)
  pack(data.length, lengthBits(ver))
  for (const b of data) pack(b, 8)
  pack(0, 4)
  if (remaining < 8) buf.push(bits)
  while (buf.length + 1 < maxLen) buf.push(0xec, 0x11)
  if (buf.length < maxLen) buf.push(0xec)
  return buf
}

function ecc(poly: readonly number[], genpoly: readonly number[]): number[] {
  const modulus = [...poly, ...new Array<number>(genpoly.length).fill(0)]
  for (let i = 0; i < poly.length;) {
    const quotient = GF_INVMAP[modulus[i++]!]!
    if (quotient >= 0)
      for (let j = 0; j < genpoly.length; j++) modulus[i + j]! ^= GF_MAP[(quotient + genpoly[j]!) % 255]!
  }
  return modulus.slice(poly.length)
}

/** Splits into blocks, adds each block's ECC words and interleaves (JIS X 0510:2004 sec 8.7). */
function withEcc(poly: readonly number[], nblocks: number, genpoly: readonly number[]): number[] {
  const starts: number[] = []
  const sub = (poly.length / nblocks) | 0
  const pivot = nblocks - (poly.length % nblocks)
  let at = 0
  for (let i = 0; i < pivot; i++) {
    starts.push(at)
    at += sub
  }
  for (let i = pivot; i < nblocks; i++) {
    starts.push(at)
    at += sub + 1
  }
  starts.push(at)
  const eccs = Array.from({ length: nblocks }, (_, i) => ecc(poly.slice(starts[i], starts[i + 1]), genpoly))
  const out: number[] = []
  for (let i = 0; i < sub; i++) for (let j = 0; j < nblocks; j++) out.push(poly[starts[j]! + i]!)
  for (let j = pivot; j < nblocks; j++) out.push(poly[starts[j + 1]! - 1]!)
  for (let i = 0; i < genpoly.length; i++) for (let j = 0; j < nblocks; j++) out.push(eccs[j]![i]!)
  return out
}

function bch(poly: number, p: number, genpoly: number, q: number): number {
  let modulus = poly << q
  for (let i = p - 1; i >= 0; i--) if ((modulus >> (q + i)) & 1) modulus ^= genpoly << i
  return (poly << q) | modulus
}

interface Base {
  n: number
  matrix: Uint8Array
  reserved: Uint8Array
}

/** Finder, timing and alignment patterns (and version information), with the cells they reserve. */
function baseMatrix(ver: number): Base {
  const n = sizeOf(ver)
  const matrix = new Uint8Array(n * n)
  const reserved = new Uint8Array(n * n)
  const blit = (y: number, x: number, h: number, w: number, rows: readonly number[]) => {
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++) {
        matrix[(y + i) * n + x + j] = (rows[i]! >> j) & 1
        reserved[(y + i) * n + x + j] = 1
      }
  }
  blit(0, 0, 9, 9, [0x7f, 0x41, 0x5d, 0x5d, 0x5d, 0x41, 0x17f, 0x00, 0x40])
  blit(n - 8, 0, 8, 9, [0x100, 0x7f, 0x41, 0x5d, 0x5d, 0x5d, 0x41, 0x7f])
  blit(0, n - 8, 9, 8, [0xfe, 0x82, 0xba, 0xba, 0xba, 0x82, 0xfe, 0x00, 0x00])
  for (let i = 9; i < n - 8; i++) {
    matrix[6 * n + i] = matrix[i * n + 6] = ~i & 1
    reserved[6 * n + i] = reserved[i * n + 6] = 1
  }
  const aligns = VERSIONS[ver]![2]
  const m = aligns.length
  for (let i = 0; i < m; i++) {
    const minj = i === 0 || i === m - 1 ? 1 : 0
    const maxj = i === 0 ? m - 1 : m
    for (let j = minj; j < maxj; j++) blit(aligns[i]!, aligns[j]!, 5, 5, [0x1f, 0x11, 0x15, 0x11, 0x1f])
  }
  if (ver > 6) {
    const code = bch(ver, 6, 0x1f25, 12)
    let k = 0
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 3; j++) {
        matrix[i * n + n - 11 + j] = matrix[(n - 11 + j) * n + i] = (code >> k++) & 1
        reserved[i * n + n - 11 + j] = reserved[(n - 11 + j) * n + i] = 1
      }
  }
  return { n, matrix, reserved }
}

/** The code words in the zigzag order, two columns at a time from the right; the rest padded with 0. */
function putData({ n, matrix, reserved }: Base, buf: readonly number[]): void {
  let k = 0
  let dir = -1
  for (let i = n - 1; i >= 0; i -= 2) {
    if (i === 6) --i
    let jj = dir < 0 ? n - 1 : 0
    for (let j = 0; j < n; j++) {
      for (let ii = i; ii > i - 2; --ii) {
        if (!reserved[jj * n + ii]) {
          matrix[jj * n + ii] = ((buf[k >> 3] ?? 0) >> (~k & 7)) & 1
          ++k
        }
      }
      jj += dir
    }
    dir = -dir
  }
}

/** The cells of the 15 format bits: bit i goes to formatCells(n)[2i] and [2i + 1], as [row, column]. */
function formatCells(n: number): [number, number][] {
  const rows = [0, 1, 2, 3, 4, 5, 7, 8, n - 7, n - 6, n - 5, n - 4, n - 3, n - 2, n - 1]
  const cols = [n - 1, n - 2, n - 3, n - 4, n - 5, n - 6, n - 7, n - 8, 7, 5, 4, 3, 2, 1, 0]
  return rows.flatMap((r, i): [number, number][] => [
    [r, 8],
    [8, cols[i]!],
  ])
}

function putFormat(matrix: Uint8Array, n: number, eccBits: number, mask: number): void {
  const code = bch((eccBits << 3) | mask, 5, 0x537, 10) ^ 0x5412
  const cells = formatCells(n)
  for (let i = 0; i < 15; i++) {
    const bit = (code >> i) & 1
    matrix[cells[2 * i]![0] * n + cells[2 * i]![1]] = bit
    matrix[cells[2 * i + 1]![0] * n + cells[2 * i + 1]![1]] = bit
  }
}

/** qr.js's score of one line given as runs [light, dark, light, …, light] (the first light run may be 0). */
function scoreRuns(groups: Int32Array, len: number): number {
  let s = 0
  for (let i = 0; i < len; i++) if (groups[i]! >= 5) s += groups[i]! - 2
  return s + finderLikePenalty(groups, len)
}

/** 40 for each dark-light-dark run of 1:1:3:1:1 with four light modules on one side: a look-alike finder. */
function finderLikePenalty(groups: Int32Array, len: number): number {
  let s = 0
  for (let i = 5; i < len; i += 2) {
    const p = groups[i]!
    if (
      groups[i - 1] === p &&
      groups[i - 2] === 3 * p &&
      groups[i - 3] === p &&
      groups[i - 4] === p &&
      (groups[i - 5]! >= 4 * p || (i + 1 < len && groups[i + 1]! >= 4 * p))
    )
      s += 40
  }
  return s
}

/** The runs of the line starting at `start` with cells `step` apart, into groups; returns their count. */
function runs(m: Uint8Array, start: number, step: number, n: number, groups: Int32Array): number {
  let len = 0
  groups[len++] = 0
  let at = start
  const end = start + step * n
  while (at !== end) {
    let k = 0
    while (at !== end && m[at] === 1) {
      k++
      at += step
    }
    groups[len++] = k
    k = 0
    while (at !== end && m[at] === 0) {
      k++
      at += step
    }
    groups[len++] = k
  }
  return len
}

/**
 * qr.js's penalty score of a masked matrix (lower is better), with its own reading of JIS X 0510:2004
 * sec 8.8.2: runs of five or more (3 + length - 5), 2x2 blocks (3 each), finder-like 1:1:3:1:1 runs
 * beside four light modules (40), and 10 per 5 % away from half dark. Kept exactly, so the same mask wins.
 */
function score(m: Uint8Array, n: number, groups: Int32Array): number {
  let total = 0
  let dark = 0
  for (let i = 0; i < n; i++) {
    total += scoreRuns(groups, runs(m, i * n, 1, n, groups))
    total += scoreRuns(groups, runs(m, i, n, n, groups))
    const row = i * n
    dark += m[row]!
    const next = i + 1 < n
    for (let j = 1; j < n; j++) {
      const p = m[row + j]!
      dark += p
      if (next && m[row + j - 1] === p && m[row + n + j] === p && m[row + n + j - 1] === p) total += 3
    }
  }
  return total + 10 * ((Math.abs(dark / n / n - 0.5) / 0.05) | 0)
}

const ctz = (x: number) => 31 - Math.clz32(x & -x)

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

// A line (row or column) of up to 64 modules is held as two 32-bit words: lo has modules 0–31 (bit j =
// module j), hi modules 32–63; bits past the line's end are 0. `lo1(lo, hi, k)` is the lo word of the
// line shifted k modules towards 0 (1 <= k <= 31), `hi1(lo, hi, k)` the hi word of the line shifted the
// other way; the hi word shifted towards 0 is just `hi >>> k`.
const lo1 = (lo: number, hi: number, k: number) => (lo >>> k) | (hi << (32 - k))
const hi1 = (lo: number, hi: number, k: number) => (hi << k) | (lo >>> (32 - k))

/**
 * The runs of a line into groups, as runs() makes them from the modules: an empty light run, then dark
 * and light runs in turn (the first dark one empty when the line starts light), ending with a light run
 * (empty when the line ends dark). Each run ends where a module differs from the next one: one step per
 * run. `pLo`/`pHi` are the pairs of modules inside the line (see lineScore). Returns the runs' count.
 */
function bitRuns(lo: number, hi: number, n: number, pLo: number, pHi: number, groups: Int32Array): number {
  let len = 0
  groups[len++] = 0
  if ((lo & 1) === 0) groups[len++] = 0
  let prev = -1
  for (let t = (lo ^ lo1(lo, hi, 1)) & pLo; t !== 0; t &= t - 1) {
    const j = ctz(t)
    groups[len++] = j - prev
    prev = j
  }
  for (let t = (hi ^ (hi >>> 1)) & pHi; t !== 0; t &= t - 1) {
    const j = 32 + ctz(t)
    groups[len++] = j - prev
    prev = j
  }
  groups[len++] = n - 1 - prev
  if (((n <= 32 ? lo >>> (n - 1) : hi >>> (n - 33)) & 1) === 1) groups[len++] = 0
  return len
}

/**
 * scoreRuns(runs of the line) for a line of n <= 64 modules, mostly without building the runs. Runs of
 * five or more: a run of L >= 5 scores L - 2, which is its L - 4 windows of five equal modules plus 2 for
 * the run. A finder-like run at scale p (p:p:3p:p:p) has either p = 1, and then the seven modules 1011101
 * somewhere in the line, or p >= 2, and then a dark run of six or more; only a line with one of the two is
 * split into runs and checked the long way.
 */
function lineScore(lo: number, hi: number, n: number, groups: Int32Array): number {
  // The line's modules, and the pairs j, j + 1 both in it (bit j for j <= n - 2).
  const vLo = n >= 32 ? -1 : (1 << n) - 1
  const vHi = n <= 32 ? 0 : n >= 64 ? -1 : (1 << (n - 32)) - 1
  const pLo = lo1(vLo, vHi, 1)
  const pHi = vHi >>> 1
  // eq bit j: modules j and j + 1 are the same colour.
  const eqLo = ~(lo ^ lo1(lo, hi, 1)) & pLo
  const eqHi = ~(hi ^ (hi >>> 1)) & pHi
  const wLo = eqLo & lo1(eqLo, eqHi, 1) & lo1(eqLo, eqHi, 2) & lo1(eqLo, eqHi, 3)
  const wHi = eqHi & (eqHi >>> 1) & (eqHi >>> 2) & (eqHi >>> 3)
  // A window whose left neighbour is not one starts a run of five or more.
  let s = popcount(wLo) + popcount(wHi) + 2 * (popcount(wLo & ~(wLo << 1)) + popcount(wHi & ~hi1(wLo, wHi, 1)))
  const dLo = lo & vLo
  const dHi = hi & vHi
  const lLo = ~lo & vLo
  const lHi = ~hi & vHi
  const coreLo =
    dLo &
    lo1(lLo, lHi, 1) &
    lo1(dLo, dHi, 2) &
    lo1(dLo, dHi, 3) &
    lo1(dLo, dHi, 4) &
    lo1(lLo, lHi, 5) &
    lo1(dLo, dHi, 6)
  const coreHi = dHi & (lHi >>> 1) & (dHi >>> 2) & (dHi >>> 3) & (dHi >>> 4) & (lHi >>> 5) & (dHi >>> 6)
  const sixLo = dLo & lo1(dLo, dHi, 1) & lo1(dLo, dHi, 2) & lo1(dLo, dHi, 3) & lo1(dLo, dHi, 4) & lo1(dLo, dHi, 5)
  const sixHi = dHi & (dHi >>> 1) & (dHi >>> 2) & (dHi >>> 3) & (dHi >>> 4) & (dHi >>> 5)
  if (coreLo | coreHi | sixLo | sixHi) s += finderLikePenalty(groups, bitRuns(lo, hi, n, pLo, pHi, groups))
  return s
}

/**
 * score() for codes up to 64 modules across (every version this encoder makes), with each row and column
 * held as two words (see lineScore), 2x2 blocks and dark modules counted 32 at a time. The same number as
 * score(), several times faster; qr-matrix.test.ts checks the two agree. `rows` and `cols` hold line i's
 * words at 2i (lo) and 2i + 1 (hi). Every part of the score is at least 0, so once the sum reaches
 * `bound` (the best mask's so far, which a mask must beat) the rest cannot make this mask win: it is
 * returned as it stands.
 */
function bitScore(rows: Int32Array, cols: Int32Array, n: number, groups: Int32Array, bound = Infinity): number {
  let total = 0
  let dark = 0
  // Modules 1 to n - 1: a 2x2 block is counted at its right column.
  const inLo = (n >= 32 ? -1 : (1 << n) - 1) & ~1
  const inHi = n <= 32 ? 0 : n >= 64 ? -1 : (1 << (n - 32)) - 1
  for (let i = 0; i < n; i++) {
    const lo = rows[2 * i]!
    const hi = rows[2 * i + 1]!
    total += lineScore(lo, hi, n, groups) + lineScore(cols[2 * i]!, cols[2 * i + 1]!, n, groups)
    dark += popcount(lo) + popcount(hi)
    if (i + 1 < n) {
      // Bit j: module j equals module j - 1 in this row, and both equal the modules below them.
      const eqLo = ~(lo ^ rows[2 * i + 2]!)
      const eqHi = ~(hi ^ rows[2 * i + 3]!)
      total +=
        3 *
        (popcount(~(lo ^ (lo << 1)) & eqLo & (eqLo << 1) & inLo) +
          popcount(~(hi ^ hi1(lo, hi, 1)) & eqHi & hi1(eqLo, eqHi, 1) & inHi))
    }
    if (total >= bound) return total
  }
  return total + 10 * ((Math.abs(dark / n / n - 0.5) / 0.05) | 0)
}

/** The rows and the columns of a matrix of up to 64 modules across as words (see bitScore). */
function toBits(m: Uint8Array, n: number, rows: Int32Array, cols: Int32Array): void {
  rows.fill(0)
  cols.fill(0)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (m[i * n + j]) {
        rows[2 * i + (j >> 5)]! |= 1 << (j & 31)
        cols[2 * j + (i >> 5)]! |= 1 << (i & 31)
      }
}

interface BitPatterns {
  /** Per mask: its pattern's rows and columns as words. */
  rows: Int32Array[]
  cols: Int32Array[]
  /** The format information cells' bits per row and column. */
  formatRows: Int32Array
  formatCols: Int32Array
  /** Per ECC level and mask (index eccBits * 8 + mask): the format information's dark cells. */
  formatValues: Map<number, { rows: Int32Array; cols: Int32Array }>
}

const bitCache = new Map<number, BitPatterns>()

function bitPatterns(ver: number, base: Base): BitPatterns {
  let out = bitCache.get(ver)
  if (!out) {
    const n = base.n
    const rows: Int32Array[] = []
    const cols: Int32Array[] = []
    for (const p of maskPatterns(ver, base)) {
      const r = new Int32Array(2 * n)
      const c = new Int32Array(2 * n)
      toBits(p, n, r, c)
      rows.push(r)
      cols.push(c)
    }
    const cells = new Uint8Array(n * n)
    for (const [r, c] of formatCells(n)) cells[r * n + c] = 1
    const formatRows = new Int32Array(2 * n)
    const formatCols = new Int32Array(2 * n)
    toBits(cells, n, formatRows, formatCols)
    out = { rows, cols, formatRows, formatCols, formatValues: new Map() }
    bitCache.set(ver, out)
  }
  return out
}

function formatBits(p: BitPatterns, n: number, eccBits: number, mask: number): { rows: Int32Array; cols: Int32Array } {
  const key = eccBits * 8 + mask
  let v = p.formatValues.get(key)
  if (!v) {
    const m = new Uint8Array(n * n)
    putFormat(m, n, eccBits, mask)
    v = { rows: new Int32Array(2 * n), cols: new Int32Array(2 * n) }
    toBits(m, n, v.rows, v.cols)
    p.formatValues.set(key, v)
  }
  return v
}

/** Both scorers on any matrix of modules (for the test that keeps them equal). */
export function scoresOf(modules: Uint8Array, n: number): { plain: number; bits: number | null } {
  const groups = new Int32Array(2 * n + 3)
  if (n > 64) return { plain: score(modules, n, groups), bits: null }
  const rows = new Int32Array(2 * n)
  const cols = new Int32Array(2 * n)
  toBits(modules, n, rows, cols)
  return { plain: score(modules, n, groups), bits: bitScore(rows, cols, n, groups) }
}

const maskCache = new Map<number, Uint8Array[]>()

/** Each mask's pattern over the data cells of a version (reserved cells 0). */
function maskPatterns(ver: number, base: Base): Uint8Array[] {
  let out = maskCache.get(ver)
  if (!out) {
    const { n, reserved } = base
    out = MASKS.map((f) => {
      const p = new Uint8Array(n * n)
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (!reserved[i * n + j] && f(i, j)) p[i * n + j] = 1
      return p
    })
    maskCache.set(ver, out)
  }
  return out
}

/**
 * The modules of `text` in byte mode at a fixed version and ECC level, with the best mask (or the one
 * given). Throws when the text does not fit.
 */
export function qrMatrix(text: string, version: number, eccLevel: EccLevel, mask = -1): QrMatrix {
  if (!Number.isInteger(version) || version < 1 || version > QR_MAX_VERSION)
    throw new Error(`Versi kode QR ${version} tidak didukung (1–${QR_MAX_VERSION})`)
  const data = qrBytes(text)
  const eccBits = ECC_BITS[eccLevel]
  if (data.length > qrByteCapacity(version, eccLevel))
    throw new Error(`Teks kode QR terlalu panjang untuk versi ${version}-${eccLevel}`)
  const v = VERSIONS[version]!
  const words = withEcc(
    codeWords(version, data, dataBits(version, eccBits) >> 3),
    v[1][eccBits]!,
    GENPOLY[v[0][eccBits]!]!,
  )
  const base = baseMatrix(version)
  putData(base, words)
  const { n, matrix } = base
  const patterns = maskPatterns(version, base)
  const work = new Uint8Array(n * n)
  const apply = (k: number) => {
    const p = patterns[k]!
    for (let i = 0; i < work.length; i++) work[i] = matrix[i]! ^ p[i]!
    putFormat(work, n, eccBits, k)
  }
  let best = mask
  if (best < 0) {
    const groups = new Int32Array(2 * n + 3)
    let bestScore = Infinity
    // Each mask's rows and columns as words: the data's, flipped by the mask's, with its format bits.
    const bits = bitPatterns(version, base)
    const dataRows = new Int32Array(2 * n)
    const dataCols = new Int32Array(2 * n)
    toBits(matrix, n, dataRows, dataCols)
    const rows = new Int32Array(2 * n)
    const cols = new Int32Array(2 * n)
    for (let k = 0; k < 8; k++) {
      const f = formatBits(bits, n, eccBits, k)
      const maskRows = bits.rows[k]!
      const maskCols = bits.cols[k]!
      for (let i = 0; i < 2 * n; i++) {
        rows[i] = ((dataRows[i]! ^ maskRows[i]!) & ~bits.formatRows[i]!) | f.rows[i]!
        cols[i] = ((dataCols[i]! ^ maskCols[i]!) & ~bits.formatCols[i]!) | f.cols[i]!
      }
      const s = bitScore(rows, cols, n, groups, bestScore)
      if (s < bestScore) {
        bestScore = s
        best = k
      }
    }
  }
  apply(best)
  return { size: n, modules: work }
}
