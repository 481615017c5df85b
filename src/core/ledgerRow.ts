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
  return canonicalValues([
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
  ])
}

/**
 * canonicalRow of a row given as its values in the order the encoding takes them: seq, at, actor,
 * variantId, from, to, qty, note, shiftId, documentId, reason, correctsSeq, prevHash, workerId. The
 * chain walk reads a million rows as such arrays (src/db/chainWalk.ts): no object per row.
 *
 * The chain's threads run this function from its source text (chainWalk.ts WORKER_SOURCE), so it names
 * nothing outside itself: the version tags are written in it, not in constants.
 */
export function canonicalValues(v: readonly unknown[]): string {
  // Written out: a spread or a slice would be a second array per row. Version 1 ends before the worker.
  return JSON.stringify(
    v[13] === null
      ? ['gudang-pemilu/ledger/v1', v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]]
      : [
          'gudang-pemilu/ledger/v2',
          v[0],
          v[1],
          v[2],
          v[3],
          v[4],
          v[5],
          v[6],
          v[7],
          v[8],
          v[9],
          v[10],
          v[11],
          v[12],
          v[13],
        ],
  )
}
