import { hash } from 'node:crypto'
import { canonicalRow, GENESIS_HASH, type LedgerRowContent } from '../core/ledgerRow'
import type { MoveInput } from '../core/moves'
import { KIND, categorised } from './migrations/0003_aggregates'
import type { ReadableDB, WritableDB } from './handles'
import type { Statement } from 'better-sqlite3'
import type { OnProgress } from '../core/progress'

/**
 * Statements of the hot paths (every tally save appends rows and reads balances), prepared once per
 * connection: preparing costs more than running them.
 */
const prepared = new WeakMap<ReadableDB, Map<string, Statement>>()
function statement(db: ReadableDB, sql: string): Statement {
  let m = prepared.get(db)
  if (!m) prepared.set(db, (m = new Map()))
  let s = m.get(sql)
  if (!s) m.set(sql, (s = db.prepare(sql)))
  return s
}

export function rowHash(r: LedgerRowContent): string {
  // One-shot hash: a third of createHash().update().digest() per row, which the chain walk does a million times.
  return hash('sha256', canonicalRow(r), 'hex')
}

export interface ChainHead {
  seq: number
  hash: string
}

export function chainHead(db: ReadableDB): ChainHead {
  const row = statement(db, 'SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1').get() as ChainHead | undefined
  return row ?? { seq: 0, hash: GENESIS_HASH }
}

/**
 * Appends moves as ledger rows, each chained to the one before. Must run inside the caller's
 * transaction, after the moves were validated against balances in that same transaction.
 */
export function appendMoves(
  db: WritableDB,
  moves: readonly MoveInput[],
  meta: { actor: string; at: string },
): LedgerRowContent[] {
  const insert = statement(
    db,
    `INSERT INTO ledger
    (seq, at, actor, variant_id, from_place, to_place, qty, note, shift_id, document_id, reason, corrects_seq, worker_id, prev_hash, hash)
    VALUES (@seq, @at, @actor, @variantId, @from, @to, @qty, @note, @shiftId, @documentId, @reason, @correctsSeq, @workerId, @prevHash, @hash)`,
  )
  let head = chainHead(db)
  const written: LedgerRowContent[] = []
  for (const m of moves) {
    const row: LedgerRowContent = {
      seq: head.seq + 1,
      at: meta.at,
      actor: meta.actor,
      variantId: m.variantId,
      from: m.from,
      to: m.to,
      qty: m.qty,
      note: m.note ?? null,
      shiftId: m.shiftId ?? null,
      documentId: m.documentId ?? null,
      reason: m.reason ?? null,
      correctsSeq: m.correctsSeq ?? null,
      workerId: m.workerId ?? null,
      prevHash: head.hash,
    }
    const hash = rowHash(row)
    insert.run({ ...row, hash })
    head = { seq: row.seq, hash }
    written.push(row)
  }
  return written
}

export function balanceOf(db: ReadableDB, variantId: number, place: string): number {
  const row = statement(db, 'SELECT qty FROM balance WHERE variant_id = ? AND place = ?').get(variantId, place) as
    { qty: number } | undefined
  return row?.qty ?? 0
}

export interface ChainCheck {
  rows: number
  head: string
  firstBadSeq: number | null
  problem: string | null
}

interface StoredRow {
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
  prev_hash: string
  hash: string
}

/** Rows between progress reports: often enough for a smooth bar, rare enough to cost nothing. */
const PROGRESS_EVERY = 25_000

/**
 * Walks the chain in order and names the first row that does not match what was written. From a later
 * row (the quick check at start), the row before it is trusted as the starting link.
 */
export function verifyChain(
  db: ReadableDB,
  opts: { fromSeq?: number; toSeq?: number; onProgress?: OnProgress } = {},
): ChainCheck {
  const from = Math.max(1, opts.fromSeq ?? 1)
  const to = opts.toSeq ?? Number.MAX_SAFE_INTEGER
  const onProgress = opts.onProgress
  const total = onProgress
    ? Math.min(to, (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM ledger').get() as { n: number }).n) - from + 1
    : 0
  const rows = db
    .prepare('SELECT * FROM ledger WHERE seq >= ? AND seq <= ? ORDER BY seq')
    .iterate(from, to) as IterableIterator<StoredRow>
  let prev =
    from === 1
      ? GENESIS_HASH
      : ((db.prepare('SELECT hash FROM ledger WHERE seq = ?').get(from - 1) as { hash: string } | undefined)?.hash ??
        GENESIS_HASH)
  let expectedSeq = from
  let count = 0
  for (const r of rows) {
    count++
    const bad = (problem: string, seq = r.seq): ChainCheck => ({ rows: count, head: prev, firstBadSeq: seq, problem })
    if (r.seq !== expectedSeq) {
      // Name the row that is missing, not the intact one found after the gap.
      return bad(
        `Baris ${expectedSeq} hilang dari buku besar (berikutnya ditemukan baris ${r.seq}): ada baris yang dihapus`,
        expectedSeq,
      )
    }
    if (r.prev_hash !== prev) {
      return bad(`Baris ${r.seq} tidak tersambung ke baris sebelumnya: ada baris yang dihapus, disisipkan atau diubah`)
    }
    const content: LedgerRowContent = {
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      variantId: r.variant_id,
      from: r.from_place,
      to: r.to_place,
      qty: r.qty,
      note: r.note,
      shiftId: r.shift_id,
      documentId: r.document_id,
      reason: r.reason,
      correctsSeq: r.corrects_seq,
      // A file at schema 1 has no worker_id column: its rows are v1 rows, without a worker.
      workerId: r.worker_id ?? null,
      prevHash: r.prev_hash,
    }
    if (rowHash(content) !== r.hash) {
      return bad(`Isi baris ${r.seq} tidak sesuai dengan hash-nya: baris ini telah diubah di luar aplikasi`)
    }
    prev = r.hash
    expectedSeq++
    if (onProgress && count % PROGRESS_EVERY === 0) onProgress({ done: count, total, unit: 'baris' })
  }
  return { rows: count, head: prev, firstBadSeq: null, problem: null }
}

/** Compares the maintained balance table with sums recomputed from the ledger. */
export function balancesMatchLedger(db: ReadableDB): boolean {
  const mismatch = db
    .prepare(
      `WITH sums AS (
         SELECT variant_id, place, sum(q) AS qty FROM (
           SELECT variant_id, to_place AS place, qty AS q FROM ledger
           UNION ALL SELECT variant_id, from_place, -qty FROM ledger)
         GROUP BY variant_id, place)
       SELECT 1 FROM sums s LEFT JOIN balance b USING (variant_id, place) WHERE b.qty IS NOT s.qty
       UNION ALL
       SELECT 1 FROM balance b LEFT JOIN sums s USING (variant_id, place) WHERE s.qty IS NULL AND b.qty <> 0
       LIMIT 1`,
    )
    .get()
  return mismatch === undefined
}

/**
 * Compares the floor_flow and place_flow aggregates with sums recomputed from the ledger rows: an
 * aggregate edited behind the app's back (or a trigger that went wrong) shows here.
 */
export function aggregatesMatchLedger(db: ReadableDB): boolean {
  // One pass each: the fresh sums and the stored ones (negated) grouped by key must cancel. A join of
  // the recomputed rows against the table took minutes at a million rows; a group-by is one sort.
  // A key the ledger has but the table lacks is a mismatch even when its sum is zero (a deleted row);
  // a stored floor zero the ledger no longer has is not (place_flow keeps no such rows).
  const FLOOR_KEY = 'tanggal, shift_id, team_id, worker_id, variant_id, category, reason'
  const floor = db
    .prepare(
      `SELECT 1 FROM (
         SELECT ${FLOOR_KEY}, qty, 1 AS fresh, 0 AS stored FROM (${categorised('ledger l', '1')}) WHERE category IS NOT NULL
         UNION ALL
         SELECT ${FLOOR_KEY}, -qty, 0, 1 FROM floor_flow)
       GROUP BY ${FLOOR_KEY}
       HAVING sum(qty) <> 0 OR (max(fresh) = 1 AND max(stored) = 0)
       LIMIT 1`,
    )
    .get()
  const place = db
    .prepare(
      `SELECT 1 FROM (
         SELECT variant_id, ${KIND('from_place')} AS from_kind, ${KIND('to_place')} AS to_kind, coalesce(reason, '') AS reason, qty, 1 AS fresh, 0 AS stored FROM ledger
         UNION ALL
         SELECT variant_id, from_kind, to_kind, reason, -qty, 0, 1 FROM place_flow)
       GROUP BY variant_id, from_kind, to_kind, reason
       HAVING sum(qty) <> 0 OR max(fresh) <> max(stored)
       LIMIT 1`,
    )
    .get()
  return floor === undefined && place === undefined
}
