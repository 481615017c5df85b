import { parentPort, workerData } from 'node:worker_threads'
import { AppError } from '../core/errors'
import type { JobProgress } from '../core/progress'
import {
  AUTO_BACKUP,
  type JobMessage,
  type JobRequest,
  type JobThreadData,
  type TableReadJob,
  type TableReadMessage,
  type TableReadRequest,
} from './jobProtocol'
import { PaceGate, type JobStep } from './jobPace'
import { openReadOnly, type ReadableDB } from '../db/open'
import * as cadangan from '../services/cadangan'
import * as wilayah from '../services/wilayah'
import { readTable } from '../services/tableFile'
import type { BackupReason } from '../services/cadangan'
import type { ReadContext } from '../services/context'
import type { CallMeta } from './dispatch'
import { createLongHandlers } from './handlers'

/**
 * The thread a long job runs in (src/api/jobs.ts). It opens the election file itself, read-only — a long
 * method never writes the database — runs the very handler the dispatcher would have run, and reports
 * progress and the answer by message. The thread serving the UI only waits for the message.
 */

/** Progress is sent at most this often: a bar needs no more, and messages cost the serving thread. */
const PROGRESS_EVERY_MS = 100

async function run(req: JobRequest, post: (m: JobMessage) => void): Promise<void> {
  let db: ReadableDB | null = null
  // Opened on first use: listing backups in recovery mode must work even when the file cannot be opened.
  // The connection is read-only (SQLite refuses any write on it), and the long handlers take a ReadContext:
  // a job cannot write, by construction and at run time.
  const ctx: ReadContext = {
    get db() {
      return (db ??= openReadOnly(req.dbPath))
    },
    dbPath: req.dbPath,
    // In normal mode the app's own connection holds the file (ledger.periksa must not touch it with node:fs).
    fileHeldOpen: req.state.mode === 'normal',
    saksiDir: req.saksiDir,
    now: () => new Date(req.nowIso),
  }
  const gate = req.pace ? new PaceGate(req.pace) : null
  const holdAt = (step: JobStep, done = 0) => gate?.hold(step, done, () => post({ type: 'held', step }))
  let last = 0
  const progress = (p: JobProgress) => {
    const t = Date.now()
    const held = gate?.asks('progress', p.done) ?? false
    if (!held && t - last < PROGRESS_EVERY_MS && p.done < p.total) return
    last = t
    post({ type: 'progress', progress: p })
    if (held) holdAt('progress', p.done)
  }
  let answer: JobMessage
  try {
    holdAt('start')
    const result =
      req.method === AUTO_BACKUP
        ? await cadangan.buat(ctx, (req.input as { reason: BackupReason }).reason, undefined, progress)
        : await (createLongHandlers(ctx)[req.method] as (i: unknown, m: CallMeta) => unknown)(req.input, {
            ...req.meta,
            progress,
          })
    // A preview's plan goes back with its answer: the apply that follows on the serving thread takes it
    // instead of reading and comparing the file again.
    const plan = req.method === 'wilayah.pratinjauImpor' ? wilayah.lastPlan(ctx) : undefined
    answer = { type: 'done', result, ...(plan ? { plan } : {}) }
    holdAt('answer')
  } catch (err) {
    answer = {
      type: 'error',
      error:
        err instanceof AppError
          ? err.toBody()
          : {
              code: 'INTERNAL',
              message: `Terjadi kesalahan internal pada ${req.method}: ${err instanceof Error ? err.message : String(err)}`,
            },
    }
  }
  // Closed before answering: the app may close its own connection the moment it hears back, and the
  // last connection to close is the one that checkpoints the WAL away.
  ;(db as ReadableDB | null)?.close()
  post(answer)
}

/** Uploads read here rather than on the serving thread, one per message (api/tableReader.ts bounds heap and time). */
async function readUploadedTable(job: TableReadJob, post: (m: TableReadMessage) => void): Promise<void> {
  try {
    post({ id: job.id, type: 'done', result: await readTable(job.fileName, job.content) })
  } catch (err) {
    post({
      id: job.id,
      type: 'error',
      error:
        err instanceof AppError
          ? err.toBody()
          : {
              code: 'INTERNAL',
              message: `Berkas "${job.fileName}" tidak dapat dibaca: ${err instanceof Error ? err.message : String(err)}`,
            },
    })
  }
}

if (parentPort) {
  const port = parentPort
  const data = workerData as JobThreadData | TableReadRequest
  if ('tabel' in data)
    port.on('message', (job: TableReadJob) => void readUploadedTable(job, (m) => port.postMessage(m)))
  // One job per message; the runner sends the next only after this one answered (api/jobs.ts JobThreads).
  else port.on('message', (req: JobRequest) => void run(req, (m) => port.postMessage(m)))
}
