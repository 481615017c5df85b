/**
 * Worker pay for the sortir-lipat and rakit floor (DOMAIN.md §4): a rate per lembar per ballot type
 * and per unit assembled, tax withheld as a percentage. A team's output is split equally among its
 * members present in that shift unless the team tallied per worker. Money is whole rupiah; a split
 * hands out the remainder rupiah by rupiah (largest remainder), so the shares always add up to the
 * team's pay exactly.
 */
export interface PayOutput {
  shiftId: number
  teamId: number
  /** Null: tallied for the whole team. */
  workerId: number | null
  itemId: number
  /** Sheets or units processed (good and damaged: every one was inspected or assembled). */
  qty: number
}

export interface PayInput {
  outputs: readonly PayOutput[]
  /** Who was present in each shift, per team. */
  attendance: readonly { shiftId: number; teamId: number; workerId: number }[]
  /** Rupiah per lembar or unit, per item; items without a rate pay nothing and are reported. */
  rates: ReadonlyMap<number, number>
  taxBasisPoints: number
}

export interface WorkerPay {
  workerId: number
  /** Per item: sheets or units credited (a share of a team's output may be a fraction). */
  qty: Map<number, number>
  gross: number
  tax: number
  net: number
}

export interface PayResult {
  workers: WorkerPay[]
  /** Team output that could not be split because nobody of that team was recorded present. */
  unassigned: { shiftId: number; teamId: number; itemId: number; qty: number }[]
  /** Items with output but no rate set. */
  missingRates: number[]
}

/** Splits an amount into n whole parts that differ by at most one and add up to the amount. */
export function splitEvenly(amount: number, n: number): number[] {
  if (!Number.isSafeInteger(amount) || amount < 0 || !Number.isSafeInteger(n) || n <= 0)
    throw new RangeError(`Tidak dapat membagi ${amount} ke ${n} bagian`)
  const base = Math.floor(amount / n)
  const rest = amount - base * n
  return Array.from({ length: n }, (_, i) => base + (i < rest ? 1 : 0))
}

export function taxOf(gross: number, basisPoints: number): number {
  // Half a rupiah rounds up, as a cashier would.
  return Math.floor((gross * basisPoints + 5_000) / 10_000)
}

export function computePay(input: PayInput): PayResult {
  const present = new Map<string, number[]>()
  for (const a of input.attendance) {
    const key = `${a.shiftId}:${a.teamId}`
    const list = present.get(key) ?? []
    if (!list.includes(a.workerId)) list.push(a.workerId)
    present.set(key, list)
  }
  for (const list of present.values()) list.sort((a, b) => a - b)

  const byWorker = new Map<number, { qty: Map<number, number>; gross: number }>()
  const credit = (workerId: number, itemId: number, qty: number, money: number) => {
    let w = byWorker.get(workerId)
    if (!w) byWorker.set(workerId, (w = { qty: new Map(), gross: 0 }))
    w.qty.set(itemId, (w.qty.get(itemId) ?? 0) + qty)
    w.gross += money
  }
  const unassigned: PayResult['unassigned'] = []
  const missing = new Set<number>()

  // Team output is pooled per shift and team before splitting, so each worker gets at most one
  // remainder rupiah per shift rather than one per tally line.
  const pooled = new Map<string, { shiftId: number; teamId: number; qty: Map<number, number>; money: number }>()
  for (const o of input.outputs) {
    const rate = input.rates.get(o.itemId)
    if (rate === undefined) missing.add(o.itemId)
    const money = o.qty * (rate ?? 0)
    if (o.workerId !== null) {
      credit(o.workerId, o.itemId, o.qty, money)
      continue
    }
    const key = `${o.shiftId}:${o.teamId}`
    let pool = pooled.get(key)
    if (!pool) pooled.set(key, (pool = { shiftId: o.shiftId, teamId: o.teamId, qty: new Map(), money: 0 }))
    pool.qty.set(o.itemId, (pool.qty.get(o.itemId) ?? 0) + o.qty)
    pool.money += money
  }
  for (const [key, pool] of pooled) {
    const members = present.get(key) ?? []
    if (members.length === 0) {
      for (const [itemId, qty] of pool.qty) unassigned.push({ shiftId: pool.shiftId, teamId: pool.teamId, itemId, qty })
      continue
    }
    const shares = splitEvenly(pool.money, members.length)
    members.forEach((workerId, i) => {
      let first = true
      for (const [itemId, qty] of pool.qty) {
        credit(workerId, itemId, qty / members.length, first ? shares[i]! : 0)
        first = false
      }
    })
  }

  const workers = [...byWorker.entries()]
    .map(([workerId, w]) => {
      const tax = taxOf(w.gross, input.taxBasisPoints)
      return { workerId, qty: w.qty, gross: w.gross, tax, net: w.gross - tax }
    })
    .sort((a, b) => a.workerId - b.workerId)
  return { workers, unassigned, missingRates: [...missing].sort((a, b) => a - b) }
}
