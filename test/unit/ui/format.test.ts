import { afterEach, describe, expect, it, vi } from 'vitest'
import { IANA_ZONA } from '../../../src/core/zonaWaktu'
import {
  aturZonaTampil,
  fmtJamDari,
  fmtTanggal,
  fmtWaktu,
  fmtWaktuLokal,
  nowLocal,
  tanggalDari,
  todayIso,
  ZONA_BAKU,
} from '../../../src/ui/format'

/**
 * The one format module (src/ui/format.ts): every date and time on screen in id-ID, 24-hour with a dot,
 * instants on the satker's clock when its zone is set, wall-clock times digit for digit whatever the PC's zone.
 */
/** This file is typed for the browser; the test runs in Node, whose TZ says the PC's zone. */
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env

describe('dates and times on screen', () => {
  const tz = env.TZ
  afterEach(() => {
    aturZonaTampil(undefined)
    env.TZ = tz
    vi.useRealTimers()
  })

  it('writes an instant on the satker clock, Asia/Jakarta or another zone', () => {
    const at = '2024-11-05T01:30:09Z'
    expect(fmtWaktu(at, { zona: ZONA_BAKU })).toBe('5 Nov 2024, 08.30')
    expect(fmtWaktu(at, { zona: 'Asia/Jayapura', panjang: true })).toBe('5 November 2024 pukul 10.30')
    aturZonaTampil('Asia/Makassar')
    expect(fmtWaktu(at, { detik: true })).toBe('5 Nov 2024, 09.30.09')
    expect(fmtJamDari(at)).toBe('09.30')
    expect(fmtJamDari(at, { detik: true })).toBe('09.30.09')
    // Late evening in Jayapura is already the next day.
    expect(tanggalDari('2024-11-05T16:30:00Z', 'Asia/Jayapura')).toBe('2024-11-06')
    expect(tanggalDari('2024-11-05T16:30:00Z', ZONA_BAKU)).toBe('2024-11-05')
    expect(fmtWaktu('bukan waktu')).toBe('bukan waktu')
  })

  it('writes a wall-clock date or time as typed, on a PC set to any zone', () => {
    for (const zone of ['UTC', 'America/New_York', 'Asia/Jayapura']) {
      env.TZ = zone
      expect(fmtWaktuLokal('2024-11-01T09:00'), zone).toBe('1 Nov 2024, 09.00')
      expect(fmtWaktuLokal('2024-11-23T14:05:09', { hari: true, detik: true }), zone).toBe('Sab, 23 Nov 2024, 14.05.09')
      expect(fmtTanggal('2024-11-05'), zone).toBe('Selasa, 5 November 2024')
      expect(fmtTanggal('2024-11-05', 'short'), zone).toBe('Sel, 5 Nov 2024')
      expect(fmtTanggal('2024-11-05', 'date'), zone).toBe('5 November 2024')
      expect(fmtTanggal('2024-11-05', 'dayMonth'), zone).toBe('5 Nov')
    }
  })

  it("starts today's date and now on the satker's clock, not the PC's", () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    // 23:30 UTC on 4 November: 15:30 on a PC in Los Angeles, already 06.30 on the 5th in Makassar (WITA).
    vi.setSystemTime(new Date('2024-11-04T22:30:00Z'))
    env.TZ = 'America/Los_Angeles'
    aturZonaTampil(IANA_ZONA.WITA)
    expect(todayIso()).toBe('2024-11-05')
    expect(nowLocal()).toBe('2024-11-05T06:30')
    expect(fmtWaktu(new Date())).toBe('5 Nov 2024, 06.30')
    expect(fmtJamDari(new Date())).toBe('06.30')
    aturZonaTampil(IANA_ZONA.WIT)
    expect(nowLocal()).toBe('2024-11-05T07:30')
    // Midnight is 00, never 24.
    vi.setSystemTime(new Date('2024-11-04T15:00:00Z'))
    expect(nowLocal()).toBe('2024-11-05T00:00')
    // Before the election is read (the set-up form): the PC's own clock.
    aturZonaTampil(undefined)
    expect(nowLocal()).toBe('2024-11-04T07:00')
  })
})
