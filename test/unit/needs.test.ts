import { describe, expect, it } from 'vitest'
import { computeNeeds, MissingDapilError, type NeedItem, type NeedsInput } from '../../src/core/needs'

const ballot = (id: number, code: string, psu: number): NeedItem => ({
  id,
  code,
  kind: 'ballot',
  rule: 'ballot',
  qty: 0,
  per: 1,
  psuPerDapil: psu,
  active: true,
  variantId: null,
})
const logistics = (id: number, code: string, rule: NeedItem['rule'], qty: number, per = 1): NeedItem => ({
  id,
  code,
  kind: 'logistics',
  rule,
  qty,
  per,
  psuPerDapil: 0,
  active: true,
  variantId: 100 + id,
})

// Two kecamatan; DPRD_KAB splits them into two dapil (variants 21, 22); PPWP has one (variant 11).
function input(items: NeedItem[], psu: Record<number, number> = {}): NeedsInput {
  const dapil: Record<string, number> = { '1:1': 11, '1:2': 11, '2:1': 21, '2:2': 22 }
  return {
    reserveBasisPoints: 200,
    rounding: 'up',
    items,
    kecamatan: [{ id: 1 }, { id: 2 }],
    desa: [
      { id: 10, kecamatanId: 1 },
      { id: 20, kecamatanId: 2 },
      { id: 21, kecamatanId: 2 },
    ],
    tps: [
      { id: 1, desaId: 10, kecamatanId: 1, dpt: 300 },
      { id: 2, desaId: 20, kecamatanId: 2, dpt: 250 },
      { id: 3, desaId: 21, kecamatanId: 2, dpt: 101 },
    ],
    ballotVariant: (itemId, kecId) => dapil[`${itemId}:${kecId}`],
    ballotVariants: (itemId) =>
      (itemId === 1 ? [11] : [21, 22]).map((variantId) => ({ variantId, psu: psu[variantId] ?? 1000 })),
  }
}

describe('computeNeeds', () => {
  it('gives each TPS the ballot variant of its dapil with DPT + reserve', () => {
    const n = computeNeeds(input([ballot(1, 'PPWP', 1000), ballot(2, 'DPRD_KAB', 1000)]))
    expect(n.tps.map((t) => t.lines.map((l) => [l.variantId, l.qty, l.reserve]))).toEqual([
      [
        [11, 306, 6],
        [21, 306, 6],
      ],
      [
        [11, 255, 5],
        [22, 255, 5],
      ],
      [
        [11, 104, 3],
        [22, 104, 3],
      ],
    ])
  })

  it('holds the PSU reserve per dapil per ballot type at the satker, outside the TPS kits', () => {
    const n = computeNeeds(input([ballot(1, 'PPWP', 1000), ballot(2, 'DPRD_KAB', 1000)]))
    expect(n.psu).toEqual([
      { itemId: 1, variantId: 11, qty: 1000, reserve: 0 },
      { itemId: 2, variantId: 21, qty: 1000, reserve: 0 },
      { itemId: 2, variantId: 22, qty: 1000, reserve: 0 },
    ])
  })

  it("takes each dapil's own PSU reserve: none where a neighbouring satker holds it, more where it is asked", () => {
    const n = computeNeeds(input([ballot(1, 'PPWP', 1000), ballot(2, 'DPRD_KAB', 1000)], { 21: 0, 22: 1500 }))
    expect(n.psu).toEqual([
      { itemId: 1, variantId: 11, qty: 1000, reserve: 0 },
      { itemId: 2, variantId: 22, qty: 1500, reserve: 0 },
    ])
  })

  it('applies per TPS, per DPT, per desa and per kecamatan rules', () => {
    const n = computeNeeds(
      input([
        logistics(5, 'KOTAK', 'per_tps', 5),
        logistics(6, 'SARUNG', 'per_dpt', 2, 100),
        logistics(7, 'KARUNG', 'per_desa', 3),
        logistics(8, 'TERPAL', 'per_kecamatan', 2),
      ]),
    )
    expect(n.tps.map((t) => t.lines.map((l) => l.qty))).toEqual([
      [5, 6],
      [5, 6],
      [5, 4],
    ])
    expect(n.desa.map((d) => [d.desaId, d.lines[0]?.qty])).toEqual([
      [10, 3],
      [20, 3],
      [21, 3],
    ])
    expect(n.kecamatan.map((k) => [k.kecamatanId, k.lines[0]?.qty])).toEqual([
      [1, 2],
      [2, 2],
    ])
  })

  it('skips inactive items and refuses a kecamatan without a dapil', () => {
    const off = { ...logistics(5, 'KOTAK', 'per_tps', 5), active: false }
    expect(computeNeeds(input([off])).tps.every((t) => t.lines.length === 0)).toBe(true)
    const broken = input([ballot(3, 'DPD', 0)])
    expect(() => computeNeeds(broken)).toThrow(MissingDapilError)
  })
})
