import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { recordMoves } from '../../src/services/ledger'
import { openTestApp, useTempDir } from '../support/api'
import { gudangCommand } from '../support/gudang'

/**
 * Dates in the satker's zone (issue 15, defect 4): floor_flow dates a row without a shift by the day it
 * happened on the warehouse wall (WIB by default), never by the zone of the PC that verifies the file.
 * A reclassification written at 23:30 WIB is 00:30 WITA and WIT the next day, and the day before in
 * Los Angeles; verifying there must raise no alarm.
 */
const dir = useTempDir('zona')
let file = ''

beforeAll(async () => {
  // 16:30 UTC: 23:30 WIB, 00:30 WITA (the next day), 01:30 WIT, 08:30 in Los Angeles.
  const at = new Date('2024-11-04T16:30:00.000Z')
  const app = await openTestApp({ dir, name: 'zona', now: () => at })
  const v = app.ctx.db.prepare('SELECT id FROM barang_varian ORDER BY id LIMIT 1').pluck().get() as number
  recordMoves(app.ctx, { actor: 'Ani' }, [
    { variantId: v, from: 'PENYEDIA', to: 'DITERIMA', qty: 100 },
    { variantId: v, from: 'DITERIMA', to: 'RUSAK:KUSUT_SOBEK', qty: 10 },
    { variantId: v, from: 'RUSAK:KUSUT_SOBEK', to: 'BAIK', qty: 4, reason: 'REKLASIFIKASI' },
  ])
  const tanggal = app.ctx.db.prepare(`SELECT tanggal FROM floor_flow WHERE category = 'reklasifikasi'`).pluck().all()
  expect(tanggal).toEqual(['2024-11-04'])
  file = app.dbPath
  app.close()
}, 60_000)

describe('verifying a file in another time zone', () => {
  it.each(['Asia/Makassar', 'Asia/Jayapura', 'America/Los_Angeles'])('under TZ=%s raises no false alarm', (tz) => {
    const run = gudangCommand(join(dir, 'data'), { TZ: tz })('verify', '--db', file)
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toContain('UTUH')
  })
})
