import type { JobProgress } from '../core/progress'
import type { CallMeta } from './callMeta'
import type { AppState } from '../services/sistem'
import type { MethodName } from './contract'
import type { JobStep } from './jobPace'
import type { KeptPlan } from '../services/wilayah'

// What passes between the job runner (src/api/jobs.ts) and a job's worker thread (src/api/jobWorker.ts).

/** The automatic backups of a running app (src/services/cadanganBerkala.ts): a job, but not a method anyone calls. */
export const AUTO_BACKUP = 'cadangan.otomatis'

export interface JobRequest {
  dbPath: string
  /** Where the witness journals live (services/saksi.ts). */
  saksiDir?: string | undefined
  method: MethodName | typeof AUTO_BACKUP
  input: unknown
  meta: CallMeta
  /** The caller's clock when the job was asked for: a backup's name, a printout's date. */
  nowIso: string
  appVersion: string
  state: AppState
  /** Tests only: the shared buffer of a JobPace (src/api/jobPace.ts) that may hold this job at a step. */
  pace?: SharedArrayBuffer
}

/**
 * A job thread (api/jobs.ts JobThreads): started with this as its workerData, it then runs one JobRequest per
 * message, one at a time, and stays warm for the next.
 */
export interface JobThreadData {
  jobs: true
}

export type JobMessage =
  | { type: 'progress'; progress: JobProgress }
  /** Tests only: the job waits at this step of a JobPace until the test releases it. */
  | { type: 'held'; step: JobStep }
  /** plan: a TPS import preview's plan, for the apply on the serving thread (services/wilayah.ts adoptPlan). */
  | { type: 'done'; result: unknown; plan?: KeptPlan }
  | { type: 'error'; error: { code: string; message: string; details?: unknown; need?: string } }

/**
 * The table reader's thread (api/tableReader.ts): started with this as its workerData, it then reads one
 * uploaded table (services/tableFile.ts readTable) per message, so the serving thread never parses a file.
 */
export interface TableReadRequest {
  tabel: true
}

/** One upload to read: its bytes, or its base64 as the contract carried it (decoded in the thread). */
export interface TableReadJob {
  id: number
  fileName: string
  content: Uint8Array | string
}

export type TableReadMessage =
  | { id: number; type: 'done'; result: { format: string; rows: unknown[] } }
  | { id: number; type: 'error'; error: { code: string; message: string; details?: unknown } }
