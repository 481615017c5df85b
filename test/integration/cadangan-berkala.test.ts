import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import { backupDir } from '../../src/services/cadangan'
import { useTempDir } from '../support/tempDir'

const DEMO_CSV = resolve(__dirname, '../../resources/demo/tps-batubara-2024.csv')
const root = useTempDir('berkala')

const meta = { actor: 'uji', transport: 'test' as const }
const reasons = (dbPath: string): string[] => {
  try {
    return readdirSync(backupDir(dbPath))
      .filter((n) => n.endsWith('.sqlite'))
      .map((n) => /-([a-z-]+)\.sqlite$/.exec(n)![1]!)
      .sort()
  } catch {
    return []
  }
}
/**
 * Waits for `check` to hold. A bound, not a pace: a backup is written and checked in well under a second
 * on a quiet machine, but two busy cores can take several; the test goes on the moment it holds.
 */
async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`Tidak terjadi dalam ${ms} ms: ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('automatic backups of a running app', () => {
  it('backs up at start, again only after a write, and on close only when something changed', async () => {
    const dbPath = join(root, 'berkala.sqlite')
    // Every 150 ms instead of 15 minutes.
    const app = await openApp({ dbPath, demoCsvPath: DEMO_CSV, backups: { everyMinutes: 0.0025 } })
    await until(() => reasons(dbPath).length === 1, 'cadangan saat mulai')
    expect(reasons(dbPath)).toEqual(['mulai'])

    // Several ticks without a write: nothing new to keep.
    await new Promise((r) => setTimeout(r, 600))
    expect(reasons(dbPath)).toEqual(['mulai'])

    const team = await app.dispatcher.call('regu.tambah', { nama: 'Regu Berkala' }, meta)
    expect(team.ok).toBe(true)
    await until(() => reasons(dbPath).includes('berkala'), 'cadangan berkala setelah menulis')
    await new Promise((r) => setTimeout(r, 400))
    expect(reasons(dbPath)).toEqual(['berkala', 'mulai'])

    // Nothing written since the periodic one: closing adds none.
    await app.closeWithBackup()
    expect(reasons(dbPath)).toEqual(['berkala', 'mulai'])
    expect(app.ctx.db.open).toBe(false)
  })

  it('makes the closing backup when something was written since the last one', async () => {
    const dbPath = join(root, 'tutup.sqlite')
    // A period far away: only start and close happen during the test.
    const app = await openApp({ dbPath, demoCsvPath: DEMO_CSV, backups: { everyMinutes: 60 } })
    await until(() => reasons(dbPath).length === 1, 'cadangan saat mulai')
    expect((await app.dispatcher.call('regu.tambah', { nama: 'Tutup' }, meta)).ok).toBe(true)
    await app.closeWithBackup()
    expect(reasons(dbPath)).toEqual(['mulai', 'tutup'])
    // The closing backup holds the last write: reopen it and look.
    const again = await openApp({
      dbPath: join(
        backupDir(dbPath),
        readdirSync(backupDir(dbPath)).find((n) => n.endsWith('-tutup.sqlite'))!,
      ),
    })
    const teams = await again.dispatcher.call('regu.daftar', {}, meta)
    expect(teams.ok && (teams.result as { nama: string }[]).map((t) => t.nama)).toContain('Tutup')
    again.close()
  })

  it('a new file without an election has nothing to back up at start; tests and the CLI make none', async () => {
    const empty = join(root, 'kosong.sqlite')
    const app = await openApp({ dbPath: empty, backups: { everyMinutes: 60 } })
    await new Promise((r) => setTimeout(r, 200))
    expect(reasons(empty)).toEqual([])
    await app.closeWithBackup()
    expect(reasons(empty)).toEqual([])

    const quiet = join(root, 'tanpa-jadwal.sqlite')
    const plain = await openApp({ dbPath: quiet, demoCsvPath: DEMO_CSV })
    await plain.closeWithBackup()
    expect(reasons(quiet)).toEqual([])
  })
})
