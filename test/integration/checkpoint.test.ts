import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import { AUTOCHECKPOINT_PAGES } from '../../src/db/checkpoint'
import { withoutCommitSync } from '../../src/db/walSync'
import { useTempDir } from '../support/tempDir'

/**
 * The app moves the WAL back into the database file between calls, not inside a tally save: after a
 * write, the main file grows on its own within a few seconds, though the WAL is far below SQLite's own
 * checkpoint threshold.
 */
const root = useTempDir('checkpoint')

describe('checkpoints between calls', () => {
  it('writes committed pages back into the database file while the app is idle', async () => {
    const dbPath = join(root, 'idle.sqlite')
    const app = await openApp({ dbPath })
    try {
      expect(app.ctx.db.pragma('wal_autocheckpoint', { simple: true })).toBe(AUTOCHECKPOINT_PAGES)
      app.ctx.db.exec('CREATE TABLE filler (b BLOB)')
      const before = statSync(dbPath).size
      const ins = app.ctx.db.prepare('INSERT INTO filler VALUES (?)')
      // About 2 MB: 500 pages, far below the 8,192 at which SQLite would checkpoint by itself.
      app.ctx.db.transaction(() => {
        for (let i = 0; i < 500; i++) ins.run(Buffer.alloc(4000, i))
      })()
      expect(statSync(dbPath).size).toBe(before)
      expect(statSync(`${dbPath}-wal`).size).toBeGreaterThan(2_000_000)
      await expect
        .poll(() => statSync(dbPath).size, { timeout: 10_000, interval: 100 })
        .toBeGreaterThan(before + 2_000_000)
    } finally {
      app.close()
    }
  })
  it('lets the WAL start over while the app keeps committing, so SQLite never checkpoints inside a commit', async () => {
    const dbPath = join(root, 'busy.sqlite')
    const app = await openApp({ dbPath })
    try {
      const db = app.ctx.db
      // SQLite's own checkpoint off: what keeps the WAL short here is the app's checkpoints alone. Had they
      // never let it start over, SQLite would checkpoint inside whichever commit reached its threshold, on
      // the thread serving the window and the LAN stations (issue 16's bench on a million-row file).
      db.pragma('wal_autocheckpoint = 0')
      db.exec('CREATE TABLE filler (b BLOB)')
      const ins = db.prepare('INSERT INTO filler VALUES (?)')
      // As ten stations saving twenty times a second do: a small commit every few milliseconds, without
      // waiting for the disk (the LAN batches sync the WAL off the thread, db/walSync.ts). The WAL's header
      // takes new salts each time it starts over.
      const wal = openSync(`${dbPath}-wal`, 'r')
      const salts = new Set<string>()
      try {
        const header = Buffer.alloc(32)
        const end = performance.now() + 5000
        while (performance.now() < end) {
          withoutCommitSync(db, () =>
            db.transaction(() => {
              for (let i = 0; i < 4; i++) ins.run(Buffer.alloc(4000, i))
            })(),
          )
          readSync(wal, header, 0, 32, 0)
          salts.add(header.subarray(16, 24).toString('hex'))
          await new Promise((r) => setTimeout(r, 4))
        }
      } finally {
        closeSync(wal)
      }
      // A checkpoint every second that catches up: four or five times in five seconds; never, before.
      expect(salts.size).toBeGreaterThanOrEqual(3)
      expect(statSync(`${dbPath}-wal`).size / (4096 + 24)).toBeLessThan(AUTOCHECKPOINT_PAGES / 2)
    } finally {
      app.close()
    }
  })
})
