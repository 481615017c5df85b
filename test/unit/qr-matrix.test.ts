import { describe, expect, it } from 'vitest'
// pdfmake's own encoder (qr.js): the reference the port must match module for module.
import qrEnc from 'pdfmake/js/qrEnc.js'
import { qrByteCapacity, qrMatrix, QR_MAX_VERSION, scoresOf, type EccLevel } from '../../src/reports/pdf/qrMatrix'

/** The matrix pdfmake draws for a `qr` node: one 1-pt rect per dark module after the background. */
function pdfmakeMatrix(text: string, version: number, eccLevel: EccLevel): Uint8Array {
  const n = 17 + 4 * version
  const node = qrEnc.measure({ qr: text, version, eccLevel, mode: 'octet', fit: n })
  const out = new Uint8Array(n * n)
  for (const r of node._canvas.slice(1)) out[r.y * n + r.x] = 1
  return out
}

/**
 * A small deterministic generator, so a failure names a payload that can be replayed: label codes of
 * every shape the app prints (100 of them: they differ only in their digits, so more add time, not
 * cases), three document texts, and 150 random strings of 1–120 characters, some outside ASCII.
 */
function* payloads(): Generator<string> {
  for (let t = 1; t <= 20; t++) for (let k = 1; k <= 5; k++) yield `GPK1|3201|T${t * 37}|K${k}|V${(t * k) % 23}`
  yield 'GUDANG-PEMILU|1219|DOK-12|514/PP.09.4-BA/1219/2024|18204:3f9a0c1b2d4e5f60'
  yield 'Dokumen Pemilu — Batu Bara'
  yield 'Kecamatan Ujung Pandang · Makassar é ñ 日本'
  let seed = 7
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  for (let i = 0; i < 150; i++) {
    const len = 1 + Math.floor(rnd() * 120)
    yield Array.from({ length: len }, () =>
      String.fromCharCode(rnd() < 0.9 ? 32 + Math.floor(rnd() * 95) : 0xa0 + Math.floor(rnd() * 0x2000)),
    ).join('')
  }
}

describe('QR matrix (port of qr.js)', () => {
  // One ECC level a test: pdfmake's encoder takes a few milliseconds a matrix, and the four levels
  // together compare over two thousand.
  it.each(['L', 'M', 'Q', 'H'] as const)(
    'draws every payload module for module as pdfmake does, at every version it fits (ECC %s)',
    (ecc) => {
      let compared = 0
      for (const text of payloads()) {
        const bytes = new TextEncoder().encode(text).length
        for (let version = 1; version <= QR_MAX_VERSION; version++) {
          if (bytes > qrByteCapacity(version, ecc)) continue
          const ours = qrMatrix(text, version, ecc)
          const theirs = pdfmakeMatrix(text, version, ecc)
          if (!ours.modules.every((m, i) => m === theirs[i]))
            expect.fail(`${JSON.stringify(text)} v${version}-${ecc} differs`)
          compared++
          if (version >= 5) break // one larger version is enough per payload to keep the test quick
        }
      }
      expect(compared).toBeGreaterThan(400)
    },
  )

  it('scores a matrix the same with rows and columns as bits as module by module', () => {
    let seed = 11
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    // Random matrices of every size up to 64 (version 10 is 57 across) and densities from sparse to
    // nearly dark, then ones made of finder-like runs (1:1:3:1:1 to 4:4:12:4:4 beside light runs, and
    // their cores alone), which the bit scorer filters on.
    const finderLike = (p: number, light: string) =>
      [light, '1'.repeat(p), '0'.repeat(p), '1'.repeat(3 * p), '0'.repeat(p), '1'.repeat(p)].join('')
    for (let t = 0; t < 4000; t++) {
      const n = 1 + Math.floor(rnd() * 64)
      const m = new Uint8Array(n * n)
      if (t % 3 === 2) {
        const motifs = [
          ...[1, 2, 3, 4].flatMap((p) => [finderLike(p, '0'.repeat(4 * p)), finderLike(p, '')]),
          '0000110011111100110000',
          '11001111110011',
          '00000',
          '11111',
        ]
        for (let i = 0; i < n; i++) {
          let row = ''
          while (row.length < n)
            row += rnd() < 0.5 ? motifs[Math.floor(rnd() * motifs.length)]! : rnd() < 0.5 ? '0' : '1'
          for (let j = 0; j < n; j++) m[i * n + j] = row[j] === '1' ? 1 : 0
        }
        if (t % 2)
          for (let i = 0; i < n; i++)
            for (let j = 0; j < i; j++) [m[i * n + j], m[j * n + i]] = [m[j * n + i]!, m[i * n + j]!]
      } else {
        const density = rnd()
        for (let i = 0; i < m.length; i++) m[i] = rnd() < density ? 1 : 0
      }
      const { plain, bits } = scoresOf(m, n)
      if (plain !== bits) expect.fail(`n=${n} t=${t}: ${plain} != ${bits}`)
    }
  })

  it('knows the byte capacities of ISO/IEC 18004 table 7', () => {
    expect([1, 2, 3, 4, 5].map((v) => qrByteCapacity(v, 'M'))).toEqual([14, 26, 42, 62, 84])
    expect([1, 2, 3, 4, 5].map((v) => qrByteCapacity(v, 'L'))).toEqual([17, 32, 53, 78, 106])
    expect(qrByteCapacity(10, 'H')).toBe(119)
  })

  it('refuses text that does not fit and versions it does not know', () => {
    expect(() => qrMatrix('x'.repeat(43), 3, 'M')).toThrow('terlalu panjang')
    expect(() => qrMatrix('x', 0, 'M')).toThrow('tidak didukung')
    expect(() => qrMatrix('x', QR_MAX_VERSION + 1, 'M')).toThrow('tidak didukung')
  })
})
