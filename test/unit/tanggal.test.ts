import { describe, expect, it } from 'vitest'
import {
  bacaJamKetik,
  bacaTanggalKetik,
  geserBulan,
  geserTanggal,
  mingguBulan,
  tanggalKetik,
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

describe('dates and times as typed into a form (DateField, TimeField)', () => {
  it('reads a date day first, in the ways an office types it', () => {
    for (const typed of [
      '05/11/2024',
      '5/11/2024',
      '5-11-2024',
      '05.11.2024',
      '5 11 2024',
      '05112024',
      '5/11/24',
      ' 05 / 11 / 2024 ',
    ])
      expect(bacaTanggalKetik(typed), typed).toEqual({ ok: true, value: '2024-11-05' })
    expect(bacaTanggalKetik('')).toEqual({ ok: true, value: '' })
    expect(tanggalKetik('2024-11-05')).toBe('05/11/2024')
    expect(tanggalKetik('')).toBe('')
  })

  it('refuses what is not a date on the calendar, saying why in Bahasa Indonesia', () => {
    const refused = (t: string) => {
      const r = bacaTanggalKetik(t)
      return r.ok ? null : r.message
    }
    // The US order is not swapped behind the typist's back.
    expect(refused('11/25/2024')).toBe('Bulan 25 tidak ada; tulis hari dulu, lalu bulan (01–12)')
    expect(refused('31/02/2024')).toBe('Tanggal 31 Februari 2024 tidak ada di kalender')
    expect(refused('29/02/2023')).toBe('Tanggal 29 Februari 2023 tidak ada di kalender')
    expect(bacaTanggalKetik('29/02/2024')).toEqual({ ok: true, value: '2024-02-29' })
    expect(bacaTanggalKetik('2024-11-05')).toEqual({ ok: true, value: '2024-11-05' })
    expect(refused('2024/11/05')).toBe('"2024/11/05" bukan tanggal; tulis hari/bulan/tahun, mis. 05/11/2024')
    expect(refused('besok')).toContain('bukan tanggal')
    expect(refused('05/11/0024')).toContain('Tahun 24 di luar jangkauan')
  })

  it('reads a clock time in 24 hours and refuses AM/PM and impossible hours', () => {
    for (const [typed, value] of [
      ['08.00', '08:00'],
      ['8.30', '08:30'],
      ['08:30', '08:30'],
      ['0830', '08:30'],
      ['830', '08:30'],
      ['8', '08:00'],
      ['16.00', '16:00'],
      ['00.00', '00:00'],
      ['', ''],
    ])
      expect(bacaJamKetik(typed!), typed).toEqual({ ok: true, value })
    expect(bacaJamKetik('4:00 PM')).toEqual({
      ok: false,
      message: '"4:00 PM" bukan jam; tulis jam.menit dalam 24 jam, mis. 08.00 atau 16.30',
    })
    expect(bacaJamKetik('24.00')).toEqual({
      ok: false,
      message: 'Jam 24 tidak ada; jam ditulis 00–23, mis. 16.00 untuk pukul 4 sore',
    })
    expect(bacaJamKetik('08.75')).toEqual({ ok: false, message: 'Menit 75 tidak ada; menit ditulis 00–59' })
  })

  it('moves a date by days and months on the calendar, and lays a month out in weeks from Senin', () => {
    expect(geserTanggal('2024-02-28', 1)).toBe('2024-02-29')
    expect(geserTanggal('2024-12-31', 1)).toBe('2025-01-01')
    expect(geserTanggal('2024-03-01', -1)).toBe('2024-02-29')
    expect(geserBulan('2024-01-31', 1)).toBe('2024-02-29')
    expect(geserBulan('2024-01-15', -1)).toBe('2023-12-15')
    const weeks = mingguBulan(2024, 11)
    // 1 November 2024 was a Jumat: the fifth day of its first week.
    expect(weeks[0]).toEqual([null, null, null, null, '2024-11-01', '2024-11-02', '2024-11-03'])
    expect(weeks.flat().filter(Boolean)).toHaveLength(30)
    expect(weeks.every((w) => w.length === 7)).toBe(true)
  })
})
