import { describe, expect, it } from 'vitest'
import { computePay, pph21Harian, type PayOutput } from '../../src/core/pay'

/**
 * PPh 21 of a pegawai tidak tetap paid by the day or by the piece (PMK 168/2023 with the tarif efektif
 * harian of PP 58/2023, docs/pph21.md): per day worked, the gross of that day up to Rp450.000 bears 0 %,
 * above that up to Rp2.500.000 0,5 % of the whole day's gross, above Rp2.500.000 the Pasal 17 ayat (1)
 * huruf a rates on 50 % of it. Every figure below computed by hand.
 */
describe('pph21Harian: one day of gross pay', () => {
  it('0 % up to and including Rp450.000', () => {
    expect(pph21Harian(0)).toBe(0)
    expect(pph21Harian(188_000)).toBe(0)
    expect(pph21Harian(450_000)).toBe(0)
  })

  it('0,5 % of the whole day above Rp450.000 up to and including Rp2.500.000, half a rupiah rounding up', () => {
    expect(pph21Harian(450_001)).toBe(2_250) // 2.250,005
    expect(pph21Harian(500_000)).toBe(2_500)
    expect(pph21Harian(638_437)).toBe(3_192) // 3.192,185
    expect(pph21Harian(450_100)).toBe(2_251) // 2.250,5 -> 2.251
    expect(pph21Harian(2_500_000)).toBe(12_500)
  })

  it('above Rp2.500.000: Pasal 17 ayat (1) huruf a on 50 % of the day', () => {
    // 3.000.000: DPP 1.500.000 x 5 % = 75.000 (against 15.000 at 0,5 %).
    expect(pph21Harian(3_000_000)).toBe(75_000)
    // 130.000.000: DPP 65.000.000 = 60.000.000 x 5 % + 5.000.000 x 15 % = 3.000.000 + 750.000.
    expect(pph21Harian(130_000_000)).toBe(3_750_000)
  })
})

describe('computePay with the daily rule', () => {
  const out = (shiftId: number, workerId: number, qty: number): PayOutput => ({
    shiftId,
    teamId: 1,
    workerId,
    itemId: 1,
    qty,
  })
  it('taxes each worker day by day: two shifts of one day add up before the threshold', () => {
    // Rp150 a lembar. Worker 1: 4 November two shifts of 1.800 + 1.400 lembar = 3.200 x 150 = 480.000 that
    // day -> 0,5 % = 2.400; 5 November 2.000 lembar = 300.000 -> 0. Worker 2: 3.000 lembar on each of the
    // two days = 450.000 a day -> 0 both days, though 900.000 in all.
    const r = computePay({
      outputs: [out(1, 1, 1_800), out(2, 1, 1_400), out(3, 1, 2_000), out(1, 2, 3_000), out(3, 2, 3_000)],
      attendance: [],
      rates: new Map([[1, 150]]),
      taxBasisPoints: 600,
      pph21: 'ter_harian',
      tanggalOf: new Map([
        [1, '2024-11-04'],
        [2, '2024-11-04'],
        [3, '2024-11-05'],
      ]),
    })
    expect(r.workers.map((w) => [w.workerId, w.gross, w.tax, w.net])).toEqual([
      [1, 780_000, 2_400, 777_600],
      [2, 900_000, 0, 900_000],
    ])
  })

  it('the flat percentage stays as the other method', () => {
    const r = computePay({
      outputs: [out(1, 1, 3_200)],
      attendance: [],
      rates: new Map([[1, 150]]),
      taxBasisPoints: 600,
      pph21: 'persen',
      tanggalOf: new Map([[1, '2024-11-04']]),
    })
    // 480.000 x 6 % = 28.800.
    expect(r.workers[0]).toMatchObject({ gross: 480_000, tax: 28_800, net: 451_200 })
  })
})
