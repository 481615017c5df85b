import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GENESIS_HASH } from '../../src/core/ledgerRow'
import { appendMoves, balancesMatchLedger, verifyChain } from '../../src/db/ledger'
import { MIGRATIONS } from '../../src/db/migrations'
import { openDatabase, schemaVersion, type DB } from '../../src/db/open'
import { expectRanUpTo, raw } from '../support/migrations'
import { useTempDir } from '../support/tempDir'

/** This file tests migration 0002 as it stands; later migrations have their own tests. */
const UP_TO_0002 = MIGRATIONS.slice(0, 2)

/**
 * Migration 0002 (the warehouse floor) on a file that lived under 0001 with ledger rows in it: the old
 * rows must still verify after the upgrade, and the new tables must enforce their own rules.
 */
const root = useTempDir('m0002')
let fileNo = 0
const newPath = (name: string) => join(root, `${name}-${++fileNo}.sqlite`)

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

interface V1Move {
  variantId: number
  from: string
  to: string
  qty: number
  note?: string | null
  shiftId?: number | null
  documentId?: string | null
  reason?: string | null
  correctsSeq?: number | null
}

/**
 * What the app wrote before 0002: the v1 INSERT (no worker_id column exists yet) and the v1 canonical
 * encoding, spelled out here rather than taken from src so the test pins the old format itself.
 * (src/db/ledger.ts#appendMoves names worker_id and so cannot write to a 0001 schema.)
 */
function appendV1(db: DB, moves: readonly V1Move[], meta: { actor: string; at: string }): void {
  const insert = db.prepare(`INSERT INTO ledger
    (seq, at, actor, variant_id, from_place, to_place, qty, note, shift_id, document_id, reason, corrects_seq, prev_hash, hash)
    VALUES (@seq, @at, @actor, @variantId, @from, @to, @qty, @note, @shiftId, @documentId, @reason, @correctsSeq, @prevHash, @hash)`)
  let head = (db.prepare('SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS_HASH }
  for (const m of moves) {
    const row = {
      seq: head.seq + 1,
      at: meta.at,
      actor: meta.actor,
      variantId: m.variantId,
      from: m.from,
      to: m.to,
      qty: m.qty,
      note: m.note ?? null,
      shiftId: m.shiftId ?? null,
      documentId: m.documentId ?? null,
      reason: m.reason ?? null,
      correctsSeq: m.correctsSeq ?? null,
      prevHash: head.hash,
    }
    const hash = sha256(
      JSON.stringify([
        'gudang-pemilu/ledger/v1',
        row.seq,
        row.at,
        row.actor,
        row.variantId,
        row.from,
        row.to,
        row.qty,
        row.note,
        row.shiftId,
        row.documentId,
        row.reason,
        row.correctsSeq,
        row.prevHash,
      ]),
    )
    insert.run({ ...row, hash })
    head = { seq: row.seq, hash }
  }
}

const tables = (db: DB) =>
  (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[]
  ).map((r) => r.name)
const indexes = (db: DB) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).all() as { name: string }[]).map((r) => r.name)
const triggers = (db: DB) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  )

const NEW_TABLES = [
  'delivery',
  'delivery_line',
  'doc_setting',
  'document',
  'document_print',
  'pay_rate',
  'retur',
  'selisih_selesai',
  'shift',
  'shift_event',
  'shift_team',
  'shift_variant',
  'shift_worker',
  'team',
  'team_member',
  'team_target',
  'worker',
]

/** A file as the 0001 app left it: an election, two variants, nine ledger rows (one of them a correction pair). */
function v1File(): string {
  const path = newPath('v1')
  const db = openDatabase(path, { migrations: [MIGRATIONS[0]!] })
  expect(schemaVersion(db)).toBe(1)
  expect(tables(db)).not.toContain('delivery')
  db.exec(`
    INSERT INTO election (id, jenis, tahun, provinsi, satker, kode_wilayah, reserve_bp, rounding, max_voters_per_tps, created_at)
      VALUES (1, 'pilkada', 2024, 'Sumatera Utara', 'Kabupaten Batu Bara', '1219', 250, 'up', 600, '2024-10-01T02:00:00.000Z');
    INSERT INTO item (id, code, name, kind, unit, rule, sort_order) VALUES (1, 'BUPATI', 'Surat Suara Bupati', 'ballot', 'lembar', 'ballot', 20);
    INSERT INTO item (id, code, name, kind, unit, rule, qty, assembled, sort_order) VALUES (2, 'KOTAK', 'Kotak suara', 'logistics', 'buah', 'per_tps', 2, 1, 30);
    INSERT INTO dapil (id, item_id, name, name_key) VALUES (1, 1, 'KABUPATEN BATU BARA', 'kabupaten batu bara');
    INSERT INTO item_variant (id, item_id, dapil_id) VALUES (1, 1, 1);
    INSERT INTO item_variant (id, item_id, dapil_id) VALUES (2, 2, NULL);
    INSERT INTO audit (at, actor, action, detail) VALUES ('2024-10-01T02:00:00.000Z', 'ani', 'pemilihan.buat', '{}');`)
  db.transaction(() => {
    appendV1(
      db,
      [
        {
          variantId: 1,
          from: 'PENYEDIA',
          to: 'DITERIMA',
          qty: 10_000,
          documentId: 'SJ-001',
          note: 'Surat jalan SJ-001',
        },
        { variantId: 2, from: 'PENYEDIA', to: 'DITERIMA', qty: 300 },
        { variantId: 1, from: 'DITERIMA', to: 'BAIK', qty: 9_000, shiftId: 1 },
        { variantId: 1, from: 'DITERIMA', to: 'RUSAK:KUSUT_SOBEK', qty: 40, shiftId: 1, reason: 'sobek' },
      ],
      { actor: 'ani', at: '2024-10-02T01:00:00.000Z' },
    )
    // A correction pair as 0001 wrote it: reversal and replacement pointing at row 3.
    appendV1(
      db,
      [
        {
          variantId: 1,
          from: 'BAIK',
          to: 'DITERIMA',
          qty: 9_000,
          shiftId: 1,
          reason: 'BATAL',
          correctsSeq: 3,
          note: 'salah hitung',
        },
        {
          variantId: 1,
          from: 'DITERIMA',
          to: 'BAIK',
          qty: 8_990,
          shiftId: 1,
          reason: 'KOREKSI',
          correctsSeq: 3,
          note: 'salah hitung',
        },
      ],
      { actor: 'budi', at: '2024-10-02T05:00:00.000Z' },
    )
    appendV1(
      db,
      [
        { variantId: 2, from: 'DITERIMA', to: 'SIAP', qty: 120 },
        { variantId: 1, from: 'BAIK', to: 'DIKEMAS:1', qty: 500, note: null },
        { variantId: 1, from: 'PENYEDIA', to: 'TERTUKAR', qty: 25, note: 'milik Kab. Asahan' },
      ],
      { actor: 'ani', at: '2024-10-03T01:00:00.000Z' },
    )
  })()
  db.close()
  return path
}

describe('migration 0002 on a database that has lived under 0001', () => {
  let path: string
  let v1Rows: unknown[]
  let v1Balances: unknown[]

  beforeAll(() => {
    path = v1File()
    v1Rows = raw(path, (db) => db.prepare('SELECT * FROM ledger ORDER BY seq').all())
    v1Balances = raw(path, (db) => db.prepare('SELECT * FROM balance ORDER BY variant_id, place').all())
    expect(v1Rows).toHaveLength(9)
  })

  it('records both migrations and adds every new table, index and column', () => {
    const db = openDatabase(path, { mustExist: true, migrations: UP_TO_0002 })
    try {
      expectRanUpTo(db, 2)
      for (const t of NEW_TABLES) expect(tables(db), t).toContain(t)
      for (const i of [
        'ledger_shift',
        'ledger_document',
        'ledger_corrects',
        'ledger_at',
        'worker_nama',
        'shift_tanggal',
        'document_type',
      ])
        expect(indexes(db), i).toContain(i)
      const ledgerCols = (db.pragma('table_info(ledger)') as { name: string }[]).map((c) => c.name)
      expect(ledgerCols).toContain('worker_id')
      const electionCols = (db.pragma('table_info(election)') as { name: string }[]).map((c) => c.name)
      for (const c of ['kota_ttd', 'kontak', 'paper', 'nomor_pattern', 'nomor_start', 'logo', 'logo_mime', 'tax_bp'])
        expect(electionCols, c).toContain(c)
    } finally {
      db.close()
    }
  })

  it('keeps the old rows and balances exactly, gives them no worker, and the election its defaults', () => {
    raw(path, (db) => {
      const rows = db.prepare('SELECT * FROM ledger ORDER BY seq').all() as Record<string, unknown>[]
      expect(rows.map(({ worker_id: _workerId, ...rest }) => rest)).toEqual(v1Rows)
      expect(rows.every((r) => r.worker_id === null)).toBe(true)
      expect(db.prepare('SELECT * FROM balance ORDER BY variant_id, place').all()).toEqual(v1Balances)
      expect(
        db
          .prepare('SELECT kota_ttd, kontak, paper, nomor_pattern, nomor_start, logo, logo_mime, tax_bp FROM election')
          .get(),
      ).toEqual({
        kota_ttd: '',
        kontak: '',
        paper: 'A4',
        nomor_pattern: '{no}/PP.09.4-BA/{kode_wilayah}/{tahun}',
        nomor_start: 1,
        logo: null,
        logo_mime: null,
        tax_bp: 0,
      })
    })
  })

  it('the old rows still verify: rows without a worker keep the v1 encoding', () => {
    const db = openDatabase(path, { mustExist: true, migrations: UP_TO_0002 })
    try {
      const chain = verifyChain(db)
      expect(chain).toEqual({
        rows: 9,
        head: (v1Rows.at(-1) as { hash: string }).hash,
        firstBadSeq: null,
        problem: null,
      })
      expect(balancesMatchLedger(db)).toBe(true)
    } finally {
      db.close()
    }
  })

  it('new rows with a worker (v2) and without (v1) chain on and verify; worker_id is covered by the hash', () => {
    const db = openDatabase(path, { mustExist: true, migrations: UP_TO_0002 })
    try {
      db.prepare(
        `INSERT INTO worker (id, nama, nama_key, nik, created_at) VALUES (7, 'Siti Aminah', 'siti aminah', '1219014501900001', '2024-10-04T00:00:00Z')`,
      ).run()
      const written = db.transaction(() =>
        appendMoves(
          db,
          [
            { variantId: 1, from: 'DITERIMA', to: 'PROSES:1:1', qty: 100, shiftId: 1, workerId: 7 },
            { variantId: 1, from: 'PROSES:1:1', to: 'BAIK', qty: 99, shiftId: 1, workerId: 7 },
            { variantId: 1, from: 'PROSES:1:1', to: 'RUSAK:FOTO', qty: 1, shiftId: 1 },
          ],
          { actor: 'ani', at: '2024-10-04T01:00:00.000Z' },
        ),
      )()
      expect(written.map((r) => r.seq)).toEqual([10, 11, 12])
      const chain = verifyChain(db)
      expect(chain.problem).toBeNull()
      expect(chain.rows).toBe(12)
      expect(balancesMatchLedger(db)).toBe(true)

      // The encodings, computed here independently of src/core/ledgerRow.ts.
      const stored = db.prepare('SELECT * FROM ledger WHERE seq >= 10 ORDER BY seq').all() as Record<
        string,
        string | number | null
      >[]
      const fields = (r: Record<string, string | number | null>) => [
        r.seq,
        r.at,
        r.actor,
        r.variant_id,
        r.from_place,
        r.to_place,
        r.qty,
        r.note,
        r.shift_id,
        r.document_id,
        r.reason,
        r.corrects_seq,
        r.prev_hash,
      ]
      expect(stored[0]!.worker_id).toBe(7)
      expect(stored[0]!.prev_hash).toBe((v1Rows.at(-1) as { hash: string }).hash)
      expect(stored[0]!.hash).toBe(sha256(JSON.stringify(['gudang-pemilu/ledger/v2', ...fields(stored[0]!), 7])))
      expect(stored[1]!.hash).toBe(sha256(JSON.stringify(['gudang-pemilu/ledger/v2', ...fields(stored[1]!), 7])))
      expect(stored[2]!.worker_id).toBeNull()
      expect(stored[2]!.hash).toBe(sha256(JSON.stringify(['gudang-pemilu/ledger/v1', ...fields(stored[2]!)])))
    } finally {
      db.close()
    }

    // Changing who produced a result, with the append-only trigger dropped, breaks the chain at that row;
    // so does giving a v1 row a worker after the fact.
    const tampered = newPath('tampered')
    raw(path, (db) => db.exec(`VACUUM INTO '${tampered}'`))
    raw(tampered, (db) => {
      db.exec('DROP TRIGGER ledger_no_update')
      db.prepare('UPDATE ledger SET worker_id = 8 WHERE seq = 11').run()
      expect(verifyChain(db)).toMatchObject({
        firstBadSeq: 11,
        problem: expect.stringContaining('Isi baris 11 tidak sesuai dengan hash-nya'),
      })
      db.prepare('UPDATE ledger SET worker_id = 7 WHERE seq = 11').run()
      expect(verifyChain(db).problem).toBeNull()
      db.prepare('UPDATE ledger SET worker_id = 7 WHERE seq = 4').run()
      expect(verifyChain(db)).toMatchObject({ firstBadSeq: 4 })
    })
  })

  it('reopening does not migrate again', () => {
    const before = raw(path, (db) => db.prepare('SELECT * FROM schema_migrations ORDER BY version').all())
    openDatabase(path, { mustExist: true, migrations: UP_TO_0002 }).close()
    expect(raw(path, (db) => db.prepare('SELECT * FROM schema_migrations ORDER BY version').all())).toEqual(before)
  })
})

describe('migration 0002: rules SQLite enforces on the new tables', () => {
  let db: DB
  beforeAll(() => {
    db = openDatabase(newPath('rules'), { migrations: UP_TO_0002 })
    db.exec(`
      INSERT INTO election (id, jenis, tahun, satker, reserve_bp, rounding, max_voters_per_tps, created_at)
        VALUES (1, 'pilkada', 2024, 'Kabupaten Batu Bara', 250, 'up', 600, '2024-10-01T00:00:00Z');
      INSERT INTO item (id, code, name, kind, unit, rule, sort_order) VALUES (1, 'BUPATI', 'Surat Suara Bupati', 'ballot', 'lembar', 'ballot', 20);
      INSERT INTO item_variant (id, item_id) VALUES (1, 1);
      INSERT INTO delivery (id, kind, received_at, penyedia, surat_jalan, recorded_at, recorded_by)
        VALUES (1, 'biasa', '2024-11-03T09:30', 'PT Pura Barutama', 'SJ/BUP/0413', '2024-11-03T03:00:00Z', 'ani');
      INSERT INTO delivery_line (id, delivery_id, variant_id, dus, isi_per_dus, stated_qty) VALUES (1, 1, 1, 160, 2000, 320000);
      INSERT INTO selisih_selesai (id, delivery_line_id, at, actor, note) VALUES (1, 1, '2024-11-05T00:00:00Z', 'ani', 'diganti');
      INSERT INTO retur (id, at, actor, penyedia, note) VALUES (1, '2024-11-05T00:00:00Z', 'ani', 'PT Pura Barutama', 'tertukar');
      INSERT INTO shift (id, kind, tanggal, mulai, selesai, status, created_at, created_by)
        VALUES (1, 'sortir_lipat', '2024-11-04', '08:00', '16:00', 'open', '2024-11-04T01:00:00Z', 'ani');
      INSERT INTO shift_event (id, shift_id, at, actor, event) VALUES (1, 1, '2024-11-04T01:00:00Z', 'ani', 'buka');
      INSERT INTO document (id, doc_type, tahun, no, nomor, title, subject, snapshot, chain_seq, chain_hash, issued_at, issued_by)
        VALUES (1, 'BA_PENERIMAAN', 2024, 1, '1/PP.09.4-BA/1219/2024', 'BA', 'x', '{}', 0, '${GENESIS_HASH}', '2024-11-03T04:00:00Z', 'ani');`)
  })
  afterAll(() => db.close())

  const appendOnly: [table: string, update: string, onUpdate: string, onDelete: string][] = [
    [
      'delivery',
      `penyedia = 'x'`,
      'Catatan penerimaan tidak dapat diubah; catat koreksi',
      'Catatan penerimaan tidak dapat dihapus',
    ],
    [
      'delivery_line',
      'stated_qty = 1',
      'Catatan penerimaan tidak dapat diubah; catat koreksi',
      'Catatan penerimaan tidak dapat dihapus',
    ],
    [
      'selisih_selesai',
      `note = 'x'`,
      'Penyelesaian selisih tidak dapat diubah',
      'Penyelesaian selisih tidak dapat dihapus',
    ],
    ['retur', `note = 'x'`, 'Catatan pengembalian tidak dapat diubah', 'Catatan pengembalian tidak dapat dihapus'],
    ['shift_event', `note = 'x'`, 'Riwayat shift tidak dapat diubah', 'Riwayat shift tidak dapat dihapus'],
    [
      'document',
      `title = 'x'`,
      'Dokumen yang sudah diterbitkan tidak dapat diubah; terbitkan dokumen baru',
      'Dokumen yang sudah diterbitkan tidak dapat dihapus',
    ],
  ]
  for (const [table, set, onUpdate, onDelete] of appendOnly) {
    it(`${table} is append-only: UPDATE and DELETE abort with the Indonesian message`, () => {
      const before = db.prepare(`SELECT * FROM ${table}`).all()
      expect(before).toHaveLength(1)
      expect(() => db.prepare(`UPDATE ${table} SET ${set}`).run()).toThrow(onUpdate)
      expect(() => db.prepare(`DELETE FROM ${table}`).run()).toThrow(onDelete)
      expect(db.prepare(`SELECT * FROM ${table}`).all()).toEqual(before)
    })
  }

  it('the triggers exist by name', () => {
    for (const t of appendOnly.map(([table]) => table)) {
      expect(triggers(db)).toContain(`${t}_no_update`)
      expect(triggers(db)).toContain(`${t}_no_delete`)
    }
  })

  it('shift status itself may change (closing and reopening update it)', () => {
    db.prepare(`UPDATE shift SET status = 'closed' WHERE id = 1`).run()
    expect(() => db.prepare(`UPDATE shift SET status = 'selesai' WHERE id = 1`).run()).toThrow(
      /CHECK constraint failed/,
    )
    expect(db.prepare('SELECT status FROM shift WHERE id = 1').get()).toEqual({ status: 'closed' })
  })

  it('paper is A4 or F4 only', () => {
    for (const p of ['F4', 'A4']) db.prepare('UPDATE election SET paper = ?').run(p)
    for (const p of ['Letter', 'a4', ''])
      expect(() => db.prepare('UPDATE election SET paper = ?').run(p), p).toThrow(/CHECK constraint failed/)
    expect(db.prepare('SELECT paper FROM election').get()).toEqual({ paper: 'A4' })
  })

  it('tax_bp is 0..10000, nomor_start at least 1, a logo is PNG or JPEG', () => {
    for (const v of [0, 600, 10_000]) db.prepare('UPDATE election SET tax_bp = ?').run(v)
    for (const v of [-1, 10_001])
      expect(() => db.prepare('UPDATE election SET tax_bp = ?').run(v), String(v)).toThrow(/CHECK constraint failed/)
    expect(() => db.prepare('UPDATE election SET nomor_start = 0').run()).toThrow(/CHECK constraint failed/)
    expect(() => db.prepare(`UPDATE election SET logo_mime = 'image/gif'`).run()).toThrow(/CHECK constraint failed/)
    db.prepare(`UPDATE election SET logo_mime = 'image/png'`).run()
    expect(db.prepare('SELECT tax_bp, nomor_start, logo_mime FROM election').get()).toEqual({
      tax_bp: 10_000,
      nomor_start: 1,
      logo_mime: 'image/png',
    })
  })

  it('a NIK is 16 characters or absent, and unique', () => {
    const add = (id: number, nik: string | null) =>
      db
        .prepare(
          `INSERT INTO worker (id, nama, nama_key, nik, created_at) VALUES (?, 'W', 'w', ?, '2024-11-01T00:00:00Z')`,
        )
        .run(id, nik)
    expect(() => add(1, '121901450190000')).toThrow(/CHECK constraint failed/)
    expect(() => add(1, '12190145019000011')).toThrow(/CHECK constraint failed/)
    add(1, '1219014501900001')
    add(2, null)
    add(3, null)
    expect(() => add(4, '1219014501900001')).toThrow(/UNIQUE constraint failed: worker.nik/)
    expect(db.prepare('SELECT count(*) AS n FROM worker').get()).toEqual({ n: 3 })
  })

  it('other CHECKs: delivery kind, line quantities, pay rate, team target, shift kind and event', () => {
    const fails = (sql: string) => expect(() => db.prepare(sql).run(), sql).toThrow(/CHECK constraint failed/)
    fails(
      `INSERT INTO delivery (kind, received_at, penyedia, surat_jalan, recorded_at, recorded_by) VALUES ('retur', 'x', 'p', 's', 'x', 'a')`,
    )
    fails('INSERT INTO delivery_line (delivery_id, variant_id, stated_qty) VALUES (1, 1, -1)')
    fails('INSERT INTO delivery_line (delivery_id, variant_id, isi_per_dus, stated_qty) VALUES (1, 1, 0, 5)')
    fails('INSERT INTO pay_rate (item_id, rate) VALUES (1, -150)')
    fails(
      `INSERT INTO shift (kind, tanggal, mulai, selesai, status, created_at, created_by) VALUES ('pengemasan', 'x', 'x', 'x', 'open', 'x', 'a')`,
    )
    fails(`INSERT INTO shift_event (shift_id, at, actor, event) VALUES (1, 'x', 'a', 'hapus')`)
    db.prepare(`INSERT INTO team (id, nama, nama_key) VALUES (1, 'Melati', 'melati')`).run()
    fails(`INSERT INTO team_target (team_id, tanggal, qty) VALUES (1, '2024-11-04', -1)`)
    expect(() => db.prepare(`INSERT INTO team (nama, nama_key) VALUES ('MELATI', 'melati')`).run()).toThrow(/UNIQUE/)
  })

  it('attendance must name a team of that shift (composite foreign key)', () => {
    db.prepare(`INSERT INTO team (id, nama, nama_key) VALUES (2, 'Kenanga', 'kenanga')`).run()
    db.prepare('INSERT INTO shift_team (shift_id, team_id) VALUES (1, 1)').run()
    db.prepare('INSERT INTO shift_worker (shift_id, worker_id, team_id) VALUES (1, 1, 1)').run()
    expect(() => db.prepare('INSERT INTO shift_worker (shift_id, worker_id, team_id) VALUES (1, 2, 2)').run()).toThrow(
      /FOREIGN KEY constraint failed/,
    )
    // A worker belongs to one team at a time.
    db.prepare('INSERT INTO team_member (team_id, worker_id) VALUES (1, 1)').run()
    expect(() => db.prepare('INSERT INTO team_member (team_id, worker_id) VALUES (2, 1)').run()).toThrow(
      /UNIQUE constraint failed: team_member.worker_id/,
    )
  })
})
