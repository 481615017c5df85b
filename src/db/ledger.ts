import { hash } from 'node:crypto'
import { canonicalRow, GENESIS_HASH, type LedgerRowContent } from '../core/ledgerRow'
import {
  chainParts,
  chainSql,
  joinRange,
  valuesHash,
  walkInThreads,
  walkRange,
  type ChainBreak,
  type ChainState,
  type ChainThreadOptions,
} from './chainWalk'
import type { MoveInput } from '../core/moves'
import { floorCategorisedSql, placeKindSql, zoneFrom } from './ledgerCategories'
import type { ReadableDB, WritableDB } from './handles'
import type { OnProgress } from '../core/progress'

export function rowHash(r: LedgerRowContent): string {
  // One-shot hash: a third of createHash().update().digest() per row, which the chain walk does a million times.
  return hash('sha256', canonicalRow(r), 'hex')
}

export interface ChainHead {
  seq: number
  hash: string
}

export function chainHead(db: ReadableDB): ChainHead {
  const row = db.prepare('SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1').get() as ChainHead | undefined
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
  const insert = db.prepare(
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
  const row = db.prepare('SELECT qty FROM balance WHERE variant_id = ? AND place = ?').get(variantId, place) as
    { qty: number } | undefined
  return row?.qty ?? 0
}

export interface ChainCheck {
  rows: number
  head: string
  firstBadSeq: number | null
  problem: string | null
}

/** A ledger row as the table holds it (SELECT *). */
export interface LedgerDbRow {
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

/** What a stored row's hash covers, read back from its columns. */
export const contentOf = (r: LedgerDbRow): LedgerRowContent => ({
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
})

/** The sequence number of the last row, 0 for an empty ledger. */
export function lastSeq(db: ReadableDB): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM ledger').get() as { n: number }).n
}

/** One row as written, or undefined. */
export function ledgerRow(db: ReadableDB, seq: number): LedgerRowContent | undefined {
  const r = db.prepare('SELECT * FROM ledger WHERE seq = ?').get(seq) as LedgerDbRow | undefined
  return r && contentOf(r)
}

/** The row that reversed (BATAL) or re-stated (KOREKSI) a row, if one did. */
export function correctionOf(db: ReadableDB, seq: number, reason: 'BATAL' | 'KOREKSI'): number | undefined {
  const sql =
    reason === 'BATAL'
      ? `SELECT seq FROM ledger WHERE corrects_seq = ? AND reason = 'BATAL'`
      : `SELECT seq FROM ledger WHERE corrects_seq = ? AND reason = 'KOREKSI'`
  return (db.prepare(sql).get(seq) as { seq: number } | undefined)?.seq
}

export interface HistoryFilter {
  variantId?: number | undefined
  place?: string | undefined
  /** e.g. 'RUSAK:' or 'PROSES:12:' to follow every reason or every team of a shift. */
  placePrefix?: string | undefined
  shiftId?: number | undefined
  documentId?: string | undefined
}

export type HistoryEntry = LedgerRowContent & { worker: string | null; reversedBy: number | null }

/** Rows matching the filter, newest first, at most `limit`, each with its worker's name and its reversal. */
export function ledgerHistory(db: ReadableDB, f: HistoryFilter, limit: number): HistoryEntry[] {
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
  const rows = db
    .prepare(
      `SELECT l.*, w.nama AS worker,
              (SELECT c.seq FROM ledger c WHERE c.corrects_seq = l.seq AND c.reason = 'BATAL') AS reversedBy
       FROM ledger l LEFT JOIN pekerja w ON w.id = l.worker_id
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY l.seq DESC LIMIT ?`,
    )
    .all(...params, limit) as (LedgerDbRow & { worker: string | null; reversedBy: number | null })[]
  return rows.map((r) => ({ ...contentOf(r), worker: r.worker, reversedBy: r.reversedBy }))
}

/**
 * Every packing and handover place (DIKEMAS:<tps>, DIKIRIM:<kecamatan>) the ledger ever named, in one pass
 * (the places are not indexed; one query per place would read the whole ledger each time).
 */
export function packingPlacesEverUsed(db: ReadableDB): Set<string> {
  return new Set(
    db
      .prepare(
        `SELECT from_place FROM ledger WHERE from_place LIKE 'DIKEMAS:%' OR from_place LIKE 'DIKIRIM:%'
           UNION SELECT to_place FROM ledger WHERE to_place LIKE 'DIKEMAS:%' OR to_place LIKE 'DIKIRIM:%'`,
      )
      .pluck()
      .all() as string[],
  )
}

/** Every balance that is not zero, with its variant's names, in the order of the item list. */
export function nonZeroBalances(db: ReadableDB) {
  return db
    .prepare(
      `SELECT b.variant_id AS variantId, i.code AS itemCode, i.name AS itemName, d.name AS dapil, b.place, b.qty
       FROM balance b JOIN barang_varian v ON v.id = b.variant_id JOIN barang i ON i.id = v.item_id LEFT JOIN dapil d ON d.id = v.dapil_id
       WHERE b.qty <> 0 ORDER BY i.sort_order, d.name_key, b.place`,
    )
    .all() as {
    variantId: number
    itemCode: string
    itemName: string
    dapil: string | null
    place: string
    qty: number
  }[]
}

const REF_EXISTS = {
  tps: 'SELECT 1 FROM tps WHERE id = ?',
  kecamatan: 'SELECT 1 FROM kecamatan WHERE id = ?',
  shift: 'SELECT 1 FROM shift WHERE id = ?',
  regu: 'SELECT 1 FROM regu WHERE id = ?',
}

/** Whether what a place refers to exists: the TPS of DIKEMAS, the kecamatan of DIKIRIM, the shift and regu of PROSES. */
export function placeRefExists(db: ReadableDB, ref: keyof typeof REF_EXISTS, id: number): boolean {
  return db.prepare(REF_EXISTS[ref]).get(id) !== undefined
}

/** Rows between progress reports: often enough for a smooth bar, rare enough to cost nothing. */
const PROGRESS_EVERY = 25_000

/** The break, said in Indonesian as the coordinator reads it. */
function problemOf(b: ChainBreak): string {
  switch (b.kind) {
    case 'hilang':
      // Names the row that is missing, not the intact one found after the gap.
      return `Baris ${b.seq} hilang dari buku besar (berikutnya ditemukan baris ${b.found}): ada baris yang dihapus`
    case 'sambung':
      return `Baris ${b.seq} tidak tersambung ke baris sebelumnya: ada baris yang dihapus, disisipkan atau diubah`
    case 'isi':
      return `Isi baris ${b.seq} tidak sesuai dengan hash-nya: baris ini telah diubah di luar aplikasi`
  }
}

/**
 * Walks the chain in order and names the first row that does not match what was written. From a later
 * row (the quick check at start), the row before it is trusted as the starting link.
 *
 * The rows checked are those up to the last one when the walk starts (or `toSeq`): rows appended
 * meanwhile are not part of it. A long chain on a file is walked in ranges by several threads at once
 * (db/chainWalk.ts), with the same answer; `threads: 1` walks it here alone.
 */
export function verifyChain(
  db: ReadableDB,
  opts: { fromSeq?: number; toSeq?: number; onProgress?: OnProgress } & ChainThreadOptions = {},
): ChainCheck {
  const from = Math.max(1, opts.fromSeq ?? 1)
  // The upper bound is fixed before any range is read: every thread reads its own snapshot, and a row
  // appended during the walk must not show as a break.
  const to = Math.min(opts.toSeq ?? Number.MAX_SAFE_INTEGER, lastSeq(db))
  const onProgress = opts.onProgress
  const total = to - from + 1
  // A file at schema 1 has no worker_id column: its rows are v1 rows, without a worker.
  const sql = chainSql(hasColumn(db, 'ledger', 'worker_id') ? 'worker_id' : 'NULL')
  // Rows as arrays in the order canonicalValues encodes them, then the row's own hash: no object per row.
  const statement = db.prepare(sql).raw(true)
  const walkHere = (a: number, b: number, tick: ((rows: number) => void) | null) =>
    walkRange(statement.iterate(a, b) as IterableIterator<unknown[]>, a, null, valuesHash, PROGRESS_EVERY, tick)
  const head =
    from === 1
      ? GENESIS_HASH
      : ((db.prepare('SELECT hash FROM ledger WHERE seq = ?').get(from - 1) as { hash: string } | undefined)?.hash ??
        GENESIS_HASH)
  const state: ChainState = { rows: 0, head, next: from }
  const progress = onProgress && ((done: number) => onProgress({ done, total, unit: 'baris' }))
  // Other threads see only what is committed: a connection inside a transaction walks alone.
  const parts = db.memory || !db.name || db.inTransaction ? 1 : chainParts(total, opts)
  const broken =
    parts > 1
      ? walkInThreads({ file: db.name, sql, walkHere }, state, from, to, parts, progress ?? null)
      : joinRange(state, walkHere(from, to, progress ?? null))
  return { rows: state.rows, head: state.head, firstBadSeq: broken?.seq ?? null, problem: broken && problemOf(broken) }
}

function hasColumn(db: ReadableDB, table: string, column: string): boolean {
  return db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, column) !== undefined
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
  // A file from before the settings table dated rows by the writer's zone; nothing better is known of it.
  // One verified read-only without migrating may predate 0015, which renamed `setting` to `pengaturan`.
  const settings = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('pengaturan', 'setting')`)
    .pluck()
    .get() as string | undefined
  const zone = settings ? zoneFrom(settings) : `'localtime'`
  const floor = db
    .prepare(
      `SELECT 1 FROM (
         SELECT ${FLOOR_KEY}, qty, 1 AS fresh, 0 AS stored FROM (${floorCategorisedSql('ledger l', '1', zone)}) WHERE category IS NOT NULL
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
         SELECT variant_id, ${placeKindSql('from_place')} AS from_kind, ${placeKindSql('to_place')} AS to_kind, coalesce(reason, '') AS reason, qty, 1 AS fresh, 0 AS stored FROM ledger
         UNION ALL
         SELECT variant_id, from_kind, to_kind, reason, -qty, 0, 1 FROM place_flow)
       GROUP BY variant_id, from_kind, to_kind, reason
       HAVING sum(qty) <> 0 OR max(fresh) <> max(stored)
       LIMIT 1`,
    )
    .get()
  return floor === undefined && place === undefined
}
