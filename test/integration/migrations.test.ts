import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/core/errors'
import { MIGRATIONS, type Migration } from '../../src/db/migrations'
import { openDatabase, schemaVersion, type DB } from '../../src/db/open'
import { raw } from '../support/migrations'
import { useTempDir } from '../support/tempDir'

const root = useTempDir('migrations')
let fileNo = 0
const newPath = (name = 'db') => join(root, `${name}-${++fileNo}.sqlite`)

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

function caught(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected the call to throw')
}

function expectAppError(fn: () => unknown, code: string, message: RegExp): AppError {
  const err = caught(fn)
  expect(err).toBeInstanceOf(AppError)
  const e = err as AppError
  expect(e.code).toBe(code)
  expect(e.message).toMatch(message)
  return e
}

const tables = (db: DB) =>
  (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[]
  ).map((r) => r.name)

const applied = (db: DB) =>
  db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
    version: number
    name: string
  }[]

/** Makes a file this app created, then marks it as migrated by a future version. */
function fileFromNewerApp(journalMode: 'WAL' | 'DELETE'): string {
  const path = newPath('newer')
  const db = openDatabase(path)
  const next = MIGRATIONS.at(-1)!.version + 1
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
    next,
    `${String(next).padStart(4, '0')}_future`,
    '2030-01-01T00:00:00.000Z',
  )
  db.exec('CREATE TABLE future_table (x INTEGER)')
  db.pragma(`journal_mode = ${journalMode}`)
  db.close()
  expect(existsSync(path + '-wal')).toBe(false)
  return path
}

describe('openDatabase on a new file', () => {
  it('records every migration and sets WAL, synchronous=FULL and foreign_keys', () => {
    const path = newPath()
    expect(existsSync(path)).toBe(false)
    const db = openDatabase(path)
    try {
      expect(applied(db)).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })))
      expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version)
      const appliedAt = db.prepare('SELECT applied_at FROM schema_migrations').all() as { applied_at: string }[]
      for (const a of appliedAt) expect(Number.isNaN(Date.parse(a.applied_at))).toBe(false)
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('synchronous', { simple: true })).toBe(2)
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      for (const t of [
        'pemilihan',
        'kecamatan',
        'desa',
        'tps',
        'barang',
        'dapil',
        'dapil_kecamatan',
        'barang_varian',
        'ledger',
        'balance',
        'audit',
      ]) {
        expect(tables(db)).toContain(t)
      }
    } finally {
      db.close()
    }
    // WAL is a property of the file, not only of the connection.
    expect(raw(path, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal')
  })

  it('reopening is idempotent: no migration runs twice and the schema is unchanged', () => {
    const path = newPath()
    openDatabase(path).close()
    const schemaOf = () =>
      raw(path, (db) => db.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY type, name`).all())
    const migrationsOf = () => raw(path, (db) => db.prepare('SELECT * FROM schema_migrations ORDER BY version').all())
    const schemaBefore = schemaOf()
    const migrationsBefore = migrationsOf()
    for (let i = 0; i < 3; i++) {
      const db = openDatabase(path, { mustExist: true })
      expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version)
      db.close()
    }
    expect(schemaOf()).toEqual(schemaBefore)
    // applied_at would change if a migration were recorded again.
    expect(migrationsOf()).toEqual(migrationsBefore)
  })

  it('mustExist refuses a missing file without creating it', () => {
    const path = newPath('missing')
    expectAppError(() => openDatabase(path, { mustExist: true }), 'DATABASE', /tidak ditemukan/)
    expect(existsSync(path)).toBe(false)
  })
})

describe('refusing files it must not touch', () => {
  it('refuses a database from a newer app version and leaves the file byte for byte unchanged', () => {
    const path = fileFromNewerApp('WAL')
    const before = sha256(path)
    const e = expectAppError(() => openDatabase(path), 'DATABASE', /versi Gudang Pemilu yang lebih baru/)
    expect(e.message).toContain(`skema versi ${MIGRATIONS.at(-1)!.version + 1}`)
    expect(sha256(path)).toBe(before)
    expect(existsSync(path + '-wal')).toBe(false)
    // Still the newer file: its own table and its migration record survive.
    raw(path, (db) => {
      expect(tables(db)).toContain('future_table')
      expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version + 1)
    })
  })

  it('refuses a newer rollback-journal file (e.g. a VACUUM INTO backup) without rewriting its header', () => {
    const path = fileFromNewerApp('DELETE')
    const before = sha256(path)
    expectAppError(() => openDatabase(path), 'DATABASE', /versi Gudang Pemilu yang lebih baru/)
    expect(sha256(path)).toBe(before)
  })

  it('refuses an unknown migration history and leaves the file unchanged', () => {
    const path = newPath('foreign')
    openDatabase(path).close()
    raw(path, (db) => db.prepare(`UPDATE schema_migrations SET name = '0001_somebody_else' WHERE version = 1`).run())
    const before = sha256(path)
    expectAppError(() => openDatabase(path), 'DATABASE', /Riwayat migrasi basis data tidak dikenal.*0001_somebody_else/)
    expect(sha256(path)).toBe(before)
  })

  it('refuses a history with a version the app does not have in that position', () => {
    const path = newPath('gap')
    const m1 = MIGRATIONS[0]!
    const two: Migration[] = [m1, { version: 3, name: '0003_three', sql: 'CREATE TABLE three (x INTEGER);' }]
    openDatabase(path, { migrations: two }).close()
    // An app whose list is [1, 2, 3]: version 3 recorded where it expects 2.
    const three: Migration[] = [m1, { version: 2, name: '0002_two', sql: 'CREATE TABLE two (x INTEGER);' }, two[1]!]
    expectAppError(
      () => openDatabase(path, { migrations: three }),
      'DATABASE',
      /Riwayat migrasi basis data tidak dikenal \(versi 3/,
    )
    raw(path, (db) => expect(tables(db)).not.toContain('two'))
  })

  it('refuses a file of random bytes with a clear DATABASE error and does not change it', () => {
    const path = newPath('random')
    writeFileSync(path, randomBytes(16 * 1024))
    const before = sha256(path)
    expectAppError(() => openDatabase(path), 'DATABASE', /bukan basis data Gudang Pemilu yang utuh/)
    expect(sha256(path)).toBe(before)
    expect(existsSync(path + '-wal')).toBe(false)
  })

  it('refuses a text file renamed to .sqlite', () => {
    const path = newPath('text')
    writeFileSync(path, 'kode_kecamatan,kecamatan,kode_desa,desa,no_tps,dpt\n'.repeat(200))
    expectAppError(() => openDatabase(path), 'DATABASE', /bukan basis data/)
  })
})

describe('a migration that fails midway', () => {
  const m1 = MIGRATIONS[0]!
  const bad: Migration = {
    version: m1.version + 1,
    name: '0002_broken',
    sql: `CREATE TABLE shift (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
          CREATE INDEX shift_name ON shift(name);
          ALTER TABLE item ADD COLUMN barcode TEXT;
          CREATE TABLE tally (id INTEGER PRIMARY KEY, shift_id INTEGER REFERENCES shift(id);`, // missing ')'
  }

  it('leaves an existing database exactly at the previous version', () => {
    const path = newPath('midway')
    const db1 = openDatabase(path, { migrations: [m1] })
    db1
      .prepare(`INSERT INTO audit (at, actor, action, detail) VALUES ('2024-01-01T00:00:00Z', 'ani', 'test', '{}')`)
      .run()
    db1.close()
    const schemaBefore = raw(path, (db) =>
      db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all(),
    )

    expect(() => openDatabase(path, { migrations: [m1, bad] })).toThrow(/syntax error|incomplete input/)

    raw(path, (db) => {
      expect(applied(db)).toEqual([{ version: m1.version, name: m1.name }])
      expect(tables(db)).not.toContain('shift')
      expect(tables(db)).not.toContain('tally')
      const itemColumns = (db.pragma('table_info(item)') as { name: string }[]).map((c) => c.name)
      expect(itemColumns).not.toContain('barcode')
      expect(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all()).toEqual(schemaBefore)
      expect(db.prepare('SELECT count(*) AS n FROM audit').get()).toEqual({ n: 1 })
    })
    // The old app still opens it normally afterwards.
    const again = openDatabase(path, { migrations: [m1] })
    expect(schemaVersion(again)).toBe(m1.version)
    again.close()
  })

  it('on a new file, applies none of the batch (no tables at all, not even the migration record)', () => {
    const path = newPath('midway-new')
    expect(() => openDatabase(path, { migrations: [m1, bad] })).toThrow()
    raw(path, (db) => {
      expect(tables(db)).toEqual([])
    })
  })
})

describe('migration 0001: ledger, balance and audit rules enforced by SQLite itself', () => {
  function seeded() {
    const db = openDatabase(newPath('m0001'), { migrations: [MIGRATIONS[0]!] })
    db.exec(`
      INSERT INTO item (id, code, name, kind, unit, rule, sort_order) VALUES (1, 'TINTA', 'Tinta', 'logistics', 'botol', 'per_tps', 10);
      INSERT INTO item_variant (id, item_id) VALUES (1, 1);`)
    let seq = 0
    const insert = (from: string, to: string, qty: number, variantId = 1) => {
      seq++
      return db
        .prepare(
          `INSERT INTO ledger (seq, at, actor, variant_id, from_place, to_place, qty, prev_hash, hash)
           VALUES (?, '2024-11-01T08:00:00.000Z', 'ani', ?, ?, ?, ?, ?, ?)`,
        )
        .run(seq, variantId, from, to, qty, `prev${seq}`, `hash${seq}-${Math.random()}`)
    }
    const bal = (place: string) =>
      (
        db.prepare('SELECT qty FROM balance WHERE variant_id = 1 AND place = ?').get(place) as
          { qty: number } | undefined
      )?.qty
    return { db, insert, bal }
  }

  it('inserting ledger rows works and maintains the balance table', () => {
    const { db, insert, bal } = seeded()
    insert('PENYEDIA', 'DITERIMA', 100)
    insert('DITERIMA', 'BAIK', 60)
    insert('DITERIMA', 'BAIK', 40)
    expect(bal('PENYEDIA')).toBe(-100)
    expect(bal('DITERIMA')).toBe(0)
    expect(bal('BAIK')).toBe(100)
    expect(db.prepare('SELECT count(*) AS n FROM ledger').get()).toEqual({ n: 3 })
    db.close()
  })

  it('UPDATE and DELETE on the ledger abort with the append-only message', () => {
    const { db, insert } = seeded()
    insert('PENYEDIA', 'DITERIMA', 100)
    expect(() => db.prepare('UPDATE ledger SET qty = 99 WHERE seq = 1').run()).toThrow(
      'Buku besar hanya boleh ditambah: baris tidak dapat diubah; catat koreksi sebagai baris baru',
    )
    expect(() => db.prepare('DELETE FROM ledger WHERE seq = 1').run()).toThrow(
      'Buku besar hanya boleh ditambah: baris tidak dapat dihapus; catat koreksi sebagai baris baru',
    )
    expect(() => db.prepare('DELETE FROM ledger').run()).toThrow(/Buku besar hanya boleh ditambah/)
    expect(db.prepare('SELECT qty FROM ledger WHERE seq = 1').get()).toEqual({ qty: 100 })
    db.close()
  })

  it('UPDATE and DELETE on the audit log abort', () => {
    const { db } = seeded()
    db.prepare(
      `INSERT INTO audit (at, actor, action, detail) VALUES ('2024-11-01T08:00:00Z', 'ani', 'pemilihan.buat', '{}')`,
    ).run()
    expect(() => db.prepare(`UPDATE audit SET actor = 'budi'`).run()).toThrow('Jejak audit tidak dapat diubah')
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow('Jejak audit tidak dapat dihapus')
    expect(db.prepare('SELECT actor FROM audit').all()).toEqual([{ actor: 'ani' }])
    db.close()
  })

  it('the balance CHECK refuses a negative non-PENYEDIA balance even from raw SQL', () => {
    const { db, insert, bal } = seeded()
    insert('PENYEDIA', 'DITERIMA', 10)
    // A ledger row that would overdraw DITERIMA: the trigger's UPDATE fails the CHECK and the whole INSERT is undone.
    expect(() => insert('DITERIMA', 'BAIK', 11)).toThrow(/CHECK constraint failed/)
    expect(bal('DITERIMA')).toBe(10)
    // Not even the zero row the trigger inserted first survives: the statement is undone as a whole.
    expect(bal('BAIK')).toBeUndefined()
    expect(db.prepare('SELECT count(*) AS n FROM ledger').get()).toEqual({ n: 1 })
    // Straight into the balance table.
    expect(() =>
      db.prepare(`INSERT INTO balance (variant_id, place, qty) VALUES (1, 'RUSAK:KUSUT_SOBEK', -1)`).run(),
    ).toThrow(/CHECK constraint failed/)
    expect(() => db.prepare(`UPDATE balance SET qty = -1 WHERE place = 'DITERIMA'`).run()).toThrow(
      /CHECK constraint failed/,
    )
    // The outside world may go negative.
    expect(() => db.prepare(`UPDATE balance SET qty = -500 WHERE place = 'PENYEDIA'`).run()).not.toThrow()
    db.close()
  })

  it('refuses zero, negative and fractional quantities, same-place moves and unknown variants', () => {
    const { db, insert } = seeded()
    expect(() => insert('PENYEDIA', 'DITERIMA', 0)).toThrow(/CHECK constraint failed/)
    expect(() => insert('PENYEDIA', 'DITERIMA', -5)).toThrow(/CHECK constraint failed/)
    expect(() => insert('PENYEDIA', 'DITERIMA', 1.5)).toThrow(/CHECK constraint failed/)
    expect(() => insert('BAIK', 'BAIK', 1)).toThrow(/CHECK constraint failed/)
    expect(() => insert('PENYEDIA', 'DITERIMA', 1, 999)).toThrow(/FOREIGN KEY constraint failed/)
    expect(db.prepare('SELECT count(*) AS n FROM ledger').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM balance').get()).toEqual({ n: 0 })
    db.close()
  })
})
