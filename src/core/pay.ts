/**
 * Worker pay for the sortir-lipat and rakit floor (DOMAIN.md §4): a rate per lembar per ballot type
 * and per unit assembled, PPh 21 withheld by the daily rule for pegawai tidak tetap or as a flat percentage. A team's output is split equally among its
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
  /**
   * How PPh 21 is withheld: by the daily rule for pegawai tidak tetap (pph21Harian, day by day), or the
   * flat `taxBasisPoints` of the whole gross. Flat when left out.
   */
  pph21?: Pph21Metode
  /** The date of each shift, which the daily rule groups a worker's pay by. */
  tanggalOf?: ReadonlyMap<number, string>
}

export const PPH21_METODE = ['ter_harian', 'persen'] as const
export type Pph21Metode = (typeof PPH21_METODE)[number]

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

/** Pasal 17 ayat (1) huruf a UU PPh (as amended by UU 7/2021, HPP): upper bound of each layer and its rate in basis points. */
const PASAL_17: readonly [number, number][] = [
  [60_000_000, 500],
  [250_000_000, 1_500],
  [500_000_000, 2_500],
  [5_000_000_000, 3_000],
  [Number.POSITIVE_INFINITY, 3_500],
]

/**
 * PPh 21 on one day's gross pay of a pegawai tidak tetap paid by the day, the unit or the piece (PMK
 * 168/2023 with the tarif efektif harian of PP 58/2023; docs/pph21.md): up to Rp450.000 a day 0 %; above
 * that up to Rp2.500.000 0,5 % of the day's gross; above Rp2.500.000 the Pasal 17 ayat (1) huruf a rates
 * on 50 % of the day's gross. Whole rupiah, half a rupiah rounding up.
 */
export function pph21Harian(gross: number): number {
  if (gross <= 450_000) return 0
  if (gross <= 2_500_000) return taxOf(gross, 50)
  // In half rupiah (50 % of an odd gross is a half): the layers' bounds doubled, the base is the gross.
  let rest = gross
  let lower = 0
  let sum = 0
  for (const [upper, bp] of PASAL_17) {
    const part = Math.min(rest, 2 * upper - lower)
    sum += part * bp
    rest -= part
    lower = 2 * upper
    if (rest <= 0) break
  }
  return Math.floor((sum + 10_000) / 20_000)
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

  const byWorker = new Map<number, { qty: Map<number, number>; gross: number; perDay: Map<string, number> }>()
  const credit = (workerId: number, shiftId: number, itemId: number, qty: number, money: number) => {
    let w = byWorker.get(workerId)
    if (!w) byWorker.set(workerId, (w = { qty: new Map(), gross: 0, perDay: new Map() }))
    w.qty.set(itemId, (w.qty.get(itemId) ?? 0) + qty)
    w.gross += money
    const day = input.tanggalOf?.get(shiftId) ?? `#${shiftId}`
    w.perDay.set(day, (w.perDay.get(day) ?? 0) + money)
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
      credit(o.workerId, o.shiftId, o.itemId, o.qty, money)
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
        credit(workerId, pool.shiftId, itemId, qty / members.length, first ? shares[i]! : 0)
        first = false
      }
    })
  }

  const workers = [...byWorker.entries()]
    .map(([workerId, w]) => {
      const tax =
        input.pph21 === 'ter_harian'
          ? [...w.perDay.values()].reduce((t, g) => t + pph21Harian(g), 0)
          : taxOf(w.gross, input.taxBasisPoints)
      return { workerId, qty: w.qty, gross: w.gross, tax, net: w.gross - tax }
    })
    .sort((a, b) => a.workerId - b.workerId)
  return { workers, unassigned, missingRates: [...missing].sort((a, b) => a - b) }
}
