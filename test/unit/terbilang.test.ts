import { describe, expect, it } from 'vitest'
import { TERBILANG_MAX, formatAngka, jumlahTerbilang, kapitalKata, romawi, terbilang } from '../../src/core/terbilang'

describe('terbilang', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [111, 'seratus sebelas'],
    [199, 'seratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1100, 'seribu seratus'],
    [2024, 'dua ribu dua puluh empat'],
    [10000, 'sepuluh ribu'],
    [11000, 'sebelas ribu'],
    [100000, 'seratus ribu'],
    [1000000, 'satu juta'],
    [1000000000, 'satu miliar'],
    [312448, 'tiga ratus dua belas ribu empat ratus empat puluh delapan'],
    [1_234_567, 'satu juta dua ratus tiga puluh empat ribu lima ratus enam puluh tujuh'],
  ])('%i → %s', (n, words) => {
    expect(terbilang(n)).toBe(words)
  })

  it('keeps "satu" before juta, miliar and triliun but says seribu and seratus ribu', () => {
    expect(terbilang(1_001_000)).toBe('satu juta seribu')
    expect(terbilang(101_000)).toBe('seratus satu ribu')
    expect(terbilang(1_000_000_000_000)).toBe('satu triliun')
    expect(terbilang(2_000_001_000)).toBe('dua miliar seribu')
    expect(terbilang(210_015)).toBe('dua ratus sepuluh ribu lima belas')
  })

  it('reaches the top of its range', () => {
    expect(terbilang(TERBILANG_MAX)).toBe(
      'sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar ' +
        'sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu ' +
        'sembilan ratus sembilan puluh sembilan',
    )
  })

  it.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], [TERBILANG_MAX + 1]])(
    'refuses %s with a RangeError',
    (n) => {
      expect(() => terbilang(n)).toThrow(RangeError)
    },
  )
})

describe('formatAngka and jumlahTerbilang', () => {
  it('groups digits with dots as id-ID does', () => {
    expect(formatAngka(0)).toBe('0')
    expect(formatAngka(999)).toBe('999')
    expect(formatAngka(1000)).toBe('1.000')
    expect(formatAngka(1234567)).toBe('1.234.567')
    expect(formatAngka(-45000)).toBe('-45.000')
    expect(formatAngka(1234.5)).toBe('1.234,5')
    expect(formatAngka(312448)).toBe(new Intl.NumberFormat('id-ID').format(312448))
  })

  it('writes a count the way a berita acara states it', () => {
    expect(jumlahTerbilang(312448)).toBe('312.448 (tiga ratus dua belas ribu empat ratus empat puluh delapan)')
    expect(jumlahTerbilang(0)).toBe('0 (nol)')
  })

  it('capitalises each word for headings', () => {
    expect(kapitalKata(terbilang(2024))).toBe('Dua Ribu Dua Puluh Empat')
    expect(kapitalKata(terbilang(312448))).toBe('Tiga Ratus Dua Belas Ribu Empat Ratus Empat Puluh Delapan')
  })
})

describe('romawi', () => {
  it('writes Roman numerals for lampiran and months', () => {
    expect([1, 2, 3, 4, 5, 9, 12, 14, 40, 90, 400, 1994, 2024, 3999].map(romawi)).toEqual([
      'I',
      'II',
      'III',
      'IV',
      'V',
      'IX',
      'XII',
      'XIV',
      'XL',
      'XC',
      'CD',
      'MCMXCIV',
      'MMXXIV',
      'MMMCMXCIX',
    ])
    expect(() => romawi(0)).toThrow(RangeError)
    expect(() => romawi(4000)).toThrow(RangeError)
    expect(() => romawi(1.5)).toThrow(RangeError)
  })
})
