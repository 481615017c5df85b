/**
 * A test hook: hold a long job at a named step until the test lets it go, so a test of cancelling or of
 * the progress bar controls the job's pace instead of racing a job that may already be done. Only tests
 * make one (OpenAppOptions.jobPace); the app, the CLI and browser mode never do, and then no job waits.
 *
 * The job runs in a worker thread, so the hold is a SharedArrayBuffer both threads see: the test arms a
 * step, the first job to reach it disarms it, says so by message and blocks in Atomics.wait until the
 * test releases it. Cancelling still stops a held job at once (terminating a worker ends the wait), and
 * a hold nobody releases ends by itself after HOLD_LIMIT_MS.
 *
 * Steps: 'start' (before the method runs), 'progress' (right after the job reported `done` at least
 * `after`; that report reaches the runner first), 'answer' (the method answered; the answer not yet sent).
 */
export type JobStep = 'start' | 'progress' | 'answer'

const STEP_CODE: Record<JobStep, number> = { start: 1, progress: 2, answer: 3 }
/** Slots of the shared Int32Array. */
const ARMED = 0
const AFTER = 1
const RELEASES = 2
const SLOTS = 3

/** The longest a job waits for a release that never comes. */
export const HOLD_LIMIT_MS = 60_000

/** A job held at a step: `reached` settles with the job's id once it waits there. */
export interface HeldJob {
  reached: Promise<string>
  release(): void
}

/** The test's side: arms a step and hears when a job waits there. */
export class JobPace {
  readonly buffer = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT)
  private readonly view = new Int32Array(this.buffer)
  private waiting: ((jobId: string) => void) | null = null

  /** Holds the next job that reaches `step` (for 'progress', once it has done `after`, default 1). */
  hold(step: JobStep, opts: { after?: number } = {}): HeldJob {
    if (Atomics.load(this.view, ARMED) !== 0 || this.waiting) throw new Error('JobPace: a hold is already armed')
    const reached = new Promise<string>((resolve) => (this.waiting = resolve))
    Atomics.store(this.view, AFTER, opts.after ?? 1)
    Atomics.store(this.view, ARMED, STEP_CODE[step])
    return { reached, release: () => this.release() }
  }

  /** Lets every held job go on. */
  release(): void {
    Atomics.add(this.view, RELEASES, 1)
    Atomics.notify(this.view, RELEASES)
  }

  /** Called by the job runner when a job says it is waiting at the armed step. */
  heldBy(jobId: string): void {
    const resolve = this.waiting
    this.waiting = null
    resolve?.(jobId)
  }
}

/** The worker's side of a JobPace, from the buffer the job request carries. */
export class PaceGate {
  private readonly view: Int32Array

  constructor(buffer: SharedArrayBuffer) {
    this.view = new Int32Array(buffer)
  }

  /** True when the test asked to hold a job here (and, for 'progress', this far). */
  asks(step: JobStep, done = 0): boolean {
    if (Atomics.load(this.view, ARMED) !== STEP_CODE[step]) return false
    return step !== 'progress' || done >= Atomics.load(this.view, AFTER)
  }

  /** Waits here when the test asked for it and no other job took the hold first; `announce` says so. */
  hold(step: JobStep, done: number, announce: () => void): void {
    if (!this.asks(step, done)) return
    if (Atomics.compareExchange(this.view, ARMED, STEP_CODE[step], 0) !== STEP_CODE[step]) return
    const releases = Atomics.load(this.view, RELEASES)
    announce()
    Atomics.wait(this.view, RELEASES, releases, HOLD_LIMIT_MS)
  }
}
