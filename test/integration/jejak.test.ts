import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import { evidenceTables, jejakHead, tableDigest } from '../../src/db/jejak'
import { MIGRATIONS } from '../../src/db/migrations'
import { openDatabase } from '../../src/db/open'
import { openTestApp, useTempDir } from '../support/api'
import { rollBackTo } from '../support/migrations'
import { Insider } from '../support/insider'

/**
 * The jejak chain (issue 15, defects 1–2; migration 0011): the audit log chained and committing to the
 * ledger head and to the digests of every evidence table, so an edit behind the app of a TPS's DPT, a
 * user's role, an audit row or a trigger is found and named even with no witness — as long as the editor
 * did not also recompute the chain (that is what witnesses are for: saksi.test.ts). Real files, edited
 * with better-sqlite3 directly, as an insider would.
 */
const dir = useTempDir('jejak')
let base = ''
let copies = 0

beforeAll(async () => {
  const app = await openTestApp({ dir, name: 'dasar' })
  const [a] = app.ctx.db.prepare('SELECT id FROM barang_varian ORDER BY id LIMIT 1').all() as { id: number }[]
  await app.call('pengguna.tambah', { nama: 'Ani Operator', role: 'operator' })
  const { recordMoves } = await import('../../src/services/ledger')
  recordMoves(app.ctx, { actor: 'Ani Operator' }, [{ variantId: a!.id, from: 'PENYEDIA', to: 'DITERIMA', qty: 900 }])
  recordMoves(app.ctx, { actor: 'Ani Operator' }, [{ variantId: a!.id, from: 'DITERIMA', to: 'BAIK', qty: 300 }])
  await app.call('pekerja.tambah', { nama: 'Budi Pelipat' })
  base = app.dbPath
  app.close()
}, 60_000)

const copy = () => {
  const file = join(dir, `salinan-${++copies}.sqlite`)
  copyFileSync(base, file)
  return file
}

async function verify(file: string) {
  const app = await openApp({ dbPath: file, readOnly: true })
  try {
    const res = await app.dispatcher.call('ledger.periksa', {}, { actor: 'uji', transport: 'test' })
    if (!res.ok) throw new Error(JSON.stringify(res.error))
    return res.result as {
      ok: boolean
      problem: string | null
      problems: string[]
      jejak: { firstBadSeq: number | null }
    }
  } finally {
    app.close()
  }
}

describe('the jejak chain', () => {
  it('covers every write: the file as the app left it verifies, every audit row chained', async () => {
    const v = await verify(copy())
    expect(v.problems).toEqual([])
    const db = new Database(base, { readonly: true })
    expect(db.prepare('SELECT count(*) FROM audit WHERE hash IS NULL').pluck().get()).toBe(0)
    db.close()
  })

  it('every evidence table of the latest schema has its three marking triggers (a later migration adds its own)', () => {
    const db = openDatabase(':memory:')
    const triggers = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all())
    for (const t of evidenceTables(db))
      for (const op of ['insert', 'update', 'delete']) expect(triggers, t).toContain(`jejak_${t}_${op}`)
    db.close()
  })

  it('UPDATE and DELETE of audit rows are refused by the schema', () => {
    const db = new Database(copy())
    expect(() => db.prepare(`UPDATE audit SET actor = 'x'`).run()).toThrow('Jejak audit tidak dapat diubah')
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow('Jejak audit tidak dapat dihapus')
    db.close()
  })

  it.each([
    [
      'a TPS DPT',
      `UPDATE tps SET dpt = dpt + 40 WHERE id = (SELECT min(id) FROM tps)`,
      /Tabel tps diubah di luar aplikasi setelah jejak \d+/,
    ],
    [
      'a user role',
      `UPDATE pengguna SET role = 'admin', pin_hash = 'aa', pin_salt = 'bb' WHERE nama = 'Ani Operator'`,
      /Tabel pengguna diubah di luar aplikasi setelah jejak \d+/,
    ],
    [
      'a worker added',
      `INSERT INTO pekerja (nama, nama_key, created_at) VALUES ('Pekerja Siluman', 'pekerja siluman', '2024-11-04')`,
      /Tabel pekerja diubah di luar aplikasi/,
    ],
  ])(
    'an edit of %s behind the app is named by its table and the last jejak that recorded it',
    async (_what, sql, message) => {
      const file = copy()
      new Insider(file).exec(sql).done()
      const v = await verify(file)
      expect(v.ok).toBe(false)
      expect(v.problems.join('\n')).toMatch(message)
    },
  )

  it('an edited audit row is named by its sequence', async () => {
    const file = copy()
    const seq = new Database(file, { readonly: true })
      .prepare(`SELECT seq FROM audit WHERE action = 'pengguna.tambah'`)
      .pluck()
      .get() as number
    new Insider(file).exec(`UPDATE audit SET actor = 'Orang Lain' WHERE seq = ?`, seq).done()
    const v = await verify(file)
    expect(v.jejak.firstBadSeq).toBe(seq)
    expect(v.problem).toMatch(new RegExp(`Isi jejak ${seq} tidak sesuai`))
  })

  it('a dropped protective trigger is named, with the edit it allowed', async () => {
    const file = copy()
    const db = new Database(file)
    db.exec('DROP TRIGGER jejak_tps_update; DROP TRIGGER audit_no_update')
    db.prepare('UPDATE tps SET dpt = 1 WHERE id = (SELECT min(id) FROM tps)').run()
    db.close()
    const v = await verify(file)
    expect(v.problems).toContain('Pemicu jejak_tps_update hilang dari basis data: dihapus di luar aplikasi')
    expect(v.problems).toContain('Pemicu audit_no_update hilang dari basis data: dihapus di luar aplikasi')
    expect(v.problems.join('\n')).toMatch(/Tabel tps diubah di luar aplikasi/)
  })

  it('the start check names a dropped trigger and opens the recovery screen', async () => {
    const file = copy()
    const db = new Database(file)
    db.exec('DROP TRIGGER ledger_no_delete')
    db.close()
    const app = await openApp({ dbPath: file })
    expect(app.state).toMatchObject({
      mode: 'pemulihan',
      problem: expect.stringMatching(/Pemicu ledger_no_delete hilang/),
    })
    app.close()
  })

  it('a consistent rewrite of ledger and jejak passes every check inside the file: only witnesses can find it', async () => {
    const file = copy()
    new Insider(file).rewriteLedgerQty(1, 950).resealJejak().done()
    const v = await verify(file)
    expect(v.problems).toEqual([])
  })

  it('VACUUM changes no digest: no false alarm', async () => {
    const file = copy()
    const db = new Database(file)
    db.exec('VACUUM')
    db.close()
    expect((await verify(file)).problems).toEqual([])
  })
})

describe('a table digest', () => {
  /** The digest as defined (v1): the column names, then each row's values as JSON in primary-key order, hashed row by row. */
  function digestV1(db: Database.Database, table: string): string {
    const cols = db.prepare(`SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as {
      name: string
      pk: number
    }[]
    const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
    const h = createHash('sha256')
    h.update(JSON.stringify(['gudang-pemilu/tabel/v1', table, cols.map((c) => c.name)]))
    const order = (pk.length ? pk : cols).map((c) => c.name).join(', ')
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).raw().iterate() as IterableIterator<
      unknown[]
    >)
      h.update('\n' + JSON.stringify(row))
    return h.digest('hex')
  }

  it('is the same value whether the rows are read at once or, past 100,000 rows, one by one', () => {
    const db = new Database(':memory:')
    db.exec(`CREATE TABLE kecil (id INTEGER PRIMARY KEY, teks TEXT, angka REAL, isi BLOB, apa_saja);
             CREATE TABLE besar (id INTEGER PRIMARY KEY, desa_id INTEGER, nomor INTEGER, dpt INTEGER);
             CREATE TABLE bulat (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER);
             CREATE TABLE pasangan (x INTEGER NOT NULL, y INTEGER NOT NULL, PRIMARY KEY (y, x)) WITHOUT ROWID;
             CREATE TABLE kosong (id INTEGER PRIMARY KEY, a INTEGER)`)
    const put = db.prepare('INSERT INTO kecil (teks, angka, isi, apa_saja) VALUES (?, ?, ?, ?)')
    for (const [teks, angka, isi, apa] of [
      ['Kecamatan "Medang Deras"\\', 0.1 + 0.2, Buffer.from([0, 255]), null],
      ['Ü\u0301 ñ 🗳 \u2028 \u0001\n\t', -1e21, null, 'teks'],
      [null, 3, Buffer.alloc(0), 9007199254740991],
      ['x'.repeat(70_000), null, null, 2.5],
    ] as const)
      put.run(teks, angka, isi, apa)
    db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100001)
             INSERT INTO besar SELECT i, i / 35, i % 35 + 1, (i * 7919) % 300 FROM n;
             INSERT INTO bulat (a, b) VALUES (-5, NULL), (0, 9007199254740991), (-9007199254740991, 42);
             INSERT INTO pasangan VALUES (3, 1), (1, 2), (2, 1)`)
    for (const t of ['kecil', 'besar', 'bulat', 'pasangan', 'kosong'])
      expect(tableDigest(db as never, t), t).toBe(digestV1(db, t))
    // An integer column holding what is not an exact integer (another program may store anything).
    for (const [name, value] of [
      ['real', 1e-7],
      ['real_negatif', -2.5e-9],
      ['teks', 'dua'],
      ['blob', Buffer.from([1, 2])],
      ['besar_sekali', 2n ** 60n + 1n],
      ['negatif_besar', -(2n ** 53n) - 1n],
    ] as const) {
      db.exec(`CREATE TABLE ${name} (id INTEGER PRIMARY KEY, a INTEGER)`)
      db.prepare(`INSERT INTO ${name} (a) VALUES (?), (7)`).run(value)
      expect(tableDigest(db as never, name), name).toBe(digestV1(db, name))
    }
    db.close()
  })
})

describe('migration 0011 on a file that lived under 0001–0007', () => {
  it('chains from a first row covering every table and the unchained audit rows; an edit of those is named', async () => {
    const file = copy()
    rollBackTo(file, 7)
    const raw = new Database(file)
    const oldAudit = raw.prepare('SELECT count(*) FROM audit').pluck().get() as number
    raw.close()
    openDatabase(file, { mustExist: true, migrations: MIGRATIONS.filter((m) => m.version <= 7) }).close()
    const app = await openApp({ dbPath: file })
    expect(app.state.problem).toBeNull()
    const first = app.ctx.db.prepare('SELECT * FROM audit WHERE hash IS NOT NULL ORDER BY seq LIMIT 1').get() as {
      seq: number
      action: string
      digests: string
    }
    expect(first.seq).toBe(oldAudit + 1)
    expect(first.action).toBe('migrasi')
    expect(Object.keys(JSON.parse(first.digests) as object).sort()).toEqual(
      [...evidenceTables(app.ctx.db), 'audit'].sort(),
    )
    expect(jejakHead(app.ctx.db).seq).toBe(first.seq)
    app.close()
    expect((await verify(file)).problems).toEqual([])

    new Insider(file).exec(`UPDATE audit SET detail = '{}' WHERE seq = 1`).done()
    expect((await verify(file)).problems.join('\n')).toMatch(
      /Jejak lama \(sebelum rantai jejak dimulai\) diubah di luar aplikasi/,
    )
  })
})
