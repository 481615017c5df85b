import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { WritableDB } from './handles'

/**
 * SQLite moves the WAL back into the database file (a checkpoint) inside whichever commit crosses
 * wal_autocheckpoint pages: at a million ledger rows that is about 10 ms of random writes landing in
 * one coordinator's tally save in sixty. The app checkpoints every second instead, PASSIVE (never
 * waiting for a reader or holding up a writer), and leaves SQLite's own checkpoint as a distant safety net.
 *
 * The checkpoint runs in a thread of its own, on a connection it opens for it: its writes and its fsync of
 * the database file took 10–30 ms, and on the thread that serves the window and the LAN stations that
 * was a pause every second that ten stations saving twenty times a second each ran into (issue 16's
 * bench: the p99 of a station's save). Durability does not depend on it: with synchronous=FULL a
 * committed transaction is safe in the WAL. Closing the app's connection waits for a running checkpoint,
 * so the app's close stays the last one and folds the WAL back as before (restore moves the file).
 *
 * The WAL only starts over when a checkpoint has copied every frame and synced the database file, which
 * a thread racing steady commits never does: the thread copies and syncs the bulk, and the app's
 * connection copies the last few commits' frames between two calls (lastPass).
 */
export const AUTOCHECKPOINT_PAGES = 8192
const EVERY_MS = 1000
/** Closing the app's connection waits at most this long for a checkpoint to end. */
const CLOSE_WAIT_MS = 5000

// Plain CommonJS evaluated as the worker, so the built app needs no entry file of its own for it; it
// loads the same better-sqlite3 the main thread resolved.
const WORKER_SOURCE = `
const { closeSync, fdatasyncSync, fstatSync, openSync, statSync } = require('node:fs')
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.sqlite)
const busy = new Int32Array(workerData.busy)
let last = ''
// Closing any descriptor of a file drops every POSIX lock this process holds on it, SQLite's included
// (the shared lock of the app's connection that tells other processes the file is in use), so outside
// Windows the descriptor stays open for the life of the process: one per election file opened.
const kept = new Map()
function syncDatabase(file) {
  if (process.platform === 'win32') {
    // Windows flushes only a handle that may write, and its locks belong to SQLite's own handles.
    const fd = openSync(file, 'r+')
    try {
      fdatasyncSync(fd)
    } finally {
      closeSync(fd)
    }
    return
  }
  let fd = kept.get(file)
  // A restore puts another file at the same path: the old descriptor is left open, never closed.
  if (fd === undefined || fstatSync(fd).ino !== statSync(file).ino) kept.set(file, (fd = openSync(file, 'r')))
  fdatasyncSync(fd)
}
parentPort.on('message', (file) => {
  let copied = false
  try {
    const db = new Database(file, { fileMustExist: true, timeout: 0 })
    let r
    try {
      r = db.pragma('wal_checkpoint(PASSIVE)')[0]
    } finally {
      db.close()
    }
    const seen = file + ' ' + r.log + ' ' + r.checkpointed
    if (r.log > 0 && seen !== last) {
      // SQLite syncs the database file only when no commit came in while it copied, never under steady
      // writes; synced here, what the app's own pass leaves to sync is the last few commits' pages.
      syncDatabase(file)
      copied = true
    }
    last = seen
  } catch {
    // Busy, moved or closing: the next tick, or SQLite's own checkpoint, does it.
  }
  Atomics.store(busy, 0, 0)
  Atomics.notify(busy, 0)
  if (copied) parentPort.postMessage(file)
})
`

/**
 * The last few commits' frames, on the app's connection between two calls: no commit can come in
 * meanwhile, so this pass copies every frame and the next write starts the WAL over. Without it, under
 * steady writes (ten stations, or a coordinator and a door scanner) the thread's passes never catch up,
 * the WAL grows to wal_autocheckpoint pages and SQLite checkpoints inside that commit, on the serving
 * thread, syncing every page the thread had copied: 50–200 ms on a million-row file, every few seconds
 * (issue 16's bench). This pass syncs only what was committed since the thread's.
 */
function lastPass(d: WritableDB, file: string): void {
  if (!d.open || d.name !== file || d.inTransaction) return
  try {
    d.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    // Busy or closing: the next tick does it.
  }
}

export function startIdleCheckpoints(db: () => WritableDB): { stop(): void } {
  const busy = new Int32Array(new SharedArrayBuffer(4))
  let worker: Worker | null = null
  // Started on the first tick: a command or a test that opens the file for less than a second needs no thread.
  const thread = (): Worker => {
    if (worker) return worker
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { sqlite: createRequire(__filename).resolve('better-sqlite3'), busy: busy.buffer },
    })
    // Must not keep a CLI or a test process alive.
    worker.unref()
    worker.on('message', (file: string) => lastPass(db(), file))
    worker.on('error', () => {
      // A thread that could not start leaves the checkpoints to SQLite's own threshold.
      Atomics.store(busy, 0, 2)
    })
    return worker
  }
  const waitIdle = () => {
    if (Atomics.load(busy, 0) === 1) Atomics.wait(busy, 0, 1, CLOSE_WAIT_MS)
  }
  const guarded = new WeakSet<WritableDB>()
  const timer = setInterval(() => {
    const d = db()
    if (!d.open || d.memory || Atomics.load(busy, 0) !== 0) return
    if (!guarded.has(d)) {
      // The app's connection is closed on quit and on restore: the checkpoint's own connection goes first.
      const close = d.close.bind(d)
      d.close = () => {
        waitIdle()
        return close()
      }
      guarded.add(d)
    }
    Atomics.store(busy, 0, 1)
    thread().postMessage(d.name)
  }, EVERY_MS)
  timer.unref()
  return {
    stop() {
      clearInterval(timer)
      waitIdle()
      void worker?.terminate()
    },
  }
}
