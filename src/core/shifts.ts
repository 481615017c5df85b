/**
 * Shift kinds of the warehouse floor and the places their work moves through:
 * DITERIMA -> PROSES:<shift>:<team> -> BAIK (sorted and folded) or SIAP (assembled), or RUSAK:<reason>;
 * unfinished work goes back PROSES -> DITERIMA.
 */
import type { ItemKind } from './presets'
/** Shift kinds in the order they are offered. */
export const SHIFT_KIND_CODES = ['sortir_lipat', 'rakit_kotak', 'rakit_bilik', 'packing'] as const
export type ShiftKind = (typeof SHIFT_KIND_CODES)[number]

export const SHIFT_KINDS: Record<
  ShiftKind,
  { label: string; unit: string; output: 'BAIK' | 'SIAP' | 'DIKEMAS'; outputLabel: string; work: string }
> = {
  sortir_lipat: {
    label: 'Sortir dan lipat surat suara',
    unit: 'lembar',
    output: 'BAIK',
    outputLabel: 'Baik',
    work: 'Memeriksa setiap lembar, melipat, memisahkan yang rusak',
  },
  rakit_kotak: {
    label: 'Rakit kotak suara',
    unit: 'buah',
    output: 'SIAP',
    outputLabel: 'Siap (terakit)',
    work: 'Merakit kotak suara dari lembaran dupleks',
  },
  rakit_bilik: {
    label: 'Rakit bilik suara',
    unit: 'buah',
    output: 'SIAP',
    outputLabel: 'Siap (terakit)',
    work: 'Merakit bilik suara',
  },
  // Setting and packing: kits are packed per TPS (BAIK/SIAP/DITERIMA -> DIKEMAS:<tps>), not tallied per team.
  packing: {
    label: 'Setting dan pengemasan per TPS',
    unit: 'kit',
    output: 'DIKEMAS',
    outputLabel: 'Dikemas',
    work: 'Mengemas kit setiap TPS di halaman Pengemasan',
  },
}

export interface ShiftItem {
  code: string
  kind: ItemKind
  assembled: boolean
}

/** Why an item cannot be worked on in a shift of this kind, or null when it can. */
export function itemRefusalForShift(kind: ShiftKind, item: ShiftItem, itemName: string): string | null {
  if (kind === 'packing') return null
  if (kind === 'sortir_lipat')
    return item.kind === 'ballot' ? null : `${itemName} bukan surat suara; shift sortir-lipat hanya untuk surat suara`
  if (!item.assembled) return `${itemName} tidak dirakit; shift rakit hanya untuk kotak dan bilik suara`
  if (kind === 'rakit_bilik')
    return item.code === 'BILIK' ? null : `${itemName} bukan bilik suara; pilih shift rakit kotak`
  return item.code === 'BILIK' ? 'Bilik suara dirakit dalam shift rakit bilik' : null
}

/**
 * Whether a shift of this kind chooses this item to work on. A packing shift chooses none: each kit decides
 * what goes in, so the service accepts any item there and the form offers none.
 */
export const itemChosenForShift = (kind: ShiftKind, item: ShiftItem): boolean =>
  kind !== 'packing' && itemRefusalForShift(kind, item, '') === null

export const prosesPlace = (shiftId: number, teamId: number): string => `PROSES:${shiftId}:${teamId}`

/** 'YYYY-MM-DD' that is a real calendar date. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const dt = new Date(Date.UTC(y, mo - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d
}

/** 'HH:MM', 00:00–23:59. */
export const isClockTime = (s: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(s)

/**
 * A time as typed on the floor, written the way isClockTime reads it: "8" -> "08:00", "0800" and "8.00" ->
 * "08:00". Anything else is returned as typed, for the service to refuse with its message.
 */
export function normalizeClock(typed: string): string {
  const t = typed.trim().replace('.', ':')
  let m = /^(\d{1,2})$/.exec(t)
  if (m) return `${m[1]!.padStart(2, '0')}:00`
  m = /^(\d{1,2}):?(\d{2})$/.exec(t)
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : typed
}

/** Why a ledger row was written, beyond where it moved: the typed reason codes of the floor. */
export const MOVE_REASON = {
  /** Reverses the row named by corrects_seq (koreksi). */
  BATAL: 'BATAL',
  /** The corrected value replacing the row named by corrects_seq. */
  KOREKSI: 'KOREKSI',
  /** Unfinished work handed back from a team to the unsorted stock. */
  KEMBALI: 'KEMBALI',
  /** A damaged sheet judged usable after all (RUSAK -> BAIK); stays visible as such. */
  REKLASIFIKASI: 'REKLASIFIKASI',
} as const

/** The reasons in words, as the ledger history shows them. */
export const MOVE_REASON_LABEL: Record<keyof typeof MOVE_REASON, string> = {
  BATAL: 'Pembatalan (koreksi)',
  KOREKSI: 'Angka koreksi',
  KEMBALI: 'Dikembalikan belum selesai',
  REKLASIFIKASI: 'Reklasifikasi rusak → layak',
}

export type FloorCategory = 'serah' | 'hasil' | 'rusak' | 'kembali' | 'reklasifikasi'

/**
 * What a move means on the floor, read from its places: a hand-out to a team, a team's good result,
 * a damaged result, unfinished work returned, or a damaged sheet re-classified as usable. A reversal
 * (BATAL) is categorised by the row it reverses and counted negative by the caller.
 */
export function floorCategory(from: string, to: string): { category: FloorCategory; reason: string | null } | null {
  if (from === 'DITERIMA' && to.startsWith('PROSES:')) return { category: 'serah', reason: null }
  if (from.startsWith('PROSES:')) {
    if (to === 'BAIK' || to === 'SIAP') return { category: 'hasil', reason: null }
    if (to.startsWith('RUSAK:')) return { category: 'rusak', reason: to.slice('RUSAK:'.length) }
    if (to === 'DITERIMA') return { category: 'kembali', reason: null }
  }
  if (from.startsWith('RUSAK:') && (to === 'BAIK' || to === 'SIAP'))
    return { category: 'reklasifikasi', reason: from.slice('RUSAK:'.length) }
  return null
}

/** The team id inside a PROSES:<shift>:<team> place. */
export function teamOfPlace(place: string): number | null {
  const m = /^PROSES:\d+:(\d+)$/.exec(place)
  return m ? Number(m[1]) : null
}
