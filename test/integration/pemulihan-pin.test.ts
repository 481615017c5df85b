import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupDir } from '../../src/services/cadangan'
import { apiOf, openTestApp, useTempDir, type TestApp } from '../support/api'
import { gudangCommand } from '../support/gudang'
import { expectIssues } from '../support/errors'

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
/** A second broken file (a dropped trigger, users readable) with the same backup, for the command line. */
const cliDb = join(dir, 'cli', 'gudang.sqlite')
let cliBackup = ''

beforeAll(async () => {
  const app = await openTestApp({ dir, name: 'gudang' })
  dbPath = app.dbPath
  backupFile = (await app.call('cadangan.buat')).file
  app.close()
  cliBackup = join(backupDir(cliDb), basename(backupFile))
  mkdirSync(backupDir(cliDb), { recursive: true })
  copyFileSync(backupFile, cliBackup)
  copyFileSync(dbPath, cliDb)
  const raw = new Database(cliDb)
  raw.exec('DROP TRIGGER ledger_no_update')
  raw.close()
}, 60_000)

describe('recovery mode on the command line and for backup folders', () => {
  let app: TestApp
  afterAll(() => app?.close())

  it('the command line restores only as an admin named by --user with its PIN; picking a folder needs an admin too', async () => {
    app = await openTestApp({ dbPath: cliDb, demo: false })
    expect(app.state.mode).toBe('pemulihan')
    const before = sha(cliDb)
    const cli = (actor: string) => apiOf(app, { actor, transport: 'cli' })

    const noUser = await cli('budi').refusal('cadangan.pulihkan', { file: cliBackup })
    expect(noUser.message).toMatch(/--user NAMA.*GUDANG_PIN/)
    const notAdmin = await cli('Operator Sortir').refusal('cadangan.pulihkan', { file: cliBackup, pin: '240424' })
    expect(notAdmin.message).toMatch(/^Operator Sortir bukan admin/)
    const wrong = await cli('Admin Gudang').refusal('cadangan.pulihkan', { file: cliBackup, pin: '111111' })
    expect(wrong.message).toBe('PIN admin salah; tidak ada yang diubah')
    expect(sha(cliDb)).toBe(before)

    // A folder typed in a window or on the command line: an admin's PIN; picked in the system's dialog: the
    // person's own choice.
    const usb = join(dir, 'usb')
    const window = apiOf(app, { actor: 'operator', transport: 'http' })
    expectIssues((await window.refusal('cadangan.pilihFolder', { folder: usb })).details, [
      'pin',
      'PIN admin wajib diisi',
    ])
    expect((await cli('budi').refusal('cadangan.pilihFolder', { folder: usb })).message).toMatch(/--user NAMA/)
    expect(await app.call('cadangan.daftarFolder')).toEqual([])
    const picked = await window.call('cadangan.pilihFolder', { folder: usb, pin: '240424' })
    expect(picked).toMatchObject([{ folder: usb, oleh: 'Admin Gudang' }])
    const dialog = apiOf(app, { actor: 'pengguna di PC ini (jendela pemilih folder)', transport: 'dialog' })
    expect(await dialog.call('cadangan.pilihFolder', { folder: join(dir, 'usb-2') })).toHaveLength(2)
    // A LAN station is not the host: it neither restores nor picks folders there.
    const station = apiOf(app, {
      actor: 'Ani',
      transport: 'stasiun',
      stasiun: { id: 1, nama: 'Meja 1', cakupan: 'penuh' },
      idempotencyKey: 'pulih-1',
    })
    expect((await station.refusal('cadangan.pulihkan', { file: cliBackup, pin: '240424' })).message).toMatch(
      /komputer induk/,
    )
  })

  it('wrong PINs lock the restore across restarts, as `gudang` runs each time in a new process', async () => {
    // The right PIN above ended the count; five wrong ones here, then the app is opened anew (a new `gudang` run).
    for (let i = 0; i < 5; i++)
      await apiOf(app, { actor: 'Admin Gudang', transport: 'cli' }).refusal('cadangan.pulihkan', {
        file: cliBackup,
        pin: '999999',
      })
    app.close()
    app = await openTestApp({ dbPath: cliDb, demo: false })
    const locked = await apiOf(app, { actor: 'Admin Gudang', transport: 'cli' }).refusal('cadangan.pulihkan', {
      file: cliBackup,
      pin: '240424',
    })
    expect(locked.message).toMatch(/terkunci, coba lagi dalam 5 menit/)
    app.close()
  })

  it('`gudang call cadangan.pulihkan` in recovery mode: refused without --user, done with --user and GUDANG_PIN', async () => {
    // A third broken file: the lock above belongs to the second file's backup folder.
    const db = join(dir, 'cli3', 'gudang.sqlite')
    mkdirSync(backupDir(db), { recursive: true })
    const backup = join(backupDir(db), basename(backupFile))
    copyFileSync(backupFile, backup)
    copyFileSync(backupFile, db)
    const raw = new Database(db)
    raw.exec('DROP TRIGGER ledger_no_update')
    raw.close()
    const gudang = gudangCommand(join(dir, 'data'), { GUDANG_PIN: '240424' })
    const input = JSON.stringify({ file: backup })
    const before = sha(db)
    const noUser = gudang('call', '--db', db, 'cadangan.pulihkan', input)
    expect(noUser.code).toBe(1)
    expect(noUser.stderr).toMatch(/--user NAMA/)
    expect(sha(db)).toBe(before)
    const done = gudang('call', '--db', db, '--user', 'Admin Gudang', 'cadangan.pulihkan', input)
    expect(done.stderr).toBe('')
    expect(done.code).toBe(0)
    expect(JSON.parse(done.stdout)).toMatchObject({ oleh: 'Admin Gudang' })
    expect(log(db, 'gudang').at(-1)).toMatchObject({ oleh: 'Admin Gudang', dari: backup })
  })
})

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
