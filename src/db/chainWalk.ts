import { hash } from 'node:crypto'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import { canonicalValues } from '../core/ledgerRow'

/**
 * The ledger's hash chain walked in ranges of seq. A row's hash covers its own fields and its stored
 * prev_hash, so a range checks by itself — each row's hash against its stored one, each row's prev_hash
 * against the hash of the row before it — and only the first link of each range waits for the range
 * before. A million rows take about 2.8 s on one thread of this 2-core machine (reading the rows is half
 * of it, the encoding and SHA-256 the rest), so a long chain is split into ranges walked at once: the
 * calling thread walks the first, worker threads the others, each on its own read-only connection to the
 * same file. The answer is the one a single walk in seq order gives (db/ledger.ts verifyChain): the
 * ranges are joined in order, and the first break found in that order is the one named.
 */

/** What broke, at which row: a row missing (named by the row found after the gap), a link, a row's content. */
export type ChainBreak =
  { kind: 'hilang'; seq: number; found: number } | { kind: 'sambung'; seq: number } | { kind: 'isi'; seq: number }

/** One range walked. */
export interface RangeWalk {
  /** Rows read, the broken one included. */
  rows: number
  /** The first row read, and its stored prev_hash: the link the range before must meet. */
  firstSeq: number | null
  firstPrev: string | null
  /** The stored hash of the last row that checked out; null when none did (what came before stands). */
  head: string | null
  /** The seq the row after the last one that checked out must have. */
  next: number
  broken: ChainBreak | null
}

/**
 * Walks rows read as arrays in canonicalValues' order with the stored hash last (CHAIN_COLUMNS), from
 * `expected`, and stops at the first break. `prev` is the hash the first row must link to, or null when
 * the range before is walked elsewhere: that link is then checked when the ranges are joined (joinRange).
 *
 * Worker threads run this function from its source text (WORKER_SOURCE), so it names nothing outside its
 * parameters and holds no function of its own (tsx would wrap one in a helper the thread does not have).
 */
export function walkRange(
  rows: Iterable<unknown[]>,
  expected: number,
  prev: string | null,
  rowHash: (r: unknown[]) => string,
  every: number,
  tick: ((rows: number) => void) | null,
): RangeWalk {
  let count = 0
  let firstSeq: number | null = null
  let firstPrev: string | null = null
  for (const r of rows) {
    count++
    const seq = r[0] as number
    if (firstSeq === null) {
      firstSeq = seq
      firstPrev = r[12] as string
    }
    if (seq !== expected)
      return {
        rows: count,
        firstSeq,
        firstPrev,
        head: prev,
        next: expected,
        broken: { kind: 'hilang', seq: expected, found: seq },
      }
    if (prev !== null && r[12] !== prev)
      return { rows: count, firstSeq, firstPrev, head: prev, next: expected, broken: { kind: 'sambung', seq } }
    const stored = r[14] as string
    if (rowHash(r) !== stored)
      return { rows: count, firstSeq, firstPrev, head: prev, next: expected, broken: { kind: 'isi', seq } }
    prev = stored
    expected++
    if (tick !== null && count % every === 0) tick(count)
  }
  return { rows: count, firstSeq, firstPrev, head: prev, next: expected, broken: null }
}

/** The columns walkRange reads, in its order; `worker` is 'worker_id', or 'NULL' in a file at schema 1. */
export const chainSql = (worker: string) =>
  `SELECT seq, at, actor, variant_id, from_place, to_place, qty, note, shift_id, document_id, reason,
          corrects_seq, prev_hash, ${worker}, hash
   FROM ledger WHERE seq >= ? AND seq <= ? ORDER BY seq`

/** A row's hash as the app computed it when it wrote the row (db/ledger.ts rowHash). */
export const valuesHash = (r: unknown[]): string => hash('sha256', canonicalValues(r), 'hex')

/** The chain walked so far, in seq order. */
export interface ChainState {
  rows: number
  head: string
  next: number
}

/**
 * Joins the next range's walk to the chain walked so far: its first row must be the one expected and link
 * to the head, as a walk in one pass would have checked. Returns the break that ends the chain, if any.
 */
export function joinRange(state: ChainState, w: RangeWalk): ChainBreak | null {
  if (w.firstSeq === null) return null
  if (w.firstSeq !== state.next) {
    state.rows++
    return { kind: 'hilang', seq: state.next, found: w.firstSeq }
  }
  if (w.firstPrev !== state.head) {
    state.rows++
    return { kind: 'sambung', seq: w.firstSeq }
  }
  state.rows += w.rows
  if (w.head !== null) state.head = w.head
  state.next = w.next
  return w.broken
}

/** Splits [from, to] into `parts` consecutive ranges of (nearly) equal length. */
export function chainRanges(from: number, to: number, parts: number): [number, number][] {
  const size = Math.ceil((to - from + 1) / parts)
  const ranges: [number, number][] = []
  for (let a = from; a <= to; a += size) ranges.push([a, Math.min(to, a + size - 1)])
  return ranges
}

export interface ChainThreadOptions {
  /** Ranges walked at once, the calling thread's included; default the cores, at most MAX_THREADS. */
  threads?: number
  /** Rows a range must have for a thread to be worth starting (tests lower it). */
  minRangeRows?: number
}

/** More threads than this read the same file faster only on a disk and a PC few satkers have. */
const MAX_THREADS = 4
/**
 * A worker thread takes 50–100 ms to start and open the file (more on a busy machine), about 30,000 rows
 * of walking: a range shorter than this is walked faster by the caller. Measured in test/bench/analysis.md.
 */
const MIN_RANGE_ROWS = 50_000
/** Rows between a worker's progress counts (also what tells a stuck thread from a slow one). */
const WORKER_TICK = 4096
/** How often the caller, waiting for a worker, reports progress. */
const WAIT_SLICE_MS = 100
/** A worker whose count has not moved for this long is given up; the caller walks its range. */
const STALL_MS = 30_000

/** How many ranges to walk at once for `rows` rows. */
export function chainParts(rows: number, opts: ChainThreadOptions): number {
  const threads = opts.threads ?? Math.min(availableParallelism(), MAX_THREADS)
  return Math.max(1, Math.min(threads, Math.floor(rows / (opts.minRangeRows ?? MIN_RANGE_ROWS))))
}

let threadWalks = 0
/** Ranges a worker thread walked and answered, in this process: the tests' proof that the threads did the work. */
export const chainThreadWalks = (): number => threadWalks

// Plain CommonJS evaluated as the worker, as the checkpoint thread is (db/checkpoint.ts): the built app and
// the `gudang` command need no entry file for it, and it starts in tens of milliseconds where a TypeScript
// entry through tsx takes 150–300. It runs the very walkRange and canonicalValues the caller runs. Whatever
// happens, it raises its flag: a range it could not walk is walked by the caller.
const WORKER_SOURCE = `
const { workerData: d } = require('node:worker_threads')
const { hash } = require('node:crypto')
const shared = new Int32Array(d.shared)
const canonicalValues = (${canonicalValues.toString()})
const walkRange = (${walkRange.toString()})
let answer
try {
  const Database = require(d.sqlite)
  const db = new Database(d.file, { readonly: true, fileMustExist: true })
  try {
    const rows = db.prepare(d.sql).raw(true).iterate(d.from, d.to)
    const rowHash = (r) => hash('sha256', canonicalValues(r), 'hex')
    answer = { walk: walkRange(rows, d.from, null, rowHash, d.tick, (n) => Atomics.store(shared, d.slot + 1, n)) }
    Atomics.store(shared, d.slot + 1, answer.walk.rows)
  } finally {
    db.close()
  }
} catch (err) {
  answer = { error: String(err && err.message || err) }
}
d.port.postMessage(answer)
d.port.close()
Atomics.store(shared, d.slot, 1)
Atomics.notify(shared, d.slot)
`

interface RangeThread {
  worker: Worker
  port: MessagePort
  slot: number
}

/** A database file, its ledger query and what a caller walks by itself. */
export interface ChainSource {
  file: string
  sql: string
  walkHere: (from: number, to: number, tick: ((rows: number) => void) | null) => RangeWalk
}

/**
 * Walks [from, to] in `parts` ranges at once and joins them in order. The caller's thread walks the first
 * range and waits for the others synchronously (Atomics.wait), so the walk stays a plain function call for
 * every caller. A range whose thread did not start, failed or stalled is walked by the caller.
 */
export function walkInThreads(
  src: ChainSource,
  state: ChainState,
  from: number,
  to: number,
  parts: number,
  progress: ((done: number) => void) | null,
): ChainBreak | null {
  const ranges = chainRanges(from, to, parts)
  // Per range: a done flag and its thread's row count.
  const shared = new Int32Array(new SharedArrayBuffer(4 * 2 * ranges.length))
  const sqlite = createRequire(__filename).resolve('better-sqlite3')
  const threads: (RangeThread | null)[] = ranges.map(([a, b], i) => {
    if (i === 0) return null
    const slot = 2 * i
    try {
      const { port1, port2 } = new MessageChannel()
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          sqlite,
          file: src.file,
          sql: src.sql,
          from: a,
          to: b,
          tick: WORKER_TICK,
          shared: shared.buffer,
          slot,
          port: port2,
        },
        transferList: [port2],
      })
      // Must not keep a CLI or a test process alive; its failures arrive through its flag.
      worker.unref()
      worker.on('error', () => {})
      return { worker, port: port1, slot }
    } catch {
      return null
    }
  })
  // Progress: rows of the ranges the caller finished, of the one it walks, and each thread's count.
  let ownDone = 0
  let ownNow = 0
  const report =
    progress &&
    (() => {
      let n = ownDone + ownNow
      for (let i = 1; i < ranges.length; i++) n += Atomics.load(shared, 2 * i + 1)
      progress(n)
    })
  const ownTick =
    report &&
    ((n: number) => {
      ownNow = n
      report()
    })
  const stop = (t: RangeThread | null) => {
    if (!t) return
    t.port.close()
    void t.worker.terminate()
  }
  try {
    for (let i = 0; i < ranges.length; i++) {
      const [a, b] = ranges[i]!
      const t = threads[i] ?? null
      let walk = t && waitFor(t, shared, report)
      if (t && !walk) {
        // Failed or stalled: its count no longer stands for rows walked.
        stop(t)
        Atomics.store(shared, t.slot + 1, 0)
      }
      if (!walk) {
        // The caller's own range, or one whose thread could not walk it.
        walk = src.walkHere(a, b, ownTick)
        ownDone += walk.rows
        ownNow = 0
      }
      const broken = joinRange(state, walk)
      if (broken) return broken
    }
    return null
  } finally {
    // Ranges after a break are not needed; finished threads are already ending by themselves.
    threads.forEach(stop)
  }
}

/** A range thread's walk, once it raised its flag; null when it failed or stalled (the caller walks it). */
function waitFor(t: RangeThread, shared: Int32Array, report: (() => void) | null): RangeWalk | null {
  let seen = -1
  let since = Date.now()
  while (Atomics.load(shared, t.slot) === 0) {
    Atomics.wait(shared, t.slot, 0, WAIT_SLICE_MS)
    report?.()
    const n = Atomics.load(shared, t.slot + 1)
    if (n !== seen) {
      seen = n
      since = Date.now()
    } else if (Date.now() - since > STALL_MS) return null
  }
  const msg = receiveMessageOnPort(t.port)?.message as { walk?: RangeWalk } | undefined
  if (!msg?.walk) return null
  threadWalks++
  return msg.walk
}
