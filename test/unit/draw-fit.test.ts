import { describe, expect, it } from 'vitest'
import { PAPER } from '../../src/reports/pdf'
import {
  renderDrawing,
  type Drawing,
  type FitOptions,
  type FittedText,
  type TextStyle,
} from '../../src/reports/pdf/draw'

/** Drawing.fit, the rule every directly drawn line of text follows: never wider than its box. */
async function withDrawing<T>(use: (d: Drawing) => T): Promise<T> {
  let out: T | undefined
  await renderDrawing({ pageSize: PAPER.A4, info: { title: 't' } }, (d) => {
    out = use(d)
  })
  return out!
}

const style: TextStyle = { size: 10, bold: true, lineHeight: 1.05 }
const widthOf = (d: Drawing, f: FittedText, line: string) => d.widthOf(line, f.style)

describe('Drawing.fit', () => {
  const cases: [string, number, FitOptions][] = [
    ['SURAT SUARA DPRD KABUPATEN/KOTA', 150, { maxLines: 2, minScale: 0.7, oneLineScale: 0.85 }],
    ['KABUPATEN KEPULAUAN SIAU TAGULANDANG BIARO', 60, { maxLines: 2, minScale: 0.8 }],
    ['KELURAHANDENGANNAMAYANGTIDAKPERNAHMUATDALAMSATUBARIS SAMPAI KAPAN', 80, { maxLines: 2, minScale: 0.8 }],
    ['Dapil KABUPATEN KEPULAUAN SIAU TAGULANDANG BIARO · warna hijau', 120, { maxLines: 1, minScale: 0.75 }],
    ['TPS 001', 500, { maxLines: 1, minScale: 0.5 }],
  ]
  it('keeps every line inside the width, within maxLines, no smaller than minScale', async () => {
    await withDrawing((d) => {
      for (const [text, width, opts] of cases) {
        const f = d.fit(text, width, style, opts)
        expect(f.lines.length, text).toBeGreaterThan(0)
        expect(f.lines.length, text).toBeLessThanOrEqual(opts.maxLines)
        expect(f.style.size, text).toBeGreaterThanOrEqual(style.size * opts.minScale - 1e-9)
        expect(f.style.size, text).toBeLessThanOrEqual(style.size)
        for (const l of f.lines) expect(widthOf(d, f, l), `${text}: "${l}"`).toBeLessThanOrEqual(width)
        expect(f.height).toBeCloseTo(f.lines.length * d.lineHeight(f.style), 9)
        // Nothing is lost unless it says so.
        if (!f.cut) expect(f.lines.join(' ')).toBe(text)
        else expect(f.lines.some((l) => l.endsWith('\u2026'))).toBe(true)
      }
    })
  })

  it('prefers full size, then one line a little smaller, then two lines, then smaller, and cuts last', async () => {
    await withDrawing((d) => {
      expect(d.fit('TPS 001', 500, style, { maxLines: 1, minScale: 0.5 })).toMatchObject({
        lines: ['TPS 001'],
        style: { size: 10 },
        cut: false,
      })
      const full = d.widthOf('SURAT SUARA DPRD KABUPATEN/KOTA', style)
      const ballot = d.fit('SURAT SUARA DPRD KABUPATEN/KOTA', 0.9 * full, style, {
        maxLines: 2,
        minScale: 0.7,
        oneLineScale: 0.85,
      })
      expect(ballot.lines).toEqual(['SURAT SUARA DPRD KABUPATEN/KOTA'])
      expect(ballot.style.size).toBeLessThan(10)
      expect(ballot.style.size).toBeGreaterThanOrEqual(8.9)
      const wrapped = d.fit('SURAT SUARA DPRD KABUPATEN/KOTA', 0.7 * full, style, {
        maxLines: 2,
        minScale: 0.7,
        oneLineScale: 0.85,
      })
      expect(wrapped).toMatchObject({ lines: ['SURAT SUARA DPRD', 'KABUPATEN/KOTA'], style: { size: 10 }, cut: false })
      // The separator dot ends the first line rather than starting the second.
      const dapil = d.fit(
        'Dapil KABUPATEN KEPULAUAN SIAU TAGULANDANG BIARO · warna hijau',
        240,
        { ...style, bold: false },
        { maxLines: 2, minScale: 0.85 },
      )
      expect(dapil.lines[0]!.endsWith('·') || !dapil.lines[1]!.startsWith('·')).toBe(true)
      const cut = d.fit('KELURAHANDENGANNAMAYANGTIDAKPERNAHMUATDALAMSATUBARIS', 80, style, {
        maxLines: 1,
        minScale: 0.8,
      })
      expect(cut).toMatchObject({ cut: true, style: { size: 8 } })
      expect(cut.lines[0]).toMatch(/^KELURAHAN\w+\u2026$/)
    })
  })
})
