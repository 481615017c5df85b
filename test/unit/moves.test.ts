import { describe, expect, it } from 'vitest'
import { validateMoves, type MoveContext } from '../../src/core/moves'
import { mayGoNegative, parsePlace } from '../../src/core/places'

function ctx(balances: Record<string, number>): MoveContext {
  return {
    variantLabel: (id) => (id === 1 ? 'Surat Suara DPR RI (DAPIL 1)' : null),
    placeRefsExist: (p) => p.kind !== 'DIKEMAS' || p.refs[0] === '7',
    balance: (v, p) => balances[`${v}:${p}`] ?? 0,
  }
}

describe('places', () => {
  it('parses kinds with the number of references they need', () => {
    expect(parsePlace('DITERIMA')).toEqual({ kind: 'DITERIMA', refs: [] })
    expect(parsePlace('RUSAK:KUSUT_SOBEK')).toEqual({ kind: 'RUSAK', refs: ['KUSUT_SOBEK'] })
    expect(parsePlace('PROSES:3:12')).toEqual({ kind: 'PROSES', refs: ['3', '12'] })
    expect(parsePlace('DIKEMAS')).toBeNull()
    expect(parsePlace('BAIK:1')).toBeNull()
    expect(parsePlace('GUDANG')).toBeNull()
    expect(parsePlace('RUSAK:a b')).toBeNull()
  })
  it('lets only the outside world go negative', () => {
    expect(mayGoNegative('PENYEDIA')).toBe(true)
    for (const p of ['DITERIMA', 'BAIK', 'RUSAK:KUSUT_SOBEK', 'DIKEMAS:7', 'DIMUSNAHKAN', 'TERTUKAR'])
      expect(mayGoNegative(p)).toBe(false)
  })
})

describe('validateMoves', () => {
  it('accepts a batch that passes sheets through a place', () => {
    const issues = validateMoves(
      [
        { variantId: 1, from: 'PENYEDIA', to: 'DITERIMA', qty: 500 },
        { variantId: 1, from: 'DITERIMA', to: 'BAIK', qty: 480 },
        { variantId: 1, from: 'DITERIMA', to: 'RUSAK:KUSUT_SOBEK', qty: 20 },
      ],
      ctx({}),
    )
    expect(issues).toEqual([])
  })

  it('refuses taking more than a place holds, naming the row and the shortfall', () => {
    const issues = validateMoves(
      [
        { variantId: 1, from: 'DITERIMA', to: 'BAIK', qty: 80 },
        { variantId: 1, from: 'DITERIMA', to: 'BAIK', qty: 30 },
      ],
      ctx({ '1:DITERIMA': 100 }),
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ row: 2, column: 'qty' })
    expect(issues[0]?.message).toContain('hanya berisi 20')
  })

  it('refuses zero, negative, fractional and absurd quantities', () => {
    for (const qty of [0, -5, 1.5, Number.NaN, 2e9]) {
      const issues = validateMoves([{ variantId: 1, from: 'PENYEDIA', to: 'DITERIMA', qty }], ctx({}))
      expect(issues[0]?.column).toBe('qty')
    }
  })

  it('refuses unknown items, unknown places, missing references and a move to itself', () => {
    const issues = validateMoves(
      [
        { variantId: 9, from: 'PENYEDIA', to: 'DITERIMA', qty: 1 },
        { variantId: 1, from: 'LAPANGAN', to: 'DITERIMA', qty: 1 },
        { variantId: 1, from: 'BAIK', to: 'DIKEMAS:8', qty: 1 },
        { variantId: 1, from: 'BAIK', to: 'BAIK', qty: 1 },
      ],
      ctx({ '1:BAIK': 10 }),
    )
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [1, 'variantId'],
      [2, 'from'],
      [3, 'to'],
      [4, 'to'],
    ])
    expect(validateMoves([], ctx({}))).toHaveLength(1)
  })
})
