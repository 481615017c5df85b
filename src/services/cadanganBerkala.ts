import { hasAppWrites, lastAuditId } from '../db/audit'
import { lastSeq } from '../db/ledger'
import type { ServiceContext } from './context'
import * as cadangan from './cadangan'
import type { CadanganBaru } from '../api/contract/cadangan'
import type { BackupReason } from './cadangan'

/**
 * The automatic backups of a running app: one at start, one every `everyMinutes` when something was
 * written since the last, and one on close when something was. "Written" is read from the audit log,
 * which every write appends to in its own transaction (services/context.ts writeTx).
 */
/** Often enough that a lost disk costs at most a quarter of an hour of counting. */
export const BACKUP_EVERY_MINUTES = 15

export interface BackupScheduleOptions {
  everyMinutes: number
  /** A backup that fails (disk full, USB gone) must not stop the app; it is reported here. */
  onError?: (reason: BackupReason, err: unknown) => void
  onBackup?: (result: CadanganBaru) => void
  /** How a backup is made: in a running app, a job off the serving thread (src/api/jobs.ts). */
  makeBackup?: (reason: BackupReason) => Promise<CadanganBaru>
}

export class BackupSchedule {
  private timer: NodeJS.Timeout | null = null
  private lastMark: string | null = null
  private running: Promise<void> = Promise.resolve()

  constructor(
    private readonly ctx: ServiceContext,
    private readonly opts: BackupScheduleOptions,
  ) {}

  /** Where the file stands now: the last audit entry and the ledger head. Equal marks, nothing new to keep. */
  private mark(): string {
    return `${lastAuditId(this.ctx.db)}:${lastSeq(this.ctx.db)}`
  }

  start(): void {
    // A file with nothing in it yet (a new election) has nothing worth a backup.
    if (hasAppWrites(this.ctx.db) || lastSeq(this.ctx.db) > 0) this.queue('mulai', true)
    else this.lastMark = this.mark()
    this.timer = setInterval(() => this.queue('berkala', false), this.opts.everyMinutes * 60_000)
    // The timer must not keep a CLI or test process alive.
    this.timer.unref()
  }

  /** Runs backups one after another: two at once would read the file twice for nothing. */
  private queue(reason: BackupReason, always: boolean): Promise<void> {
    this.running = this.running.then(async () => {
      if (!this.ctx.db.open) return
      const mark = this.mark()
      if (!always && mark === this.lastMark) return
      try {
        const result = await (this.opts.makeBackup ? this.opts.makeBackup(reason) : cadangan.buat(this.ctx, reason))
        this.lastMark = mark
        this.opts.onBackup?.(result)
      } catch (err) {
        this.opts.onError?.(reason, err)
      }
    })
    return this.running
  }

  /** Stops the timer and makes the closing backup if anything changed since the last one. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.queue('tutup', false)
  }
}
