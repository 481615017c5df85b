/**
 * One kit per TPS: what it needs (from the needs rules), what has been packed into it, and its kotak.
 * Pure: the services bring the numbers.
 */
/** Kit statuses in the order a kit goes through them. */
export const KIT_STATUSES = ['belum', 'sebagian', 'periksa', 'lengkap', 'diserahkan', 'diterima'] as const
export type KitStatus = (typeof KIT_STATUSES)[number]

export const KIT_STATUS_LABEL: Record<KitStatus, string> = {
  belum: 'Belum dikemas',
  sebagian: 'Dikemas sebagian',
  periksa: 'Perlu diperiksa',
  lengkap: 'Dikemas lengkap',
  diserahkan: 'Diserahkan ke PPK',
  diterima: 'Diterima PPK',
}

/** The same statuses in one word or two, for legends and column heads where "kit" is already said. */
export const KIT_STATUS_SHORT: Record<KitStatus, string> = {
  belum: 'Belum',
  sebagian: 'Sebagian',
  periksa: 'Perlu diperiksa',
  lengkap: 'Lengkap',
  diserahkan: 'Diserahkan',
  diterima: 'Diterima PPK',
}

export interface KitLineState {
  need: number
  packed: number
}

/** A kit before handover: nothing, part or all of every line packed. */
export function packingStatus(lines: readonly KitLineState[]): 'belum' | 'sebagian' | 'lengkap' {
  const packed = lines.reduce((s, l) => s + Math.min(l.packed, l.need), 0)
  const need = lines.reduce((s, l) => s + l.need, 0)
  if (packed === 0) return 'belum'
  return packed >= need && lines.every((l) => l.packed >= l.need) ? 'lengkap' : 'sebagian'
}

/**
 * A packed kit whose needs changed under it (a re-imported DPT, applied with the coordinator's decision)
 * must be re-packed to its new need before it is labelled or handed over: an excess to take out (a
 * correction of the packing rows), a shortfall to add. `lines` are the kit's lines that changed; the kit is
 * settled once each holds exactly its need. A line holding more than its need is never right, flagged or
 * not, and neither is a variant the kit does not need (a dapil changed under it).
 */
export interface KitCheckLine extends KitLineState {
  variantId: number
}

export function kitCheck(
  lines: readonly KitCheckLine[],
  flagged: ReadonlySet<number> | undefined,
  foreign: number,
): { excess: KitCheckLine[]; shortfall: KitCheckLine[]; foreign: number } | null {
  const excess = lines.filter((l) => l.packed > l.need)
  const shortfall = flagged ? lines.filter((l) => flagged.has(l.variantId) && l.packed < l.need) : []
  return excess.length || shortfall.length || foreign > 0 ? { excess, shortfall, foreign } : null
}

/**
 * The kotak of a TPS, numbered 1..n. Kotak k holds the ballots of the k-th ballot type (Pemilu: PPWP,
 * DPR, DPD, DPRD Provinsi, DPRD Kab/Kota; Pilkada: Gubernur, Bupati/Wali Kota); a satker with more kotak
 * than ballot types gets the extra ones without a type.
 */
export interface KotakSlot<V> {
  no: number
  of: number
  ballot: V | null
}

export function kotakSlots<V>(count: number, ballots: readonly V[]): KotakSlot<V>[] {
  return Array.from({ length: count }, (_, i) => ({ no: i + 1, of: count, ballot: ballots[i] ?? null }))
}
