import { describe, expect, it } from 'vitest'
import { parsePlace } from '../../src/core/places'
import { DAMAGE_REASONS, damageReason, reasonsFor, rusakPlace } from '../../src/core/reasons'
import {
  floorCategory,
  isClockTime,
  isIsoDate,
  itemRefusalForShift,
  MOVE_REASON,
  prosesPlace,
  SHIFT_KINDS,
  teamOfPlace,
} from '../../src/core/shifts'

describe('floorCategory: what a move means on the floor', () => {
  it('names every move shape of a shift', () => {
    expect(floorCategory('DITERIMA', 'PROSES:4:2')).toEqual({ category: 'serah', reason: null })
    expect(floorCategory('PROSES:4:2', 'BAIK')).toEqual({ category: 'hasil', reason: null })
    expect(floorCategory('PROSES:4:2', 'SIAP')).toEqual({ category: 'hasil', reason: null })
    expect(floorCategory('PROSES:4:2', 'RUSAK:KUSUT_SOBEK')).toEqual({ category: 'rusak', reason: 'KUSUT_SOBEK' })
    expect(floorCategory('PROSES:4:2', 'RUSAK:LAINNYA')).toEqual({ category: 'rusak', reason: 'LAINNYA' })
    expect(floorCategory('PROSES:4:2', 'DITERIMA')).toEqual({ category: 'kembali', reason: null })
    expect(floorCategory('RUSAK:CETAK', 'BAIK')).toEqual({ category: 'reklasifikasi', reason: 'CETAK' })
    expect(floorCategory('RUSAK:CACAT_BAHAN', 'SIAP')).toEqual({ category: 'reklasifikasi', reason: 'CACAT_BAHAN' })
  })

  it('moves that are not floor work have no category', () => {
    const notFloor: [string, string][] = [
      ['PENYEDIA', 'DITERIMA'], // penerimaan
      ['PENYEDIA', 'TERTUKAR'],
      ['TERTUKAR', 'PENYEDIA'], // retur
      ['DITERIMA', 'PENYEDIA'], // a reversed delivery row
      ['DITERIMA', 'BAIK'], // straight to good without a shift
      ['BAIK', 'DIKEMAS:12'], // packing
      ['DIKEMAS:12', 'DIKIRIM:3'],
      ['RUSAK:CETAK', 'DIMUSNAHKAN'],
      ['RUSAK:CETAK', 'DITERIMA'],
      ['PROSES:4:2', 'PROSES:4:3'], // a hand-over between teams is not a result
      ['PROSES:4:2', 'DIKEMAS:1'],
      // Reversals (BATAL) run backwards; the caller categorises them by the row they reverse.
      ['BAIK', 'PROSES:4:2'],
      ['RUSAK:FOTO', 'PROSES:4:2'],
      ['PROSES:4:2', 'PENYEDIA'],
    ]
    for (const [from, to] of notFloor) expect(floorCategory(from, to), `${from} -> ${to}`).toBeNull()
  })
})

describe('places of the floor', () => {
  it('prosesPlace and teamOfPlace round-trip', () => {
    expect(prosesPlace(12, 3)).toBe('PROSES:12:3')
    expect(parsePlace(prosesPlace(12, 3))).toEqual({ kind: 'PROSES', refs: ['12', '3'] })
    expect(teamOfPlace(prosesPlace(12, 3))).toBe(3)
    expect(teamOfPlace('PROSES:1:250')).toBe(250)
  })

  it('teamOfPlace is null for anything but PROSES:<shift>:<team>', () => {
    for (const p of [
      'BAIK',
      'DITERIMA',
      'PROSES',
      'PROSES:12',
      'PROSES:12:',
      'PROSES:a:3',
      'PROSES:1:b',
      'PROSES:1:2:3',
      'RUSAK:12',
      'DIKEMAS:3',
      'xPROSES:1:2',
    ]) {
      expect(teamOfPlace(p), p).toBeNull()
    }
  })
})

describe('isIsoDate', () => {
  it('accepts real calendar dates including leap days', () => {
    for (const d of ['2024-02-29', '2000-02-29', '2024-11-27', '2024-12-31', '2025-01-01', '2023-04-30'])
      expect(isIsoDate(d), d).toBe(true)
  })
  it('refuses impossible dates and other spellings', () => {
    const bad = [
      '2024-02-30',
      '2023-02-29', // not a leap year
      '1900-02-29', // divisible by 100, not by 400
      '2100-02-29',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-1-05',
      '24-01-05',
      '2024/01/05',
      '05-01-2024',
      '2024-01-05T00:00',
      ' 2024-01-05',
      '',
    ]
    for (const d of bad) expect(isIsoDate(d), d).toBe(false)
  })
})

describe('isClockTime', () => {
  it('accepts HH:MM from 00:00 to 23:59', () => {
    for (const t of ['00:00', '08:00', '13:30', '23:59', '09:05']) expect(isClockTime(t), t).toBe(true)
  })
  it('refuses anything else', () => {
    for (const t of ['24:00', '8:00', '12:60', '12:5', '12:05:00', '12.05', 'jam 8', '', '-1:00'])
      expect(isClockTime(t), t).toBe(false)
  })
})

describe('itemRefusalForShift', () => {
  const ballot = { code: 'BUPATI', kind: 'ballot' as const, assembled: false }
  const kotak = { code: 'KOTAK', kind: 'logistics' as const, assembled: true }
  const bilik = { code: 'BILIK', kind: 'logistics' as const, assembled: true }
  const tinta = { code: 'TINTA', kind: 'logistics' as const, assembled: false }

  it('sortir-lipat takes ballots only', () => {
    expect(itemRefusalForShift('sortir_lipat', ballot, 'Surat Suara Bupati')).toBeNull()
    expect(itemRefusalForShift('sortir_lipat', kotak, 'Kotak suara')).toBe(
      'Kotak suara bukan surat suara; shift sortir-lipat hanya untuk surat suara',
    )
    expect(itemRefusalForShift('sortir_lipat', tinta, 'Tinta')).toMatch(/^Tinta bukan surat suara/)
  })

  it('rakit kotak takes kotak (assembled, not bilik); rakit bilik takes bilik only', () => {
    expect(itemRefusalForShift('rakit_kotak', kotak, 'Kotak suara')).toBeNull()
    expect(itemRefusalForShift('rakit_kotak', bilik, 'Bilik suara')).toBe('Bilik suara dirakit dalam shift rakit bilik')
    expect(itemRefusalForShift('rakit_kotak', tinta, 'Tinta')).toBe(
      'Tinta tidak dirakit; shift rakit hanya untuk kotak dan bilik suara',
    )
    expect(itemRefusalForShift('rakit_kotak', ballot, 'Surat Suara Bupati')).toMatch(/tidak dirakit/)
    expect(itemRefusalForShift('rakit_bilik', bilik, 'Bilik suara')).toBeNull()
    expect(itemRefusalForShift('rakit_bilik', kotak, 'Kotak suara')).toBe(
      'Kotak suara bukan bilik suara; pilih shift rakit kotak',
    )
    expect(itemRefusalForShift('rakit_bilik', ballot, 'Surat Suara Bupati')).toMatch(/tidak dirakit/)
  })

  it('every shift kind has its output place and unit', () => {
    expect(SHIFT_KINDS.sortir_lipat).toMatchObject({ output: 'BAIK', unit: 'lembar' })
    expect(SHIFT_KINDS.rakit_kotak).toMatchObject({ output: 'SIAP', unit: 'buah' })
    expect(SHIFT_KINDS.rakit_bilik).toMatchObject({ output: 'SIAP', unit: 'buah' })
    expect(Object.values(MOVE_REASON).sort()).toEqual(['BATAL', 'KEMBALI', 'KOREKSI', 'REKLASIFIKASI'])
  })
})

describe('damage reasons', () => {
  it('ballots: the eight kriteria of Kep. KPU 1395/2023 plus LAINNYA', () => {
    const codes = reasonsFor('ballot').map((r) => r.code)
    expect(codes).toEqual([
      'CETAK',
      'KUSUT_SOBEK',
      'WARNA_PENANDA',
      'NAMA_LOGO',
      'LOGO_KPU',
      'BERLUBANG',
      'FOTO',
      'WARNA_PARTAI',
      'LAINNYA',
    ])
    const labels = reasonsFor('ballot').map((r) => r.label.toLowerCase())
    // One criterion each (DOMAIN.md §4), in the regulation's order.
    const words = [
      'cetak',
      'kusut',
      'warna penanda',
      'logo partai',
      'logo kpu',
      'lubang',
      'foto',
      'warna partai',
      'lainnya',
    ]
    words.forEach((w, i) => expect(labels[i], w).toContain(w))
  })

  it('assembled items: their own reasons plus LAINNYA, none of the ballot criteria', () => {
    expect(reasonsFor('assembled').map((r) => r.code)).toEqual(['CACAT_BAHAN', 'RUSAK_RAKIT', 'LAINNYA'])
  })

  it('only LAINNYA needs a note; codes are unique and valid place refs', () => {
    expect(DAMAGE_REASONS.filter((r) => r.needsNote).map((r) => r.code)).toEqual(['LAINNYA'])
    expect(new Set(DAMAGE_REASONS.map((r) => r.code)).size).toBe(DAMAGE_REASONS.length)
    for (const r of DAMAGE_REASONS) {
      expect(parsePlace(rusakPlace(r.code)), r.code).toEqual({ kind: 'RUSAK', refs: [r.code] })
      // The tally contract accepts reason codes matching /^[A-Z_]{2,40}$/.
      expect(r.code).toMatch(/^[A-Z_]{2,40}$/)
      expect(r.short.length).toBeGreaterThan(0)
      expect(damageReason(r.code)).toBe(r)
    }
    expect(damageReason('SOBEK')).toBeUndefined()
    expect(damageReason('cetak')).toBeUndefined()
  })
})
