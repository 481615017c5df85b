import { randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { AppError, type ErrorBody } from '../core/errors'
import type { JobProgress } from '../core/progress'
import { backupDir } from '../services/cadangan'
import { outputsDir } from '../services/keluaran'
import { sweepTempFiles, tempOwner } from '../services/tempFile'
import type { JobStatus } from './contract'
import type { CallMeta } from './callMeta'
import type { AppState } from '../services/sistem'
import { AUTO_BACKUP, type JobMessage, type JobRequest, type JobThreadData } from './jobProtocol'
import { TableReaderThread } from './tableReader'
import type { ReadTable, Upload } from '../services/tableFile'
import type { JobPace } from './jobPace'
import type { CadanganBaru } from './contract/cadangan'
import type { BackupReason } from '../services/cadangan'
import type { KeptPlan } from '../services/wilayah'

/**
 * Long jobs (contract methods marked `long`) run in worker threads, so the thread that answers the UI
 * never waits on a 15,000-page print or a million-row chain walk. A job can be awaited (a plain call of
 * the method) or started with job.mulai and watched with job.lihat: progress, time left, the answer,
 * and for a file, a download address. Cancelling stops the thread at once and removes what it had
 * half-written (every file is written under a temporary name that names its thread, then renamed).
 */

/** How the worker thread is started: a file, and the Node options it needs. */
export interface WorkerEntry {
  file: string
  execArgv?: string[]
}

/**
 * The worker for code run from the TypeScript sources (vitest, the bench, browser mode through tsx):
 * src/api/jobWorker.ts through the repository's own tsx, resolved from this file rather than from the
 * current folder, so it works wherever the process was started. tsx is a devDependency, present exactly
 * where sources run. Built entry points (the Electron main process, the `gudang` command) pass the
 * worker electron-vite built beside them (out/main/jobWorker.js) and never get here.
 */
export function sourceWorkerEntry(): WorkerEntry {
  const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href
  return { file: join(__dirname, 'jobWorker.ts'), execArgv: ['--import', tsx] }
}

export interface JobRunnerOptions {
  dbPath: string
  saksiDir?: string | undefined
  appVersion: string
  state: AppState
  now: () => Date
  worker?: WorkerEntry
  /** Jobs running at once; the rest wait. Two: this is a two-core office PC that also serves the UI. */
  concurrency?: number
  /** Tests only: holds a job at a named step until the test releases it (src/api/jobPace.ts). */
  pace?: JobPace
  /** Takes the plan a TPS import preview made in its thread, for the apply on this one. */
  adoptPlan?: (plan: KeptPlan) => void
}

/** A file a finished job wrote, and the key that lets the window fetch it. */
export interface JobDownload {
  file: string
  fileName: string
  mime: string
  bytes: number
}

type JobMethod = JobRequest['method']

interface Job {
  id: string
  method: JobMethod
  label: string
  input: unknown
  meta: CallMeta
  state: JobStatus['state']
  progress: JobProgress
  startedAt: number
  /** When it began running (after waiting its turn): the pace is measured from here. */
  runningSince: number | null
  finishedAt: number | null
  result: unknown
  error: ErrorBody | null
  download: (JobDownload & { key: string }) | null
  worker: Worker | null
  /** Folders the job may write to, swept of its temporary files when it is stopped. */
  writesTo: string[]
  settle: { resolve(v: unknown): void; reject(e: AppError): void }
  done: Promise<unknown>
  validate: (raw: unknown) => unknown
}

/** Finished jobs are remembered this long (their status and download), then forgotten. */
const KEEP_FINISHED_MS = 60 * 60 * 1000
const KEEP_FINISHED_MAX = 50

export class JobRunner {
  private readonly jobs = new Map<string, Job>()
  private readonly entry: WorkerEntry
  private readonly concurrency: number
  private tables: TableReaderThread | null = null

  constructor(private readonly opts: JobRunnerOptions) {
    this.entry = opts.worker ?? sourceWorkerEntry()
    this.concurrency = opts.concurrency ?? 2
  }

  /**
   * Queues a job; `validate` checks (and shapes) the answer against the method's output schema and
   * throws when it does not fit. Returns the job id at once.
   */
  start(method: JobMethod, label: string, input: unknown, meta: CallMeta, validate: (raw: unknown) => unknown): string {
    const id = randomBytes(12).toString('base64url')
    let settle!: Job['settle']
    const done = new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }))
    // A job nobody awaits must not surface as an unhandled rejection.
    done.catch(() => {})
    const { progress: _ignored, ...plainMeta } = meta
    this.jobs.set(id, {
      id,
      method,
      label,
      input,
      meta: plainMeta,
      state: 'menunggu',
      progress: { done: 0, total: 0, unit: '' },
      startedAt: Date.now(),
      runningSince: null,
      finishedAt: null,
      result: null,
      error: null,
      download: null,
      worker: null,
      writesTo: this.foldersOf(method, input),
      settle,
      done,
      validate,
    })
    this.pump()
    this.forgetOld()
    return id
  }

  /** Runs a job and waits for its answer (a plain call of a long method). */
  async run(
    method: JobMethod,
    label: string,
    input: unknown,
    meta: CallMeta,
    validate: (raw: unknown) => unknown,
  ): Promise<unknown> {
    return this.jobs.get(this.start(method, label, input, meta, validate))!.done
  }

  /** An automatic backup (at start, every quarter hour, on close), off the serving thread like any long job. */
  backup(reason: BackupReason): Promise<CadanganBaru> {
    return this.run(
      AUTO_BACKUP,
      'Cadangan otomatis basis data',
      { reason },
      { actor: 'sistem', transport: 'test' },
      (r) => r,
    ) as Promise<CadanganBaru>
  }

  /**
   * Reads an uploaded table (CSV/XLSX) in the table reader's thread (api/tableReader.ts), so the serving
   * thread never parses a file (issue 15). Not a job in the list: the import that asked waits for it.
   */
  readTable(fileName: string, content: Upload): Promise<ReadTable> {
    this.tables ??= new TableReaderThread(this.entry)
    return this.tables.read(fileName, content)
  }

  status(id: string): JobStatus {
    const job = this.jobs.get(id)
    if (!job)
      throw new AppError('NOT_FOUND', 'Pekerjaan ini tidak ada (sudah lama selesai, atau aplikasi telah dibuka ulang)')
    return this.view(job)
  }

  list(): JobStatus[] {
    return [...this.jobs.values()].sort((a, b) => b.startedAt - a.startedAt).map((j) => this.view(j))
  }

  /** Stops a job now; whatever it had half-written is removed. A finished job stays as it is. */
  async cancel(id: string): Promise<JobStatus> {
    const job = this.jobs.get(id)
    if (!job) return this.status(id)
    if (job.state === 'menunggu' || job.state === 'berjalan') {
      const worker = job.worker
      this.finish(job, 'dibatalkan', null, {
        code: 'REFUSED',
        message: 'Pekerjaan dibatalkan; berkas yang belum selesai dihapus',
      })
      if (worker) await this.stopWorker(job, worker)
      this.pump()
    }
    return this.view(job)
  }

  /** Stops every job (closing the app, restoring a backup). */
  async cancelAll(): Promise<void> {
    const tables = this.tables
    this.tables = null
    await tables?.stop()
    await Promise.all(
      [...this.jobs.values()]
        .filter((j) => j.state === 'menunggu' || j.state === 'berjalan')
        .map((j) => this.cancel(j.id)),
    )
  }

  /** The file behind a download address, when the key is that job's. */
  download(id: string, key: string): JobDownload | null {
    const d = this.jobs.get(id)?.download
    if (!d) return null
    const a = Buffer.from(key)
    const b = Buffer.from(d.key)
    if (a.length !== b.length || !timingSafeEqual(a, b)) return null
    return existsSync(d.file) ? { file: d.file, fileName: d.fileName, mime: d.mime, bytes: d.bytes } : null
  }

  private view(job: Job): JobStatus {
    const now = job.finishedAt ?? Date.now()
    const { done, total } = job.progress
    const ranFor = job.runningSince === null ? 0 : now - job.runningSince
    const etaMs =
      job.state === 'berjalan' && total > 0 && done > 0 && done < total
        ? Math.round((ranFor / done) * (total - done))
        : null
    return {
      id: job.id,
      method: job.method,
      label: job.label,
      state: job.state,
      done,
      total,
      unit: job.progress.unit,
      current: job.progress.current ?? '',
      startedAt: new Date(job.startedAt).toISOString(),
      elapsedMs: now - job.startedAt,
      etaMs,
      result: job.state === 'selesai' ? (job.result ?? null) : null,
      error: job.error,
      download: job.download
        ? {
            url: `/unduh/${job.id}/${job.download.key}/${encodeURIComponent(job.download.fileName)}`,
            fileName: job.download.fileName,
            bytes: job.download.bytes,
          }
        : null,
    }
  }

  private running(): number {
    return [...this.jobs.values()].filter((j) => j.state === 'berjalan').length
  }

  private pump(): void {
    for (const job of this.jobs.values()) {
      if (this.running() >= this.concurrency) return
      if (job.state === 'menunggu') this.launch(job)
    }
  }

  private launch(job: Job): void {
    job.state = 'berjalan'
    job.runningSince = Date.now()
    const request: JobRequest = {
      dbPath: this.opts.dbPath,
      saksiDir: this.opts.saksiDir,
      method: job.method,
      input: job.input,
      meta: job.meta,
      nowIso: this.opts.now().toISOString(),
      appVersion: this.opts.appVersion,
      state: { ...this.opts.state },
      ...(this.opts.pace ? { pace: this.opts.pace.buffer } : {}),
    }
    let worker: Worker
    try {
      worker = jobThreads.take(this.entry)
    } catch (err) {
      this.finish(job, 'gagal', null, {
        code: 'INTERNAL',
        message: `Pekerjaan tidak dapat dimulai: ${(err as Error).message}`,
      })
      return
    }
    job.worker = worker
    // The thread outlives the job: these listeners are the job's, and go when it has its answer.
    const detach = () => {
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
      job.worker = null
    }
    const onMessage = (m: JobMessage) => {
      if (job.state !== 'berjalan') return
      if (m.type === 'held') this.opts.pace?.heldBy(job.id)
      else if (m.type === 'progress') job.progress = m.progress
      else {
        // The answer is the thread's last word on this job: it is free for the next one.
        detach()
        jobThreads.give(worker)
        if (m.type === 'done' && m.plan) this.opts.adoptPlan?.(m.plan)
        if (m.type === 'done') this.settleDone(job, m.result)
        else this.finish(job, 'gagal', null, m.error as ErrorBody)
        this.pump()
      }
    }
    const onError = (err: Error) => {
      if (job.state === 'berjalan')
        this.finish(job, 'gagal', null, {
          code: 'INTERNAL',
          message: `Pekerjaan berhenti karena galat: ${err.message}`,
        })
    }
    const onExit = () => {
      detach()
      if (job.state === 'berjalan')
        this.finish(job, 'gagal', null, { code: 'INTERNAL', message: 'Pekerjaan berhenti tanpa hasil' })
      this.pump()
    }
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
    try {
      worker.postMessage(request)
    } catch (err) {
      detach()
      jobThreads.give(worker)
      this.finish(job, 'gagal', null, {
        code: 'INTERNAL',
        message: `Pekerjaan tidak dapat dimulai: ${(err as Error).message}`,
      })
    }
  }

  private settleDone(job: Job, raw: unknown): void {
    let result: unknown
    try {
      result = job.validate(raw)
    } catch (err) {
      this.finish(
        job,
        'gagal',
        null,
        err instanceof AppError ? err.toBody() : { code: 'INTERNAL', message: String(err) },
      )
      return
    }
    this.finish(job, 'selesai', result, null)
  }

  private finish(job: Job, state: 'selesai' | 'gagal' | 'dibatalkan', result: unknown, error: ErrorBody | null): void {
    job.state = state
    job.finishedAt = Date.now()
    job.result = result
    job.error = error
    if (state === 'selesai') {
      if (job.progress.total > 0) job.progress = { ...job.progress, done: job.progress.total }
      const file = fileOf(result)
      if (file && this.inOutputs(file.file)) job.download = { ...file, key: randomBytes(18).toString('base64url') }
      job.settle.resolve(result)
    } else {
      const e = error ?? { code: 'INTERNAL' as const, message: 'Pekerjaan gagal' }
      job.settle.reject(new AppError(e.code, e.message, e.details))
    }
  }

  private async stopWorker(job: Job, worker: Worker): Promise<void> {
    const owner = tempOwner(worker.threadId)
    await worker.terminate()
    for (const dir of job.writesTo) sweepTempFiles(dir, owner)
  }

  /** The folders a method writes files into: the outputs and backup folders, and a backup's chosen folder. */
  private foldersOf(method: JobMethod, input: unknown): string[] {
    const dirs: string[] = []
    if (this.opts.dbPath === ':memory:') return dirs
    dirs.push(outputsDir(this.opts.dbPath), backupDir(this.opts.dbPath), dirname(backupDir(this.opts.dbPath)))
    const folder = (input as { folder?: unknown } | null)?.folder
    if (method === 'cadangan.buat' && typeof folder === 'string' && folder.trim()) dirs.push(resolve(folder.trim()))
    return dirs
  }

  private inOutputs(file: string): boolean {
    if (this.opts.dbPath === ':memory:') return false
    return resolve(file).startsWith(outputsDir(this.opts.dbPath) + sep)
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()]
      .filter((j) => j.finishedAt !== null)
      .sort((a, b) => b.finishedAt! - a.finishedAt!)
    const cutoff = Date.now() - KEEP_FINISHED_MS
    finished.forEach((j, i) => {
      if (i >= KEEP_FINISHED_MAX || j.finishedAt! < cutoff) this.jobs.delete(j.id)
    })
  }
}

/** How long a job thread waits, warm, for the next job before it is stopped. */
const THREAD_IDLE_MS = 60_000

/**
 * Job threads kept warm between jobs, for the whole process. Starting a thread means loading the app's
 * modules (pdfmake, pdfkit, exceljs, zod and the contract) again: 0.2–0.8 s before the job does anything,
 * more than a check of the demo election (10 ms) or a backup takes, and paid by every job while a thread
 * that ran one job runs the next as well as a fresh one: each job opens its own read-only connection and
 * closes it before answering, and what a thread keeps (parsed fonts, the expected schema, statement
 * caches per connection) holds for any election file. A thread stopped mid-job (cancelled) is never
 * reused. The threads of another app opened in the same process (a restore, the tests) are shared.
 */
class JobThreads {
  /** Threads started in this process, for the tests that a warm one is taken (jobThreadCount). */
  started = 0
  private readonly idle = new Map<string, { worker: Worker; stop: () => void }[]>()

  /** The key each thread was started under, whatever the environment is by the time it answers. */
  private readonly keys = new WeakMap<Worker, string>()

  take(entry: WorkerEntry): Worker {
    const k = key(entry)
    const warm = this.idle.get(k)?.pop()
    if (warm) {
      warm.stop()
      warm.worker.ref()
      return warm.worker
    }
    const data: JobThreadData = { jobs: true }
    this.started++
    const worker = new Worker(entry.file, { workerData: data, ...(entry.execArgv ? { execArgv: entry.execArgv } : {}) })
    this.keys.set(worker, k)
    return worker
  }

  idleCount(): number {
    let n = 0
    for (const list of this.idle.values()) n += list.length
    return n
  }

  /** A thread whose job answered: kept for the next (two at most, as many as run at once), else stopped. */
  give(worker: Worker): void {
    const k = this.keys.get(worker)!
    const list = this.idle.get(k) ?? []
    this.idle.set(k, list)
    if (list.length >= 2) {
      void worker.terminate()
      return
    }
    // A warm thread waiting for the next job must not keep the process alive.
    worker.unref()
    const leave = () => {
      const i = list.findIndex((t) => t.worker === worker)
      if (i >= 0) list.splice(i, 1)
    }
    const timer = setTimeout(() => {
      leave()
      void worker.terminate()
    }, THREAD_IDLE_MS)
    timer.unref()
    // A thread that ended while idle (it should not) leaves the list.
    worker.once('exit', leave)
    list.push({
      worker,
      stop: () => {
        clearTimeout(timer)
        worker.off('exit', leave)
      },
    })
  }
}

/**
 * Threads are shared by entry and by the environment they were started with: a thread keeps the copy of
 * process.env it got (its clock's zone among them), and a process that changes TZ — a test of a PC set to
 * another zone — must get threads that see it.
 */
const key = (entry: WorkerEntry) => JSON.stringify([entry.file, entry.execArgv ?? [], process.env])

const jobThreads = new JobThreads()

/** The job threads this process started (a job that found a warm one starts none) and those waiting warm. */
export const jobThreadCount = (): { started: number; idle: number } => ({
  started: jobThreads.started,
  idle: jobThreads.idleCount(),
})

function fileOf(result: unknown): JobDownload | null {
  const r = result as Partial<JobDownload> | null
  if (!r || typeof r !== 'object' || typeof r.file !== 'string' || typeof r.fileName !== 'string') return null
  return {
    file: r.file,
    fileName: basename(r.fileName),
    mime: typeof r.mime === 'string' ? r.mime : 'application/octet-stream',
    bytes: typeof r.bytes === 'number' ? r.bytes : 0,
  }
}

/** Where a window fetches a finished job's file: /unduh/<job>/<key>/<name>; both transports serve it. */
export const DOWNLOAD_PREFIX = '/unduh/'

export function parseDownloadPath(pathname: string): { id: string; key: string } | null {
  const m = /^\/unduh\/([A-Za-z0-9_-]{8,40})\/([A-Za-z0-9_-]{16,40})\/[^/]*$/.exec(pathname)
  return m ? { id: m[1]!, key: m[2]! } : null
}

/** Saved under its own name, in any language: the ASCII fallback for old clients, RFC 5987 for the rest. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}
