import type { Issue } from './errors'
import { formatAngka } from './terbilang'
import { mayGoNegative, parsePlace, placeLabel, type Place } from './places'

export const MAX_MOVE_QTY = 1_000_000_000

export interface MoveInput {
  variantId: number
  from: string
  to: string
  qty: number
  note?: string | null
  shiftId?: number | null
  documentId?: string | null
  reason?: string | null
  /** The ledger row this move reverses or corrects. */
  correctsSeq?: number | null
  /** The worker a result is attributed to (per-worker tallies). */
  workerId?: number | null
}

/** What the validator needs to know about the world; the db layer answers from SQLite. */
export interface MoveContext {
  variantLabel(variantId: number): string | null
  /** Whether the ids inside a place (TPS, kecamatan, shift, reason) exist. */
  placeRefsExist(place: Place): boolean
  balance(variantId: number, place: string): number
}

/**
 * Checks a batch of moves as one unit, in order, as if each were applied: a batch may pass sheets
 * through a place (DITERIMA -> PROSES -> BAIK) but no place except the outside world may dip below zero
 * at any step. Returns every problem found; an empty list means the batch may be written.
 */
export function validateMoves(moves: readonly MoveInput[], ctx: MoveContext): Issue[] {
  const issues: Issue[] = []
  const delta = new Map<string, number>()
  const key = (v: number, p: string) => `${v}\u0000${p}`
  const current = (v: number, p: string) => ctx.balance(v, p) + (delta.get(key(v, p)) ?? 0)

  if (moves.length === 0) return [{ message: 'Tidak ada perpindahan yang dicatat' }]

  moves.forEach((m, i) => {
    const row = i + 1
    const before = issues.length
    if (!Number.isSafeInteger(m.qty) || m.qty <= 0) {
      issues.push({ row, column: 'qty', message: `Jumlah harus bilangan bulat positif (tertulis ${String(m.qty)})` })
    } else if (m.qty > MAX_MOVE_QTY) {
      issues.push({ row, column: 'qty', message: `Jumlah ${formatAngka(m.qty)} melebihi batas satu perpindahan` })
    }
    const label = Number.isSafeInteger(m.variantId) ? ctx.variantLabel(m.variantId) : null
    if (label === null)
      issues.push({ row, column: 'variantId', message: `Barang dengan id ${String(m.variantId)} tidak dikenal` })
    const from = parsePlace(m.from)
    const to = parsePlace(m.to)
    if (!from) issues.push({ row, column: 'from', message: `Tempat asal "${m.from}" tidak dikenal` })
    else if (!ctx.placeRefsExist(from))
      issues.push({ row, column: 'from', message: `Tempat asal "${m.from}" merujuk data yang tidak ada` })
    if (!to) issues.push({ row, column: 'to', message: `Tempat tujuan "${m.to}" tidak dikenal` })
    else if (!ctx.placeRefsExist(to))
      issues.push({ row, column: 'to', message: `Tempat tujuan "${m.to}" merujuk data yang tidak ada` })
    if (m.from === m.to) issues.push({ row, column: 'to', message: 'Tempat asal dan tujuan sama' })
    if (issues.length > before || label === null) return

    const available = current(m.variantId, m.from)
    if (!mayGoNegative(m.from) && available < m.qty) {
      issues.push({
        row,
        column: 'qty',
        message: `${label}: ${placeLabel(m.from)} hanya berisi ${formatAngka(available)}, tidak cukup untuk memindahkan ${formatAngka(m.qty)}`,
      })
      return
    }
    delta.set(key(m.variantId, m.from), (delta.get(key(m.variantId, m.from)) ?? 0) - m.qty)
    delta.set(key(m.variantId, m.to), (delta.get(key(m.variantId, m.to)) ?? 0) + m.qty)
  })
  return issues
}
