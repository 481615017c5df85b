import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { MoveInput } from '../../src/core/moves'
import { aggregatesMatchLedger, appendMoves, balancesMatchLedger, verifyChain } from '../../src/db/ledger'
import { MIGRATIONS } from '../../src/db/migrations'
import { openDatabase, schemaVersion, type DB } from '../../src/db/open'
import { useTempDir } from '../support/tempDir'
import { expectRanUpTo, ledgerState, openMigrated } from '../support/migrations'

/**
 * Migration 0006 (indexes for the lookups a Bogor-size file scanned) on a file that lived under
 * 0001–0005 with deliveries, a day of tally rows and a shift still holding sheets: nothing already there
 * changes, every lookup answers exactly as before, and now through the new indexes.
 */
const root = useTempDir('m0006')
const path = join(root, 'm6.sqlite')
const UP_TO_0006 = MIGRATIONS.slice(0, 6)

const indexes = (db: DB) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  )
const plan = (db: DB, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ')

/** A delivery line's counted and tertukar sheets (the query behind the open-selisih check). */
const LINES = `SELECT l.id, l.variant_id AS v,
         coalesce((SELECT sum(CASE WHEN g.to_place = 'DITERIMA' THEN g.qty WHEN g.from_place = 'DITERIMA' THEN -g.qty ELSE 0 END)
                   FROM ledger g WHERE g.document_id = ? AND g.variant_id = l.variant_id), 0) AS counted,
         coalesce((SELECT sum(CASE WHEN g.to_place = 'TERTUKAR' THEN g.qty WHEN g.from_place = 'TERTUKAR' THEN -g.qty ELSE 0 END)
                   FROM ledger g WHERE g.document_id = ? AND g.variant_id = l.variant_id), 0) AS tertukar
  FROM delivery_line l WHERE l.delivery_id = ? ORDER BY l.id`
const BY_DOCUMENT_AND_VARIANT = `SELECT sum(qty) AS n FROM ledger WHERE document_id = ? AND variant_id = ?`
const BY_DOCUMENT = `SELECT variant_id AS v, sum(qty) AS qty FROM ledger WHERE document_id = ? GROUP BY variant_id`
const IN_PROCESS = `SELECT place, variant_id AS v, qty FROM balance WHERE place LIKE ? AND qty <> 0 ORDER BY place, variant_id`
const TPS_OF_DESA = `SELECT id FROM tps WHERE desa_id = ? ORDER BY id`

function answers(db: DB) {
  return {
    lines1: db.prepare(LINES).all('PENERIMAAN:1', 'PENERIMAAN:1', 1),
    lines2: db.prepare(LINES).all('PENERIMAAN:2', 'PENERIMAAN:2', 2),
    byDocVariant: db.prepare(BY_DOCUMENT_AND_VARIANT).get('PENERIMAAN:1', 1),
    byDoc: db.prepare(BY_DOCUMENT).all('PENERIMAAN:2'),
    inProcess1: db.prepare(IN_PROCESS).all('PROSES:1:%'),
    inProcess2: db.prepare(IN_PROCESS).all('PROSES:2:%'),
    // LIKE ignores case; the NOCASE index must not change which rows match.
    inProcessLower: db.prepare(IN_PROCESS).all('proses:2:%'),
    tps: db.prepare(TPS_OF_DESA).all(1),
  }
}

let before: { kept: ReturnType<typeof ledgerState>; answers: ReturnType<typeof answers> }

beforeAll(() => {
  const db = openDatabase(path, { migrations: MIGRATIONS.slice(0, 5) })
  expect(schemaVersion(db)).toBe(5)
  db.exec(`
    INSERT INTO election (id, jenis, tahun, provinsi, satker, kode_wilayah, reserve_bp, rounding, max_voters_per_tps, created_at)
      VALUES (1, 'pilkada', 2024, 'Sumatera Utara', 'Kabupaten Batu Bara', '1219', 250, 'up', 600, '2024-10-01T02:00:00.000Z');
    INSERT INTO kecamatan (id, kode, nama, nama_key) VALUES (1, '121908', 'LAUT TADOR', 'LAUT TADOR');
    INSERT INTO desa (id, kecamatan_id, kode, nama, nama_key) VALUES (1, 1, '1219082001', 'TANJUNG PRAPAT', 'TANJUNG PRAPAT'), (2, 1, '1219082002', 'PAHANG', 'PAHANG');
    INSERT INTO tps (id, desa_id, nomor, dpt) VALUES (1, 1, 1, 200), (2, 1, 2, 150), (3, 2, 1, 180);
    INSERT INTO item (id, code, name, kind, unit, rule, psu_per_dapil, sort_order) VALUES (1, 'BUPATI', 'Surat Suara Pemilihan Bupati dan Wakil Bupati', 'ballot', 'lembar', 'ballot', 0, 10);
    INSERT INTO item (id, code, name, kind, unit, rule, psu_per_dapil, sort_order) VALUES (2, 'GUBERNUR', 'Surat Suara Pemilihan Gubernur dan Wakil Gubernur', 'ballot', 'lembar', 'ballot', 0, 5);
    INSERT INTO dapil (id, item_id, name, name_key) VALUES (1, 1, 'KABUPATEN BATU BARA', 'KABUPATEN BATU BARA'), (2, 2, 'SUMATERA UTARA', 'SUMATERA UTARA');
    INSERT INTO dapil_kecamatan (item_id, kecamatan_id, dapil_id) VALUES (1, 1, 1), (2, 1, 2);
    INSERT INTO item_variant (id, item_id, dapil_id) VALUES (1, 1, 1), (2, 2, 2);
    INSERT INTO team (id, nama, nama_key) VALUES (1, 'Melati', 'MELATI'), (2, 'Mawar', 'MAWAR');
    INSERT INTO shift (id, kind, tanggal, mulai, selesai, status, created_at, created_by) VALUES
      (1, 'sortir_lipat', '2024-11-05', '08:00', '16:00', 'closed', '2024-11-05', 'uji'),
      (2, 'sortir_lipat', '2024-11-06', '08:00', '16:00', 'open', '2024-11-06', 'uji');
    INSERT INTO delivery (id, kind, received_at, penyedia, surat_jalan, recorded_at, recorded_by) VALUES
      (1, 'biasa', '2024-11-04T09:00', 'PT Cetak', 'SJ-1', '2024-11-04', 'uji'),
      (2, 'biasa', '2024-11-05T09:00', 'PT Cetak', 'SJ-2', '2024-11-05', 'uji');
    INSERT INTO delivery_line (id, delivery_id, variant_id, stated_qty) VALUES (1, 1, 1, 5000), (2, 1, 2, 3000), (3, 2, 1, 1000);`)
  const moves: MoveInput[][] = [
    [
      { variantId: 1, from: 'PENYEDIA', to: 'DITERIMA', qty: 4_990, documentId: 'PENERIMAAN:1' },
      { variantId: 1, from: 'PENYEDIA', to: 'TERTUKAR', qty: 10, documentId: 'PENERIMAAN:1' },
      { variantId: 2, from: 'PENYEDIA', to: 'DITERIMA', qty: 3_000, documentId: 'PENERIMAAN:1' },
    ],
    // A correction of the first count, with the delivery's document id: 20 sheets were counted twice.
    [{ variantId: 1, from: 'DITERIMA', to: 'PENYEDIA', qty: 20, documentId: 'PENERIMAAN:1', reason: 'KOREKSI' }],
    [{ variantId: 1, from: 'PENYEDIA', to: 'DITERIMA', qty: 1_000, documentId: 'PENERIMAAN:2' }],
  ]
  // Many rows of variant 1 without a document: the lookups by document must not read them.
  const tally: MoveInput[] = []
  for (let k = 0; k < 60; k++) {
    tally.push({ variantId: 1, from: 'DITERIMA', to: 'PROSES:1:1', qty: 40, shiftId: 1 })
    tally.push({ variantId: 1, from: 'PROSES:1:1', to: 'BAIK', qty: 39, shiftId: 1 })
    tally.push({ variantId: 1, from: 'PROSES:1:1', to: 'RUSAK:CETAK', qty: 1, shiftId: 1 })
  }
  moves.push(tally)
  moves.push([
    { variantId: 1, from: 'DITERIMA', to: 'PROSES:2:1', qty: 100, shiftId: 2 },
    { variantId: 2, from: 'DITERIMA', to: 'PROSES:2:2', qty: 50, shiftId: 2 },
    { variantId: 2, from: 'PROSES:2:2', to: 'BAIK', qty: 20, shiftId: 2 },
  ])
  db.transaction(() => {
    moves.forEach((batch, i) => appendMoves(db, batch, { actor: 'uji', at: `2024-11-0${4 + i}T02:00:00.000Z` }))
  })()
  before = { kept: ledgerState(db), answers: answers(db) }
  expect(before.kept.ledger).toHaveLength(188)
  expect(indexes(db)).toEqual(expect.arrayContaining(['ledger_document', 'tps_desa']))
  db.close()
})

describe('migration 0006 on a database that lived under 0001–0005', () => {
  it('records six migrations, adds the two indexes and drops the two it replaces', () => {
    const db = openMigrated(path, UP_TO_0006)
    expectRanUpTo(db, 6)
    const now = indexes(db)
    expect(now).toEqual(
      expect.arrayContaining(['ledger_document_variant', 'balance_place', 'ledger_variant', 'sqlite_autoindex_tps_1']),
    )
    expect(now).not.toContain('ledger_document')
    expect(now).not.toContain('tps_desa')
  })

  it('keeps the ledger, balances and aggregates exactly, and they still verify', () => {
    const db = openMigrated(path, UP_TO_0006)
    expect(ledgerState(db)).toEqual(before.kept)
    expect(verifyChain(db)).toMatchObject({ rows: 188, firstBadSeq: null, problem: null })
    expect(balancesMatchLedger(db)).toBe(true)
    expect(aggregatesMatchLedger(db)).toBe(true)
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }])
  })

  it('answers every lookup exactly as before, now through the new indexes', () => {
    const db = openMigrated(path, UP_TO_0006)
    expect(answers(db)).toEqual(before.answers)
    // The figures themselves: 4,990 counted less the 20 corrected back; 10 tertukar.
    expect(before.answers.lines1).toEqual([
      { id: 1, v: 1, counted: 4_970, tertukar: 10 },
      { id: 2, v: 2, counted: 3_000, tertukar: 0 },
    ])
    expect(before.answers.inProcess2).toEqual([
      { place: 'PROSES:2:1', v: 1, qty: 100 },
      { place: 'PROSES:2:2', v: 2, qty: 30 },
    ])
    expect(before.answers.inProcessLower).toEqual(before.answers.inProcess2)
    expect(before.answers.inProcess1).toEqual([])

    expect(plan(db, LINES, 'PENERIMAAN:1', 'PENERIMAAN:1', 1)).toContain(
      'ledger_document_variant (document_id=? AND variant_id=?)',
    )
    expect(plan(db, LINES, 'PENERIMAAN:1', 'PENERIMAAN:1', 1)).not.toContain('ledger_variant ')
    expect(plan(db, BY_DOCUMENT_AND_VARIANT, 'PENERIMAAN:1', 1)).toContain(
      'ledger_document_variant (document_id=? AND variant_id=?)',
    )
    expect(plan(db, BY_DOCUMENT, 'PENERIMAAN:2')).toContain('ledger_document_variant (document_id=?)')
    expect(plan(db, IN_PROCESS, 'PROSES:2:%')).toContain('balance_place')
    expect(plan(db, TPS_OF_DESA, 1)).toContain('sqlite_autoindex_tps_1 (desa_id=?)')
  })

  it('keeps the new indexes up to date as rows are written after it', () => {
    const db = openMigrated(path, UP_TO_0006)
    db.transaction(() => {
      appendMoves(
        db,
        [
          { variantId: 2, from: 'PENYEDIA', to: 'DITERIMA', qty: 500, documentId: 'PENERIMAAN:2' },
          { variantId: 2, from: 'PROSES:2:2', to: 'DITERIMA', qty: 30, shiftId: 2, reason: 'KEMBALI' },
          { variantId: 1, from: 'DITERIMA', to: 'PROSES:3:1', qty: 7, shiftId: 3 },
        ],
        { actor: 'uji', at: '2024-11-10T02:00:00.000Z' },
      )
    })()
    expect(db.prepare(BY_DOCUMENT).all('PENERIMAAN:2')).toEqual([
      { v: 1, qty: 1_000 },
      { v: 2, qty: 500 },
    ])
    expect(db.prepare(IN_PROCESS).all('PROSES:2:%')).toEqual([{ place: 'PROSES:2:1', v: 1, qty: 100 }])
    expect(db.prepare(IN_PROCESS).all('PROSES:3:%')).toEqual([{ place: 'PROSES:3:1', v: 1, qty: 7 }])
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }])
    expect(balancesMatchLedger(db)).toBe(true)
  })
})
