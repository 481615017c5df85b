import { describe, expect, it } from 'vitest'
import { computePay, splitEvenly, taxOf, type PayInput, type PayOutput } from '../../src/core/pay'

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0)

describe('splitEvenly', () => {
  it('adds up to the amount, parts differ by at most one, larger parts first', () => {
    const cases: [number, number][] = [
      [0, 1],
      [0, 7],
      [1, 3],
      [10, 3],
      [2_553_750, 4],
      [999_999, 7],
      [5, 5],
      [4, 9],
      [Number.MAX_SAFE_INTEGER, 10],
    ]
    for (const [amount, n] of cases) {
      const parts = splitEvenly(amount, n)
      expect(parts).toHaveLength(n)
      expect(sum(parts)).toBe(amount)
      expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1)
      for (const p of parts) expect(Number.isSafeInteger(p)).toBe(true)
      // The remainder rupiah go to the first members (the caller orders them by worker id).
      expect([...parts].sort((a, b) => b - a)).toEqual(parts)
    }
    // 10 / 3 = 3 rest 1.
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3])
    // 4 / 9: four members get one rupiah, five get none.
    expect(splitEvenly(4, 9)).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0])
  })

  it('refuses what cannot be split into whole rupiah', () => {
    expect(() => splitEvenly(10, 0)).toThrow(RangeError)
    expect(() => splitEvenly(10, -1)).toThrow(RangeError)
    expect(() => splitEvenly(-1, 2)).toThrow(RangeError)
    expect(() => splitEvenly(10.5, 2)).toThrow(RangeError)
    expect(() => splitEvenly(10, 2.5)).toThrow(RangeError)
    expect(() => splitEvenly(Number.NaN, 2)).toThrow(/Tidak dapat membagi/)
  })
})

describe('taxOf', () => {
  it('withholds basis points of the gross, half a rupiah rounding up', () => {
    expect(taxOf(0, 600)).toBe(0)
    expect(taxOf(100, 600)).toBe(6) // Rp6 of Rp100 (DOMAIN.md §4)
    expect(taxOf(1_234, 600)).toBe(74) // 74,04
    expect(taxOf(25, 600)).toBe(2) // 1,5 -> 2 (half up)
    expect(taxOf(24, 600)).toBe(1) // 1,44 -> 1
    expect(taxOf(125, 200)).toBe(3) // 2,5 -> 3
    expect(taxOf(638_438, 600)).toBe(38_306) // 38.306,28
    expect(taxOf(713_513, 600)).toBe(42_811) // 42.810,78
    expect(taxOf(999, 0)).toBe(0)
    expect(taxOf(999, 10_000)).toBe(999)
  })
})

describe('computePay', () => {
  const out = (shiftId: number, teamId: number, workerId: number | null, itemId: number, qty: number): PayOutput => ({
    shiftId,
    teamId,
    workerId,
    itemId,
    qty,
  })
  const present = (shiftId: number, teamId: number, ...workerIds: number[]) =>
    workerIds.map((workerId) => ({ shiftId, teamId, workerId }))

  it('splits a team output among the members present, the remainder rupiah to the lowest ids', () => {
    const r = computePay({
      // 1.001 lembar x Rp100 = Rp100.100 for 3 members: 33.366 rest 2.
      outputs: [out(1, 10, null, 1, 1_001)],
      attendance: present(1, 10, 30, 20, 10),
      rates: new Map([[1, 100]]),
      taxBasisPoints: 0,
    })
    expect(r.workers.map((w) => [w.workerId, w.gross])).toEqual([
      [10, 33_367],
      [20, 33_367],
      [30, 33_366],
    ])
    expect(sum(r.workers.map((w) => w.gross))).toBe(100_100)
    for (const w of r.workers) {
      expect(w.qty.get(1)).toBeCloseTo(1_001 / 3, 10)
      expect(w.tax).toBe(0)
      expect(w.net).toBe(w.gross)
    }
    expect(r.unassigned).toEqual([])
    expect(r.missingRates).toEqual([])
  })

  it('pools a team output over items and tally lines, so each member gets at most one remainder rupiah per shift', () => {
    // Three tally lines of the same team: 1 + 1 + 1 lembar x Rp1 = Rp3 over 2 members: 2 and 1 (not 3 and 0).
    const r = computePay({
      outputs: [out(1, 1, null, 1, 1), out(1, 1, null, 1, 1), out(1, 1, null, 2, 1)],
      attendance: present(1, 1, 1, 2),
      rates: new Map([
        [1, 1],
        [2, 1],
      ]),
      taxBasisPoints: 0,
    })
    expect(r.workers.map((w) => w.gross)).toEqual([2, 1])
    expect(r.workers[0]!.qty).toEqual(
      new Map([
        [1, 1],
        [2, 0.5],
      ]),
    )
  })

  it('credits per-worker output directly, ignoring attendance splits', () => {
    const r = computePay({
      outputs: [out(1, 1, 5, 1, 100), out(1, 1, 6, 1, 50), out(2, 1, 5, 1, 10)],
      attendance: present(1, 1, 5, 6, 7),
      rates: new Map([[1, 150]]),
      taxBasisPoints: 0,
    })
    // Worker 7 was present but produced nothing tallied to them: nothing is shared with them.
    expect(r.workers.map((w) => [w.workerId, w.gross, w.qty.get(1)])).toEqual([
      [5, 110 * 150, 110],
      [6, 50 * 150, 50],
    ])
  })

  it('reports items without a rate and team output nobody present can be paid for', () => {
    const r = computePay({
      outputs: [
        out(1, 1, null, 1, 100),
        out(1, 1, null, 9, 40),
        out(2, 3, null, 1, 500),
        out(2, 3, null, 9, 7),
        out(1, 4, 44, 8, 3),
      ],
      attendance: present(1, 1, 11),
      rates: new Map([[1, 200]]),
      taxBasisPoints: 600,
    })
    expect(r.missingRates).toEqual([8, 9])
    // Team 3 in shift 2 has output but no one recorded present.
    expect(r.unassigned).toEqual([
      { shiftId: 2, teamId: 3, itemId: 1, qty: 500 },
      { shiftId: 2, teamId: 3, itemId: 9, qty: 7 },
    ])
    // Worker 11: 100 x Rp200 = Rp20.000 (item 9 counted, paid 0); tax 6% = 1.200.
    expect(r.workers.find((w) => w.workerId === 11)).toEqual({
      workerId: 11,
      qty: new Map([
        [1, 100],
        [9, 40],
      ]),
      gross: 20_000,
      tax: 1_200,
      net: 18_800,
    })
    // Worker 44 produced only an item without a rate: listed with nothing to pay.
    expect(r.workers.find((w) => w.workerId === 44)).toMatchObject({ gross: 0, tax: 0, net: 0 })
  })

  it('a realistic Demak day: PPWP Rp150 and DPR Rp350 per lembar, tax 6%, computed by hand', () => {
    const PPWP = 1
    const DPR = 2
    const input: PayInput = {
      outputs: [
        // Shift 1, team A tallied as a team: 10.025 PPWP (10.000 baik + 25 rusak, all inspected) and 3.000 DPR.
        out(1, 1, null, PPWP, 10_000),
        out(1, 1, null, PPWP, 25),
        out(1, 1, null, DPR, 3_000),
        // Shift 1, team B tallied per worker.
        out(1, 2, 7, PPWP, 2_000),
        out(1, 2, 7, DPR, 500),
        out(1, 2, 8, PPWP, 1_234),
        // Shift 2 (afternoon), team A again with only workers 1 and 2: 1.001 PPWP.
        out(2, 1, null, PPWP, 1_001),
      ],
      attendance: [...present(1, 1, 4, 3, 2, 1), ...present(1, 2, 7, 8), ...present(2, 1, 1, 2)],
      rates: new Map([
        [PPWP, 150],
        [DPR, 350],
      ]),
      taxBasisPoints: 600,
    }
    const r = computePay(input)
    expect(r.missingRates).toEqual([])
    expect(r.unassigned).toEqual([])

    // Team A, shift 1: 10.025 x 150 = 1.503.750; 3.000 x 350 = 1.050.000; pool 2.553.750 / 4 = 638.437 rest 2
    //   -> workers 1, 2: 638.438; workers 3, 4: 638.437.
    // Team A, shift 2: 1.001 x 150 = 150.150 / 2 = 75.075 each for workers 1 and 2.
    // Worker 1 = worker 2: 638.438 + 75.075 = 713.513; tax 6% = 42.810,78 -> 42.811; net 670.702.
    // Workers 3, 4: 638.437; tax 38.306,22 -> 38.306; net 600.131.
    // Worker 7: 2.000 x 150 + 500 x 350 = 300.000 + 175.000 = 475.000; tax 28.500; net 446.500.
    // Worker 8: 1.234 x 150 = 185.100; tax 11.106; net 173.994.
    const got = r.workers.map((w) => ({ id: w.workerId, gross: w.gross, tax: w.tax, net: w.net }))
    expect(got).toEqual([
      { id: 1, gross: 713_513, tax: 42_811, net: 670_702 },
      { id: 2, gross: 713_513, tax: 42_811, net: 670_702 },
      { id: 3, gross: 638_437, tax: 38_306, net: 600_131 },
      { id: 4, gross: 638_437, tax: 38_306, net: 600_131 },
      { id: 7, gross: 475_000, tax: 28_500, net: 446_500 },
      { id: 8, gross: 185_100, tax: 11_106, net: 173_994 },
    ])
    // Totals are exact: every rupiah of output is paid once.
    // 1.503.750 + 1.050.000 + 150.150 + 475.000 + 185.100 = 3.364.000
    expect(sum(r.workers.map((w) => w.gross))).toBe(3_364_000)
    for (const w of r.workers) expect(w.gross - w.tax).toBe(w.net)
    // Credited sheets: worker 1 has 10.025/4 + 1.001/2 = 3.006,75 PPWP and 3.000/4 = 750 DPR.
    const w1 = r.workers[0]!
    expect(w1.qty.get(PPWP)).toBeCloseTo(3_006.75, 10)
    expect(w1.qty.get(DPR)).toBe(750)
    // Sheets credited add up to the sheets produced.
    const ppwp = sum(r.workers.map((w) => w.qty.get(PPWP) ?? 0))
    expect(ppwp).toBeCloseTo(10_025 + 2_000 + 1_234 + 1_001, 6)
  })

  it('does not depend on the order of outputs or attendance', () => {
    const base: PayInput = {
      outputs: [out(1, 1, null, 1, 7), out(1, 1, null, 2, 3), out(1, 2, 9, 1, 1)],
      attendance: present(1, 1, 3, 1, 2),
      rates: new Map([
        [1, 1],
        [2, 1],
      ]),
      taxBasisPoints: 600,
    }
    const a = computePay(base)
    const b = computePay({ ...base, outputs: [...base.outputs].reverse(), attendance: [...base.attendance].reverse() })
    expect(b.workers.map((w) => [w.workerId, w.gross])).toEqual(a.workers.map((w) => [w.workerId, w.gross]))
    // Rp10 over 3: 4, 3, 3 to workers 1, 2, 3.
    expect(a.workers.map((w) => [w.workerId, w.gross])).toEqual([
      [1, 4],
      [2, 3],
      [3, 3],
      [9, 1],
    ])
  })

  it('counts a worker recorded twice in the attendance of one team once', () => {
    const r = computePay({
      outputs: [out(1, 1, null, 1, 10)],
      attendance: [...present(1, 1, 1, 2), ...present(1, 1, 2)],
      rates: new Map([[1, 1]]),
      taxBasisPoints: 0,
    })
    expect(r.workers.map((w) => w.gross)).toEqual([5, 5])
  })
})
