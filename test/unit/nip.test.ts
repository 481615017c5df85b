import { describe, expect, it } from 'vitest'
import { checkNip } from '../../src/core/nip'

const today = new Date(2026, 11, 6)

describe('NIP (18 digits: birth date, TMT, sex, sequence)', () => {
  it('accepts a real-looking NIP with or without spaces and prints it 8-6-1-3', () => {
    expect(checkNip('19800202 200501 2 002', today)).toEqual({ ok: true, value: '19800202 200501 2 002' })
    expect(checkNip('197001012000031001', today)).toEqual({ ok: true, value: '19700101 200003 1 001' })
    expect(checkNip('  ', today)).toEqual({ ok: true, value: '' })
  })
  it.each([
    ['19800202 200501 2 00', /18 angka, bukan 17/],
    ['19800230 200501 2 002', /Tanggal lahir .*19800230/],
    ['19800202 200513 2 002', /Bulan TMT/],
    ['19800202 199501 2 002', /sebelum usia 18/],
    ['19800202 202801 2 002', /belum terjadi/],
    ['19800202 200501 3 002', /jenis kelamin/],
    ['19800202 200501 2 000', /000/],
    ['19800202 2005O1 2 002', /hanya berisi angka/],
  ])('refuses %s', (nip, message) => {
    const r = checkNip(nip, today)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.message).toMatch(message)
  })
})
