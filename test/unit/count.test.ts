import { describe, expect, it } from 'vitest'
import { parseCount } from '../../src/core/count'

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
  })
})
