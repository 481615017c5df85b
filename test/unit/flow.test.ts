import LineBreaker from 'linebreak'
import calc from 'pdfmake/js/columnCalculator.js'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PEMILU_BALLOTS, PILKADA_BALLOTS, logisticsPresets } from '../../src/core/presets'
import { shortItemName } from '../../src/core/text'
import { breakWords, columnWidths, FlowUnsupported, type Width } from '../../src/reports/pdf/flow'

/**
 * reports/pdf/flow.ts lays out the drawn papers by pdfmake's rules; these are two of them, compared
 * with pdfmake's own code: where a line may break (the linebreak package, UAX #14) and how wide each
 * table column gets (columnCalculator).
 */
function pdfmakeWords(text: string): string[] {
  const b = new LineBreaker(text)
  const out: string[] = []
  let last = 0
  for (let bk = b.nextBreak(); bk; bk = b.nextBreak()) {
    out.push(text.slice(last, bk.position))
    last = bk.position
  }
  return out.length ? out : ['']
}

describe('flow.ts follows pdfmake', () => {
  it('breaks the app’s texts where pdfmake’s line breaker does', () => {
    const demo = readFileSync(resolve(__dirname, '../../resources/demo/tps-batubara-2024.csv'), 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .flatMap((l) => l.split(',').slice(1, 4))
    const items = [...PEMILU_BALLOTS, ...Object.values(PILKADA_BALLOTS), ...logisticsPresets('pemilu')].flatMap((p) => [
      p.name,
      shortItemName(p.name),
      p.unit,
    ])
    const samples = [
      'Surat suara DPRD Kabupaten/Kota · Dapil KABUPATEN KEPULAUAN SIAU TAGULANDANG BIARO',
      'Desa/Kel. (PPS) BUHIAS KEPULAUAN SIAU TIMUR SELATAN · Kecamatan (PPK) TAGULANDANG SELATAN BARAT DAYA · Kabupaten Kepulauan Siau Tagulandang Biaro, Sulawesi Utara · DPT 1.287',
      'SG-1219-000101',
      'abu-abu 12/34 a/b TPS-A 2024/2025 Kab./Kota',
      'Nama: ...............................',
      'Tanggal: ............................',
      'Daftar isi kit · Kecamatan LAUT TADOR · Halaman 12 dari 182',
      '1 / 2',
      'KELURAHAN  DUA  SPASI',
      '',
    ]
    const all = [...new Set([...demo, ...items, ...samples])]
    expect(all.length).toBeGreaterThan(300)
    for (const t of all) expect(breakWords(t), t).toEqual(pdfmakeWords(t))
  })

  it('agrees with pdfmake’s line breaker on every pair of the characters it knows, and refuses the others', () => {
    const chars = ['a', 'Z', 'é', '1', ' ', ...'.,:;()[]{}/-·\'"&+#*=_@%!?°–…']
    let n = 0
    for (const c1 of chars)
      for (const c2 of chars)
        for (const t of [`ab${c1}${c2}cd`, `ab${c1}${c2}1d`, `${c1}${c2}ab`, `ab${c1}${c2}`, `1${c1}${c2}2`]) {
          expect(breakWords(t), JSON.stringify(t)).toEqual(pdfmakeWords(t))
          n++
        }
    expect(n).toBeGreaterThan(5000)
    // And on random strings of them.
    let seed = 11
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let k = 0; k < 3000; k++) {
      const t = Array.from({ length: 1 + Math.floor(rnd() * 14) }, () => chars[Math.floor(rnd() * chars.length)]!).join(
        '',
      )
      expect(breakWords(t), JSON.stringify(t)).toEqual(pdfmakeWords(t))
    }
    for (const t of ['a\u2014b', 'a\tb', 'line\nbreak', '中文', 'a\u00a0b'])
      expect(() => breakWords(t)).toThrow(FlowUnsupported)
  })

  it('gives table and column widths as columnCalculator does, in all three of its cases', () => {
    let seed = 7
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let n = 0; n < 500; n++) {
      const cols = Array.from({ length: 1 + Math.floor(rnd() * 7) }, () => {
        const min = rnd() * 80
        const max = min + rnd() * 200
        const kind = rnd()
        const width: Width = kind < 0.4 ? 'auto' : kind < 0.7 ? '*' : Math.round(rnd() * 60)
        return { width, min, max }
      })
      const available = rnd() * 600
      const theirs = cols.map(
        (c) =>
          ({ width: c.width, _minWidth: c.min, _maxWidth: c.max }) as {
            width: number | string
            _minWidth: number
            _maxWidth: number
            _calcWidth?: number
          },
      )
      calc.buildColumnWidths(theirs, available)
      const ours = columnWidths(cols, available)
      ours.forEach((w, i) => expect(w).toBeCloseTo(theirs[i]!._calcWidth!, 9))
    }
  })
})
