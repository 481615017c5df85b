import Database from 'better-sqlite3'
import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BROKEN_FILES } from '../support/brokenFiles'
import { useBrowserApp } from './support/app'

/**
 * Issue 15's broken-file suite on the screen: the demo election file, closed, broken each way a copy, a
 * disk, another tool or a newer app leaves it, then opened again as `npm start` would. Each reaches the
 * recovery screen in Chromium with what is wrong named — none is made a new election, none crashes the
 * app. (integration/berkas-rusak.test.ts proves the bytes stay as they were and what `gudang verify` says.)
 */
const app = useBrowserApp()
let good = ''

/** The demo file as the app left it, in one file: its WAL checkpointed into it. */
function keepGoodCopy(db: string): void {
  const raw = new Database(db)
  raw.pragma('wal_checkpoint(TRUNCATE)')
  raw.close()
  good = join(app.dir, 'baik.sqlite')
  copyFileSync(db, good)
}

describe('every broken election file reaches the recovery screen', () => {
  it.each(BROKEN_FILES.map((b) => [b.what, b] as const))('%s', async (what, broken) => {
    await app.restart(() => {
      const db = app.opened.dbPath
      if (!good) keepGoodCopy(db)
      for (const suffix of ['-wal', '-shm']) rmSync(db + suffix, { force: true })
      copyFileSync(good, db)
      broken.apply(db)
    })
    expect(app.opened.state.mode).toBe('pemulihan')
    await app.page.goto(app.url())
    await app.page.getByRole('heading', { name: 'Basis data perlu dipulihkan' }).waitFor()
    expect(await app.page.getByTestId('recovery-problem').textContent()).toMatch(broken.named)
    await app.screenshot(`berkas-rusak-${what.replace(/\W+/g, '-')}`)
    expect(app.errors.filter((e) => e.startsWith('[server]'))).toEqual([])
  })
})
