import { AppError, refused } from '../core/errors'
import { MOVE_REASON } from '../core/shifts'
import { writeTx, type Actor, type ServiceContext } from './context'
import { validateMoves, type MoveInput } from '../core/moves'
import { moveContext, recordMoves } from './ledger'
import { placeNamer } from './placeNames'
import { requireOpenShift } from './shift'
import { getVariant } from './variants'

/**
 * Corrections never edit: "koreksi" writes a row that reverses the wrong one (BATAL) and, unless the
 * right value is zero, a row with the right value (KOREKSI), both pointing at the corrected row and
 * carrying its references (shift, document, worker), so every sum built on those references stays true.
 */
interface LedgerRow {
  seq: number
  at: string
  actor: string
  variant_id: number
  from_place: string
  to_place: string
  qty: number
  note: string | null
  shift_id: number | null
  document_id: string | null
  reason: string | null
  corrects_seq: number | null
  worker_id: number | null
}

function requireRow(ctx: ServiceContext, seq: number): LedgerRow {
  const r = ctx.db.prepare('SELECT * FROM ledger WHERE seq = ?').get(seq) as LedgerRow | undefined
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
  const later = ctx.db.prepare(`SELECT seq FROM ledger WHERE corrects_seq = ? AND reason = 'BATAL'`).get(row.seq) as
    { seq: number } | undefined
  if (later) {
    const replacement = ctx.db
      .prepare(`SELECT seq FROM ledger WHERE corrects_seq = ? AND reason = 'KOREKSI'`)
      .get(row.seq) as { seq: number } | undefined
    throw refused(
      `Baris ${row.seq} sudah dikoreksi pada baris ${later.seq}${replacement ? `; koreksi baris ${replacement.seq} yang berisi angka terbaru` : ' (dibatalkan)'}`,
      [{ column: 'seq', message: 'Sudah dikoreksi' }],
    )
  }
  if (input.qty === row.qty)
    throw refused(`Jumlah baru sama dengan jumlah tercatat (${row.qty}); tidak ada yang dikoreksi`, [
      { column: 'qty', message: 'Tidak berubah' },
    ])
  if (input.note.trim().length < 5)
    throw refused('Tulis alasan koreksi', [{ column: 'note', message: 'Alasan wajib diisi' }])
  if (row.shift_id !== null) requireOpenShift(ctx, row.shift_id, 'seq')
  const refs = {
    variantId: row.variant_id,
    shiftId: row.shift_id,
    documentId: row.document_id,
    workerId: row.worker_id,
    correctsSeq: row.seq,
  }
  const note = input.note.trim()
  const batal: MoveInput = {
    ...refs,
    from: row.to_place,
    to: row.from_place,
    qty: row.qty,
    reason: MOVE_REASON.BATAL,
    note,
  }
  const corrections: MoveInput[] =
    input.qty > 0
      ? [
          {
            ...refs,
            from: row.from_place,
            to: row.to_place,
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

export interface HistoryFilter {
  variantId?: number | undefined
  place?: string | undefined
  /** e.g. 'RUSAK:' or 'PROSES:12:' to follow every reason or every team of a shift. */
  placePrefix?: string | undefined
  shiftId?: number | undefined
  documentId?: string | undefined
  limit: number
}

/** The rows behind a number: every move into or out of a place, newest first, with what corrected what. */
export function lihatRiwayat(ctx: ServiceContext, f: HistoryFilter) {
  const where: string[] = []
  const params: (string | number)[] = []
  if (f.variantId !== undefined) {
    where.push('l.variant_id = ?')
    params.push(f.variantId)
  }
  if (f.place !== undefined) {
    where.push('(l.from_place = ? OR l.to_place = ?)')
    params.push(f.place, f.place)
  }
  if (f.placePrefix !== undefined) {
    const like = f.placePrefix.replace(/[%_\\]/g, (c) => '\\' + c) + '%'
    where.push(`(l.from_place LIKE ? ESCAPE '\\' OR l.to_place LIKE ? ESCAPE '\\')`)
    params.push(like, like)
  }
  if (f.shiftId !== undefined) {
    where.push('l.shift_id = ?')
    params.push(f.shiftId)
  }
  if (f.documentId !== undefined) {
    where.push('l.document_id = ?')
    params.push(f.documentId)
  }
  const rows = ctx.db
    .prepare(
      `SELECT l.*, w.nama AS worker,
              (SELECT c.seq FROM ledger c WHERE c.corrects_seq = l.seq AND c.reason = 'BATAL') AS reversedBy
       FROM ledger l LEFT JOIN worker w ON w.id = l.worker_id
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY l.seq DESC LIMIT ?`,
    )
    .all(...params, f.limit + 1) as (LedgerRow & { worker: string | null; reversedBy: number | null })[]
  const placeName = placeNamer(ctx)
  const labels = new Map<number, string>()
  const label = (v: number) => labels.get(v) ?? (labels.set(v, getVariant(ctx, v).label), labels.get(v)!)
  return {
    truncated: rows.length > f.limit,
    rows: rows.slice(0, f.limit).map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      variantId: r.variant_id,
      variant: label(r.variant_id),
      from: r.from_place,
      to: r.to_place,
      fromLabel: placeName(r.from_place),
      toLabel: placeName(r.to_place),
      qty: r.qty,
      note: r.note,
      shiftId: r.shift_id,
      documentId: r.document_id,
      reason: r.reason,
      correctsSeq: r.corrects_seq,
      reversedBy: r.reversedBy,
      worker: r.worker,
    })),
  }
}
