/**
 * How far a long job has come, as the progress bar shows it: `done` of `total` `unit` (total 0 when it
 * cannot be known), and what it is working on now.
 */
export interface JobProgress {
  done: number
  total: number
  unit: string
  current?: string
}

export type OnProgress = (p: JobProgress) => void
