import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openTestApp } from '../support/api'
import { receive, variantIdsByCode } from '../support/floor'

/**
 * An acknowledged write survives a power cut only while the app's WAL is the file's WAL. SQLite's locks
 * are POSIX locks, which a process drops on a file as soon as it closes ANY descriptor of that file: a
 * check that opens and closes the live election file with node:fs (the header read of Periksa
 * integritas, run at every start in the background) leaves the app holding no lock, and the next
 * sqlite3, DB Browser or second program to open and close the file takes the app for gone, checkpoints
 * and deletes -wal and -shm under it. Every later write then goes to an unlinked WAL.
 */
describe('the live WAL', () => {
  it('stays the file’s WAL after Periksa integritas, whatever another program opens and closes', async () => {
    const app = await openTestApp()
    try {
      const gub = (await variantIdsByCode(app.call)).GUBERNUR!
      await receive(app.call, '2024-11-04T08:00', [[gub, 10]])
      expect((await app.call('ledger.periksa', {})).ok).toBe(true)
      // Another program looks at the file (sqlite3, as an IT officer or an insider would).
      execFileSync('sqlite3', [app.dbPath, 'SELECT count(*) FROM ledger'])
      expect(existsSync(app.dbPath + '-wal'), 'the app’s -wal was deleted under it').toBe(true)
      await receive(app.call, '2024-11-04T09:00', [[gub, 20]])
      // What the app acknowledged is what anyone reading the file sees.
      const onDisk = Number(execFileSync('sqlite3', [app.dbPath, 'SELECT count(*) FROM ledger']).toString())
      expect(onDisk).toBe(app.ctx.db.prepare('SELECT count(*) FROM ledger').pluck().get())
    } finally {
      app.close()
    }
  })

  it('stays the file’s WAL when the folder picked for backups is the one that holds the election file', async () => {
    const app = await openTestApp()
    try {
      const gub = (await variantIdsByCode(app.call)).GUBERNUR!
      await receive(app.call, '2024-11-04T08:00', [[gub, 10]])
      await app.call('cadangan.pilihFolder', { folder: dirname(app.dbPath) })
      // The election file is not a backup: it is neither listed nor offered for a restore.
      const listed = await app.call('cadangan.daftar', { folder: dirname(app.dbPath) })
      expect(listed.map((c) => c.name)).not.toContain(basename(app.dbPath))
      const refusal = await app.refusal('cadangan.pulihkan', { file: app.dbPath })
      expect(refusal.message).toMatch(/berkas pemilihan yang sedang dibuka/)
      execFileSync('sqlite3', [app.dbPath, 'SELECT count(*) FROM ledger'])
      expect(existsSync(app.dbPath + '-wal'), 'the app’s -wal was deleted under it').toBe(true)
    } finally {
      app.close()
    }
  })
})
