import { describe, expect, it } from 'vitest'
import { reguName, targetProgress, teamBaseName, teamKey } from '../../src/core/regu'

/** Issue 14: "Regu Regu Mawar", and 100% on the shift page against 153% on Beranda for one team. */
describe('a team in a sentence, and its progress', () => {
  it('says "Regu" once, whether or not the name carries it', () => {
    expect(reguName('Mawar')).toBe('Regu Mawar')
    expect(reguName('Regu Mawar')).toBe('Regu Mawar')
    expect(reguName('REGU 3')).toBe('Regu 3')
    expect(reguName('Reguler')).toBe('Regu Reguler')
    expect(reguName('Mawar', true)).toBe('regu Mawar')
    expect(reguName('Regu Mawar', true)).toBe('regu Mawar')
  })

  it('stores and compares a team by its name without a leading "Regu" word', () => {
    expect(teamBaseName('  Regu   Mawar  ')).toBe('Mawar')
    expect(teamBaseName('regu-2')).toBe('2')
    expect(teamBaseName('Regu: Kenanga Putih')).toBe('Kenanga Putih')
    expect(teamBaseName('Reguler')).toBe('Reguler')
    expect(teamBaseName('Regu')).toBe('Regu')
    expect(teamKey('regu mawar')).toBe(teamKey('MAWAR'))
  })

  it('counts good sheets only against the target, uncapped', () => {
    expect(targetProgress(9_200, 6_000)).toEqual({ done: 9_200, target: 6_000, share: 9_200 / 6_000, met: true })
    expect(targetProgress(5_999, 6_000)).toMatchObject({ share: 5_999 / 6_000, met: false })
    expect(targetProgress(100, 0)).toEqual({ done: 100, target: 0, share: null, met: false })
  })
})
