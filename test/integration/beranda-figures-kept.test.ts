import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract, type MethodInput, type MethodName } from '../../src/api/contract'
import { openReadOnly } from '../../src/db/open'
import * as kemas from '../../src/services/kemas'
import { reading } from '../../src/services/reading'
import * as rekonsiliasi from '../../src/services/rekonsiliasi'
import { nameAllSigners, openTestApp, useTempDir, type TestApp } from '../support/api'
import { openShift } from '../support/floor'

/**
 * The Beranda's figures are kept on the server until the file changes (services/untilChanged.ts). A kept
 * figure that outlived one of its inputs would be a wrong number on the first screen, so after each kind of
 * write the figures the app answers are compared with the same figures computed afresh on a new read-only
 * connection to the file (which has nothing kept), and the figure that write feeds must have moved.
 */
type Read = { [M in MethodName]: [M, MethodInput<M>] }[MethodName]
const READS: Record<string, Read> = {
  rekon: ['rekonsiliasi.lihat', {}],
  kemajuan: ['rekonsiliasi.lihatKemajuan', {}],
  kemajuanHari: ['rekonsiliasi.lihatKemajuan', { from: '2024-11-05', to: '2024-11-05' }],
  kitKecamatan: ['kemas.lihatKemajuan', { level: 'kecamatan' }],
  kitDesa: ['kemas.lihatKemajuan', { level: 'desa' }],
  kits: ['kemas.daftarKit', {}],
}
type Figures = Record<keyof typeof READS, unknown>

const dir = useTempDir('beranda-kept')
let app: TestApp
const v: Record<string, number> = {}
const team = { melati: 0 }
let sortirShift = 0
let packingShift = 0
let laut = { kecamatanId: 0, tpsId: 0 }

async function figuresOf(call: (m: MethodName, i: unknown) => Promise<unknown>): Promise<Figures> {
  const out: Record<string, unknown> = {}
  for (const [name, [method, input]] of Object.entries(READS)) out[name] = await call(method, input)
  return out as Figures
}
const kept = () => figuresOf((m, i) => app.call(m as 'rekonsiliasi.lihat', i as never))
/**
 * The same figures from a new read-only connection, through the contract's output schemas as the dispatcher
 * sends them. Not a second app: its start check would refuse a file written behind the app.
 */
async function computedAfresh(): Promise<Figures> {
  const db = openReadOnly(app.dbPath)
  const ctx = { db, dbPath: app.dbPath, now: () => new Date() }
  const fresh: { [M in MethodName]?: (i: never) => unknown } = {
    'rekonsiliasi.lihat': () => rekonsiliasi.lihat(reading(ctx)),
    'rekonsiliasi.lihatKemajuan': (i: { from?: string; to?: string }) => rekonsiliasi.lihatKemajuan(ctx, i),
    'kemas.lihatKemajuan': (i: { level: 'kecamatan' | 'desa' }) => kemas.lihatKemajuan(ctx, i.level),
    'kemas.daftarKit': (i: { kecamatanId?: number }) => kemas.daftarKit(ctx, i),
  }
  try {
    return await figuresOf(async (m, i) => contract[m].output.parse(fresh[m]!(i as never)))
  } finally {
    db.close()
  }
}

/** Runs a write and checks the kept figures against fresh ones, and that the named ones moved. */
async function afterWrite(moved: (keyof Figures)[], write: () => Promise<unknown> | unknown): Promise<Figures> {
  const before = await kept()
  await write()
  const after = await kept()
  expect(after).toEqual(await computedAfresh())
  for (const name of moved) expect(after[name], `${name} moved`).not.toEqual(before[name])
  return after
}

beforeAll(async () => {
  app = await openTestApp({ dir, name: 'beranda' })
  for (const x of await app.call('barang.daftarVarian')) v[x.itemCode] = x.variantId
  await nameAllSigners(app)
  const kit = (await app.call('kemas.daftarKit', {})).find((k) => k.kecamatan === 'LAUT TADOR')!
  laut = { kecamatanId: kit.kecamatanId, tpsId: kit.tpsId }
})
afterAll(() => app?.close())

describe('the Beranda figures kept on the server', () => {
  it('are kept until something is written: the same answer twice without computing again', () => {
    const first = rekonsiliasi.lihat(app.ctx)
    expect(rekonsiliasi.lihat(app.ctx)).toBe(first)
    expect(rekonsiliasi.lihatKemajuan(app.ctx, {})).toBe(rekonsiliasi.lihatKemajuan(app.ctx, {}))
    expect(kemas.allKits(app.ctx)).toBe(kemas.allKits(app.ctx))
    // Frozen: a caller that changed a kept answer would change every later one.
    expect(() => ((first[0] as { diterima: number }).diterima = 1)).toThrow(TypeError)
  })

  it('follow a delivery with a shortfall (ledger rows and the open selisih of the delivery)', async () => {
    const after = await afterWrite(['rekon'], () =>
      app.call('penerimaan.catat', {
        receivedAt: '2024-11-04T09:00',
        penyedia: 'PT Pura Barutama',
        suratJalan: 'SJ/SS/1104',
        lines: [
          { variantId: v.GUBERNUR!, statedQty: 20_000, countedQty: 19_990 },
          { variantId: v.BUPATI!, statedQty: 20_000, countedQty: 20_000 },
          { variantId: v.KOTAK!, statedQty: 10, countedQty: 10 },
        ],
      }),
    )
    const gub = (after.rekon as { variantId: number; diterima: number; selisihTerbuka: number }[]).find(
      (r) => r.variantId === v.GUBERNUR,
    )
    expect(gub).toMatchObject({ diterima: 19_990, selisihTerbuka: -10 })
  })

  it('follow a sortir shift being opened (its teams set the day’s target) and its tally', async () => {
    team.melati = (await app.call('regu.tambah', { nama: 'Melati', dailyTarget: 9_000 })).id
    await afterWrite(['kemajuan', 'kemajuanHari'], async () => {
      sortirShift = (await openShift(app.call, 'sortir_lipat', '2024-11-05', [v.GUBERNUR!, v.BUPATI!], [team.melati]))
        .id
    })
    await afterWrite(['rekon', 'kemajuan', 'kemajuanHari'], () =>
      app.call('tally.simpan', {
        shiftId: sortirShift,
        variantId: v.GUBERNUR!,
        rows: [{ teamId: team.melati, serahkan: 1_000, hasil: 980, rusak: { CETAK: 20 } }],
      }),
    )
    await app.call('tally.simpan', {
      shiftId: sortirShift,
      variantId: v.BUPATI!,
      rows: [{ teamId: team.melati, serahkan: 1_000, hasil: 1_000 }],
    })
  })

  it('follow a team’s daily target, which is no ledger row', async () => {
    const after = await afterWrite(['kemajuan'], () => app.call('regu.ubah', { id: team.melati, dailyTarget: 12_000 }))
    expect((after.kemajuan as { days: { target: number }[] }).days).toEqual([
      expect.objectContaining({ target: 12_000 }),
    ])
  })

  it('follow a correction of a tally row (the undo of a wrong count)', async () => {
    const row = app.ctx.db
      .prepare(`SELECT seq FROM ledger WHERE shift_id = ? AND to_place = 'BAIK' AND variant_id = ?`)
      .get(sortirShift, v.GUBERNUR) as { seq: number }
    await afterWrite(['rekon', 'kemajuan'], () =>
      app.call('ledger.koreksi', { seq: row.seq, qty: 970, note: 'Salah hitung, dihitung ulang' }),
    )
  })

  it('follow packing a kit and its handover, and the PPK’s confirmation, which writes no ledger row', async () => {
    packingShift = (await openShift(app.call, 'packing', '2024-11-06', [], [team.melati], { selesai: '17:00' })).id
    await afterWrite(['rekon', 'kitKecamatan', 'kitDesa', 'kits'], () =>
      app.call('kemas.catat', {
        shiftId: packingShift,
        tpsId: laut.tpsId,
        lines: [
          { variantId: v.GUBERNUR!, qty: 50 },
          { variantId: v.BUPATI!, qty: 50 },
        ],
      }),
    )
    let handoverId = 0
    await afterWrite(['rekon', 'kitKecamatan', 'kitDesa', 'kits'], async () => {
      handoverId = (
        await app.call('serahTerima.serahkan', {
          kecamatanId: laut.kecamatanId,
          tpsIds: [laut.tpsId],
          exceptions: [{ tpsId: laut.tpsId, reason: 'Sisa dikirim menyusul' }],
          tanggal: '2024-11-07',
          ppkNama: 'Zulkarnain Siregar',
          ppkJabatan: 'Ketua PPK Kecamatan Laut Tador',
        })
      ).handoverId
    })
    const rows = () => (app.ctx.db.prepare('SELECT count(*) AS n FROM ledger').get() as { n: number }).n
    const ledgerBefore = rows()
    await afterWrite(['kitKecamatan', 'kitDesa', 'kits'], () =>
      app.call('serahTerima.konfirmasi', { handoverId, note: 'Diterima lengkap sesuai BA' }),
    )
    expect(rows()).toBe(ledgerBefore)
  })

  it('follow master data: a logistics item’s quantity per TPS changes every kit and the needs', async () => {
    const tinta = (await app.call('barang.daftar')).find((b) => b.code === 'TINTA')!
    await afterWrite(['rekon', 'kits'], () => app.call('barang.ubah', { id: tinta.id, qty: tinta.qty + 1 }))
  })

  it('keep nothing read inside a write that is then rolled back', async () => {
    const before = await kept()
    expect(() =>
      app.ctx.db.transaction(() => {
        app.ctx.db.prepare('UPDATE regu SET daily_target = 1 WHERE id = ?').run(team.melati)
        expect(rekonsiliasi.lihatKemajuan(app.ctx, {}).days[0]!.target).toBe(1)
        throw new Error('rolled back')
      })(),
    ).toThrow('rolled back')
    expect(await kept()).toEqual(before)
    expect(before).toEqual(await computedAfresh())
  })

  it('follow a restore, which puts back an older file, and its undo', async () => {
    const backup = await app.call('cadangan.buat')
    const beforeMore = await kept()
    await app.call('tally.simpan', {
      shiftId: (
        await app.call('shift.buka', {
          kind: 'sortir_lipat',
          tanggal: '2024-11-08',
          mulai: '08:00',
          selesai: '16:00',
          variantIds: [v.BUPATI!],
          teams: [{ teamId: team.melati }],
        })
      ).id,
      variantId: v.BUPATI!,
      rows: [{ teamId: team.melati, serahkan: 500, hasil: 500 }],
    })
    const more = await kept()
    const restored = await afterWrite(['rekon', 'kemajuan'], () => app.call('cadangan.pulihkan', { file: backup.file }))
    expect(restored).toEqual(beforeMore)
    const undone = await app.call('cadangan.daftar')
    const previous = undone.find((b) => b.reason.includes('pulih') || b.name.includes('sebelum-pulih'))
    expect(previous, JSON.stringify(undone.map((b) => b.name))).toBeDefined()
    expect(
      await afterWrite(['rekon', 'kemajuan'], () => app.call('cadangan.pulihkan', { file: previous!.file })),
    ).toEqual(more)
  })

  // Last: the file then fails the jejak check, as anything written behind the app should.
  it('follow a write made behind the app, by another connection to the file', async () => {
    const other = new Database(app.dbPath)
    try {
      await afterWrite(['kemajuan'], () => {
        other.prepare('UPDATE regu SET daily_target = 7000 WHERE id = ?').run(team.melati)
      })
    } finally {
      other.close()
    }
  })
})
