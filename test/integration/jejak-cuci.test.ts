import { execFileSync } from 'node:child_process'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import type { ChainReport } from '../../src/api/contract/ledger'
import { asWritable } from '../../src/db/handles'
import { openTestApp, type TestApp } from '../support/api'
import { insertLedgerRow } from '../support/insider'
import { receive, variantIdsByCode } from '../support/floor'

/**
 * An edit made with sqlite3 while the app is open (its triggers left in place, so the table is marked in
 * jejak_kotor, or a ledger row appended with a correct hash) must not be sealed into the jejak by the
 * app's next write as if the app had made it. Every write of the app seals what it changed in its own
 * transaction, so whatever is unsealed when a write starts was written by another program: the write is
 * refused naming it, nothing is recorded, and the finding stays for Periksa integritas.
 */
async function verdictOf(file: string): Promise<ChainReport> {
  const check = await openApp({ dbPath: file, readOnly: true })
  try {
    const res = await check.dispatcher.call('ledger.periksa', {}, { actor: 'uji', transport: 'test' })
    return (res as { result: ChainReport }).result
  } finally {
    check.close()
  }
}

const nextDelivery = (gub: number, suratJalan: string) => ({
  receivedAt: '2024-11-04T09:00',
  penyedia: 'PT Percetakan Contoh',
  suratJalan,
  lines: [{ variantId: gub, statedQty: 20, countedQty: 20 }],
})

describe('an edit behind the app while it is open', () => {
  const cases: [what: string, edit: (file: string) => void, named: RegExp][] = [
    [
      'a TPS’s DPT, with sqlite3',
      (file) => execFileSync('sqlite3', [file, 'UPDATE tps SET dpt = dpt + 40 WHERE id = 7']),
      /tabel tps/,
    ],
    [
      'a ledger row appended with a correct hash, by another connection',
      (file) => {
        const db = asWritable(new Database(file))
        try {
          const last = db.prepare('SELECT seq, hash, variant_id FROM ledger ORDER BY seq DESC LIMIT 1').get() as {
            seq: number
            hash: string
            variant_id: number
          }
          insertLedgerRow(db, {
            seq: last.seq + 1,
            at: '2024-11-04T08:30:00.000Z',
            actor: 'Admin Gudang',
            variantId: last.variant_id,
            from: 'DITERIMA',
            to: 'DIMUSNAHKAN',
            qty: 5,
            prevHash: last.hash,
          })
        } finally {
          db.close()
        }
      },
      /Buku besar baris \d+ tidak tercatat dalam jejak/,
    ],
  ]
  it.each(cases)('%s: the next write is refused naming it, and verify still finds it', async (_what, edit, named) => {
    const app: TestApp = await openTestApp()
    const file = app.dbPath
    let gub: number
    try {
      gub = (await variantIdsByCode(app.call)).GUBERNUR!
      await receive(app.call, '2024-11-04T08:00', [[gub, 10]])
      const before = app.ctx.db.prepare('SELECT count(*) FROM penerimaan').pluck().get()
      edit(file)
      const refusal = await app.refusal('penerimaan.catat', nextDelivery(gub, 'SJ-cuci'))
      expect(refusal.code).toBe('DATABASE')
      expect(refusal.message).toMatch(named)
      expect(refusal.message).toMatch(/di luar aplikasi/)
      expect(app.ctx.db.prepare('SELECT count(*) FROM penerimaan').pluck().get()).toBe(before)
    } finally {
      app.close()
    }
    const report = await verdictOf(file)
    expect(report.ok, 'the edit made with sqlite3 passed as the app’s own write').toBe(false)
    expect(report.problems.join('\n')).toMatch(named)
  })
})
