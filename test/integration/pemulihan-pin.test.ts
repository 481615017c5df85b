import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupDir } from '../../src/services/cadangan'
import { apiOf, openTestApp, useTempDir, type TestApp } from '../support/api'

/**
 * A restore in recovery mode (issue 15: it needed no user). Real broken files, the real dispatcher in
 * recovery mode, called as a window with no one signed in: an admin's PIN from the broken file or the
 * backup is asked for when either users table can be read; when neither can, the restore goes ahead and
 * the restore log says so.
 */
const dir = useTempDir('pemulihan-pin')
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
const log = (dbPath: string, stem: string) =>
  readFileSync(join(backupDir(dbPath), `${stem}-pemulihan.log`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { oleh: string; dari: string; sebelumnya: string })

let backupFile = ''
let dbPath = ''

beforeAll(async () => {
  const app = await openTestApp({ dir, name: 'gudang' })
  dbPath = app.dbPath
  backupFile = (await app.call('cadangan.buat')).file
  app.close()
}, 60_000)

describe('restoring in recovery mode', () => {
  let app: TestApp
  afterAll(() => app?.close())

  it('asks for an admin PIN when the broken file’s users table can be read, and records who restored', async () => {
    // Broken behind the app's back, users intact: a protective trigger dropped.
    const raw = new Database(dbPath)
    raw.exec('DROP TRIGGER ledger_no_update')
    raw.close()
    app = await openTestApp({ dbPath, demo: false })
    expect(app.state.mode).toBe('pemulihan')
    const window = apiOf(app, { actor: 'operator', transport: 'http' })
    const before = sha(dbPath)

    const noPin = await window.refusal('cadangan.pulihkan', { file: backupFile })
    expect(noPin).toMatchObject({ code: 'REFUSED', details: [{ column: 'pin', message: 'PIN admin wajib diisi' }] })
    const wrong = await window.refusal('cadangan.pulihkan', { file: backupFile, pin: '111111' })
    expect(wrong.message).toBe('PIN admin salah; tidak ada yang diubah')
    expect(sha(dbPath)).toBe(before)

    const r = await window.call('cadangan.pulihkan', { file: backupFile, pin: '240424' })
    expect(r.oleh).toBe('Admin Gudang')
    expect(app.state.mode).toBe('normal')
    expect(log(dbPath, 'gudang').at(-1)).toMatchObject({
      oleh: 'Admin Gudang',
      dari: backupFile,
      sebelumnya: r.previous,
    })
  })

  it('five wrong PINs lock the restore for five minutes, even with the right one', async () => {
    app.close()
    writeFileSync(dbPath, '') // an interrupted copy: 0 bytes, nothing readable; the backup's users are asked
    app = await openTestApp({ dbPath, demo: false })
    expect(app.state.mode).toBe('pemulihan')
    const window = apiOf(app, { actor: 'operator', transport: 'http' })
    for (let i = 0; i < 5; i++) await window.refusal('cadangan.pulihkan', { file: backupFile, pin: '999999' })
    const locked = await window.refusal('cadangan.pulihkan', { file: backupFile, pin: '240424' })
    expect(locked.message).toMatch(/terkunci, coba lagi dalam 5 menit/)
    expect(readFileSync(dbPath).length).toBe(0)
  })

  it('with no users table readable anywhere, restores and says so in the answer and the log', async () => {
    app.close()
    // A backup whose users table is gone (made by a tool, or before users existed), in the backup folder.
    const bare = join(backupDir(dbPath), 'gudang-20240101-080000-manual.sqlite')
    copyFileSync(backupFile, bare)
    const raw = new Database(bare)
    raw.exec('DROP TABLE pengguna')
    raw.close()
    writeFileSync(dbPath, '')
    app = await openTestApp({ dbPath, demo: false })
    const window = apiOf(app, { actor: 'operator', transport: 'http' })
    const r = await window.call('cadangan.pulihkan', { file: bare })
    expect(r.oleh).toMatch(/^tanpa PIN: tabel pengguna .* tidak dapat dibaca$/)
    expect(log(dbPath, 'gudang').at(-1)).toMatchObject({ oleh: r.oleh, dari: bare })
  })

  it('a file outside the backup folder and the picked ones is not restored from', async () => {
    const outside = join(dir, 'di-luar.sqlite')
    copyFileSync(backupFile, outside)
    const e = await apiOf(app, 'Admin Gudang').refusal('cadangan.pulihkan', { file: outside, pin: '240424' })
    expect(e.message).toContain('belum pernah dipilih sebagai folder cadangan')
  })
})
