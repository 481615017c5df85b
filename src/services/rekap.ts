import { DAMAGE_REASONS } from '../core/reasons'
import { refused } from '../core/errors'
import { hariTanggal } from '../core/tanggal'
import { sumRow, tableToCsv, tablesToXlsx, type Table } from '../reports/table'
import * as db from '../db/rekap'
import type { ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { floorFlows, type FloorFlow } from './floorFlows'
import * as kebutuhan from './kebutuhan'
import { isIsoDate } from '../core/shifts'
import * as shift from './shift'
import { listVariants } from './variants'

/**
 * The daily tally (rekap harian) for one date: what came in, what the floor sorted, how it stands
 * cumulatively, per ballot type and dapil; plus the columns Silog asks for. Every figure is computed
 * from the ledger up to the end of that date, so a rekap for last Tuesday says what was true then.
 */
interface Cumulative {
  diterima: number
  diterimaHariIni: number
  serah: number
  kembali: number
  baik: number
  rusak: number
  baikHariIni: number
  rusakHariIni: number
  rusakHariIniByReason: Record<string, number>
  reklasifikasi: number
}

const zeroCumulative = (): Cumulative => ({
  diterima: 0,
  diterimaHariIni: 0,
  serah: 0,
  kembali: 0,
  baik: 0,
  rusak: 0,
  baikHariIni: 0,
  rusakHariIni: 0,
  rusakHariIniByReason: {},
  reklasifikasi: 0,
})

/**
 * Summed by SQL from the floor_flow aggregate: per variant and category up to the end of the date, and
 * the date itself by reason, instead of every flow row since the first day loaded and added up here.
 */
function cumulative(ctx: ServiceContext, tanggal: string): Map<number, Cumulative> {
  const out = new Map<number, Cumulative>()
  const of = (v: number) => out.get(v) ?? (out.set(v, zeroCumulative()), out.get(v)!)
  for (const d of db.deliveredUpTo(ctx.db, tanggal)) {
    of(d.variantId).diterima += d.qty
    if (d.today) of(d.variantId).diterimaHariIni += d.qty
  }
  for (const f of db.floorUpTo(ctx.db, tanggal)) {
    const c = of(f.variantId)
    if (f.category === 'serah') c.serah += f.qty
    if (f.category === 'kembali') c.kembali += f.qty
    if (f.category === 'hasil') c.baik += f.qty
    if (f.category === 'reklasifikasi') {
      // Judged usable after all: the sheets move from rusak to baik on the day they were judged.
      c.baik += f.qty
      c.rusak -= f.qty
      c.reklasifikasi += f.qty
    }
    if (f.category === 'rusak') c.rusak += f.qty
  }
  // A reason is listed for the day when the day has a row of it (as floorFlows returns them: qty <> 0).
  for (const f of db.resultsOn(ctx.db, tanggal)) {
    const c = of(f.variantId)
    if (f.category === 'hasil') c.baikHariIni += f.qty
    else {
      c.rusakHariIni += f.qty
      c.rusakHariIniByReason[f.reason!] = (c.rusakHariIniByReason[f.reason!] ?? 0) + f.qty
    }
  }
  return out
}

/** The Silog table alone (the CSV) or all six sheets (the XLSX): a CSV does not compute sheets it leaves out. */
function tables(ctx: ServiceContext, tanggal: string, only: 'silog' | 'all'): { silog: Table; all: Table[] } {
  const e = requireElection(ctx)
  const hari = hariTanggal(tanggal)
  const heading = (title: string) => [
    `${title} — ${hari}`,
    `${e.jenis === 'pemilu' ? 'Pemilu' : 'Pilkada'} ${e.tahun} · KPU ${e.satker}`,
    `Dihitung dari buku besar sampai akhir ${hari}`,
  ]
  const text = (label: string, width?: number) => ({ label, numeric: false, ...(width ? { width } : {}) })
  const num = (label: string) => ({ label, numeric: true })
  const needs = new Map(kebutuhan.daftarDapil(ctx).map((r) => [r.variantId, r.total]))
  const variants = listVariants(ctx)
  const ballots = variants.filter((v) => v.kind === 'ballot' && v.active)
  const cum = cumulative(ctx, tanggal)
  const zero = zeroCumulative()
  const kurangKirim = new Map(db.statedUpTo(ctx.db, tanggal).map((r) => [r.v, r.stated]))

  const summaryRows = ballots.map((v) => {
    const c = cum.get(v.variantId) ?? zero
    const belum = c.diterima - c.serah + c.kembali
    // Re-classification moves sheets between baik and rusak; their sum is what left the teams' hands.
    const proses = c.serah - c.kembali - c.baik - c.rusak
    const need = needs.get(v.variantId) ?? 0
    const tersedia = c.baik + belum + Math.max(0, proses)
    return {
      v,
      c,
      belum,
      proses: Math.max(0, proses),
      need,
      kekurangan: Math.max(0, need - tersedia),
      kurangKirim: Math.max(0, (kurangKirim.get(v.variantId) ?? 0) - c.diterima),
    }
  })
  const ringkasanRows = summaryRows.map((r) => [
    r.v.itemName,
    r.v.dapil ?? '-',
    r.need,
    r.c.diterimaHariIni,
    r.c.diterima,
    r.c.baikHariIni,
    r.c.rusakHariIni,
    r.c.baik,
    r.c.rusak,
    r.belum,
    r.kekurangan,
  ])
  const ringkasan: Table = {
    sheet: 'Ringkasan',
    heading: heading('Rekap Harian Logistik'),
    columns: [
      text('Jenis Surat Suara', 40),
      text('Dapil', 22),
      num('Kebutuhan'),
      num('Diterima Hari Ini'),
      num('Diterima s.d. Hari Ini'),
      num('Baik Hari Ini'),
      num('Rusak Hari Ini'),
      num('Baik s.d. Hari Ini'),
      num('Rusak s.d. Hari Ini'),
      num('Belum Disortir'),
      num('Kekurangan'),
    ],
    rows: ringkasanRows,
  }
  ringkasan.totals = sumRow(ringkasan.columns, ringkasan.rows)

  const silog: Table = {
    sheet: 'Silog',
    heading: heading('Rekap untuk Silog (per jenis dan dapil)'),
    columns: [
      text('Jenis Surat Suara', 40),
      text('Dapil', 22),
      num('Diterima'),
      num('Baik'),
      num('Rusak'),
      num('Kurang'),
      num('Kurang Kirim (thd Surat Jalan)'),
    ],
    rows: summaryRows.map((r) => [
      r.v.itemName,
      r.v.dapil ?? '-',
      r.c.diterima,
      r.c.baik,
      r.c.rusak,
      r.kekurangan,
      r.kurangKirim,
    ]),
  }
  silog.totals = sumRow(silog.columns, silog.rows)
  if (only === 'silog') return { silog, all: [silog] }

  const shifts = shift.daftar(ctx, { from: tanggal, to: tanggal })
  const perShift: Table = {
    sheet: 'Per Shift',
    heading: heading('Rekap per Shift'),
    columns: [
      num('Shift'),
      text('Jenis Shift', 24),
      text('Waktu', 14),
      text('Lokasi', 14),
      text('Pengawas', 20),
      num('Regu'),
      num('Pekerja'),
      text('Barang', 44),
      num('Diserahkan'),
      num('Baik/Siap'),
      num('Rusak'),
      num('Kembali'),
      text('Status', 10),
    ],
    rows: shifts.map((s) => [
      s.id,
      s.kindLabel,
      `${s.mulai}–${s.selesai}`,
      s.lokasi,
      s.pengawas,
      s.teams,
      s.workers,
      s.variants.join('; '),
      s.serah,
      s.hasil,
      s.rusak,
      s.kembali,
      s.status === 'open' ? 'Terbuka' : 'Ditutup',
    ]),
  }

  const dayFlows = floorFlows(ctx, { from: tanggal, to: tanggal })
  const teams = db.teamsOn(ctx.db, tanggal)
  const daySums = new Map<string, number>()
  for (const f of dayFlows)
    daySums.set(`${f.teamId}|${f.category}`, (daySums.get(`${f.teamId}|${f.category}`) ?? 0) + f.qty)
  const teamSum = (id: number, c: FloorFlow['category']) => daySums.get(`${id}|${c}`) ?? 0
  const perRegu: Table = {
    sheet: 'Per Regu',
    heading: heading('Rekap per Regu'),
    columns: [
      text('Regu', 20),
      text('Ketua', 24),
      num('Pekerja Hadir'),
      num('Target'),
      num('Baik/Siap'),
      num('Rusak'),
      num('Diproses'),
      num('% Target'),
    ],
    rows: teams.map((t) => {
      const done = teamSum(t.id, 'hasil') + teamSum(t.id, 'rusak')
      return [
        t.nama,
        t.ketua,
        db.presentOn(ctx.db, tanggal, t.id),
        t.target,
        teamSum(t.id, 'hasil'),
        teamSum(t.id, 'rusak'),
        done,
        t.target > 0 ? Math.round((done / t.target) * 100) : 0,
      ]
    }),
  }

  const reasons = DAMAGE_REASONS.filter((r) => r.appliesTo !== 'assembled')
  const perAlasan: Table = {
    sheet: 'Per Alasan Rusak',
    heading: heading('Surat Suara Rusak Hari Ini menurut Kriteria (Kep. KPU 1395/2023)'),
    columns: [text('Jenis Surat Suara', 40), text('Dapil', 22), ...reasons.map((r) => num(r.short)), num('Jumlah')],
    rows: summaryRows.map((r) => [
      r.v.itemName,
      r.v.dapil ?? '-',
      ...reasons.map((x) => r.c.rusakHariIniByReason[x.code] ?? 0),
      r.c.rusakHariIni,
    ]),
  }
  perAlasan.totals = sumRow(perAlasan.columns, perAlasan.rows)

  const deliveries = db.deliveryLinesOn(ctx.db, tanggal)
  const label = new Map(variants.map((v) => [v.variantId, v]))
  const penerimaan: Table = {
    sheet: 'Penerimaan',
    heading: heading('Penerimaan Hari Ini'),
    columns: [
      num('No.'),
      text('Jam', 8),
      text('Penyedia', 28),
      text('Surat Jalan', 18),
      text('BTTB', 14),
      text('Barang', 40),
      text('Dapil', 20),
      num('Surat Jalan'),
      num('Hasil Hitung'),
      num('Selisih'),
    ],
    rows: deliveries.map((d) => {
      const n = db.countedOf(ctx.db, `PENERIMAAN:${d.id}`, d.variantId)
      const v = label.get(d.variantId)
      return [
        d.id,
        d.at.slice(11, 16) + (d.kind === 'pengganti' ? ' (pengganti)' : ''),
        d.penyedia,
        d.sj,
        d.bttb,
        v?.itemName ?? '',
        v?.dapil ?? '-',
        d.stated,
        n,
        n - d.stated,
      ]
    }),
  }
  return { silog, all: [ringkasan, perShift, perRegu, perAlasan, penerimaan, silog] }
}

export async function eksporHarian(ctx: ServiceContext, tanggal: string, format: 'xlsx' | 'csv') {
  if (!isIsoDate(tanggal))
    throw refused(`Tanggal "${tanggal}" tidak sah`, [{ column: 'tanggal', message: 'Tanggal tidak sah' }])
  const t = tables(ctx, tanggal, format === 'csv' ? 'silog' : 'all')
  if (format === 'csv')
    return { fileName: `rekap-harian-silog-${tanggal}.csv`, mime: 'text/csv', bytes: tableToCsv(t.silog) }
  return {
    fileName: `rekap-harian-${tanggal}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: await tablesToXlsx(t.all),
  }
}
