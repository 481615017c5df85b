import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { demoElectionAt, rollBackTo } from '../support/migrations'
import { beforeAll, describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import { verifyChain } from '../../src/db/ledger'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/db/migrations'
import { openDatabase, schemaVersion } from '../../src/db/open'
import { useTempDir } from '../support/tempDir'

/**
 * Migration 0005 (users and the sign-in log) on a file that lived under 0001–0004 with a whole demo
 * election in it: nothing already there changes, the file is backed up first, the new tables enforce
 * their rules, and the app then asks for a first admin before anything else is written.
 */
const root = useTempDir('m0005')
const path = join(root, 'm5.sqlite')

let before: { ledger: unknown[]; audit: number; tps: number }

beforeAll(async () => {
  // A demo election built by today's app, then taken back to 0004 (test/support/migrations.ts).
  await demoElectionAt(root, path)
  rollBackTo(path, 4)
  const db = openDatabase(path, { mustExist: true, migrations: MIGRATIONS.slice(0, 4) })
  expect(schemaVersion(db)).toBe(4)
  before = {
    ledger: db.prepare('SELECT * FROM ledger ORDER BY seq').all(),
    // Rows of the app's own actions (the migrations' own rows aside).
    audit: (db.prepare(`SELECT count(*) AS n FROM audit WHERE action <> 'migrasi'`).get() as { n: number }).n,
    tps: (db.prepare('SELECT count(*) AS n FROM tps').get() as { n: number }).n,
  }
  db.close()
})

describe('migration 0005 on a database that lived under 0001–0004', () => {
  it('is applied by openApp after a verified backup of the old file, keeping every row', async () => {
    const app = await openApp({ dbPath: path })
    try {
      // 0005 and, after it, every later migration.
      expect(app.ctx.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
        MIGRATIONS.map((m) => m.version),
      )
      expect(MIGRATIONS.map((m) => m.version)).toContain(5)
      expect(schemaVersion(app.ctx.db)).toBe(LATEST_SCHEMA_VERSION)
      const backups = readdirSync(join(root, 'cadangan', 'm5')).filter((n) => n.endsWith('-migrasi.sqlite'))
      expect(backups).toHaveLength(1)
      const old = openDatabase(join(root, 'cadangan', 'm5', backups[0]!), {
        mustExist: true,
        migrations: MIGRATIONS.slice(0, 4),
      })
      expect(schemaVersion(old)).toBe(4)
      old.close()
      expect(app.ctx.db.prepare('SELECT * FROM ledger ORDER BY seq').all()).toEqual(before.ledger)
      expect((app.ctx.db.prepare('SELECT count(*) AS n FROM tps').get() as { n: number }).n).toBe(before.tps)
      expect(verifyChain(app.ctx.db).problem).toBeNull()
      // No users yet: the app asks for the first admin and refuses other writes.
      const status = await app.dispatcher.call('sesi.lihat', {}, { actor: 'os', transport: 'http' })
      expect(status).toMatchObject({ ok: true, result: { needsFirstAdmin: true, user: null } })
      expect(
        await app.dispatcher.call('regu.tambah', { nama: 'Regu' }, { actor: 'os', transport: 'http' }),
      ).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED', need: 'admin' } })
    } finally {
      app.close()
    }
  })

  it('enforces its rules in the schema: a PIN for every non-operator, unique names whatever the case, an append-only log', () => {
    const db = openDatabase(path, { mustExist: true })
    try {
      const add = db.prepare('INSERT INTO pengguna (nama, role, pin_hash, pin_salt, created_at) VALUES (?, ?, ?, ?, ?)')
      expect(() => add.run('Tanpa PIN', 'koordinator', null, null, '2024-11-05')).toThrow(/CHECK constraint failed/)
      expect(() => add.run('Peran Asing', 'ketua', 'aa', 'bb', '2024-11-05')).toThrow(/CHECK constraint failed/)
      add.run('Operator Satu', 'operator', null, null, '2024-11-05')
      expect(() => add.run('OPERATOR SATU', 'operator', null, null, '2024-11-05')).toThrow(/UNIQUE constraint failed/)
      db.prepare(
        `INSERT INTO sesi_log (at, pengguna_id, nama, event, transport) VALUES ('2024-11-05', 1, 'Operator Satu', 'masuk', 'ipc')`,
      ).run()
      expect(() => db.prepare(`UPDATE sesi_log SET nama = 'Orang Lain'`).run()).toThrow('sesi_log hanya dapat ditambah')
      expect(() => db.prepare('DELETE FROM sesi_log').run()).toThrow('sesi_log hanya dapat ditambah')
      expect(() =>
        db.prepare(`INSERT INTO sesi_log (at, nama, event, transport) VALUES ('x', 'y', 'masuk-paksa', 'ipc')`).run(),
      ).toThrow(/CHECK constraint failed/)
      expect((db.prepare(`SELECT count(*) AS n FROM audit WHERE action <> 'migrasi'`).get() as { n: number }).n).toBe(
        before.audit,
      )
    } finally {
      db.close()
    }
  })
})
