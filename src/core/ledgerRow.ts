/** The fields of a ledger row that its hash covers, in a fixed order. */
export interface LedgerRowContent {
  seq: number
  at: string
  actor: string
  variantId: number
  from: string
  to: string
  qty: number
  note: string | null
  shiftId: number | null
  documentId: string | null
  reason: string | null
  correctsSeq: number | null
  /** The worker a result is attributed to, when a team tallies per worker (schema 2 onwards). */
  workerId: number | null
  prevHash: string
}

export const GENESIS_HASH = '0'.repeat(64)

/**
 * A canonical encoding: a JSON array in a fixed field order, so the same row always hashes the same,
 * whatever the column order of the table or the key order of an object. A row without a worker is
 * encoded exactly as version 1 was, so rows written before worker attribution existed still verify;
 * a row with a worker is version 2, whose tag keeps the two encodings from ever colliding.
 */
export function canonicalRow(r: LedgerRowContent): string {
  // One array, written out (the chain walk encodes a million rows, and a spread of a second array doubles the
  // garbage); version 1 simply ends before the worker, and pop() shortens the array in place.
  const fields = [
    r.workerId === null ? 'gudang-pemilu/ledger/v1' : 'gudang-pemilu/ledger/v2',
    r.seq,
    r.at,
    r.actor,
    r.variantId,
    r.from,
    r.to,
    r.qty,
    r.note,
    r.shiftId,
    r.documentId,
    r.reason,
    r.correctsSeq,
    r.prevHash,
    r.workerId,
  ]
  if (r.workerId === null) fields.pop()
  return JSON.stringify(fields)
}
