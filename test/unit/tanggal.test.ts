import { describe, expect, it } from 'vitest'
import {
  NAMA_BULAN,
  NAMA_HARI,
  bulanRomawi,
  hariTanggal,
  jam,
  kalimatTanggal,
  namaHari,
  parseTanggal,
  tanggalAngka,
  tanggalJam,
  tanggalPanjang,
} from '../../src/core/tanggal'

describe('tanggal', () => {
  it('names the day of 2024-07-11 Kamis', () => {
    expect(namaHari('2024-07-11')).toBe('Kamis')
    expect(hariTanggal('2024-07-11')).toBe('Kamis, 11 Juli 2024')
  })

  it('writes the opening sentence of a berita acara', () => {
    expect(kalimatTanggal('2024-07-11')).toBe(
      'Pada hari ini Kamis tanggal sebelas bulan Juli tahun dua ribu dua puluh empat',
    )
    expect(kalimatTanggal('2024-02-14T09:00')).toBe(
      'Pada hari ini Rabu tanggal empat belas bulan Februari tahun dua ribu dua puluh empat',
    )
    expect(kalimatTanggal('2023-12-01')).toBe(
      'Pada hari ini Jumat tanggal satu bulan Desember tahun dua ribu dua puluh tiga',
    )
  })

  it('knows every day and month name', () => {
    expect(NAMA_HARI).toEqual(['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'])
    expect(NAMA_BULAN[0]).toBe('Januari')
    expect(NAMA_BULAN[11]).toBe('Desember')
    // 2024-07-07 was a Sunday; walk the week
    expect(['07', '08', '09', '10', '11', '12', '13'].map((d) => namaHari(`2024-07-${d}`))).toEqual([...NAMA_HARI])
  })

  it('formats long, numeric and roman forms', () => {
    expect(tanggalPanjang('2024-07-11')).toBe('11 Juli 2024')
    expect(tanggalPanjang('2024-02-29')).toBe('29 Februari 2024')
    expect(tanggalAngka('2024-07-11')).toBe('11-07-2024')
    expect(tanggalAngka('2024-01-05T23:59')).toBe('05-01-2024')
    expect(bulanRomawi(7)).toBe('VII')
    expect(Array.from({ length: 12 }, (_, i) => bulanRomawi(i + 1))).toEqual([
      'I',
      'II',
      'III',
      'IV',
      'V',
      'VI',
      'VII',
      'VIII',
      'IX',
      'X',
      'XI',
      'XII',
    ])
    expect(() => bulanRomawi(13)).toThrow(RangeError)
    expect(() => bulanRomawi(0)).toThrow(RangeError)
  })

  it('reads the calendar digits whatever the machine timezone or the offset suffix says', () => {
    // Late evening in WIB is already the next day in UTC and still the previous day in UTC-10;
    // the paper must say the date the user typed.
    const before = process.env.TZ
    try {
      for (const tz of ['Pacific/Honolulu', 'UTC', 'Asia/Jakarta', 'Pacific/Kiritimati']) {
        process.env.TZ = tz
        expect(namaHari('2024-07-11')).toBe('Kamis')
        expect(tanggalPanjang('2024-07-11T23:30')).toBe('11 Juli 2024')
        expect(tanggalPanjang('2024-07-11T00:15:00+07:00')).toBe('11 Juli 2024')
        expect(jam('2024-07-11T23:30:00Z')).toBe('23.30')
      }
    } finally {
      if (before === undefined) delete process.env.TZ
      else process.env.TZ = before
    }
  })

  it('writes the time with a dot', () => {
    expect(jam('08:30')).toBe('08.30')
    expect(jam('2024-07-11T08:30')).toBe('08.30')
    expect(jam('2024-07-11T14:05:59')).toBe('14.05')
    expect(tanggalJam('2024-07-11T08:30')).toBe('11 Juli 2024 pukul 08.30')
    expect(() => jam('24:00')).toThrow(RangeError)
    expect(() => jam('pagi')).toThrow(RangeError)
  })

  it('refuses dates that are not in the calendar', () => {
    expect(parseTanggal('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 })
    expect(() => parseTanggal('2023-02-29')).toThrow(RangeError)
    expect(() => parseTanggal('2024-13-01')).toThrow(RangeError)
    expect(() => parseTanggal('11/07/2024')).toThrow(RangeError)
    expect(() => parseTanggal('')).toThrow(RangeError)
  })
})
