import type { JobProgress } from '../core/progress'
import type { CallMeta } from './dispatch'
import type { AppState } from '../services/sistem'
import type { MethodName } from './contract'

// What passes between the job runner (src/api/jobs.ts) and a job's worker thread (src/api/jobWorker.ts).

/** The automatic backups of a running app (src/services/cadanganBerkala.ts): a job, but not a method anyone calls. */
export const AUTO_BACKUP = 'cadangan.otomatis'

export interface JobRequest {
  dbPath: string
  method: MethodName | typeof AUTO_BACKUP
  input: unknown
  meta: CallMeta
  /** The caller's clock when the job was asked for: a backup's name, a printout's date. */
  nowIso: string
  appVersion: string
  state: AppState
}

export type JobMessage =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; result: unknown }
  | { type: 'error'; error: { code: string; message: string; details?: unknown; need?: string } }
