import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/core/errors'
import { formatNomor, nomorPlaceholders, validateNomorPattern } from '../../src/core/nomorSurat'

describe('formatNomor', () => {
  it('fills the KPU pattern', () => {
    expect(formatNomor('{no}/PP.09.4-BA/{kode_wilayah}/{tahun}', { no: 514, kodeWilayah: '1219', tahun: 2024 })).toBe(
      '514/PP.09.4-BA/1219/2024',
    )
  })

  it('pads the sequence and writes months as digits or roman numerals', () => {
    const v = { no: 7, kodeWilayah: '1219', kodeDokumen: 'BA-PNR', tanggal: '2024-07-11' }
    expect(formatNomor('{no:3}/{kode_dokumen}/{kode_wilayah}/{bulan_romawi}/{tahun}', v)).toBe(
      '007/BA-PNR/1219/VII/2024',
    )
    expect(formatNomor('{no:3}-{bulan}-{tahun}', v)).toBe('007-07-2024')
    expect(formatNomor('{no:2}', { no: 1234 })).toBe('1234')
    expect(formatNomor('{no}/{bulan}/{tahun}', { no: 1, bulan: 3, tahun: 2025, tanggal: '2024-07-11' })).toBe(
      '1/03/2025',
    )
  })

  it('refuses missing values and a bad sequence in Bahasa Indonesia', () => {
    expect(() => formatNomor('{no}/{kode_wilayah}', { no: 1 })).toThrow(
      'Nilai untuk {kode_wilayah} dalam pola nomor belum diisi',
    )
    expect(() => formatNomor('{no}/{tahun}', { no: 1 })).toThrow(AppError)
    expect(() => formatNomor('{no}', { no: 0 })).toThrow('Nomor urut harus bilangan bulat positif')
    expect(() => formatNomor('{no}/{bulan}', { no: 1, bulan: 13 })).toThrow(RangeError)
    expect(() => formatNomor('{nomor}/BA', { no: 1 })).toThrow(/tidak dapat dipakai/)
  })

  it('lists the placeholders a pattern uses', () => {
    expect(nomorPlaceholders('{no:3}/PP/{kode_wilayah}/{tahun}/{no}')).toEqual(['no', 'kode_wilayah', 'tahun'])
  })
})

describe('validateNomorPattern', () => {
  it('accepts usable patterns', () => {
    expect(validateNomorPattern('{no}/PP.09.4-BA/{kode_wilayah}/{tahun}')).toEqual([])
    expect(validateNomorPattern('{no:4}/{kode_dokumen}/{bulan_romawi}/{tahun}')).toEqual([])
  })

  it('names an unknown placeholder', () => {
    const errors = validateNomorPattern('{no}/PP/{kode_wil}/{tahun}')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('Kode {kode_wil} tidak dikenal')
    expect(errors[0]).toContain('{kode_wilayah}')
  })

  it('finds an unclosed or stray brace', () => {
    expect(validateNomorPattern('{no}/PP/{tahun')).toEqual([
      'Kurung kurawal "{" pada posisi 9 tidak ditutup dengan "}"',
    ])
    expect(validateNomorPattern('{no}/{kode_wilayah/{tahun}')[0]).toContain('tidak ditutup')
    expect(validateNomorPattern('{no}/PP}/{tahun}')[0]).toContain('tanpa pasangan')
  })

  it('requires the sequence number', () => {
    expect(validateNomorPattern('PP.09.4-BA/{kode_wilayah}/{tahun}')).toEqual([
      'Pola nomor harus memuat {no} (nomor urut register), agar setiap dokumen bernomor berbeda',
    ])
    expect(validateNomorPattern('  ')).toEqual(['Pola nomor tidak boleh kosong'])
  })

  it('checks the padding width', () => {
    expect(validateNomorPattern('{no:x}')[0]).toContain('Lebar angka')
    expect(validateNomorPattern('{no:0}')[0]).toContain('Lebar angka')
    expect(validateNomorPattern('{no}/{tahun:2}')[0]).toContain('hanya {no} yang boleh')
  })
})
