import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { recordMoves } from '../../src/services/ledger'
import { nameAllSigners, openTestApp, ROOT, useTempDir } from '../support/api'
import { gudangCommand } from '../support/gudang'
import { derive, type Derived } from '../support/zonaDerive'
import { lastJsonLine } from '../support/child'

/**
 * Dates in the satker's zone (issue 15, defect 4): every date derived from an instant — floor_flow's day
 * of a row without a shift, the day a row belongs to in a BA or the rekap harian, the date a BA takes
 * when none is given — is the day on the warehouse wall (the election's zona_waktu, WIB by default),
 * never the zone of the PC that opens or verifies the file. A reclassification written at 23:30 WIB is
 * 00:30 WITA and 01:30 WIT the next day, and 08:30 the same day in Los Angeles; each PC must derive the
 * same BA, the same rekap and raise no alarm. The other zones run in a process of their own
 * (test/support/zonaChild.ts), one after the other, so Node's Date and SQLite's 'localtime' both see
 * each; the reference is derived in the test's own process, in the machine's zone.
 */
const dir = useTempDir('zona')
let file = ''
// 16:30 UTC: 23:30 WIB on 4 November.
const AT = '2024-11-04T16:30:00.000Z'
const ZONES = ['Asia/Makassar', 'Asia/Jayapura', 'America/Los_Angeles']

beforeAll(async () => {
  const at = new Date(AT)
  const app = await openTestApp({ dir, name: 'zona', now: () => at })
  await nameAllSigners(app)
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

/**
 * One child derives under every other zone in turn, each on its own copy of the file (it issues a BA):
 * one start of Node and tsx instead of one per zone.
 */
function derivedUnder(zones: string[]): Promise<Record<string, Derived & { hour: number }>> {
  const runs = zones.map((tz) => {
    const copy = join(dir, `zona-${tz.replace('/', '-')}.sqlite`)
    copyFileSync(file, copy)
    return `${tz}=${copy}`
  })
  const args = ['--import', 'tsx', join(ROOT, 'test/support/zonaChild.ts'), AT, ...runs]
  return lastJsonLine(`TZ=${zones.join(',')}`, args, 25_000, { ...process.env, TZ: zones[0] })
}

describe('a PC in another time zone', () => {
  it('derives the same BA (date and figures) and the same rekap harian, and its check raises no alarm', async () => {
    // The three other PCs in a child while the reference is derived in this process, in the zone of the
    // machine running the tests (UTC on the build machine: a fourth zone, none of the satker's).
    const reference = join(dir, 'zona-sini.sqlite')
    copyFileSync(file, reference)
    const [here, others] = await Promise.all([
      // Through JSON as the child's answers come, so an empty cell reads alike on both sides.
      derive(reference, new Date(AT)).then((d) => JSON.parse(JSON.stringify(d)) as Derived),
      derivedUnder(ZONES),
    ])
    // Each zone took in the child: 16:30 UTC is 00.30 WITA, 01.30 WIT and 08.30 in Los Angeles.
    expect(Object.entries(others).map(([tz, o]) => [tz, o.hour])).toEqual([
      ['Asia/Makassar', 0],
      ['Asia/Jayapura', 1],
      ['America/Los_Angeles', 8],
    ])
    expect(here.periksa).toEqual({ ok: true, problems: [] })
    // 23:30 WIB is still the 4th on the warehouse wall: the 10 rusak, 4 of them judged usable, are that day's.
    expect(here.ba.tanggal).toBe('2024-11-04')
    expect(JSON.stringify(here.ba.data)).toContain('"diterima":100,"baik":4,"rusak":6')
    for (const [tz, o] of Object.entries(others)) {
      expect(o.periksa, tz).toEqual(here.periksa)
      expect(o.ba, tz).toEqual(here.ba)
      expect(o.rekap, tz).toEqual(here.rekap)
    }
  })

  it.each(ZONES)('`gudang verify` under TZ=%s raises no false alarm', (tz) => {
    const run = gudangCommand(join(dir, 'data'), { TZ: tz })('verify', '--db', file)
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toContain('UTUH')
  })
})

describe('the zone is a setting of the election', () => {
  it('is WIB for Batu Bara; set to WITA in Pengaturan, the row of 23:30 WIB moves to the next day and the check agrees', async () => {
    const copy = join(dir, 'zona-setelan.sqlite')
    copyFileSync(file, copy)
    const app = await openTestApp({ dbPath: copy, now: () => new Date(AT) })
    try {
      expect((await app.call('pemilihan.lihat'))?.zonaWaktu).toBe('WIB')
      const day = () =>
        app.ctx.db.prepare(`SELECT tanggal FROM floor_flow WHERE category = 'reklasifikasi'`).pluck().all()
      expect((await app.call('pemilihan.ubah', { zonaWaktu: 'WITA' })).zonaWaktu).toBe('WITA')
      expect(day()).toEqual(['2024-11-05'])
      expect(await app.call('ledger.periksa', {})).toMatchObject({ ok: true, problems: [] })
      await app.call('pemilihan.ubah', { zonaWaktu: 'WIB' })
      expect(day()).toEqual(['2024-11-04'])
      await expect(app.call('pemilihan.ubah', { zonaWaktu: 'UTC' as 'WIB' })).rejects.toThrow(/Zona waktu/)
    } finally {
      app.close()
    }
  })

  it('a new election takes the zone of its region: kode wilayah first, else the province', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ kodeWilayah: '7371', provinsi: 'Sulawesi Selatan' }, 'WITA'],
      [{ provinsi: 'Papua Pegunungan' }, 'WIT'],
      [{ kodeWilayah: '1219' }, 'WIB'],
    ]
    for (const [where, zona] of cases) {
      const app = await openTestApp({ dir, demo: false })
      try {
        const e = await app.call('pemilihan.buat', { jenis: 'pilkada', satker: 'Kota Contoh', ...where })
        expect(e.zonaWaktu, JSON.stringify(where)).toBe(zona)
      } finally {
        app.close()
      }
    }
  })
})
