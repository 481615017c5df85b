import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { dikemasPlace, dikirimPlace, parsePlace } from '../../src/core/places'

describe('places that name a row are built from integer ids', () => {
  it('a kecamatan id 22 is DIKIRIM:22, never DIKIRIM:22.0', () => {
    expect(dikirimPlace(22)).toBe('DIKIRIM:22')
    expect(dikemasPlace(1446)).toBe('DIKEMAS:1446')
    expect(parsePlace(dikirimPlace(22))).toEqual({ kind: 'DIKIRIM', refs: ['22'] })
  })

  it('SQL that concatenates a bound id would not match: better-sqlite3 binds numbers as REAL', () => {
    const db = new Database(':memory:')
    try {
      const built = db.prepare(`SELECT 'DIKIRIM:' || ? AS place`).get(22) as { place: string }
      expect(built.place).toBe('DIKIRIM:22.0')
      expect(built.place).not.toBe(dikirimPlace(22))
    } finally {
      db.close()
    }
  })

  it('refuses an id that is not a positive whole number', () => {
    for (const bad of [0, -1, 2.5, Number.NaN]) expect(() => dikirimPlace(bad)).toThrow(/positive integer/)
  })
})
