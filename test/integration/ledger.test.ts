import Database from 'better-sqlite3'
import { copyFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GENESIS_HASH } from '../../src/core/ledgerRow'
import type { MoveInput } from '../../src/core/moves'
import type { DB } from '../../src/db/open'
import { asWritable } from '../../src/db/handles'
import { recordMoves } from '../../src/services/ledger'
import { openTestApp, useTempDir, type TestApp } from '../support/api'
import { insertLedgerRow, rebuildDerivedTables, type ForgedMove, type LedgerDbRow } from '../support/insider'
import { thrownAppError } from '../support/errors'

const root = useTempDir('ledger')

interface VerifyReport {
  ok: boolean
  rows: number
  head: string
  integrity: string
  firstBadSeq: number | null
  problem: string | null
  balancesMatch: boolean
  jejak: { firstBadSeq: number | null }
}

const ledgerRows = (db: DB) => db.prepare('SELECT * FROM ledger ORDER BY seq').all() as LedgerDbRow[]
const balanceTable = (db: DB) =>
  db.prepare('SELECT variant_id, place, qty FROM balance ORDER BY variant_id, place').all()

/** Balances recomputed from the ledger rows in the test, independent of the app's SQL. */
function sumsFromLedger(rows: readonly LedgerDbRow[]): Map<string, number> {
  const m = new Map<string, number>()
  const add = (v: number, p: string, q: number) => m.set(`${v}|${p}`, (m.get(`${v}|${p}`) ?? 0) + q)
  for (const r of rows) {
    add(r.variant_id, r.from_place, -r.qty)
    add(r.variant_id, r.to_place, r.qty)
  }
  for (const [k, v] of m) if (v === 0) m.delete(k)
  return m
}

async function demoApp(name: string): Promise<TestApp> {
  const app = await openTestApp({ who: 'ani', dbPath: join(root, `${name}.sqlite`) })
  expect(app.createdDemo).toBe(true)
  return app
}

function variantOf(db: DB, code: string): number {
  const row = db
    .prepare('SELECT v.id FROM barang_varian v JOIN barang i ON i.id = v.item_id WHERE i.code = ?')
    .get(code) as { id: number } | undefined
  if (!row) throw new Error(`no variant for ${code}`)
  return row.id
}

describe('recording moves through the ledger service', () => {
  let app: TestApp
  let db: DB
  let ballot: number
  let tinta: number
  let kotak: number
  let tpsId: number
  const who = { actor: 'ani' }

  beforeAll(async () => {
    app = await demoApp('moves')
    db = app.ctx.db
    const b = db
      .prepare(
        `SELECT v.id FROM barang_varian v JOIN barang i ON i.id = v.item_id WHERE i.kind = 'ballot' ORDER BY i.sort_order LIMIT 1`,
      )
      .get() as { id: number }
    ballot = b.id
    tinta = variantOf(db, 'TINTA')
    kotak = variantOf(db, 'KOTAK')
    tpsId = (db.prepare('SELECT id FROM tps ORDER BY id LIMIT 1').get() as { id: number }).id
  })
  afterAll(() => app.close())

  it('starts with an empty, valid ledger', async () => {
    const v = await app.call('ledger.periksa')
    expect(v).toMatchObject({
      ok: true,
      rows: 0,
      head: GENESIS_HASH,
      integrity: 'ok',
      firstBadSeq: null,
      problem: null,
      balancesMatch: true,
      problems: [],
    })
    expect(await app.call('ledger.daftarSaldo')).toEqual([])
  })

  it('PENYEDIA -> DITERIMA -> BAIK: balances through the dispatcher match the ledger', async () => {
    const first = recordMoves(app.ctx, who, [
      { variantId: ballot, from: 'PENYEDIA', to: 'DITERIMA', qty: 1000, documentId: 'SJ-001' },
      { variantId: tinta, from: 'PENYEDIA', to: 'DITERIMA', qty: 50, documentId: 'SJ-002' },
    ])
    expect(first.map((r) => r.seq)).toEqual([1, 2])
    const second = recordMoves(app.ctx, who, [
      { variantId: ballot, from: 'DITERIMA', to: 'BAIK', qty: 900, shiftId: 1 },
      { variantId: ballot, from: 'DITERIMA', to: 'RUSAK:KUSUT_SOBEK', qty: 100, reason: 'sobek' },
    ])
    expect(second.map((r) => r.seq)).toEqual([3, 4])
    expect(second[0]!.actor).toBe('ani')

    const balances = await app.call('ledger.daftarSaldo')
    const got = new Map(balances.map((b) => [`${b.variantId}|${b.place}`, b.qty]))
    expect(got).toEqual(
      new Map([
        [`${ballot}|PENYEDIA`, -1000],
        [`${ballot}|BAIK`, 900],
        [`${ballot}|RUSAK:KUSUT_SOBEK`, 100],
        [`${tinta}|PENYEDIA`, -50],
        [`${tinta}|DITERIMA`, 50],
      ]),
    )
    // And the same from the raw rows, summed here.
    expect(got).toEqual(sumsFromLedger(ledgerRows(db)))
    expect(balances.find((b) => b.variantId === tinta)?.itemCode).toBe('TINTA')
    expect(balances.find((b) => b.variantId === ballot)?.dapil).not.toBeNull()
  })

  it('verifyLedger is ok, counts the rows and reports the last row hash as the head', async () => {
    const rows = ledgerRows(db)
    expect(rows).toHaveLength(4)
    // The chain links, checked here without the app's verifier.
    rows.forEach((r, i) => expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1]!.hash))
    const v = await app.call('ledger.periksa')
    expect(v.ok).toBe(true)
    expect(v.rows).toBe(4)
    expect(v.head).toBe(rows.at(-1)!.hash)
    expect(v.firstBadSeq).toBeNull()
    expect(v.balancesMatch).toBe(true)
    expect(v.integrity).toBe('ok')
    const info = await app.call('sistem.lihatInfo')
    expect(info.ledgerRows).toBe(4)
    expect(info.chainHead).toBe(rows.at(-1)!.hash)
  })

  it('a batch may pass sheets through a place that was empty before it', () => {
    expect(db.prepare(`SELECT qty FROM balance WHERE variant_id = ? AND place = 'DITERIMA'`).get(kotak)).toBeUndefined()
    recordMoves(app.ctx, who, [
      { variantId: kotak, from: 'PENYEDIA', to: 'DITERIMA', qty: 20 },
      { variantId: kotak, from: 'DITERIMA', to: 'SIAP', qty: 20 },
    ])
    expect(db.prepare(`SELECT qty FROM balance WHERE variant_id = ? AND place = 'SIAP'`).get(kotak)).toEqual({
      qty: 20,
    })
  })

  it('a batch whose second move overdraws is refused and writes nothing', async () => {
    const rowsBefore = ledgerRows(db)
    const balanceBefore = balanceTable(db)
    const apiBefore = await app.call('ledger.daftarSaldo')
    const baik = (
      db.prepare(`SELECT qty FROM balance WHERE variant_id = ? AND place = 'BAIK'`).get(ballot) as { qty: number }
    ).qty
    expect(baik).toBe(900)
    const e = thrownAppError(() =>
      recordMoves(app.ctx, who, [
        { variantId: ballot, from: 'BAIK', to: `DIKEMAS:${tpsId}`, qty: 300 },
        { variantId: ballot, from: 'BAIK', to: `DIKEMAS:${tpsId}`, qty: baik - 300 + 1 },
      ]),
    )
    expect(e.code).toBe('REFUSED')
    expect(e.message).toMatch(/tidak ada yang dicatat/)
    expect(e.details).toHaveLength(1)
    expect(e.details![0]).toMatchObject({ row: 2, column: 'qty' })
    // The message names what was left after move 1, not the balance before the batch.
    expect(e.details![0]!.message).toContain(`hanya berisi ${(baik - 300).toLocaleString('id-ID')}`)

    expect(ledgerRows(db)).toEqual(rowsBefore)
    expect(balanceTable(db)).toEqual(balanceBefore)
    expect(await app.call('ledger.daftarSaldo')).toEqual(apiBefore)
    const v = await app.call('ledger.periksa')
    expect(v.rows).toBe(rowsBefore.length)
    expect(v.head).toBe(rowsBefore.at(-1)!.hash)
  })

  type Ids = { ballot: number; tpsId: number }
  /** A move of the ballot variant between two places: what most bad moves differ in. */
  const ballotMove =
    (from: string, to: string, qty = 1) =>
    ({ ballot }: Ids): MoveInput => ({ variantId: ballot, from, to, qty })
  const invalid: [string, (ids: Ids) => MoveInput, string, RegExp][] = [
    ['negative qty', ballotMove('PENYEDIA', 'DITERIMA', -5), 'qty', /bilangan bulat positif/],
    ['zero qty', ballotMove('PENYEDIA', 'DITERIMA', 0), 'qty', /bilangan bulat positif/],
    ['fractional qty', ballotMove('PENYEDIA', 'DITERIMA', 2.5), 'qty', /bilangan bulat positif/],
    ['NaN qty', ballotMove('PENYEDIA', 'DITERIMA', Number.NaN), 'qty', /bilangan bulat positif/],
    ['absurd qty', ballotMove('PENYEDIA', 'DITERIMA', 2_000_000_000), 'qty', /melebihi batas/],
    [
      'unknown variant',
      () => ({ variantId: 999_999, from: 'PENYEDIA', to: 'DITERIMA', qty: 1 }),
      'variantId',
      /tidak dikenal/,
    ],
    ['unknown place', ballotMove('PENYEDIA', 'GUDANG_BELAKANG'), 'to', /tidak dikenal/],
    ['lower-case place', ballotMove('penyedia', 'DITERIMA'), 'from', /tidak dikenal/],
    ['RUSAK without a reason', ballotMove('BAIK', 'RUSAK'), 'to', /tidak dikenal/],
    ['DITERIMA with a ref', ballotMove('DITERIMA:1', 'BAIK'), 'from', /tidak dikenal/],
    ['DIKEMAS of a nonexistent TPS', ballotMove('BAIK', 'DIKEMAS:999999'), 'to', /merujuk data yang tidak ada/],
    ['DIKEMAS with a non-numeric ref', ballotMove('BAIK', 'DIKEMAS:abc'), 'to', /merujuk data yang tidak ada/],
    [
      'DIKIRIM of a nonexistent kecamatan',
      ({ ballot, tpsId }) => ({ variantId: ballot, from: `DIKEMAS:${tpsId}`, to: 'DIKIRIM:999999', qty: 1 }),
      'to',
      /merujuk data yang tidak ada/,
    ],
    ['same place', ballotMove('BAIK', 'BAIK'), 'to', /sama/],
    ['overdraw of an empty place', ballotMove('TERTUKAR', 'BAIK'), 'qty', /hanya berisi 0/],
  ]

  it.each(invalid)('refuses %s and writes nothing', (_name, make, column, message) => {
    const rowsBefore = ledgerRows(db)
    const balanceBefore = balanceTable(db)
    const e = thrownAppError(() => recordMoves(app.ctx, who, [make({ ballot, tpsId })]))
    expect(e.code).toBe('REFUSED')
    const issue = e.details?.find((d) => d.column === column)
    expect(issue, JSON.stringify(e.details)).toBeDefined()
    expect(issue!.row).toBe(1)
    expect(issue!.message).toMatch(message)
    expect(ledgerRows(db)).toEqual(rowsBefore)
    expect(balanceTable(db)).toEqual(balanceBefore)
  })

  it('refuses an empty batch', () => {
    const e = thrownAppError(() => recordMoves(app.ctx, who, []))
    expect(e.code).toBe('REFUSED')
  })

  it('one bad move refuses the valid moves of the same batch', () => {
    const before = ledgerRows(db).length
    const e = thrownAppError(() =>
      recordMoves(app.ctx, who, [
        { variantId: tinta, from: 'DITERIMA', to: 'BAIK', qty: 10 },
        { variantId: tinta, from: 'BAIK', to: 'DIKEMAS:999999', qty: 2 },
      ]),
    )
    expect(e.details?.map((d) => d.row)).toEqual([2])
    expect(ledgerRows(db)).toHaveLength(before)
  })

  it('PENYEDIA may go negative; returns and replacements keep every variant summing to zero', async () => {
    recordMoves(app.ctx, who, [
      { variantId: ballot, from: 'RUSAK:KUSUT_SOBEK', to: 'PENYEDIA', qty: 100, documentId: 'BA-RETUR-1' },
      { variantId: ballot, from: 'PENYEDIA', to: 'DITERIMA', qty: 100, documentId: 'SJ-PENGGANTI-1' },
      { variantId: ballot, from: 'DITERIMA', to: 'BAIK', qty: 100 },
      { variantId: ballot, from: 'BAIK', to: `DIKEMAS:${tpsId}`, qty: 250 },
    ])
    const balances = await app.call('ledger.daftarSaldo')
    const of = (v: number, p: string) => balances.find((b) => b.variantId === v && b.place === p)?.qty
    expect(of(ballot, 'PENYEDIA')).toBe(-1000)
    expect(of(ballot, 'BAIK')).toBe(750)
    expect(of(ballot, `DIKEMAS:${tpsId}`)).toBe(250)
    expect(of(ballot, 'RUSAK:KUSUT_SOBEK')).toBeUndefined() // zero balances are not listed
    // Conservation: every sheet is somewhere, so each variant's places sum to zero.
    const perVariant = new Map<number, number>()
    for (const b of balances) perVariant.set(b.variantId, (perVariant.get(b.variantId) ?? 0) + b.qty)
    for (const [, sum] of perVariant) expect(sum).toBe(0)
    // A PENYEDIA that was never received from can still give.
    recordMoves(app.ctx, who, [{ variantId: tinta, from: 'PENYEDIA', to: 'DITERIMA', qty: 5_000 }])
    expect(new Map((await app.call('ledger.daftarSaldo')).map((b) => [`${b.variantId}|${b.place}`, b.qty]))).toEqual(
      sumsFromLedger(ledgerRows(db)),
    )
    const v = await app.call('ledger.periksa')
    expect(v.ok).toBe(true)
    expect(v.rows).toBe(ledgerRows(db).length)
  })

  it('the ledger rejects UPDATE and DELETE made behind the app', () => {
    expect(() => db.prepare('UPDATE ledger SET qty = qty + 1 WHERE seq = 1').run()).toThrow(
      /Buku besar hanya boleh ditambah/,
    )
    expect(() => db.prepare('DELETE FROM ledger WHERE seq = 1').run()).toThrow(/Buku besar hanya boleh ditambah/)
  })
})

describe('tamper detection on a copied database file', () => {
  let base: string
  let rows: LedgerDbRow[]
  let originalHead: string
  let ballot: number
  let tpsId: number

  const N = 3 // the middle row each case touches

  beforeAll(async () => {
    const app = await demoApp('tamper-base')
    base = app.dbPath
    const db = app.ctx.db
    ballot = variantOf(db, 'BUPATI')
    const tinta = variantOf(db, 'TINTA')
    tpsId = (db.prepare('SELECT id FROM tps ORDER BY id LIMIT 1').get() as { id: number }).id
    const who = { actor: 'ani' }
    recordMoves(app.ctx, who, [
      { variantId: ballot, from: 'PENYEDIA', to: 'DITERIMA', qty: 1000 },
      { variantId: tinta, from: 'PENYEDIA', to: 'DITERIMA', qty: 50 },
    ])
    recordMoves(app.ctx, who, [{ variantId: ballot, from: 'DITERIMA', to: 'BAIK', qty: 400 }]) // seq 3
    recordMoves(app.ctx, who, [{ variantId: ballot, from: 'DITERIMA', to: 'RUSAK:KUSUT_SOBEK', qty: 3 }])
    recordMoves(app.ctx, who, [{ variantId: ballot, from: 'DITERIMA', to: 'BAIK', qty: 500 }])
    recordMoves(app.ctx, who, [{ variantId: ballot, from: 'BAIK', to: `DIKEMAS:${tpsId}`, qty: 250 }])
    rows = ledgerRows(db)
    expect(rows).toHaveLength(6)
    originalHead = rows.at(-1)!.hash
    app.close()
    expect(existsSync(base + '-wal')).toBe(false)
  })

  let copyNo = 0
  /** A copy of the checkpointed base file, changed by fn through a raw connection. */
  /** Writes a row behind the app's back, by 'budi', hashed as the app would hash it; returns its hash. */
  const forge = (db: DB, move: Omit<ForgedMove, 'actor'>): string => insertLedgerRow(db, { ...move, actor: 'budi' })

  function tampered(fn: (db: DB) => void): string {
    const path = join(root, `tamper-${++copyNo}.sqlite`)
    copyFileSync(base, path)
    const db = asWritable(new Database(path))
    try {
      // Someone with the file and a SQLite tool: the append-only triggers go first, and a careful one
      // puts them back exactly as they were afterwards, so the schema check has nothing to say.
      const triggers = db
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('ledger_no_update', 'ledger_no_delete')`,
        )
        .all() as { name: string; sql: string }[]
      for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`)
      fn(db)
      for (const t of triggers) db.exec(t.sql)
      db.pragma('wal_checkpoint(TRUNCATE)')
    } finally {
      db.close()
    }
    return path
  }

  async function verify(path: string): Promise<VerifyReport> {
    const app = await openTestApp({ who: 'ani', dbPath: path, demo: false })
    try {
      expect(app.createdDemo).toBe(false)
      return await app.call('ledger.periksa')
    } finally {
      app.close()
    }
  }

  it('an untouched copy verifies, with the original head', async () => {
    const v = await verify(tampered(() => {}))
    expect(v).toMatchObject({
      ok: true,
      rows: 6,
      head: originalHead,
      firstBadSeq: null,
      balancesMatch: true,
      integrity: 'ok',
    })
  })

  it('(a) an UPDATE of one row qty is found at that row', async () => {
    const v = await verify(tampered((db) => db.prepare('UPDATE ledger SET qty = qty + 1 WHERE seq = ?').run(N)))
    expect(v.ok).toBe(false)
    expect(v.firstBadSeq).toBe(N)
    expect(v.problem).toMatch(new RegExp(`Isi baris ${N} tidak sesuai`))
    expect(v.balancesMatch).toBe(false)
  })

  it('(a) ... even when the balance table is fixed to agree with the edit', async () => {
    const v = await verify(
      tampered((db) => {
        db.prepare('UPDATE ledger SET qty = qty + 1 WHERE seq = ?').run(N)
        rebuildDerivedTables(db)
      }),
    )
    expect(v.balancesMatch).toBe(true)
    expect(v.ok).toBe(false)
    expect(v.firstBadSeq).toBe(N)
  })

  it.each([
    ['actor', `'budi'`],
    ['at', `'2024-11-02T08:00:00.000Z'`],
    ['to_place', `'TERTUKAR'`],
    ['note', `'dikoreksi'`],
    ['variant_id', `variant_id + 1`],
  ])('(a) an UPDATE of %s is found at that row', async (column, value) => {
    const v = await verify(tampered((db) => db.prepare(`UPDATE ledger SET ${column} = ${value} WHERE seq = ?`).run(N)))
    expect(v.ok).toBe(false)
    expect(v.firstBadSeq).toBe(N)
  })

  it('(b) a DELETE of a middle row is found', async () => {
    const v = await verify(tampered((db) => db.prepare('DELETE FROM ledger WHERE seq = ?').run(N)))
    expect(v.ok).toBe(false)
    expect(v.problem).toMatch(new RegExp(`Baris ${N} hilang`))
  })

  it('(b) ... with firstBadSeq naming the deleted row', async () => {
    const v = await verify(tampered((db) => db.prepare('DELETE FROM ledger WHERE seq = ?').run(N)))
    expect(v.firstBadSeq).toBe(N)
  })

  it('(c) a forged row in place of a deleted one (made-up hash) is found at that row', async () => {
    const v = await verify(
      tampered((db) => {
        db.prepare('DELETE FROM ledger WHERE seq = ?').run(N)
        db.prepare(
          `INSERT INTO ledger (seq, at, actor, variant_id, from_place, to_place, qty, prev_hash, hash)
           VALUES (?, '2024-11-01T09:00:00.000Z', 'budi', ?, 'DITERIMA', 'BAIK', 1, ?, ?)`,
        ).run(N, ballot, rows[N - 2]!.hash, 'f'.repeat(64))
      }),
    )
    expect(v.ok).toBe(false)
    expect(v.firstBadSeq).toBe(N)
    expect(v.problem).toMatch(new RegExp(`Isi baris ${N}`))
  })

  it('(c) a forged row with a correctly computed hash breaks the link of the next row', async () => {
    const v = await verify(
      tampered((db) => {
        db.prepare('DELETE FROM ledger WHERE seq = ?').run(N)
        const move = { variantId: ballot, from: 'DITERIMA', to: 'BAIK', qty: 1 }
        forge(db, { seq: N, at: '2024-11-01T09:00:00.000Z', ...move, prevHash: rows[N - 2]!.hash })
        rebuildDerivedTables(db)
      }),
    )
    expect(v.ok).toBe(false)
    expect(v.firstBadSeq).toBe(N + 1)
    expect(v.problem).toMatch(new RegExp(`Baris ${N + 1} tidak tersambung`))
  })

  it('(c) rewriting the whole tail after a forged row passes the ledger chain, not the jejak that recorded its head', async () => {
    // The ledger chain can only prove the file is consistent with itself; the jejak chain recorded the
    // ledger head after every write. (Recomputing the jejak too is caught by witnesses: saksi.test.ts.)
    const path = tampered((db) => {
      const all = ledgerRows(db)
      db.prepare('DELETE FROM ledger WHERE seq >= ?').run(N)
      rebuildDerivedTables(db) // then the insert trigger keeps them in step with the rewritten rows
      let prev = all[N - 2]!.hash
      for (const r of all.slice(N - 1)) {
        prev = forge(db, {
          seq: r.seq,
          at: r.at,
          variantId: r.variant_id,
          from: r.from_place,
          to: r.to_place,
          qty: r.seq === N ? r.qty - 1 : r.qty,
          prevHash: prev,
        })
      }
      rebuildDerivedTables(db)
    })
    const v = await verify(path)
    expect(v.ok).toBe(false)
    expect(v.firstBadSeq).toBeNull()
    expect(v.jejak.firstBadSeq).not.toBeNull()
    expect(v.problem).toMatch(new RegExp(`Buku besar baris ${N} tidak sama dengan yang dicatat jejak`))
    expect(v.rows).toBe(6)
    expect(v.head).not.toBe(originalHead)
  })

  it('(d) deleting the LAST row and fixing the balances is not visible in the ledger chain; the jejak names it', async () => {
    // A chain cannot tell "the last row was removed" from "the last row was never written"; the jejak
    // row of the write that appended it recorded it as the ledger head.
    const last = rows.at(-1)!
    const v = await verify(
      tampered((db) => {
        db.prepare('DELETE FROM ledger WHERE seq = ?').run(last.seq)
        rebuildDerivedTables(db)
      }),
    )
    expect(v.ok).toBe(false)
    expect(v.firstBadSeq).toBeNull()
    expect(v.problem).toMatch(new RegExp(`Buku besar baris ${last.seq} tidak sama dengan yang dicatat jejak`))
    expect(v.rows).toBe(5)
    expect(v.head).toBe(rows[4]!.hash)
    expect(v.head).not.toBe(originalHead)
  })

  it('(d) deleting the last row WITHOUT fixing the balances is found by the balance check', async () => {
    const v = await verify(tampered((db) => db.prepare('DELETE FROM ledger WHERE seq = ?').run(rows.at(-1)!.seq)))
    expect(v.ok).toBe(false)
    expect(v.firstBadSeq).toBeNull()
    expect(v.balancesMatch).toBe(false)
  })

  it('(e) an edit of the balance table only is found: balancesMatch false, chain intact', async () => {
    const v = await verify(
      tampered((db) => {
        const changed = db
          .prepare(`UPDATE balance SET qty = qty + 5 WHERE variant_id = ? AND place = 'BAIK'`)
          .run(ballot)
        expect(changed.changes).toBe(1)
      }),
    )
    expect(v.ok).toBe(false)
    expect(v.balancesMatch).toBe(false)
    expect(v.firstBadSeq).toBeNull()
    expect(v.head).toBe(originalHead)
    expect(v.problem).toMatch(/saldo/i)
  })

  it('(e) a balance row for a place the ledger never touched is found', async () => {
    const v = await verify(
      tampered((db) =>
        db.prepare(`INSERT INTO balance (variant_id, place, qty) VALUES (?, 'TERTUKAR', 7)`).run(ballot),
      ),
    )
    expect(v.ok).toBe(false)
    expect(v.balancesMatch).toBe(false)
  })

  it('(e) a deleted balance row is found', async () => {
    const v = await verify(
      tampered((db) => db.prepare(`DELETE FROM balance WHERE variant_id = ? AND place = 'BAIK'`).run(ballot)),
    )
    expect(v.ok).toBe(false)
    expect(v.balancesMatch).toBe(false)
  })
})
