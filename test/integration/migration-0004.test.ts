import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MoveInput } from '../../src/core/moves'
import { aggregatesMatchLedger, appendMoves, balancesMatchLedger, verifyChain } from '../../src/db/ledger'
import { MIGRATIONS } from '../../src/db/migrations'
import { openDatabase, schemaVersion, type DB } from '../../src/db/open'
import { openTestApp } from '../support/api'
import { useTempDir } from '../support/tempDir'
import { expectRanUpTo, ledgerState, openMigrated } from '../support/migrations'

/**
 * Migration 0004 (packing, handover to each PPK — Panitia Pemilihan Kecamatan —, returns, destruction) on a
 * file that lived under 0001–0003 with wilayah, items and ledger rows in it: everything already there is
 * kept and still verifies, and the new tables enforce their own rules (append-only records, unique seal
 * numbers, foreign keys).
 */
const root = useTempDir('m0004')
const path = join(root, 'm4.sqlite')

const NEW_TABLES = [
  'handover',
  'handover_confirmation',
  'handover_tps',
  'pemusnahan',
  'pengembalian',
  'segel',
  'setting',
]
const APPEND_ONLY = ['handover', 'handover_tps', 'handover_confirmation', 'pengembalian', 'pemusnahan']
const NO_UPDATE = 'Catatan distribusi dan pemusnahan tidak dapat diubah; catat koreksi'
const NO_DELETE = 'Catatan distribusi dan pemusnahan tidak dapat dihapus'

const tables = (db: DB) =>
  (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[]
  ).map((r) => r.name)
const names = (db: DB, type: 'index' | 'trigger') =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = ? ORDER BY name`).all(type) as { name: string }[]).map(
    (r) => r.name,
  )

/** A kecamatan with two TPS, Bupati (one dapil) and Kotak, and a day of moves up to one TPS kit packed and handed over. */
const MOVES: MoveInput[][] = [
  [
    { variantId: 1, from: 'PENYEDIA', to: 'DITERIMA', qty: 1_000, documentId: 'PENERIMAAN:1' },
    { variantId: 2, from: 'PENYEDIA', to: 'DITERIMA', qty: 10, documentId: 'PENERIMAAN:1' },
  ],
  [
    { variantId: 1, from: 'DITERIMA', to: 'PROSES:1:1', qty: 600, shiftId: 1 },
    { variantId: 1, from: 'PROSES:1:1', to: 'BAIK', qty: 590, shiftId: 1 },
    { variantId: 1, from: 'PROSES:1:1', to: 'RUSAK:CETAK', qty: 10, shiftId: 1 },
    { variantId: 2, from: 'DITERIMA', to: 'SIAP', qty: 4 },
  ],
  // Rows with the places of 0004 were already valid ledger text before it.
  [
    { variantId: 1, from: 'BAIK', to: 'DIKEMAS:1', qty: 205 },
    { variantId: 2, from: 'SIAP', to: 'DIKEMAS:1', qty: 2 },
  ],
  [
    { variantId: 1, from: 'DIKEMAS:1', to: 'DIKIRIM:1', qty: 205, documentId: 'SERAH_TERIMA:1' },
    { variantId: 2, from: 'DIKEMAS:1', to: 'DIKIRIM:1', qty: 2, documentId: 'SERAH_TERIMA:1' },
  ],
]

let before: ReturnType<typeof ledgerState>

beforeAll(() => {
  const db = openDatabase(path, { migrations: MIGRATIONS.slice(0, 3) })
  expect(schemaVersion(db)).toBe(3)
  for (const t of NEW_TABLES) expect(tables(db)).not.toContain(t)
  db.exec(`
    INSERT INTO election (id, jenis, tahun, provinsi, satker, kode_wilayah, reserve_bp, rounding, max_voters_per_tps, created_at)
      VALUES (1, 'pilkada', 2024, 'Sumatera Utara', 'Kabupaten Batu Bara', '1219', 250, 'up', 600, '2024-10-01T02:00:00.000Z');
    INSERT INTO kecamatan (id, kode, nama, nama_key) VALUES (1, '121908', 'LAUT TADOR', 'LAUT TADOR');
    INSERT INTO desa (id, kecamatan_id, kode, nama, nama_key) VALUES (1, 1, '1219082001', 'TANJUNG PRAPAT', 'TANJUNG PRAPAT');
    INSERT INTO tps (id, desa_id, nomor, dpt) VALUES (1, 1, 1, 200), (2, 1, 2, 150);
    INSERT INTO item (id, code, name, kind, unit, rule, psu_per_dapil, sort_order) VALUES (1, 'BUPATI', 'Surat Suara Pemilihan Bupati dan Wakil Bupati', 'ballot', 'lembar', 'ballot', 0, 10);
    INSERT INTO item (id, code, name, kind, unit, rule, qty, assembled, sort_order) VALUES (2, 'KOTAK', 'Kotak suara', 'logistics', 'buah', 'per_tps', 2, 1, 20);
    INSERT INTO dapil (id, item_id, name, name_key) VALUES (1, 1, 'KABUPATEN BATU BARA', 'KABUPATEN BATU BARA');
    INSERT INTO dapil_kecamatan (item_id, kecamatan_id, dapil_id) VALUES (1, 1, 1);
    INSERT INTO item_variant (id, item_id, dapil_id) VALUES (1, 1, 1), (2, 2, NULL);
    INSERT INTO team (id, nama, nama_key) VALUES (1, 'Melati', 'MELATI');
    INSERT INTO shift (id, kind, tanggal, mulai, selesai, status, created_at, created_by) VALUES (1, 'sortir_lipat', '2024-11-05', '08:00', '16:00', 'closed', '2024-11-05', 'uji');`)
  db.transaction(() => {
    MOVES.forEach((batch, i) => appendMoves(db, batch, { actor: 'uji', at: `2024-11-0${5 + i}T02:00:00.000Z` }))
  })()
  before = ledgerState(db)
  expect(before.ledger).toHaveLength(10)
  db.close()
})

describe('migration 0004 on a database that lived under 0001–0003', () => {
  it('records four migrations and adds the new tables and index', () => {
    const db = openMigrated(path, MIGRATIONS.slice(0, 4))
    expectRanUpTo(db, 4)
    for (const t of NEW_TABLES) expect(tables(db), t).toContain(t)
    expect(names(db, 'index')).toContain('handover_tps_tps')
    for (const t of APPEND_ONLY)
      expect(names(db, 'trigger')).toEqual(expect.arrayContaining([`${t}_no_update`, `${t}_no_delete`]))
    // The new tables start empty.
    for (const t of NEW_TABLES) expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get(), t).toEqual({ n: 0 })
  })

  it('keeps the ledger, balances and aggregates exactly, and they still verify', () => {
    const db = openMigrated(path, MIGRATIONS.slice(0, 4))
    expect(ledgerState(db)).toEqual(before)
    expect(verifyChain(db)).toMatchObject({ rows: 10, firstBadSeq: null, problem: null })
    expect(balancesMatchLedger(db)).toBe(true)
    expect(aggregatesMatchLedger(db)).toBe(true)
    // BAIK 590 - 205 = 385; DIKIRIM:1 holds the kit of TPS 1.
    expect(db.prepare(`SELECT place, qty FROM balance WHERE variant_id = 1 AND qty <> 0 ORDER BY place`).all()).toEqual(
      [
        { place: 'BAIK', qty: 385 },
        { place: 'DIKIRIM:1', qty: 205 },
        { place: 'DITERIMA', qty: 400 },
        { place: 'PENYEDIA', qty: -1_000 },
        { place: 'RUSAK:CETAK', qty: 10 },
      ],
    )
  })

  describe('the new tables enforce their rules', () => {
    let db: DB
    beforeAll(() => {
      db = openDatabase(path, { mustExist: true, migrations: MIGRATIONS.slice(0, 4) })
      db.exec(`
        INSERT INTO handover (id, kecamatan_id, at, actor, tanggal, ppk_nama, ppk_jabatan) VALUES (1, 1, '2024-11-08T02:00:00.000Z', 'uji', '2024-11-08', 'Zulkarnain', 'Ketua PPK');
        INSERT INTO handover_tps (handover_id, tps_id, exception) VALUES (1, 1, NULL);
        INSERT INTO handover_confirmation (handover_id, at, actor, note) VALUES (1, '2024-11-09T02:00:00.000Z', 'uji', 'Diterima');
        INSERT INTO pengembalian (id, kecamatan_id, at, actor, note) VALUES (1, 1, '2024-11-10T02:00:00.000Z', 'uji', 'Sisa');
        INSERT INTO pemusnahan (id, tanggal, at, actor, metode, tempat) VALUES (1, '2024-11-20', '2024-11-20T02:00:00.000Z', 'uji', 'dibakar', 'Halaman gudang');
        INSERT INTO segel (tps_id, kotak_no, nomor, at, actor) VALUES (1, 1, 'SG-0001', '2024-11-07T02:00:00.000Z', 'uji'), (1, 2, 'SG-0002', '2024-11-07T02:00:00.000Z', 'uji');`)
    })
    afterAll(() => db.close())

    it.each(APPEND_ONLY)('%s: UPDATE and DELETE abort with the Indonesian message', (t) => {
      const col =
        t === 'handover_tps'
          ? 'exception'
          : t === 'handover_confirmation' || t === 'pengembalian'
            ? 'note'
            : t === 'handover'
              ? 'ppk_nama'
              : 'tempat'
      expect(() => db.prepare(`UPDATE ${t} SET ${col} = 'diubah'`).run()).toThrow(NO_UPDATE)
      expect(() => db.prepare(`DELETE FROM ${t}`).run()).toThrow(NO_DELETE)
      expect((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n).toBe(1)
    })

    it('handover_tps: its handover and TPS must exist, and a TPS is listed once per handover', () => {
      expect(() => db.prepare('INSERT INTO handover_tps (handover_id, tps_id) VALUES (99, 2)').run()).toThrow(
        /FOREIGN KEY constraint failed/,
      )
      expect(() => db.prepare('INSERT INTO handover_tps (handover_id, tps_id) VALUES (1, 99)').run()).toThrow(
        /FOREIGN KEY constraint failed/,
      )
      expect(() => db.prepare('INSERT INTO handover_tps (handover_id, tps_id) VALUES (1, 1)').run()).toThrow(
        /UNIQUE constraint failed: handover_tps.handover_id, handover_tps.tps_id/,
      )
      // A handover needs a real kecamatan; a confirmation a real handover, once.
      expect(() =>
        db
          .prepare(
            `INSERT INTO handover (kecamatan_id, at, actor, tanggal, ppk_nama, ppk_jabatan) VALUES (99, 'x', 'uji', '2024-11-08', 'A', 'B')`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY constraint failed/)
      expect(() =>
        db
          .prepare(`INSERT INTO handover_confirmation (handover_id, at, actor, note) VALUES (99, 'x', 'uji', 'n')`)
          .run(),
      ).toThrow(/FOREIGN KEY constraint failed/)
      expect(() =>
        db
          .prepare(`INSERT INTO handover_confirmation (handover_id, at, actor, note) VALUES (1, 'x', 'uji', 'lagi')`)
          .run(),
      ).toThrow(/UNIQUE constraint failed: handover_confirmation.handover_id/)
      // The rows that passed: TPS 2 in the same handover.
      db.prepare('INSERT INTO handover_tps (handover_id, tps_id, exception) VALUES (1, 2, ?)').run('Bilik menyusul')
      expect(db.prepare('SELECT tps_id AS t, exception AS e FROM handover_tps ORDER BY tps_id').all()).toEqual([
        { t: 1, e: null },
        { t: 2, e: 'Bilik menyusul' },
      ])
    })

    it('segel: one number per kotak of a TPS, a number used once, kotak from 1, a real TPS; kept current', () => {
      expect(() =>
        db.prepare(`INSERT INTO segel (tps_id, kotak_no, nomor, at, actor) VALUES (2, 1, 'SG-0001', 'x', 'uji')`).run(),
      ).toThrow(/UNIQUE constraint failed: segel.nomor/)
      expect(() =>
        db.prepare(`INSERT INTO segel (tps_id, kotak_no, nomor, at, actor) VALUES (1, 1, 'SG-0009', 'x', 'uji')`).run(),
      ).toThrow(/UNIQUE constraint failed: segel.tps_id, segel.kotak_no/)
      expect(() =>
        db.prepare(`INSERT INTO segel (tps_id, kotak_no, nomor, at, actor) VALUES (2, 0, 'SG-0010', 'x', 'uji')`).run(),
      ).toThrow(/CHECK constraint failed/)
      expect(() =>
        db
          .prepare(`INSERT INTO segel (tps_id, kotak_no, nomor, at, actor) VALUES (99, 1, 'SG-0011', 'x', 'uji')`)
          .run(),
      ).toThrow(/FOREIGN KEY constraint failed/)
      // A mistyped number is replaced in place (the audit log keeps the change).
      db.prepare(`UPDATE segel SET nomor = 'SG-0003' WHERE tps_id = 1 AND kotak_no = 2`).run()
      expect(db.prepare('SELECT tps_id AS t, kotak_no AS k, nomor FROM segel ORDER BY kotak_no').all()).toEqual([
        { t: 1, k: 1, nomor: 'SG-0001' },
        { t: 1, k: 2, nomor: 'SG-0003' },
      ])
    })

    it('setting: one value per key', () => {
      db.prepare(`INSERT INTO setting (key, value) VALUES ('label_grid', '{}')`).run()
      expect(() => db.prepare(`INSERT INTO setting (key, value) VALUES ('label_grid', '{}')`).run()).toThrow(
        /UNIQUE constraint failed: setting.key/,
      )
    })
  })

  it('the app opens the migrated file: the handover, the kit statuses and the ledger read back', async () => {
    // Checkpoint the WAL so a fresh connection sees everything.
    const raw = new Database(path)
    raw.pragma('wal_checkpoint(TRUNCATE)')
    raw.close()
    const app = await openTestApp({ dbPath: path, demo: false })
    const { call } = app
    try {
      expect(await call('ledger.periksa')).toMatchObject({ ok: true, rows: 10, problem: null })
      const list = await call('serahTerima.daftar')
      expect(list).toEqual([
        expect.objectContaining({
          id: 1,
          kecamatan: 'LAUT TADOR',
          ppkNama: 'Zulkarnain',
          tps: 2,
          exceptions: 1,
          confirmed: expect.objectContaining({ note: 'Diterima' }),
          documentId: null,
        }),
      ])
      // Both TPS are in a confirmed handover: diterima.
      expect((await call('kemas.daftarKit', {})).map((k) => [k.nomor, k.status])).toEqual([
        [1, 'diterima'],
        [2, 'diterima'],
      ])
      expect(await call('serahTerima.lihatDiPpk', { kecamatanId: 1 })).toEqual([
        { variantId: 1, qty: 205, label: 'Surat Suara Pemilihan Bupati dan Wakil Bupati · Dapil KABUPATEN BATU BARA' },
        { variantId: 2, qty: 2, label: 'Kotak suara' },
      ])
      // The setting row written above is read as the label grid (an empty object keeps every default).
      expect(await call('kemas.lihatSusunanLabel')).toMatchObject({ rows: 4, cols: 2 })
    } finally {
      app.close()
    }
  })
})
