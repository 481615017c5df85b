import { describe, expect, it } from 'vitest'
import { canonicalRow, GENESIS_HASH, type LedgerRowContent } from '../../src/core/ledgerRow'
import { appendMoves, chainHead, rowHash, verifyChain } from '../../src/db/ledger'
import { openDatabase } from '../../src/db/open'

const row: LedgerRowContent = {
  seq: 1,
  at: '2024-11-01T08:00:00.000Z',
  actor: 'ani',
  variantId: 3,
  from: 'PENYEDIA',
  to: 'DITERIMA',
  qty: 2000,
  note: null,
  shiftId: null,
  documentId: 'SJ-001',
  reason: null,
  correctsSeq: null,
  workerId: null,
  prevHash: GENESIS_HASH,
}

describe('hash chain', () => {
  it('encodes a row canonically: every field counts, key order does not', () => {
    const shuffled = Object.fromEntries(Object.entries(row).reverse()) as unknown as LedgerRowContent
    expect(canonicalRow(shuffled)).toBe(canonicalRow(row))
    expect(rowHash(row)).toMatch(/^[0-9a-f]{64}$/)
    for (const [k, v] of [
      ['qty', 2001],
      ['actor', 'budi'],
      ['note', ''],
      ['prevHash', 'f'.repeat(64)],
      ['documentId', null],
      ['workerId', 7],
    ] as const) {
      expect(rowHash({ ...row, [k]: v })).not.toBe(rowHash(row))
    }
  })

  it('encodes a row without a worker exactly as version 1 did, and a row with one as version 2', () => {
    const v1 = JSON.parse(canonicalRow(row)) as unknown[]
    expect(v1[0]).toBe('gudang-pemilu/ledger/v1')
    expect(v1).toHaveLength(14)
    // The v1 hash of this row, computed when version 1 was the only encoding: it must never change.
    expect(v1.slice(1)).toEqual([
      1,
      '2024-11-01T08:00:00.000Z',
      'ani',
      3,
      'PENYEDIA',
      'DITERIMA',
      2000,
      null,
      null,
      'SJ-001',
      null,
      null,
      GENESIS_HASH,
    ])
    const v2 = JSON.parse(canonicalRow({ ...row, workerId: 7 })) as unknown[]
    expect(v2[0]).toBe('gudang-pemilu/ledger/v2')
    expect(v2.at(-1)).toBe(7)
  })

  it('chains each appended row to the previous one and verifies', () => {
    const db = openDatabase(':memory:')
    db.exec(`INSERT INTO barang (id, code, name, kind, unit, rule, sort_order) VALUES (1, 'TINTA', 'Tinta', 'logistics', 'botol', 'per_tps', 1);
             INSERT INTO barang_varian (id, item_id) VALUES (1, 1);`)
    const meta = { actor: 'ani', at: '2024-11-01T08:00:00.000Z' }
    const written = db.transaction(() =>
      appendMoves(
        db,
        [
          { variantId: 1, from: 'PENYEDIA', to: 'DITERIMA', qty: 10 },
          { variantId: 1, from: 'DITERIMA', to: 'SIAP', qty: 4 },
        ],
        meta,
      ),
    )()
    expect(written[0]?.prevHash).toBe(GENESIS_HASH)
    expect(written[1]?.prevHash).toBe(rowHash(written[0] as LedgerRowContent))
    expect(chainHead(db)).toEqual({ seq: 2, hash: rowHash(written[1] as LedgerRowContent) })
    expect(verifyChain(db)).toEqual({ rows: 2, head: chainHead(db).hash, firstBadSeq: null, problem: null })
    expect(db.prepare('SELECT place, qty FROM balance ORDER BY place').all()).toEqual([
      { place: 'DITERIMA', qty: 6 },
      { place: 'PENYEDIA', qty: -10 },
      { place: 'SIAP', qty: 4 },
    ])
    db.close()
  })
})
