import { describe, expect, it } from 'vitest'
import { KIT_STATUS_LABEL, kitCheck, kotakSlots, packingStatus } from '../../src/core/kit'

describe('packingStatus: belum, sebagian, lengkap', () => {
  it('nothing packed is belum, every line at its need is lengkap, anything between is sebagian', () => {
    const kit = (...packed: number[]) => [184, 184, 2, 4, 2].map((need, i) => ({ need, packed: packed[i] ?? 0 }))
    expect(packingStatus(kit())).toBe('belum')
    expect(packingStatus(kit(0, 0, 0, 0, 0))).toBe('belum')
    expect(packingStatus(kit(1))).toBe('sebagian')
    expect(packingStatus(kit(184, 184, 2, 4, 1))).toBe('sebagian')
    expect(packingStatus(kit(184, 184, 2, 4, 2))).toBe('lengkap')
    // One line complete and the rest empty is still sebagian.
    expect(packingStatus(kit(0, 0, 0, 4, 0))).toBe('sebagian')
  })

  /** Kit lines as [need, packed] pairs. */
  const lines = (...pairs: [number, number][]) => pairs.map(([need, packed]) => ({ need, packed }))

  it('an over-packed line counts as full, never as covering another line', () => {
    // 10 on a line that needs 2 is 2 of the 10 needed: sebagian, not lengkap.
    expect(packingStatus(lines([2, 10], [8, 0]))).toBe('sebagian')
    expect(packingStatus(lines([2, 3], [8, 8]))).toBe('lengkap')
    expect(packingStatus(lines([1, 5]))).toBe('lengkap')
  })

  it('a line that needs nothing does not hold a kit back', () => {
    expect(packingStatus(lines([0, 0], [3, 3]))).toBe('lengkap')
    expect(packingStatus(lines([0, 0], [3, 1]))).toBe('sebagian')
  })

  it('every status has its Indonesian label', () => {
    expect(KIT_STATUS_LABEL).toEqual({
      belum: 'Belum dikemas',
      sebagian: 'Dikemas sebagian',
      periksa: 'Perlu diperiksa',
      lengkap: 'Dikemas lengkap',
      diserahkan: 'Diserahkan ke PPK',
      diterima: 'Diterima PPK',
    })
  })
})

describe('kitCheck: a kit packed against needs that changed', () => {
  const line = (variantId: number, need: number, packed: number) => ({ variantId, need, packed })
  it('a line holding more than its need is always to check, flagged or not', () => {
    expect(kitCheck([line(1, 204, 245), line(2, 10, 10)], undefined, 0)).toEqual({
      excess: [line(1, 204, 245)],
      shortfall: [],
      foreign: 0,
    })
  })
  it('a shortfall counts only on a line a change flagged: a kit still being packed is just sebagian', () => {
    expect(kitCheck([line(1, 266, 204), line(2, 10, 0)], undefined, 0)).toBeNull()
    expect(kitCheck([line(1, 266, 204), line(2, 10, 0)], new Set([1]), 0)).toEqual({
      excess: [],
      shortfall: [line(1, 266, 204)],
      foreign: 0,
    })
  })
  it('a flagged line holding exactly its need is settled', () => {
    expect(kitCheck([line(1, 266, 266), line(2, 10, 3)], new Set([1]), 0)).toBeNull()
  })
  it('sheets of a variant the kit does not need keep it to check', () => {
    expect(kitCheck([line(1, 5, 5)], undefined, 7)).toEqual({ excess: [], shortfall: [], foreign: 7 })
  })
})

describe('kotakSlots: kotak k holds the k-th ballot type', () => {
  const G = { variantId: 1, name: 'Gubernur' }
  const B = { variantId: 2, name: 'Bupati' }

  it('as many kotak as ballot types (Pilkada: 2)', () => {
    expect(kotakSlots(2, [G, B])).toEqual([
      { no: 1, of: 2, ballot: G },
      { no: 2, of: 2, ballot: B },
    ])
  })

  it('more kotak than ballot types: the extra ones have no type', () => {
    expect(kotakSlots(4, [G, B])).toEqual([
      { no: 1, of: 4, ballot: G },
      { no: 2, of: 4, ballot: B },
      { no: 3, of: 4, ballot: null },
      { no: 4, of: 4, ballot: null },
    ])
    expect(kotakSlots(1, [])).toEqual([{ no: 1, of: 1, ballot: null }])
  })

  it('fewer kotak than ballot types: the first types get one each, numbered 1..n of n', () => {
    expect(kotakSlots(1, [G, B])).toEqual([{ no: 1, of: 1, ballot: G }])
    const pemilu = ['PPWP', 'DPR', 'DPD', 'DPRD_PROV', 'DPRD_KAB']
    expect(kotakSlots(4, pemilu).map((s) => [s.no, s.of, s.ballot])).toEqual([
      [1, 4, 'PPWP'],
      [2, 4, 'DPR'],
      [3, 4, 'DPD'],
      [4, 4, 'DPRD_PROV'],
    ])
  })

  it('no kotak in the kit: no slots', () => {
    expect(kotakSlots(0, [G, B])).toEqual([])
  })
})
