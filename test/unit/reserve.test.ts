import { describe, expect, it } from 'vitest'
import { ballotsForTps, percentToBasisPoints, reserveFor } from '../../src/core/reserve'

const PEMILU = percentToBasisPoints(2)
const PILKADA = percentToBasisPoints(2.5)

describe('ballots per TPS = DPT + reserve, computed per TPS', () => {
  it('Pemilu 2%: DPT 300 -> 306 and DPT 250 -> 255 (DOMAIN §2)', () => {
    expect(ballotsForTps(300, PEMILU, 'up')).toBe(306)
    expect(ballotsForTps(250, PEMILU, 'up')).toBe(255)
  })

  it('rounds the reserve up at each TPS by default', () => {
    expect(reserveFor(201, PEMILU, 'up')).toBe(5) // 4.02 -> 5
    expect(reserveFor(201, PILKADA, 'up')).toBe(6) // 5.025 -> 6
    expect(reserveFor(240, PILKADA, 'up')).toBe(6) // exact 6.0 stays 6
    expect(reserveFor(0, PILKADA, 'up')).toBe(0)
  })

  it('per-TPS ceiling explains the Kab. Bogor Pilbup reserve exceeding plain 2.5% (DOMAIN §2)', () => {
    const dpts = [123, 287, 301, 455, 599, 17]
    const perTps = dpts.reduce((s, d) => s + reserveFor(d, PILKADA, 'up'), 0)
    const plain = Math.ceil((dpts.reduce((s, d) => s + d, 0) * 2.5) / 100)
    expect(perTps).toBeGreaterThan(plain)
  })

  it('offers nearest, down and "digenapkan" (up to an even number) as settings', () => {
    expect(reserveFor(225, PEMILU, 'nearest')).toBe(5) // 4.5 -> 5
    expect(reserveFor(224, PEMILU, 'nearest')).toBe(4) // 4.48 -> 4
    expect(reserveFor(249, PEMILU, 'down')).toBe(4)
    expect(reserveFor(250, PEMILU, 'up_even')).toBe(6) // 5 -> 6, as one PPK chair described
    expect(reserveFor(300, PEMILU, 'up_even')).toBe(6)
    expect(reserveFor(201, PEMILU, 'up_even')).toBe(6) // 4.02 -> 5 -> 6
  })

  it('keeps 2.5% exact in integer arithmetic', () => {
    expect(percentToBasisPoints(2.5)).toBe(250)
    for (let dpt = 0; dpt <= 800; dpt++) {
      expect(reserveFor(dpt, PILKADA, 'up')).toBe(Math.ceil((dpt * 25) / 1000))
    }
  })

  it('refuses a negative or fractional DPT and an out-of-range percentage', () => {
    expect(() => reserveFor(-1, PEMILU, 'up')).toThrow(/DPT/)
    expect(() => reserveFor(1.5, PEMILU, 'up')).toThrow(/DPT/)
    expect(() => percentToBasisPoints(-2)).toThrow()
    expect(() => percentToBasisPoints(2.555)).toThrow()
    expect(() => percentToBasisPoints(101)).toThrow()
  })
})
