import { describe, expect, it } from 'vitest'
import { MAX_COUNT, parseCount } from '../../src/core/count'

/** One reader of counts for every form and the tally grid (src/core/count.ts). */
describe('parseCount', () => {
  it('reads plain and thousands-grouped counts, with Excel spaces, and empty as null', () => {
    expect(parseCount('1234')).toEqual({ ok: true, value: 1234 })
    expect(parseCount('1.234')).toEqual({ ok: true, value: 1234 })
    expect(parseCount('12.345.678')).toEqual({ ok: true, value: 12_345_678 })
    expect(parseCount('1 234')).toEqual({ ok: true, value: 1234 })
    expect(parseCount('\u00a04.500\u202f')).toEqual({ ok: true, value: 4500 })
    expect(parseCount('  ')).toEqual({ ok: true, value: null })
    expect(parseCount(undefined)).toEqual({ ok: true, value: null })
  })

  it('refuses what is not a whole number of sheets, saying why', () => {
    expect(parseCount('-5')).toEqual({ ok: false, message: '"-5": jumlah tidak boleh negatif' })
    expect(parseCount('−3')).toMatchObject({ ok: false, message: '"−3": jumlah tidak boleh negatif' })
    for (const s of ['2,5', '1.23', '1.2345', '12.34.567', '1 23'])
      expect(parseCount(s), s).toEqual({
        ok: false,
        message: `"${s}" bukan bilangan bulat; tulis tanpa desimal, mis. 1234 atau 1.234`,
      })
    expect(parseCount('dua')).toEqual({ ok: false, message: '"dua" bukan angka; isi dengan bilangan bulat, mis. 1234' })
    expect(parseCount('99999999999999999999')).toMatchObject({ ok: false })
    // Other scripts' digits and exponents are not counts a coordinator meant.
    expect(parseCount('٣')).toEqual({ ok: false, message: '"٣" bukan angka; isi dengan bilangan bulat, mis. 1234' })
    expect(parseCount('5e3')).toEqual({ ok: false, message: '"5e3" bukan angka; isi dengan bilangan bulat, mis. 1234' })
  })

  it('refuses a count over the limit the contract holds, saying the limit', () => {
    expect(parseCount('100.000.000')).toEqual({ ok: true, value: MAX_COUNT })
    expect(parseCount('100000001')).toEqual({
      ok: false,
      message: '"100000001" terlalu besar; paling banyak 100.000.000',
    })
  })
})
