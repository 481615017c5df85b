/**
 * Ballots per TPS = DPT + reserve, the reserve computed for each TPS (UU 7/2017 Pasal 344: 2% for Pemilu;
 * Pilkada 2.5%). Percentages are held as basis points (1% = 100) so 2.5% stays exact in integer arithmetic.
 */
export const ROUNDINGS = ['up', 'nearest', 'down', 'up_even'] as const
export type Rounding = (typeof ROUNDINGS)[number]

export const ROUNDING_LABELS: Record<Rounding, string> = {
  up: 'Dibulatkan ke atas (praktik KPU)',
  nearest: 'Dibulatkan ke terdekat',
  down: 'Dibulatkan ke bawah',
  up_even: 'Dibulatkan ke atas lalu digenapkan',
}

/** What each rounding does to a fraction, for whoever chooses it. */
export const ROUNDING_EXPLAIN: Record<Rounding, string> = {
  up: 'Setiap pecahan dibulatkan ke atas di setiap TPS. Praktik KPU (mis. KPU DKI Jakarta, Pilkada 2024).',
  nearest: 'Pecahan 0,5 atau lebih dibulatkan ke atas, di bawah itu ke bawah.',
  down: 'Pecahan dibuang. Cadangan bisa lebih kecil dari persentase yang ditetapkan.',
  up_even: 'Dibulatkan ke atas, lalu digenapkan ke bilangan genap berikutnya ("digenapkan").',
}

export function percentToBasisPoints(percent: number): number {
  const bp = Math.round(percent * 100)
  if (!Number.isFinite(percent) || bp < 0 || bp > 10_000 || Math.abs(bp - percent * 100) > 1e-6) {
    throw new RangeError(`Persentase cadangan tidak sah: ${percent}`)
  }
  return bp
}

/** The reserve sheets for one TPS. */
export function reserveFor(dpt: number, basisPoints: number, rounding: Rounding): number {
  if (!Number.isSafeInteger(dpt) || dpt < 0) throw new RangeError(`DPT tidak sah: ${dpt}`)
  const scaled = dpt * basisPoints // exact: dpt <= 1e5 and bp <= 1e4
  const floor = Math.floor(scaled / 10_000)
  const remainder = scaled % 10_000
  switch (rounding) {
    case 'down':
      return floor
    case 'nearest':
      return remainder * 2 >= 10_000 ? floor + 1 : floor
    case 'up':
      return remainder > 0 ? floor + 1 : floor
    case 'up_even': {
      // "digenapkan": one PPK chair reported 250 voters -> 5 -> 6. Round up, then to the next even number.
      const up = remainder > 0 ? floor + 1 : floor
      return up % 2 === 0 ? up : up + 1
    }
  }
}

export function ballotsForTps(dpt: number, basisPoints: number, rounding: Rounding): number {
  return dpt + reserveFor(dpt, basisPoints, rounding)
}
