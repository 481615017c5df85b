import { describe, expect, it } from 'vitest'
import { floorCategorisedSql, placeKindSql } from '../../src/db/ledgerCategories'
import { openDatabase, type DB } from '../../src/db/open'

/**
 * `ledger.periksa` recomputes floor_flow and place_flow with its own copy of the classification
 * (src/db/ledgerCategories.ts), because the triggers that maintain them belong to a released migration
 * whose text is never edited. This test holds the copy to the triggers: every kind of row, inserted one at
 * a time into a file at the latest schema, lands in the aggregates exactly as the copy classifies it.
 */
const PLACES = [
  'PENYEDIA',
  'DITERIMA',
  'TERTUKAR',
  'PROSES:1:2',
  'PROSES:12:34',
  'BAIK',
  'RUSAK:CETAK',
  'RUSAK:LAINNYA',
  'SIAP',
  'DIKEMAS:5',
  'DIKIRIM:3',
  'DIMUSNAHKAN',
]
const REASONS = [null, 'KEMBALI', 'REKLASIFIKASI', 'BATAL', 'KOREKSI']
/** A shift on record, one that is not (its day comes from the row's time), and none. */
const SHIFTS = [1, 99, null]
/** Around local midnight too: a row without a shift counts on its local day. */
const TIMES = ['2024-11-04T01:00:00.000Z', '2024-11-04T17:30:00.000Z']

interface Corpus {
  db: DB
  seqs: number[]
}

/**
 * A file at the latest schema holding one row of every combination. Only the aggregate triggers run: the
 * balance trigger (which would refuse most of these rows as stock that is not there) is dropped, and
 * references are not enforced; neither has a part in the classification.
 */
function corpus(): Corpus {
  const db = openDatabase(':memory:')
  db.pragma('foreign_keys = OFF')
  db.exec(`DROP TRIGGER ledger_balance;
    INSERT INTO shift (id, kind, tanggal, mulai, selesai, status, created_at, created_by)
    VALUES (1, 'sortir_lipat', '2024-11-02', '08:00', '16:00', 'open', '2024-11-02', 'uji');`)
  const insert = db.prepare(
    `INSERT INTO ledger (seq, at, actor, variant_id, from_place, to_place, qty, note, shift_id, document_id, reason, corrects_seq, worker_id, prev_hash, hash)
     VALUES (?, ?, 'uji', ?, ?, ?, ?, NULL, ?, NULL, ?, NULL, ?, '', 'h' || ?)`,
  )
  const seqs: number[] = []
  let seq = 0
  db.exec('SAVEPOINT corpus')
  for (const from of PLACES)
    for (const to of PLACES) {
      if (from === to) continue
      for (const reason of REASONS)
        for (const shift of SHIFTS)
          for (const [i, at] of TIMES.entries()) {
            seq++
            insert.run(seq, at, 1 + (seq % 3), from, to, 1 + (seq % 97), shift, reason, i === 0 ? null : 7, seq)
            seqs.push(seq)
          }
    }
  // The rows stay; the aggregates they built are cleared so each row can be replayed alone below.
  db.exec('DELETE FROM floor_flow; DELETE FROM place_flow; RELEASE corpus')
  return { db, seqs }
}

const FLOOR_COLUMNS = 'tanggal, shift_id, team_id, worker_id, variant_id, category, reason, qty'

/**
 * Rows whose aggregates, as the triggers wrote them when the row was inserted alone, differ from what
 * `categorise` makes of it. Each row is replayed in a savepoint on an empty aggregate: a copy of the row
 * under a new seq fires the triggers, and the savepoint is rolled back.
 */
function mismatches(c: Corpus, categorise: typeof floorCategorisedSql, kind: typeof placeKindSql): string[] {
  const { db } = c
  const next = (db.prepare('SELECT max(seq) AS n FROM ledger').get() as { n: number }).n + 1
  const replay = db.prepare(
    `INSERT INTO ledger (seq, at, actor, variant_id, from_place, to_place, qty, note, shift_id, document_id, reason, corrects_seq, worker_id, prev_hash, hash)
     SELECT ?, at, actor, variant_id, from_place, to_place, qty, note, shift_id, document_id, reason, corrects_seq, worker_id, prev_hash, 'replay'
     FROM ledger WHERE seq = ?`,
  )
  const floorStored = db.prepare(`SELECT ${FLOOR_COLUMNS} FROM floor_flow`)
  const floorCopy = db.prepare(
    `SELECT ${FLOOR_COLUMNS} FROM (${categorise('ledger l', 'l.seq = ?')}) WHERE category IS NOT NULL`,
  )
  const placeStored = db.prepare('SELECT variant_id, from_kind, to_kind, reason, qty FROM place_flow')
  const placeCopy = db.prepare(
    `SELECT variant_id, ${kind('from_place')} AS from_kind, ${kind('to_place')} AS to_kind, coalesce(reason, '') AS reason, qty
     FROM ledger WHERE seq = ?`,
  )
  const out: string[] = []
  for (const seq of c.seqs) {
    db.exec('SAVEPOINT one')
    replay.run(next, seq)
    const stored = { floor: floorStored.all(), place: placeStored.all() }
    const copy = { floor: floorCopy.all(next), place: placeCopy.all(next) }
    db.exec('ROLLBACK TO one; RELEASE one')
    if (JSON.stringify(stored) !== JSON.stringify(copy))
      out.push(`${seq}: ${JSON.stringify(stored)} != ${JSON.stringify(copy)}`)
  }
  return out
}

describe('the verification classifies ledger rows as the latest schema’s triggers do', () => {
  const c = corpus()

  it('covers every floor category, reversals and rows that are no floor work', () => {
    const categories = c.db
      .prepare(
        `SELECT coalesce(category, '-') AS category, CASE WHEN qty < 0 THEN -1 ELSE 1 END AS sign, count(*) AS n FROM (${floorCategorisedSql('ledger l', '1')})
         GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all() as { category: string; sign: number; n: number }[]
    expect(categories.map((r) => `${r.category}${r.sign < 0 ? '-' : '+'}`)).toEqual([
      '--',
      '-+',
      'hasil-',
      'hasil+',
      'kembali-',
      'kembali+',
      'reklasifikasi-',
      'reklasifikasi+',
      'rusak-',
      'rusak+',
      'serah-',
      'serah+',
    ])
    expect(c.seqs.length).toBeGreaterThan(3000)
  })

  it('agrees on every row', () => {
    expect(mismatches(c, floorCategorisedSql, placeKindSql)).toEqual([])
  })

  it('tells a copy that classifies differently', () => {
    const noSiap: typeof floorCategorisedSql = (s, w) =>
      floorCategorisedSql(s, w).replaceAll(`IN ('BAIK', 'SIAP')`, `= 'BAIK'`)
    expect(mismatches(c, noSiap, placeKindSql).length).toBeGreaterThan(0)
    const wholeName: typeof placeKindSql = (p) => p
    expect(mismatches(c, floorCategorisedSql, wholeName).length).toBeGreaterThan(0)
  })
})
