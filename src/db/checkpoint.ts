import type { WritableDB } from './handles'

/**
 * SQLite moves the WAL back into the database file (a checkpoint) inside whichever commit crosses
 * wal_autocheckpoint pages: at a million ledger rows that is about 10 ms of random writes landing in
 * one coordinator's tally save in sixty. The app checkpoints between calls instead, every second,
 * PASSIVE (never waiting for a reader), and leaves SQLite's own checkpoint as a distant safety net.
 * Durability does not depend on it: with synchronous=FULL a committed transaction is safe in the WAL.
 */
export const AUTOCHECKPOINT_PAGES = 8192
const EVERY_MS = 1000

export function startIdleCheckpoints(db: () => WritableDB): { stop(): void } {
  const timer = setInterval(() => {
    const d = db()
    if (!d.open || d.inTransaction || d.memory) return
    try {
      d.pragma('wal_checkpoint(PASSIVE)')
    } catch {
      // Busy or closing: the next tick, or SQLite's own checkpoint, does it.
    }
  }, EVERY_MS)
  // Must not keep a CLI or a test process alive.
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
