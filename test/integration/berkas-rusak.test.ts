import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import { asWritable } from '../../src/db/handles'
import { writeTx } from '../../src/services/context'
import { recordMoves } from '../../src/services/ledger'
import { openTestApp, useTempDir } from '../support/api'
import { brokenFile, halfThePages, truncatedTo } from '../support/brokenFiles'
import { gudangCommand, type GudangRun } from '../support/gudang'

/**
 * Broken election files (issue 15, defect 3): every one reaches the recovery screen named for what it
 * is, before anything writes to it; `gudang verify` reports it as a finding (exit 1), never a stack
 * trace, and leaves the file byte for byte as it was. Real files, the real built command.
 */
const dir = useTempDir('berkas-rusak')
let source = ''
let gudang: (...args: string[]) => GudangRun
let copies = 0

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
const copy = () => {
  const file = join(dir, `salinan-${++copies}.sqlite`)
  copyFileSync(source, file)
  return file
}
const beside = (file: string) =>
  readdirSync(dir)
    .filter((n) => n.startsWith(`${file.split('/').pop()!}`))
    .sort()

beforeAll(async () => {
  gudang = gudangCommand(dir)
  const app = await openTestApp({ dir, name: 'sumber' })
  const [a, b] = app.ctx.db.prepare('SELECT id FROM barang_varian ORDER BY id LIMIT 2').all() as { id: number }[]
  recordMoves(app.ctx, { actor: 'Petugas Uji' }, [
    { variantId: a!.id, from: 'PENYEDIA', to: 'DITERIMA', qty: 1000 },
    { variantId: a!.id, from: 'DITERIMA', to: 'BAIK', qty: 400 },
    { variantId: b!.id, from: 'PENYEDIA', to: 'DITERIMA', qty: 500 },
  ])
  source = app.dbPath
  app.close()
}, 60_000)

/** The recovery state openApp reaches, and that the file's bytes did not change on the way. */
async function recoveryOf(file: string): Promise<string> {
  const before = sha(file)
  const app = await openApp({ dbPath: file })
  try {
    expect(app.state.mode).toBe('pemulihan')
    expect(sha(file), 'opening a broken file wrote to it').toBe(before)
    return app.state.problem ?? ''
  } finally {
    app.close()
  }
}

/** `gudang verify` on a broken file: exit 1, the finding named, no stack trace, the bytes unchanged. */
function verifyFinding(file: string): string {
  const before = sha(file)
  const run = gudang('verify', '--db', file)
  const out = run.stdout + run.stderr
  expect(run.code, out).toBe(1)
  expect(out).not.toMatch(/Kesalahan internal|\n\s+at /)
  expect(sha(file), 'verify wrote to the file it checked').toBe(before)
  return out
}

describe('a broken election file', () => {
  it('of 0 bytes (an interrupted copy) is never treated as a new election', async () => {
    const file = join(dir, 'kosong.sqlite')
    brokenFile('kosong (0 bita)').apply(file)
    expect(await recoveryOf(file)).toMatch(/kosong \(0 bita\)/)
    expect(statSync(file).size).toBe(0)
    expect(verifyFinding(file)).toMatch(/kosong \(0 bita\)/)
    expect(statSync(file).size).toBe(0)
  })

  it('that is not SQLite at all is named so', async () => {
    const file = join(dir, 'acak.sqlite')
    brokenFile('isi acak').apply(file)
    expect(await recoveryOf(file)).toMatch(/bukan basis data SQLite/)
    expect(verifyFinding(file)).toMatch(/bukan basis data SQLite/)
  })

  it('cut short at one page or at half is named truncated', async () => {
    const sizes = [(_f: string, page: number) => page, halfThePages, (_f: string, page: number) => page * 3 + 100]
    for (const size of sizes) {
      const file = copy()
      truncatedTo(size)(file)
      expect(await recoveryOf(file)).toMatch(/terpotong/)
      expect(verifyFinding(file)).toMatch(/terpotong/)
    }
  })

  it('with zeroed pages reaches the recovery screen instead of crashing, and verify names the damage', async () => {
    const file = copy()
    brokenFile('halaman berisi nol').apply(file)
    expect(await recoveryOf(file)).toMatch(/rusak|SQLite/)
    expect(verifyFinding(file)).toMatch(/BERMASALAH|rusak/)
  })

  it('with a table dropped behind the app reaches the recovery screen naming the table', async () => {
    const file = copy()
    brokenFile('tabel dihapus').apply(file)
    expect(await recoveryOf(file)).toMatch(/segel/)
    expect(verifyFinding(file)).toMatch(/Tabel segel hilang/)
  })

  it('written by a newer version reaches the recovery screen saying so, verify reports it, and neither leaves anything beside it', async () => {
    const file = copy()
    // An election file as the app leaves it: in WAL mode, closed cleanly, nothing beside it.
    brokenFile('dari versi yang lebih baru').apply(file)
    const [before, files] = [sha(file), beside(file)]
    expect(await recoveryOf(file)).toMatch(/versi Gudang Pemilu yang lebih baru.*Perbarui aplikasi/)
    expect(beside(file), 'the app left files beside one it refused').toEqual(files)
    expect(verifyFinding(file)).toMatch(/versi Gudang Pemilu yang lebih baru/)
    expect(beside(file), 'verify left files beside the one it checked').toEqual(files)
    expect(sha(file)).toBe(before)
  })
})

describe('gudang verify never writes the file it checks', () => {
  it('a rollback-journal file (a backup at rest) stays byte for byte, with nothing left beside it', () => {
    const file = copy()
    const db = new Database(file)
    db.pragma('journal_mode = DELETE')
    db.close()
    const [before, files] = [sha(file), beside(file)]
    const run = gudang('verify', '--db', file)
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toContain('UTUH')
    expect(sha(file)).toBe(before)
    expect(beside(file)).toEqual(files)
  })

  it('a WAL file with committed rows still in its -wal stays byte for byte, -wal included', () => {
    const file = copy()
    // A writer that has not checkpointed: its last rows live only in the -wal, as after a crash.
    const writer = new Database(file)
    writer.pragma('journal_mode = WAL')
    writer.pragma('wal_autocheckpoint = 0')
    const ctx = { db: asWritable(writer), dbPath: file, now: () => new Date() }
    const [v] = writer.prepare('SELECT id FROM barang_varian ORDER BY id LIMIT 1').all() as { id: number }[]
    writeTx(ctx, { actor: 'Petugas Uji' }, 'uji.tulis', () => ({
      result: recordMoves(ctx, { actor: 'Petugas Uji' }, [
        { variantId: v!.id, from: 'PENYEDIA', to: 'DITERIMA', qty: 7 },
      ]),
      detail: null,
    }))
    const snapshot = join(dir, `wal-${++copies}.sqlite`)
    expect(statSync(file + '-wal').size).toBeGreaterThan(0)
    for (const s of ['', '-wal', '-shm']) if (existsSync(file + s)) copyFileSync(file + s, snapshot + s)
    writer.close()
    const before = ['', '-wal'].map((s) => (existsSync(snapshot + s) ? sha(snapshot + s) : null))
    const run = gudang('verify', '--db', snapshot)
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(['', '-wal'].map((s) => (existsSync(snapshot + s) ? sha(snapshot + s) : null))).toEqual(before)
  })
})

describe('restoring', () => {
  it('twice in the same second keeps both undo files', async () => {
    const at = new Date(2024, 10, 4, 9, 0, 0)
    const app = await openTestApp({ dbPath: copy(), now: () => at })
    try {
      const backup = await app.call('cadangan.buat', {})
      await app.call('cadangan.pulihkan', { file: backup.file })
      await app.call('cadangan.pulihkan', { file: backup.file })
      const undo = (await app.call('cadangan.daftar', {})).filter((b) => b.reason === 'sebelum-pulih')
      expect(undo.map((b) => b.name)).toHaveLength(2)
      expect(new Set(undo.map((b) => b.name)).size).toBe(2)
    } finally {
      app.close()
    }
  })
})
