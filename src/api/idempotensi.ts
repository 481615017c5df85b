import { createHash } from 'node:crypto'
import { AppError, type ErrorBody } from '../core/errors'
import type { WritableDB } from '../db/handles'
import { storeAnswer, storedAnswer } from '../db/stasiun'
import { WalSync, withoutCommitSync } from '../db/walSync'
import { idempotencyKey, unsealedProblem, type ServiceContext } from '../services/context'
import type { ApiResponse } from './contract'

/**
 * Idempotent writes (issue 16). A station sends every write with a key it made (a UUID); the host keeps
 * (station, key, method, hash of the checked input, answer) in table idempotensi, written in the same
 * transaction as the write itself:
 *
 * - A handler that answers synchronously (tally.simpan and nearly every other write) runs inside one
 *   IMMEDIATE transaction together with storing its answer; the services' own transactions nest in it
 *   as savepoints. The write and its key commit together or not at all.
 * - A handler that awaits first (reading an import file, rendering a PDF) cannot hold a transaction
 *   across the await. Its first writeTx records the key in that write's own transaction
 *   (services/context.ts idempotencyKey), and the answer is filled in when it comes. If the host stops
 *   between the two, a retry is told the write is recorded and to reload — never recorded twice.
 *
 * Writes that arrive together share one commit (group commit, see execute).
 *
 * A retry with the same key and the same request gets the stored answer; the same key with another
 * request is refused (CONFLICT). A duplicate that arrives while the first is still running waits for it.
 * A refused write stores nothing: the retry is judged afresh (stock may have arrived meanwhile).
 */

export interface IdempotentCall {
  /** 0 for this PC's own windows. */
  stasiunId: number
  kunci: string
  method: string
  /** The input after its schema: defaults filled in, so two spellings of one request hash the same. */
  input: unknown
  /** Runs the handler and checks its answer against the contract (may return a promise). */
  run: () => unknown
}

export interface IdempotentResult {
  response: ApiResponse
  /** True when this is a stored answer to an earlier request with the same key. */
  ulangan: boolean
}

/** JSON with object keys in sorted order: the same request always hashes the same. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function'

export class Idempotensi {
  /** Requests being served, by station and key: a duplicate waits for the first. */
  private readonly inFlight = new Map<string, Promise<unknown>>()

  constructor(private readonly ctx: ServiceContext) {}

  async call(c: IdempotentCall): Promise<IdempotentResult> {
    const id = `${c.stasiunId}:${c.kunci}`
    // Bounded: each wait is for a request that ends (the dispatcher never hangs), and a third turn finds
    // either the stored answer or nothing in flight.
    for (let i = 0; i < 3 && this.inFlight.has(id); i++) await this.inFlight.get(id)!.catch(() => {})
    const inputHash = createHash('sha256')
      .update(`${c.method}\n${stableJson(c.input)}`, 'utf8')
      .digest('hex')
    const stored = storedAnswer(this.ctx.db, c.stasiunId, c.kunci)
    // Its batch may be the one whose fsync failed: the answer is repeated only once it is on the disk.
    if (stored && this.unsynced) this.unsynced.syncNow()
    if (stored) return { response: this.replay(c, inputHash, stored), ulangan: true }
    const running = this.execute(c, inputHash)
    this.inFlight.set(id, running)
    try {
      return { response: await running, ulangan: false }
    } finally {
      this.inFlight.delete(id)
    }
  }

  private replay(
    c: IdempotentCall,
    inputHash: string,
    stored: NonNullable<ReturnType<typeof storedAnswer>>,
  ): ApiResponse {
    if (stored.metode !== c.method || stored.inputHash !== inputHash)
      return fail({
        code: 'CONFLICT',
        message: `Kunci idempotensi ini sudah dipakai untuk permintaan lain (${stored.metode}); permintaan ini tidak dicatat. Kirim isian baru dengan kunci baru`,
        details: [{ column: 'Idempotency-Key', message: 'Kunci sudah dipakai untuk isian lain' }],
      })
    if (stored.jawaban === null)
      return fail({
        code: 'CONFLICT',
        message:
          'Isian ini sudah tercatat, tetapi komputer induk berhenti sebelum jawabannya tersimpan. Muat ulang untuk melihat hasilnya; isian tidak dicatat dua kali',
      })
    return { ok: true, result: JSON.parse(stored.jawaban) as unknown }
  }

  /**
   * Group commit: the writes that arrive while the thread is busy run together in one IMMEDIATE
   * transaction, each in its own savepoint (a refused one rolls back alone), and are answered once that
   * transaction is on the disk. One fsync for the batch instead of one per write is what lets ten stations
   * save twenty times a second each on an ordinary disk; and the fsync runs off the serving thread
   * (db/walSync.ts), so the next batch and every other request go on while the disk catches up. Nothing is
   * acknowledged before it is durable.
   */
  private execute(c: IdempotentCall, inputHash: string): Promise<ApiResponse> {
    return new Promise<ApiResponse>((resolvePromise, rejectPromise) => {
      this.queue.push({ c, inputHash, resolve: resolvePromise, reject: rejectPromise })
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  private readonly queue: Job[] = []
  private scheduled = false
  /** Per connection (a restore opens a new one): its WAL, or null to let COMMIT sync as everywhere else. */
  private readonly walSyncs = new WeakMap<WritableDB, WalSync | null>()
  /**
   * The WAL whose fsync failed: the batches go back to syncing inside COMMIT, and a stored answer is
   * repeated only after this WAL is synced on the spot.
   */
  private unsynced: WalSync | null = null

  private walOf(db: WritableDB): WalSync | null {
    if (this.unsynced) return null
    if (!this.walSyncs.has(db)) this.walSyncs.set(db, WalSync.of(db))
    return this.walSyncs.get(db)!
  }

  private flush(): void {
    this.scheduled = false
    const jobs = this.queue.splice(0, MAX_BATCH)
    if (this.queue.length) {
      this.scheduled = true
      setImmediate(() => this.flush())
    }
    if (jobs.length === 0) return
    const db = this.ctx.db
    const wal = this.walOf(db)
    const batch = () =>
      db
        .transaction((): Outcome[] => {
          // As writeTx does for a write of its own (services/context.ts): nothing sealed on top of an edit
          // made by another program; each write of the batch is refused naming it.
          const tampered = unsealedProblem(db)
          if (tampered) return jobs.map(() => ({ error: tampered }))
          return jobs.map((job) => this.runOne(job))
        })
        .immediate()
    let outcomes: Outcome[]
    try {
      outcomes = wal ? withoutCommitSync(db, batch) : batch()
    } catch (err) {
      // The commit itself failed (disk full, file gone): nothing of the batch was written.
      for (const job of jobs) job.reject(err)
      return
    }
    const answer = () =>
      jobs.forEach((job, i) => {
        const o = outcomes[i]!
        if ('error' in o) {
          if (o.error instanceof AppError) job.resolve(fail(o.error.toBody()))
          else job.reject(o.error)
        } else if ('done' in o) job.resolve({ ok: true, result: o.done })
        else this.finishLater(job, o.pending).then(job.resolve, job.reject)
      })
    if (!wal) return answer()
    wal.sync().then(answer, (err: unknown) => {
      // Committed but not known to be on the disk: not acknowledged.
      this.unsynced = wal
      for (const job of jobs) job.reject(err)
    })
  }

  /** One write in its own savepoint of the batch; its key is stored with its answer in that savepoint. */
  private runOne(job: Job): Outcome {
    const db = this.ctx.db
    const slot = { recorded: false, record: () => this.record(job, null) }
    try {
      return idempotencyKey.run(slot, () =>
        db.transaction((): Outcome => {
          const raw = job.c.run()
          // Boxed: a transaction function may not return a promise. What it wrote before its first
          // await commits with the batch; services read their files before they write.
          if (isThenable(raw)) return { pending: raw }
          this.record(job, JSON.stringify(raw ?? null))
          return { done: raw }
        })(),
      )
    } catch (error) {
      return { error }
    }
  }

  private async finishLater(job: Job, pending: PromiseLike<unknown>): Promise<ApiResponse> {
    try {
      const result = await pending
      this.ctx.db.transaction(() => this.record(job, JSON.stringify(result ?? null))).immediate()
      return { ok: true, result }
    } catch (err) {
      if (err instanceof AppError) return fail(err.toBody())
      throw err
    }
  }

  private record(job: Job, jawaban: string | null): void {
    storeAnswer(this.ctx.db, {
      stasiunId: job.c.stasiunId,
      kunci: job.c.kunci,
      metode: job.c.method,
      inputHash: job.inputHash,
      jawaban,
      at: this.ctx.now().toISOString(),
    })
  }
}

/** At most this many writes share one commit: a burst is answered in slices, never held for long. */
const MAX_BATCH = 64

interface Job {
  c: IdempotentCall
  inputHash: string
  resolve: (r: ApiResponse) => void
  reject: (err: unknown) => void
}

type Outcome = { done: unknown } | { pending: PromiseLike<unknown> } | { error: unknown }

const fail = (error: ErrorBody): ApiResponse => ({ ok: false, error })
