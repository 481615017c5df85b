import { describe, expect, it } from 'vitest'
import { daftarKalimat, jumlahPerBarang, namaTempat, segelRingkas, totalGroup } from '../../src/reports/ba/wording'
import { titleCase } from '../../src/reports/pdf/chrome'
import { columnWidths, sizeColumns } from '../../src/reports/pdf/dataTable'
import { breakLines, hasGlyph, printable, textWidth } from '../../src/reports/pdf/measure'

/** The text rules of the papers: what the fonts can print, how lists, places, seals and totals read. */
describe('printable text', () => {
  it('prints full-width forms as the letters they are and never a character the font lacks', () => {
    // "＝" (U+FF1D) has no glyph in Liberation Sans: printed as is, it is an empty box.
    expect(hasGlyph(0xff1d)).toBe(false)
    expect(printable('Regu ＝1+1')).toBe('Regu =1+1')
    expect(printable('Ｓｉｔｉ Ｎｕｒｂａｙａ')).toBe('Siti Nurbaya')
    expect(printable('ﬁle')).toBe('file')
    // Letters the font has stay; one it lacks becomes "?".
    expect(printable('Désa Sibolga 中')).toBe('Désa Sibolga ?')
    // A no-break space is a layout instruction, not a letter form: it stays one.
    expect(printable('Kp.\u00a0Baru')).toBe('Kp.\u00a0Baru')
    // Invisible controls are dropped.
    expect(printable('Nama\u200e\u0007')).toBe('Nama')
  })

  it('breaks lines at spaces as pdfmake does, keeping runs that touch together', () => {
    const w = textWidth('kata kata', 12)
    expect(breakLines([{ text: 'kata kata kata', variant: 'normal' }], w + 1, 12)).toHaveLength(2)
    // "KEDUA" in bold and the "." after it never part at a line's end.
    const lines = breakLines(
      [
        { text: 'disebut ', variant: 'normal' },
        { text: 'PIHAK KEDUA', variant: 'bold' },
        { text: '.', variant: 'normal' },
      ],
      textWidth('disebut PIHAK KEDUA', 12, 'bold') - 1,
      12,
    )
    expect(lines.at(-1)!.map((r) => r.text.trim())).toEqual(['KEDUA', '.'])
  })
})

describe('column widths', () => {
  it('never squeezes a column below its widest word nor a number below its value, and refuses what cannot fit', () => {
    const widths = sizeColumns(
      [
        { header: 'Nama', cells: ['Hotmauli Rosdiana Boru Situmorang Simanjuntak Hutabarat'] },
        { header: 'Jumlah', cells: ['1.234.567'], rigid: true },
      ],
      200,
      10,
    )!
    expect(widths[0]).toBeGreaterThanOrEqual(textWidth('Simanjuntak', 10))
    expect(widths[1]).toBeGreaterThanOrEqual(textWidth('1.234.567', 10))
    // The columns and their rules and paddings fill the width exactly.
    expect(widths[0]! + widths[1]! + 2 * 8.5 + 0.5).toBeCloseTo(200, 6)
    expect(sizeColumns([{ header: 'Angka', cells: ['123.456.789.012.345'], rigid: true }], 40, 10)).toBeNull()
    expect(columnWidths([], 100)).toEqual([])
  })
})

describe('wording', () => {
  it('lists as formal Indonesian does', () => {
    expect(daftarKalimat(['a'])).toBe('a')
    expect(daftarKalimat(['a', 'b'])).toBe('a dan b')
    expect(daftarKalimat(['a', 'b', 'c'])).toBe('a, b, dan c')
  })

  it('adds ballots together and never two different items', () => {
    const lines = [
      { kind: 'ballot' as const, item: 'Surat Suara DPR RI', unit: 'lembar', qty: 100 },
      { kind: 'ballot' as const, item: 'Surat Suara DPD RI', unit: 'lembar', qty: 50 },
      { kind: 'logistics' as const, item: 'Kotak suara', unit: 'buah', qty: 10 },
      { kind: 'logistics' as const, item: 'Bilik suara', unit: 'buah', qty: 20 },
      { kind: 'logistics' as const, item: 'Tinta', unit: 'botol', qty: 5 },
    ]
    expect(jumlahPerBarang(lines)).toBe(
      '150 (seratus lima puluh) lembar surat suara, 10 (sepuluh) buah kotak suara, 20 (dua puluh) buah bilik suara, dan 5 (lima) botol tinta',
    )
    expect(new Set(lines.map(totalGroup)).size).toBe(4)
  })

  it('sets place names in one case, Roman numerals kept', () => {
    expect(namaTempat('DATUK LIMA PULUH')).toBe('Datuk Lima Puluh')
    expect(namaTempat('datuk  lima puluh')).toBe('Datuk Lima Puluh')
    expect(namaTempat('PULAU RAKYAT II')).toBe('Pulau Rakyat II')
    expect(namaTempat('SEI SUKA-DERAS')).toBe('Sei Suka-Deras')
    expect(titleCase('REKAPITULASI UPAH PEKERJA DARI PPK')).toBe('Rekapitulasi Upah Pekerja dari PPK')
  })

  it('writes consecutive seal numbers as a range', () => {
    expect(segelRingkas(['SGL-1-000003', 'SGL-1-000001', 'SGL-1-000002', 'SGL-1-000009'])).toBe(
      'SGL-1-000001 s.d. 000003, SGL-1-000009',
    )
    expect(segelRingkas(['A-1', 'A-2'])).toBe('A-1, A-2')
    expect(segelRingkas([])).toBe('')
  })
})
