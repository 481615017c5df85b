import ExcelJS from 'exceljs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp, type OpenedApp } from '../../src/api/app'
import { DAMAGE_REASONS } from '../../src/core/reasons'
import { floorFlows, type FloorFlow } from '../../src/services/floorFlows'
import * as ledgerKoreksi from '../../src/services/ledgerKoreksi'
import * as pekerja from '../../src/services/pekerja'
import * as regu from '../../src/services/regu'
import * as penerimaan from '../../src/services/penerimaan'
import * as rekap from '../../src/services/rekap'
import * as rekonsiliasi from '../../src/services/rekonsiliasi'
import * as shift from '../../src/services/shift'
import * as rusak from '../../src/services/rusak'
import * as tally from '../../src/services/tally'
import { listVariants } from '../../src/services/variants'
import { delivery } from '../support/inputs'
import { useTempDir } from '../support/tempDir'

/**
 * The Beranda charts and the daily rekap sum the floor_flow aggregate in SQL. Here they are checked
 * against the same figures worked out from every flow row (floorFlows) the plain way, over three days
 * that have what makes the sums tricky: per-worker rows, a team with only hand-outs on a day, a
 * corrected row cancelled to zero, a re-classification outside any shift, a rakit shift in units and a
 * day target override.
 */
const DEMO_CSV = resolve(__dirname, '../../resources/demo/tps-batubara-2024.csv')
const root = useTempDir('floor-figures')
const who = { actor: 'Nurhayati' }
const DAYS = ['2024-11-04', '2024-11-05', '2024-11-06']

let app: OpenedApp
/** The app's clock: each day's work is recorded on that day (a re-classification outside a shift is dated by it). */
let clock = new Date(2024, 10, 4, 9, 0)
const v = { g: 0, b: 0, k: 0 }
const team = { melati: 0, kenanga: 0, mawar: 0 }
const worker = { a: 0, b: 0 }

function openShiftOn(kind: 'sortir_lipat' | 'rakit_kotak', tanggal: string, variantIds: number[], teams: number[]) {
  return shift.buka(app.ctx, who, {
    kind,
    tanggal,
    mulai: '08:00',
    selesai: '16:00',
    lokasi: '',
    pengawas: '',
    note: '',
    variantIds,
    teams: teams.map((teamId) => ({ teamId })),
  }).id
}
const row = (
  teamId: number,
  serahkan: number,
  hasil: number,
  rusak: Record<string, number>,
  kembali: number,
  workerId?: number,
) => ({ teamId, workerId, serahkan, hasil, rusak, kembali, rusakNote: 'Tercoret tinta' })

beforeAll(async () => {
  app = await openApp({ dbPath: join(root, 'figures.sqlite'), demoCsvPath: DEMO_CSV, now: () => clock })
  const ctx = app.ctx
  const variants = listVariants(ctx)
  v.g = variants.find((x) => x.itemCode === 'GUBERNUR')!.variantId
  v.b = variants.find((x) => x.itemCode === 'BUPATI')!.variantId
  v.k = variants.find((x) => x.itemCode === 'KOTAK')!.variantId
  team.melati = regu.tambah(ctx, who, { nama: 'Melati', leaderId: null, dailyTarget: 20_000 }).id
  team.kenanga = regu.tambah(ctx, who, { nama: 'Kenanga', leaderId: null, dailyTarget: 15_000 }).id
  team.mawar = regu.tambah(ctx, who, { nama: 'Mawar', leaderId: null, dailyTarget: 0 }).id
  worker.a = pekerja.tambah(ctx, who, { nama: 'Ahmad', nik: null, telepon: '', teamId: team.kenanga }).id
  worker.b = pekerja.tambah(ctx, who, { nama: 'Budi', nik: null, telepon: '', teamId: team.kenanga }).id
  pekerja.tambah(ctx, who, { nama: 'Sri', nik: null, telepon: '', teamId: team.mawar })
  regu.aturTarget(ctx, who, team.kenanga, DAYS[1]!, 9_000)
  const line = (variantId: number, qty: number) => ({ variantId, statedQty: qty, countedQty: qty })
  penerimaan.catat(
    ctx,
    who,
    delivery({
      penyedia: 'PT Cetak',
      receivedAt: `${DAYS[0]}T08:00`,
      suratJalan: 'SJ-1',
      lines: [line(v.g, 50_000), line(v.b, 40_000), line(v.k, 3_000)],
    }),
  )
  penerimaan.catat(
    ctx,
    who,
    delivery({
      penyedia: 'PT Cetak',
      receivedAt: `${DAYS[1]}T08:00`,
      suratJalan: 'SJ-2',
      lines: [line(v.b, 10_000)],
    }),
  )

  // Day 1: Melati sorts Gubernur per team; Kenanga sorts Bupati per worker; Mawar assembles kotak.
  const s1 = openShiftOn('sortir_lipat', DAYS[0]!, [v.g, v.b], [team.melati, team.kenanga])
  tally.simpan(ctx, who, {
    shiftId: s1,
    variantId: v.g,
    rows: [row(team.melati, 10_000, 9_700, { CETAK: 40, KUSUT_SOBEK: 60 }, 0)],
  })
  tally.simpan(ctx, who, { shiftId: s1, variantId: v.g, rows: [row(team.melati, 0, 0, { LAINNYA: 5 }, 195)] })
  tally.simpan(ctx, who, {
    shiftId: s1,
    variantId: v.b,
    rows: [
      row(team.kenanga, 3_000, 2_900, { FOTO: 20 }, 80, worker.a),
      row(team.kenanga, 2_000, 1_950, { CETAK: 10, BERLUBANG: 5 }, 35, worker.b),
    ],
  })
  shift.tutup(ctx, who, s1, '')
  const s2 = openShiftOn('rakit_kotak', DAYS[0]!, [v.k], [team.mawar])
  tally.simpan(ctx, who, {
    shiftId: s2,
    variantId: v.k,
    rows: [row(team.mawar, 400, 380, { CACAT_BAHAN: 6, RUSAK_RAKIT: 4 }, 10)],
  })
  shift.tutup(ctx, who, s2, '')

  clock = new Date(2024, 10, 5, 9, 0)
  // Day 2: Kenanga's day override; Mawar only takes sheets and hands them all back; one of Melati's rows
  // is cancelled to zero, so its group in floor_flow nets to nothing.
  const s3 = openShiftOn('sortir_lipat', DAYS[1]!, [v.g, v.b], [team.melati, team.kenanga, team.mawar])
  tally.simpan(ctx, who, {
    shiftId: s3,
    variantId: v.b,
    rows: [row(team.kenanga, 8_000, 7_800, { CETAK: 100, WARNA_PENANDA: 20 }, 80)],
  })
  tally.simpan(ctx, who, { shiftId: s3, variantId: v.g, rows: [row(team.mawar, 500, 0, {}, 500)] })
  tally.simpan(ctx, who, { shiftId: s3, variantId: v.g, rows: [row(team.melati, 6_000, 5_900, { NAMA_LOGO: 30 }, 0)] })
  tally.simpan(ctx, who, { shiftId: s3, variantId: v.g, rows: [row(team.melati, 0, 0, { LOGO_KPU: 10 }, 60)] })
  const logo = app.ctx.db
    .prepare(`SELECT seq FROM ledger WHERE to_place = 'RUSAK:LOGO_KPU' AND shift_id = ?`)
    .get(s3) as { seq: number }
  ledgerKoreksi.koreksi(ctx, who, { seq: logo.seq, qty: 0, note: 'Salah catat, tidak ada yang rusak' })
  tally.simpan(ctx, who, { shiftId: s3, variantId: v.g, rows: [row(team.melati, 0, 10, {}, 0)] })
  shift.tutup(ctx, who, s3, '')

  clock = new Date(2024, 10, 6, 9, 0)
  // Day 3: a re-classification with no shift, and a little more sorting.
  rusak.reklasifikasi(ctx, who, {
    variantId: v.g,
    reason: 'CETAK',
    qty: 15,
    note: 'Noda tinta di luar kolom; layak pakai',
  })
  const s4 = openShiftOn('sortir_lipat', DAYS[2]!, [v.b], [team.kenanga])
  tally.simpan(ctx, who, {
    shiftId: s4,
    variantId: v.b,
    rows: [row(team.kenanga, 1_000, 990, { KUSUT_SOBEK: 10 }, 0, worker.a)],
  })
  shift.tutup(ctx, who, s4, '')
})
afterAll(() => app.close())

/** The Beranda figures worked out from every flow row, one filter at a time. */
function expectedProgress(filter: { from?: string; to?: string }) {
  const ctx = app.ctx
  const flows = floorFlows(ctx, filter)
  const kind = new Map(
    (ctx.db.prepare('SELECT id, kind FROM shift').all() as { id: number; kind: string }[]).map((s) => [s.id, s.kind]),
  )
  const sortir = flows.filter((f) => kind.get(f.shiftId) === 'sortir_lipat')
  // A day's target: every team on a sortir-lipat shift that day, once, at its override for the day or
  // its daily target — worked out here from the rows, not with the service's query.
  const inRange = (t: string) => (!filter.from || t >= filter.from) && (!filter.to || t <= filter.to)
  const dailyTarget = new Map(
    (ctx.db.prepare('SELECT id, daily_target AS t FROM regu').all() as { id: number; t: number }[]).map((t) => [
      t.id,
      t.t,
    ]),
  )
  const override = new Map(
    (
      ctx.db.prepare('SELECT team_id AS teamId, tanggal, qty FROM regu_target').all() as {
        teamId: number
        tanggal: string
        qty: number
      }[]
    ).map((o) => [`${o.tanggal}|${o.teamId}`, o.qty]),
  )
  const worked = new Set(
    (
      ctx.db
        .prepare('SELECT s.tanggal, s.kind, x.team_id AS teamId FROM shift s JOIN shift_team x ON x.shift_id = s.id')
        .all() as { tanggal: string; kind: string; teamId: number }[]
    )
      .filter((r) => r.kind === 'sortir_lipat' && inRange(r.tanggal))
      .map((r) => `${r.tanggal}|${r.teamId}`),
  )
  const planned = new Map<string, number>()
  for (const key of worked) {
    const [tanggal, teamId] = key.split('|') as [string, string]
    planned.set(tanggal, (planned.get(tanggal) ?? 0) + (override.get(key) ?? dailyTarget.get(Number(teamId))!))
  }
  const days = new Map<string, { tanggal: string; baik: number; rusak: number; target: number }>()
  const day = (t: string) => days.get(t) ?? (days.set(t, { tanggal: t, baik: 0, rusak: 0, target: 0 }), days.get(t)!)
  for (const [tanggal, target] of planned) day(tanggal).target = target
  for (const f of sortir) {
    if (f.category === 'hasil') day(f.tanggal).baik += f.qty
    if (f.category === 'rusak') day(f.tanggal).rusak += f.qty
  }
  const sum = (xs: FloorFlow[]) => xs.reduce((s, f) => s + f.qty, 0)
  const byReason = DAMAGE_REASONS.map((r) => ({
    code: r.code,
    label: r.short,
    qty: sum(sortir.filter((f) => f.category === 'rusak' && f.reason === r.code)),
  })).filter((r) => r.qty !== 0)
  const processed = sum(sortir.filter((f) => f.category === 'hasil' || f.category === 'rusak'))
  const teams = (
    ctx.db.prepare('SELECT id, nama, daily_target AS dailyTarget FROM regu ORDER BY nama_key').all() as {
      id: number
      nama: string
      dailyTarget: number
    }[]
  )
    .map((t) => {
      const mine = sortir.filter((f) => f.teamId === t.id)
      const dates = new Set(mine.map((f) => f.tanggal))
      const target = [...dates].reduce(
        (s, d) =>
          s +
          ((
            ctx.db.prepare('SELECT qty FROM regu_target WHERE team_id = ? AND tanggal = ?').get(t.id, d) as
              { qty: number } | undefined
          )?.qty ?? t.dailyTarget),
        0,
      )
      return {
        teamId: t.id,
        nama: t.nama,
        hari: dates.size,
        baik: sum(mine.filter((f) => f.category === 'hasil')),
        rusak: sum(mine.filter((f) => f.category === 'rusak')),
        target,
      }
    })
    .filter((t) => t.hari > 0)
  return {
    days: [...days.values()].sort((a, b) => a.tanggal.localeCompare(b.tanggal)),
    byReason,
    damageRate: processed > 0 ? byReason.reduce((s, r) => s + r.qty, 0) / processed : 0,
    teams,
  }
}

describe('the Beranda charts (rekonsiliasi.lihatKemajuan)', () => {
  const filters = [
    {},
    { from: DAYS[0] },
    { from: DAYS[1] },
    { to: DAYS[0] },
    { from: DAYS[1], to: DAYS[1] },
    { from: DAYS[2], to: DAYS[2] },
    { from: '2024-12-01' },
    { to: '2024-10-01' },
  ]
  it.each(filters.map((f) => [JSON.stringify(f), f] as const))(
    '%s: the same figures as summing every flow row',
    (_, f) => {
      expect(rekonsiliasi.lihatKemajuan(app.ctx, f)).toStrictEqual(expectedProgress(f))
    },
  )

  it('the figures themselves, by hand', () => {
    const p = rekonsiliasi.lihatKemajuan(app.ctx, {})
    // Day 1, sortir only: baik 9.700 + 2.900 + 1.950; rusak 100 + 5 + 20 + 15. Targets Melati 20.000 + Kenanga 15.000.
    // Day 2: baik 7.800 + 5.900 + 10 (the cancelled LOGO_KPU counts nothing); rusak 120 + 30; targets 20.000 + 9.000 + 0.
    // Day 3: baik 990, rusak 10, target 15.000; the re-classification has no shift and is not the floor's output.
    expect(p.days).toEqual([
      { tanggal: DAYS[0], baik: 14_550, rusak: 140, target: 35_000 },
      { tanggal: DAYS[1], baik: 13_710, rusak: 150, target: 29_000 },
      { tanggal: DAYS[2], baik: 990, rusak: 10, target: 15_000 },
    ])
    expect(p.byReason.map((r) => [r.code, r.qty])).toEqual([
      ['CETAK', 150],
      ['KUSUT_SOBEK', 70],
      ['WARNA_PENANDA', 20],
      ['NAMA_LOGO', 30],
      ['BERLUBANG', 5],
      ['FOTO', 20],
      ['LAINNYA', 5],
    ])
    // Mawar only handed sheets back on day 2: a day worked, nothing sorted, its target 0 that day.
    expect(p.teams).toEqual([
      {
        teamId: team.kenanga,
        nama: 'Kenanga',
        hari: 3,
        baik: 2_900 + 1_950 + 7_800 + 990,
        rusak: 35 + 120 + 10,
        target: 15_000 + 9_000 + 15_000,
      },
      { teamId: team.mawar, nama: 'Mawar', hari: 1, baik: 0, rusak: 0, target: 0 },
      { teamId: team.melati, nama: 'Melati', hari: 2, baik: 9_700 + 5_910, rusak: 105 + 30, target: 40_000 },
    ])
  })
})

async function sheets(tanggal: string) {
  const f = await rekap.eksporHarian(app.ctx, tanggal, 'xlsx')
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(f.bytes) as unknown as ExcelJS.Buffer)
  const rows = (name: string) => {
    const ws = wb.getWorksheet(name)!
    const out: unknown[][] = []
    ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)))
    return out
  }
  return rows
}

describe('the daily rekap (rekap.eksporHarian)', () => {
  it.each(DAYS.map((d) => [d]))(
    '%s: baik and rusak today and so far, per ballot, the same as summing every flow row',
    async (tanggal) => {
      const upTo = floorFlows(app.ctx, { to: tanggal })
      const rows = await sheets(tanggal)
      const ballots = listVariants(app.ctx).filter((x) => x.kind === 'ballot' && x.active)
      const sum = (xs: FloorFlow[]) => xs.reduce((s, f) => s + f.qty, 0)
      const ringkasan = rows('Ringkasan')
      const alasan = rows('Per Alasan Rusak')
      const reasons = DAMAGE_REASONS.filter((r) => r.appliesTo !== 'assembled')
      for (const b of ballots) {
        const mine = upTo.filter((f) => f.variantId === b.variantId)
        const today = mine.filter((f) => f.tanggal === tanggal)
        const baik = sum(mine.filter((f) => f.category === 'hasil' || f.category === 'reklasifikasi'))
        const rusak =
          sum(mine.filter((f) => f.category === 'rusak')) - sum(mine.filter((f) => f.category === 'reklasifikasi'))
        const r = ringkasan.find((x) => x[0] === b.itemName && x[1] === b.dapil)!
        expect(r, b.label).toBeDefined()
        // Baik Hari Ini, Rusak Hari Ini, Baik s.d. Hari Ini, Rusak s.d. Hari Ini.
        expect(r.slice(5, 9), b.label).toEqual([
          sum(today.filter((f) => f.category === 'hasil')),
          sum(today.filter((f) => f.category === 'rusak')),
          baik,
          rusak,
        ])
        const a = alasan.find((x) => x[0] === b.itemName && x[1] === b.dapil)!
        expect(a.slice(2), b.label).toEqual([
          ...reasons.map((x) => sum(today.filter((f) => f.category === 'rusak' && f.reason === x.code))),
          sum(today.filter((f) => f.category === 'rusak')),
        ])
      }
      const regu = rows('Per Regu')
      let targeted = 0
      const dayFlows = floorFlows(app.ctx, { from: tanggal, to: tanggal })
      for (const [nama, id] of Object.entries({ Melati: team.melati, Kenanga: team.kenanga, Mawar: team.mawar })) {
        // One row per team and item (kotak and bilik are never added together); this day's figures of a team
        // are the sum of its rows, as the flows summed over every variant are.
        const teamRows = regu.filter((x) => x[0] === nama)
        const r = teamRows.length ? teamRows : undefined
        const worked =
          app.ctx.db
            .prepare(
              'SELECT 1 FROM shift s JOIN shift_team x ON x.shift_id = s.id WHERE s.tanggal = ? AND x.team_id = ?',
            )
            .get(tanggal, id) !== undefined
        expect(r !== undefined, `${nama} ${tanggal}`).toBe(worked)
        if (!r) continue
        const hasil = sum(dayFlows.filter((f) => f.teamId === id && f.category === 'hasil'))
        const rusak = sum(dayFlows.filter((f) => f.teamId === id && f.category === 'rusak'))
        // Baik/Siap, Rusak, Diproses (columns after Regu, Ketua, Pekerja Hadir, Barang, Satuan, Target).
        const col = (i: number) => r.reduce((s, x) => s + Number(x[i]), 0)
        expect([col(6), col(7), col(8)], `${nama} ${tanggal}`).toEqual([hasil, rusak, hasil + rusak])
        // % Target: good sheets against the team's target (core/regu targetProgress), as the shift page and
        // Beranda say it; damaged sheets are work, not output.
        for (const x of r.filter((x) => typeof x[5] === 'number' && x[5] > 0)) {
          expect(x[9], `${nama} ${tanggal} % Target`).toBe(Math.round((Number(x[6]) / Number(x[5])) * 100))
          targeted++
        }
      }
      // The fixture sets a target on every day; a day whose teams made two items compares none.
      if (tanggal === DAYS[0]) expect(targeted).toBeGreaterThan(0)
    },
  )

  it('the figures themselves, by hand, for day 2', async () => {
    const rows = await sheets(DAYS[1]!)
    const ringkasan = rows('Ringkasan')
    const gub = ringkasan.find((x) => x[0] === 'Surat Suara Pemilihan Gubernur dan Wakil Gubernur')!
    // Gubernur day 2: baik 5.900 + 10, rusak 30 (LOGO_KPU cancelled); so far baik 9.700 + 5.910, rusak 105 + 30.
    expect(gub.slice(5, 9)).toEqual([5_910, 30, 15_610, 135])
    const silog = async (tanggal: string) =>
      Buffer.from((await rekap.eksporHarian(app.ctx, tanggal, 'csv')).bytes)
        .toString('utf8')
        .split('\r\n')[1]!
        .split(';')
    const [day2, day3] = [await silog(DAYS[1]!), await silog(DAYS[2]!)]
    expect(day2.slice(0, 5)).toEqual([
      'Surat Suara Pemilihan Gubernur dan Wakil Gubernur',
      'SUMATERA UTARA',
      '50000',
      '15610',
      '135',
    ])
    // Day 3: the 15 CETAK judged usable move from rusak to baik, and the shortfall is 15 smaller.
    expect(day3.slice(0, 5)).toEqual([
      'Surat Suara Pemilihan Gubernur dan Wakil Gubernur',
      'SUMATERA UTARA',
      '50000',
      '15625',
      '120',
    ])
    expect(Number(day3[5])).toBe(Number(day2[5]) - 15)
  })
})
