import { statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import { AUTOCHECKPOINT_PAGES } from '../../src/db/checkpoint'
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
})
