import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { copyFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LedgerRowContent } from '../../src/core/ledgerRow'
import { chainRanges, chainThreadWalks } from '../../src/db/chainWalk'
import { asReadable } from '../../src/db/handles'
import { appendMoves, contentOf, lastSeq, rowHash, verifyChain, type LedgerDbRow } from '../../src/db/ledger'
import { openDatabase } from '../../src/db/open'
import { useTempDir } from '../support/tempDir'

/**
 * A long chain is walked in ranges by several threads at once (src/db/chainWalk.ts). These tests take that
 * path on a real file of 3,000 rows (the threshold lowered) and check that it names exactly the break a
 * walk in one thread names: in the first range, in the second, at the boundary between them (the first
 * link of a range, the last row of the one before, a row deleted there) and with a whole range gone.
 */
const dir = useTempDir('rantai-utas')
const ROWS = 3000
/** Two ranges, [1, 1500] and [1501, 3000], whatever the cores of the machine running the tests. */
const TWO = { threads: 2, minRangeRows: 100 }
let base: string
/** The stored hash of each row of the base file, by seq. */
let hashes: string[]

beforeAll(() => {
  base = join(dir, 'base.sqlite')
  const db = openDatabase(base)
  db.exec(`INSERT INTO barang (id, code, name, kind, unit, rule, sort_order) VALUES (1, 'TINTA', 'Tinta', 'logistics', 'botol', 'per_tps', 1);
           INSERT INTO barang_varian (id, item_id) VALUES (1, 1);`)
  db.transaction(() => {
    for (let i = 0; i < ROWS / 2; i++)
      appendMoves(
        db,
        [
          { variantId: 1, from: 'PENYEDIA', to: 'DITERIMA', qty: 10 + (i % 7), note: i % 5 ? null : `catatan ${i}` },
          { variantId: 1, from: 'DITERIMA', to: 'BAIK', qty: 10 + (i % 7) },
        ],
        { actor: 'ani', at: new Date(Date.UTC(2024, 10, 1, 8) + i * 60_000).toISOString() },
      )
  })()
  hashes = db.prepare('SELECT hash FROM ledger ORDER BY seq').pluck().all() as string[]
  hashes.unshift('')
  db.close()
})

let copies = 0
/** A copy of the base file changed behind the app's back (the append-only triggers dropped first). */
function tampered(fn: (db: Database.Database) => void): string {
  const path = join(dir, `salinan-${++copies}.sqlite`)
  copyFileSync(base, path)
  const db = new Database(path)
  try {
    db.exec('DROP TRIGGER IF EXISTS ledger_no_update; DROP TRIGGER IF EXISTS ledger_no_delete')
    fn(db)
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
  return path
}

const row = (db: Database.Database, seq: number) =>
  db.prepare('SELECT * FROM ledger WHERE seq = ?').get(seq) as LedgerDbRow

/**
 * The walk in threads, after checking that it agrees with a walk in one thread and that a thread walked a
 * range (unless the break is in the caller's own first range: the threads' ranges are then not waited for).
 */
function verifyBoth(path: string, opts: Parameters<typeof verifyChain>[1] & { threads: number } = TWO) {
  const db = asReadable(new Database(path, { readonly: true, fileMustExist: true }))
  try {
    const alone = verifyChain(db, { ...opts, threads: 1 })
    const walked = chainThreadWalks()
    const threaded = verifyChain(db, opts)
    expect(threaded).toEqual(alone)
    const from = opts.fromSeq ?? 1
    const [[, firstEnd]] = chainRanges(from, Math.min(opts.toSeq ?? Infinity, lastSeq(db)), opts.threads) as [
      [number, number],
    ]
    if (threaded.firstBadSeq === null || threaded.firstBadSeq > firstEnd)
      expect(chainThreadWalks(), 'a thread walked a range').toBeGreaterThan(walked)
    return threaded
  } finally {
    db.close()
  }
}

describe('the chain walked in ranges by several threads', () => {
  it('splits the seq range into consecutive ranges that cover it', () => {
    expect(chainRanges(1, ROWS, 2)).toEqual([
      [1, 1500],
      [1501, 3000],
    ])
    expect(chainRanges(5, 14, 3)).toEqual([
      [5, 8],
      [9, 12],
      [13, 14],
    ])
  })

  it('an intact file: every row counted, the last row as the head, no break', () => {
    const head = hashes[ROWS]
    expect(verifyBoth(base)).toEqual({ rows: ROWS, head, firstBadSeq: null, problem: null })
    expect(verifyBoth(base, { threads: 4, minRangeRows: 100 })).toMatchObject({ rows: ROWS, head })
  })

  it('a row changed in the first range is named, even though the second range is intact', () => {
    const path = tampered((db) => db.prepare('UPDATE ledger SET qty = qty + 1 WHERE seq = 700').run())
    expect(verifyBoth(path)).toMatchObject({
      rows: 700,
      firstBadSeq: 700,
      problem: 'Isi baris 700 tidak sesuai dengan hash-nya: baris ini telah diubah di luar aplikasi',
    })
  })

  it('a row changed in the second range is named, after the first range is joined', () => {
    const path = tampered((db) => db.prepare(`UPDATE ledger SET actor = 'budi' WHERE seq = 2200`).run())
    expect(verifyBoth(path)).toMatchObject({
      rows: 2200,
      firstBadSeq: 2200,
      problem: expect.stringMatching(/^Isi baris 2200 /),
    })
  })

  it('when both ranges are broken, the first break in seq order is named', () => {
    const path = tampered((db) => db.prepare('UPDATE ledger SET qty = 1 WHERE seq IN (1200, 1600)').run())
    expect(verifyBoth(path)).toMatchObject({ firstBadSeq: 1200 })
  })

  it('at the boundary: the prev_hash of the first row of the second range', () => {
    const path = tampered((db) => db.prepare(`UPDATE ledger SET prev_hash = ? WHERE seq = 1501`).run('a'.repeat(64)))
    const r = verifyBoth(path)
    expect(r).toMatchObject({
      rows: 1501,
      firstBadSeq: 1501,
      problem: 'Baris 1501 tidak tersambung ke baris sebelumnya: ada baris yang dihapus, disisipkan atau diubah',
    })
    // The head is the last row that checked out: the end of the first range.
    expect(r.head).toBe(hashes[1500])
  })

  it('at the boundary: the stored hash of the last row of the first range', () => {
    const path = tampered((db) => db.prepare(`UPDATE ledger SET hash = ? WHERE seq = 1500`).run('b'.repeat(64)))
    expect(verifyBoth(path)).toMatchObject({
      rows: 1500,
      firstBadSeq: 1500,
      problem: expect.stringMatching(/^Isi baris 1500 /),
    })
  })

  it('at the boundary: the last row of the first range re-hashed after an edit breaks the link into the second', () => {
    // Row 1500 verifies by itself; only the join of the two ranges can see that 1501 no longer follows it.
    const path = tampered((db) => {
      const r = { ...row(db, 1500), qty: 999 }
      db.prepare('UPDATE ledger SET qty = 999, hash = ? WHERE seq = 1500').run(rowHash(contentOf(r)))
    })
    expect(verifyBoth(path)).toMatchObject({
      rows: 1501,
      firstBadSeq: 1501,
      problem: expect.stringMatching(/^Baris 1501 tidak tersambung/),
    })
  })

  it('at the boundary: the first row of the second range deleted', () => {
    const path = tampered((db) => db.prepare('DELETE FROM ledger WHERE seq = 1501').run())
    expect(verifyBoth(path)).toMatchObject({
      rows: 1501,
      firstBadSeq: 1501,
      problem: 'Baris 1501 hilang dari buku besar (berikutnya ditemukan baris 1502): ada baris yang dihapus',
    })
  })

  it('at the boundary: the last row of the first range deleted', () => {
    const path = tampered((db) => db.prepare('DELETE FROM ledger WHERE seq = 1500').run())
    expect(verifyBoth(path)).toMatchObject({
      rows: 1500,
      firstBadSeq: 1500,
      problem: 'Baris 1500 hilang dari buku besar (berikutnya ditemukan baris 1501): ada baris yang dihapus',
    })
  })

  it('rows deleted across the boundary, and a whole middle range deleted, name the first missing row', () => {
    const across = tampered((db) => db.prepare('DELETE FROM ledger WHERE seq BETWEEN 1498 AND 1503').run())
    expect(verifyBoth(across)).toMatchObject({
      firstBadSeq: 1498,
      problem: expect.stringMatching(/berikutnya ditemukan baris 1504/),
    })
    // Three ranges: [1, 1000], [1001, 2000], [2001, 3000]; the second walks nothing.
    const middle = tampered((db) => db.prepare('DELETE FROM ledger WHERE seq BETWEEN 990 AND 2000').run())
    expect(verifyBoth(middle, { threads: 3, minRangeRows: 100 })).toMatchObject({
      rows: 990,
      firstBadSeq: 990,
      problem: 'Baris 990 hilang dari buku besar (berikutnya ditemukan baris 2001): ada baris yang dihapus',
    })
  })

  it('from a later row and up to a given row, as the start check and a printed document walk it', () => {
    expect(verifyBoth(base, { ...TWO, fromSeq: 10, toSeq: 2500 })).toMatchObject({ rows: 2491, firstBadSeq: null })
    const path = tampered((db) => db.prepare('UPDATE ledger SET qty = 1 WHERE seq = 2600').run())
    expect(verifyBoth(path, { ...TWO, toSeq: 2599 })).toMatchObject({ rows: 2599, firstBadSeq: null })
  })

  it('a range its thread cannot walk (the file moved away meanwhile) is walked by the caller, same answer', () => {
    const path = tampered((db) => db.prepare('UPDATE ledger SET qty = 1 WHERE seq = 2600').run())
    const db = asReadable(new Database(path, { readonly: true, fileMustExist: true }))
    try {
      const alone = verifyChain(db, { threads: 1 })
      // The caller's connection keeps the file open; the thread, opening it by name, finds nothing there.
      renameSync(path, path + '.dipindah')
      const walked = chainThreadWalks()
      expect(verifyChain(db, TWO)).toEqual(alone)
      expect(alone).toMatchObject({ firstBadSeq: 2600 })
      expect(chainThreadWalks()).toBe(walked)
    } finally {
      db.close()
    }
  })

  it('reports progress up to the rows it checks', () => {
    const db = asReadable(new Database(base, { readonly: true }))
    const done: number[] = []
    try {
      verifyChain(db, { threads: 2, minRangeRows: 100, onProgress: (p) => done.push(p.done) })
    } finally {
      db.close()
    }
    // Every 25,000 rows: none at 3,000; what matters is that nothing counts past the total.
    expect(done.every((n) => n <= ROWS)).toBe(true)
  })

  it('while another process appends to the chain, the walk checks the rows it found at its start', async () => {
    const path = tampered(() => {})
    // Rows as the app would append them, written one commit at a time by another process meanwhile.
    const more: unknown[][] = []
    let prevHash = hashes[ROWS]!
    for (let seq = ROWS + 1; seq <= ROWS + 20_000; seq++) {
      const r: LedgerRowContent = {
        ...{
          seq,
          at: '2024-11-02T08:00:00.000Z',
          actor: 'ani',
          variantId: 1,
          from: 'PENYEDIA',
          to: 'DITERIMA',
          qty: 1,
        },
        ...{ note: null, shiftId: null, documentId: null, reason: null, correctsSeq: null, workerId: null, prevHash },
      }
      const hash = rowHash(r)
      more.push([seq, r.at, r.actor, r.variantId, r.from, r.to, r.qty, prevHash, hash])
      prevHash = hash
    }
    const rowsFile = join(dir, 'baris-baru.json')
    writeFileSync(rowsFile, JSON.stringify(more))
    const sqlite = createRequire(__filename).resolve('better-sqlite3')
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require(${JSON.stringify(sqlite)}))(${JSON.stringify(path)})
         db.pragma('synchronous = OFF')
         const ins = db.prepare('INSERT INTO ledger (seq, at, actor, variant_id, from_place, to_place, qty, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
         const rows = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(rowsFile)}, 'utf8'))
         process.stdout.write('mulai\\n')
         const end = Date.now() + 10000
         for (const r of rows) if (Date.now() < end) ins.run(...r)`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const ended = new Promise((resolve) => writer.once('exit', resolve))
    try {
      await new Promise((resolve) => writer.stdout.once('data', resolve))
      const db = asReadable(new Database(path, { readonly: true }))
      try {
        for (let i = 0; i < 5; i++) {
          const r = verifyChain(db, TWO)
          expect(r.problem).toBeNull()
          expect(r.rows).toBeGreaterThanOrEqual(ROWS)
        }
      } finally {
        db.close()
      }
    } finally {
      writer.kill()
      await ended
    }
  })
})
