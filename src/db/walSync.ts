import { close, closeSync, fdatasync, fdatasyncSync, open, openSync } from 'node:fs'
import type { WritableDB } from './handles'

/**
 * How the WAL is opened to be synced: Windows flushes a file (FlushFileBuffers) only through a handle with
 * write access, POSIX syncs through any descriptor. Opening for writing neither truncates nor writes. On
 * Linux closing this descriptor drops no lock SQLite needs: its locks are on the database file and -shm,
 * never on -wal.
 */
const SYNC_FLAGS = process.platform === 'win32' ? 'r+' : 'r'

/**
 * Durable commits without waiting on the serving thread. With synchronous=FULL SQLite fsyncs the WAL
 * inside COMMIT, and on this kind of disk that wait is 1–50 ms (sometimes more) during which the thread
 * that serves the window and every LAN station does nothing else: in issue 16's bench it was a fifth of
 * the thread's time and most of the stations' p99.
 *
 * `commitDurably` commits with synchronous=NORMAL instead (SQLite writes the transaction's frames to the
 * WAL and returns; the file stays consistent whatever happens, only the last commits could be lost on a
 * power cut) and then fsyncs the WAL file on libuv's thread pool. The caller acknowledges only once that
 * promise resolves: an acknowledged write has reached the disk exactly as with FULL, the thread is free
 * meanwhile, and commits that land while a sync is running share the next one (group commit at the fsync).
 *
 * Why syncing the WAL from outside is enough: fsync covers the whole file (every frame written before it
 * started), the WAL is only ever appended to until a checkpoint has copied it into the database file and
 * synced that file (SQLite syncs the WAL before and the database after every checkpoint, at NORMAL too),
 * and the file is opened by name for every sync, so a WAL truncated or reset since is the one synced. A
 * missing WAL means the connection was closed, which checkpoints and syncs the database first.
 */
export class WalSync {
  /** The sync running now; a commit made while it runs waits for the next one. */
  private running: Promise<void> | null = null
  /** The sync that starts when `running` ends, shared by every commit made meanwhile. */
  private next: Promise<void> | null = null

  constructor(private readonly walPath: string) {}

  /** The WAL of this connection, or null when there is none to sync (in memory, not in WAL mode). */
  static of(db: WritableDB): WalSync | null {
    if (db.memory) return null
    const mode = String(db.pragma('journal_mode', { simple: true })).toLowerCase()
    return mode === 'wal' ? new WalSync(`${db.name}-wal`) : null
  }

  /** Resolves once everything committed before this call is on the disk. */
  sync(): Promise<void> {
    if (!this.running) return this.start()
    this.next ??= this.running
      .catch(() => {})
      .then(() => {
        this.next = null
        return this.start()
      })
    return this.next
  }

  /** The same on this thread, for the rare caller that cannot wait (throws when the disk refuses). */
  syncNow(): void {
    let fd: number
    try {
      fd = openSync(this.walPath, SYNC_FLAGS)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
      throw err
    }
    try {
      fdatasyncSync(fd)
    } finally {
      closeSync(fd)
    }
  }

  private start(): Promise<void> {
    const p = fsyncFile(this.walPath).finally(() => {
      if (this.running === p) this.running = null
    })
    this.running = p
    return p
  }
}

/** open, fdatasync, close on the thread pool (the callback API: a FileHandle per sync costs more). */
function fsyncFile(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    open(path, SYNC_FLAGS, (openErr, fd) => {
      // No WAL: the connection was closed, which checkpointed and synced the database.
      if (openErr) return openErr.code === 'ENOENT' ? resolve() : reject(openErr)
      fdatasync(fd, (syncErr) =>
        close(fd, (closeErr) => {
          const err = syncErr ?? closeErr
          if (err) reject(err)
          else resolve()
        }),
      )
    })
  })
}

/**
 * Runs `fn` (a write transaction) with synchronous=NORMAL on this connection and puts FULL back after it,
 * whatever happens: every other write of the app keeps syncing inside its own COMMIT.
 */
export function withoutCommitSync<T>(db: WritableDB, fn: () => T): T {
  // Prepared (and cached, db/statementCache.ts) rather than db.pragma, which compiles its text every call.
  db.prepare('PRAGMA synchronous = NORMAL').run()
  try {
    return fn()
  } finally {
    db.prepare('PRAGMA synchronous = FULL').run()
  }
}
