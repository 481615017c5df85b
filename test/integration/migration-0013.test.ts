import { join } from 'node:path'
import { auditRows, demoElectionAt, rollBackTo } from '../support/migrations'
import { beforeAll, describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import { verifyChain } from '../../src/db/ledger'
import { sealJejak } from '../../src/db/jejak'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/db/migrations'
import { openDatabase, schemaVersion } from '../../src/db/open'
import { apiOf, useTempDir } from '../support/api'

/**
 * Migration 0013 (a pay recap a bendahara accepts, issue 13) on a file that lived under the migrations
 * before it, whose satker had set a 6 % tax and added a worker: nothing there changes, the file keeps
 * its flat percentage, the worker gains empty NPWP, bank and account, and the schema refuses malformed ones.
 */
const root = useTempDir('m0013')
const path = join(root, 'm13.sqlite')
const BEFORE = MIGRATIONS.filter((m) => m.version < 13)

let before: { ledger: unknown[]; audit: unknown[] }

beforeAll(async () => {
  await demoElectionAt(root, path)
  const lived = await openApp({ dbPath: path })
  try {
    const api = apiOf(lived)
    await api.call('pemilihan.ubah', { taxPercent: 6 })
    await api.call('pekerja.tambah', { nama: 'Siti Aminah', nik: '1219015507900003' })
  } finally {
    lived.close()
  }
  rollBackTo(path, BEFORE.at(-1)!.version)
  const db = openDatabase(path, { mustExist: true, migrations: BEFORE })
  expect(schemaVersion(db)).toBe(BEFORE.at(-1)!.version)
  // Rolling back dropped 0013's columns, so the digests the jejak chain recorded no longer match the tables:
  // seal them as a file that lived under 0011 would have them.
  db.transaction(() =>
    sealJejak(db, { at: new Date().toISOString(), actor: 'uji', action: 'uji.segel', detail: '{}' }, { all: true }),
  )()
  expect(db.prepare('SELECT tax_bp FROM election').pluck().get()).toBe(600)
  before = { ledger: db.prepare('SELECT * FROM ledger ORDER BY seq').all(), audit: auditRows(db) }
  db.close()
})

describe('migration 0013 on a database that lived under the migrations before it', () => {
  it('keeps every row and the flat percentage the satker set; workers gain empty pay details', async () => {
    const app = await openApp({ dbPath: path })
    try {
      expect(schemaVersion(app.ctx.db)).toBe(LATEST_SCHEMA_VERSION)
      expect(app.ctx.db.prepare('SELECT * FROM ledger ORDER BY seq').all()).toEqual(before.ledger)
      expect(auditRows(app.ctx.db, (before.audit.at(-1) as { seq: number }).seq)).toEqual(before.audit)
      expect(verifyChain(app.ctx.db).problem).toBeNull()
      const api = apiOf(app)
      expect(await api.call('pemilihan.lihat', {})).toMatchObject({ taxPercent: 6, pph21Metode: 'persen' })
      const [siti] = await api.call('pekerja.daftar')
      expect(siti).toMatchObject({ nama: 'Siti Aminah', npwp: null, bank: '', noRekening: '' })
      const w = await api.call('pekerja.ubah', {
        id: siti!.id,
        npwp: '092542943407000',
        bank: 'BRI',
        noRekening: '0123' + '01000123501',
      })
      expect(w).toMatchObject({ npwp: '092542943407000', bank: 'BRI', noRekening: '012301000123501' })
    } finally {
      app.close()
    }
  })

  it('a new file withholds by the daily rule, and the schema refuses a malformed NPWP, account or method', async () => {
    // The file is at the latest schema here: worker and election are pekerja and pemilihan since 0015.
    const db = openDatabase(path, { mustExist: true })
    try {
      expect(() => db.prepare(`UPDATE pekerja SET npwp = '1234'`).run()).toThrow(/CHECK/)
      expect(() => db.prepare(`UPDATE pekerja SET npwp = '09.254.294.3-407'`).run()).toThrow(/CHECK/)
      expect(() => db.prepare(`UPDATE pekerja SET no_rekening = '12-34'`).run()).toThrow(/CHECK/)
      expect(() => db.prepare(`UPDATE pemilihan SET pph21_metode = 'bulanan'`).run()).toThrow(/CHECK/)
    } finally {
      db.close()
    }
    const fresh = await openApp({ dbPath: join(root, 'baru.sqlite') })
    try {
      const c = fresh.ctx.db.prepare(
        `SELECT dflt_value FROM pragma_table_info('pemilihan') WHERE name = 'pph21_metode'`,
      )
      expect(c.pluck().get()).toBe("'ter_harian'")
    } finally {
      fresh.close()
    }
  })
})
