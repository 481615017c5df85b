import { AppError, refused } from '../core/errors'
import { MOVE_REASON } from '../core/shifts'
import type { LedgerRowContent } from '../core/ledgerRow'
import { validateMoves, type MoveInput } from '../core/moves'
import { correctionOf, ledgerHistory, ledgerRow, type HistoryFilter } from '../db/ledger'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'
import { moveContext, recordMoves } from './ledger'
import { placeNamer } from './placeNames'
import { requireOpenShift } from './shift'
import { getVariant } from './variants'

/**
 * Corrections never edit: "koreksi" writes a row that reverses the wrong one (BATAL) and, unless the
 * right value is zero, a row with the right value (KOREKSI), both pointing at the corrected row and
 * carrying its references (shift, document, worker), so every sum built on those references stays true.
 */
function requireRow(ctx: ReadContext, seq: number): LedgerRowContent {
  const r = ledgerRow(ctx.db, seq)
  if (!r)
    throw new AppError('NOT_FOUND', `Baris buku besar ${seq} tidak ditemukan`, [
      { column: 'seq', message: 'Tidak ditemukan' },
    ])
  return r
}

export interface CorrectionInput {
  seq: number
  /** The right quantity; 0 cancels the row. */
  qty: number
  note: string
}

export function koreksi(ctx: ServiceContext, who: Actor, input: CorrectionInput) {
  const row = requireRow(ctx, input.seq)
  if (row.reason === MOVE_REASON.BATAL)
    throw refused(`Baris ${row.seq} adalah pembatalan hasil koreksi dan tidak dapat dikoreksi lagi`)
  const later = correctionOf(ctx.db, row.seq, 'BATAL')
  if (later !== undefined) {
    const replacement = correctionOf(ctx.db, row.seq, 'KOREKSI')
    throw refused(
      `Baris ${row.seq} sudah dikoreksi pada baris ${later}${replacement !== undefined ? `; koreksi baris ${replacement} yang berisi angka terbaru` : ' (dibatalkan)'}`,
      [{ column: 'seq', message: 'Sudah dikoreksi' }],
    )
  }
  if (input.qty === row.qty)
    throw refused(`Jumlah baru sama dengan jumlah tercatat (${row.qty}); tidak ada yang dikoreksi`, [
      { column: 'qty', message: 'Tidak berubah' },
    ])
  if (input.note.trim().length < 5)
    throw refused('Tulis alasan koreksi', [{ column: 'note', message: 'Alasan wajib diisi' }])
  if (row.shiftId !== null) requireOpenShift(ctx, row.shiftId, 'seq')
  const refs = {
    variantId: row.variantId,
    shiftId: row.shiftId,
    documentId: row.documentId,
    workerId: row.workerId,
    correctsSeq: row.seq,
  }
  const note = input.note.trim()
  const batal: MoveInput = {
    ...refs,
    from: row.to,
    to: row.from,
    qty: row.qty,
    reason: MOVE_REASON.BATAL,
    note,
  }
  const corrections: MoveInput[] =
    input.qty > 0
      ? [
          {
            ...refs,
            from: row.from,
            to: row.to,
            qty: input.qty,
            reason: MOVE_REASON.KOREKSI,
            note: row.note ? `${row.note} · ${note}` : note,
          },
        ]
      : []
  // Both rows are written, but only their net effect has to fit the stock: lowering a delivery after
  // part of it went to the floor must work. Reversal first unless the place it empties has been drawn
  // from; then the right value first. Every place stays at or above zero after each row either way.
  const orders = [
    [batal, ...corrections],
    [...corrections, batal],
  ]
  const ctxMoves = moveContext(ctx)
  const order = orders.find((o) => validateMoves(o, ctxMoves).length === 0)
  if (!order) {
    const issues = validateMoves(orders[0]!, ctxMoves)
    throw refused(
      'Koreksi ditolak: stok di tempat tujuan baris ini sudah dipakai dan tidak cukup untuk dikoreksi; tidak ada yang dicatat',
      issues,
    )
  }
  return writeTx(ctx, who, 'ledger.koreksi', () => {
    const written = recordMoves(ctx, who, order)
    return {
      result: { seqs: written.map((w) => w.seq).sort((a, b) => a - b) },
      detail: { seq: row.seq, from: row.qty, to: input.qty, note },
    }
  })
}

/** The rows behind a number: every move into or out of a place, newest first, with what corrected what. */
export function lihatRiwayat(ctx: ReadContext, f: HistoryFilter & { limit: number }) {
  const rows = ledgerHistory(ctx.db, f, f.limit + 1)
  const placeName = placeNamer(ctx)
  const labels = new Map<number, string>()
  const label = (v: number) => labels.get(v) ?? (labels.set(v, getVariant(ctx, v).label), labels.get(v)!)
  return {
    truncated: rows.length > f.limit,
    rows: rows.slice(0, f.limit).map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      variantId: r.variantId,
      variant: label(r.variantId),
      from: r.from,
      to: r.to,
      fromLabel: placeName(r.from),
      toLabel: placeName(r.to),
      qty: r.qty,
      note: r.note,
      shiftId: r.shiftId,
      documentId: r.documentId,
      reason: r.reason,
      correctsSeq: r.correctsSeq,
      reversedBy: r.reversedBy,
      worker: r.worker,
    })),
  }
}
