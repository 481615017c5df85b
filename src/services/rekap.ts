import { DAMAGE_REASONS } from '../core/reasons'
import { targetProgress, teamBaseName } from '../core/regu'
import { refused } from '../core/errors'
import { hariTanggal } from '../core/tanggal'
import { sumRow, tableToCsv, tablesToXlsx, type Table } from '../reports/table'
import * as db from '../db/rekap'
import { deliveriesAsOf, packedAndHandedUpTo } from '../db/ledgerAsOf'
import { penggantian } from '../core/penggantian'
import type { ReadContext } from './context'
import { requireElection } from './pemilihan'
import { floorFlows, type FloorFlow } from './floorFlows'
import * as kebutuhan from './kebutuhan'
import { isIsoDate } from '../core/shifts'
import * as saksi from './saksi'
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
function cumulative(ctx: ReadContext, tanggal: string): Map<number, Cumulative> {
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
function tables(ctx: ReadContext, tanggal: string, only: 'silog' | 'all'): { silog: Table; all: Table[] } {
  const e = requireElection(ctx)
  const hari = hariTanggal(tanggal)
  /** A sheet's lines above its table: title and day, the election, the ledger's cut-off, and its own note. */
  const heading = (title: string, note?: string) => [
    `${title} — ${hari}`,
    `${e.jenis === 'pemilu' ? 'Pemilu' : 'Pilkada'} ${e.tahun} · KPU ${e.satker}`,
    `Dihitung dari buku besar sampai akhir ${hari}`,
    ...(note ? [note] : []),
  ]
  const text = (label: string) => ({ label, numeric: false })
  const num = (label: string) => ({ label, numeric: true })
  const needs = new Map(kebutuhan.daftarDapil(ctx).map((r) => [r.variantId, r.total]))
  const variants = listVariants(ctx)
  const ballots = variants.filter((v) => v.kind === 'ballot' && v.active)
  const cum = cumulative(ctx, tanggal)
  const zero = zeroCumulative()
  // Silog's kurang kirim: stated by the ordinary deliveries less what was counted in, a pengganti settling
  // the shortfall (core/penggantian.ts; the BA rusak states the same figure).
  const kurangKirim = new Map(
    deliveriesAsOf(ctx.db, tanggal).map((d) => [
      d.v,
      penggantian({
        stated: d.stated,
        counted: d.counted - d.countedSettled,
        pengganti: d.pengganti,
        rusak: 0,
        lengkap: false,
      }).kurangKirim,
    ]),
  )

  const kemasZero = { dikemas: 0, dikemasHariIni: 0, diserahkan: 0, diserahkanHariIni: 0 }
  const kemas = new Map(packedAndHandedUpTo(ctx.db, tanggal).map((r) => [r.v, r]))
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
      k: kemas.get(v.variantId) ?? kemasZero,
      belum,
      proses: Math.max(0, proses),
      need,
      kekurangan: Math.max(0, need - tersedia),
      kurangKirim: kurangKirim.get(v.variantId) ?? 0,
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
    r.k.dikemasHariIni,
    r.k.dikemas,
    r.k.diserahkanHariIni,
    r.k.diserahkan,
    r.kekurangan,
  ])
  const ringkasan: Table = {
    sheet: 'Ringkasan',
    heading: heading('Rekap Harian Logistik'),
    columns: [
      text('Jenis Surat Suara'),
      text('Dapil'),
      num('Kebutuhan'),
      num('Diterima Hari Ini'),
      num('Diterima s.d. Hari Ini'),
      num('Baik Hari Ini'),
      num('Rusak Hari Ini'),
      num('Baik s.d. Hari Ini'),
      num('Rusak s.d. Hari Ini'),
      num('Belum Disortir'),
      num('Dikemas Hari Ini'),
      num('Dikemas s.d. Hari Ini'),
      num('Diserahkan ke PPK Hari Ini'),
      num('Diserahkan ke PPK s.d. Hari Ini'),
      num('Kekurangan'),
    ],
    rows: ringkasanRows,
  }
  ringkasan.totals = sumRow(ringkasan.columns, ringkasan.rows)

  const silog: Table = {
    sheet: 'Silog',
    heading: heading('Rekap untuk Silog (per jenis dan dapil)'),
    columns: [
      text('Jenis Surat Suara'),
      text('Dapil'),
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
      text('Jenis Shift'),
      text('Waktu'),
      text('Lokasi'),
      text('Pengawas'),
      num('Regu'),
      num('Pekerja'),
      text('Barang'),
      num('Diserahkan'),
      num('Baik/Siap'),
      num('Rusak'),
      num('Kembali'),
      text('Status'),
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
      // A packing shift hands nothing to teams and sorts nothing: its work is on Kemas dan Serah Terima.
      ...(s.kind === 'packing' ? ['-', '-', '-', '-'] : [s.serah, s.hasil, s.rusak, s.kembali]),
      s.status === 'open' ? 'Terbuka' : 'Ditutup',
    ]),
  }

  const dayFlows = floorFlows(ctx, { from: tanggal, to: tanggal })
  const teams = db.teamsOn(ctx.db, tanggal)
  // One row per team and item: kotak and bilik, both "buah", are never added together.
  const daySums = new Map<string, number>()
  const teamVariants = new Map<number, Set<number>>()
  for (const f of dayFlows) {
    const key = `${f.teamId}|${f.variantId}|${f.category}`
    daySums.set(key, (daySums.get(key) ?? 0) + f.qty)
    if (f.teamId !== null && (f.category === 'hasil' || f.category === 'rusak'))
      teamVariants.set(f.teamId, (teamVariants.get(f.teamId) ?? new Set()).add(f.variantId))
  }
  const sumOf = (team: number, variant: number, c: FloorFlow['category']) => daySums.get(`${team}|${variant}|${c}`) ?? 0
  const byId = new Map(variants.map((v) => [v.variantId, v]))
  const perRegu: Table = {
    sheet: 'Per Regu',
    heading: heading(
      'Rekap per Regu',
      'Satu baris per regu dan barang; target regu dibandingkan hanya bila regu mengerjakan satu barang hari itu',
    ),
    columns: [
      text('Regu'),
      text('Ketua'),
      num('Pekerja Hadir'),
      text('Barang'),
      text('Satuan'),
      num('Target'),
      num('Baik/Siap'),
      num('Rusak'),
      num('Diproses'),
      num('% Target'),
    ],
    rows: teams.flatMap((t) => {
      const worked = [...(teamVariants.get(t.id) ?? [])].sort(
        (a, b) => (byId.get(a)?.sortOrder ?? 0) - (byId.get(b)?.sortOrder ?? 0) || a - b,
      )
      const hadir = db.presentOn(ctx.db, tanggal, t.id)
      if (worked.length === 0) return [[teamBaseName(t.nama), t.ketua, hadir, '-', '', t.target, 0, 0, 0, 0]]
      return worked.map((v) => {
        const done = sumOf(t.id, v, 'hasil') + sumOf(t.id, v, 'rusak')
        const one = worked.length === 1
        return [
          teamBaseName(t.nama),
          t.ketua,
          hadir,
          byId.get(v)?.label ?? String(v),
          byId.get(v)?.unit ?? '',
          one ? t.target : '',
          sumOf(t.id, v, 'hasil'),
          sumOf(t.id, v, 'rusak'),
          done,
          one && t.target > 0 ? Math.round(targetProgress(sumOf(t.id, v, 'hasil'), t.target).share! * 100) : '',
        ]
      })
    }),
  }

  const reasons = DAMAGE_REASONS.filter((r) => r.appliesTo !== 'assembled')
  const perAlasan: Table = {
    sheet: 'Per Alasan Rusak',
    heading: heading(
      `Surat Suara Rusak Hari Ini menurut Kriteria${e.jenis === 'pemilu' ? ' (Kep. KPU 1395/2023)' : ''}`,
    ),
    columns: [text('Jenis Surat Suara'), text('Dapil'), ...reasons.map((r) => num(r.short)), num('Jumlah')],
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
      text('Jam'),
      text('Penyedia'),
      text('Surat Jalan'),
      text('BTTB'),
      text('Barang'),
      text('Dapil'),
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
  // Every item, ballots and logistics, in its own unit: one row each and no total adding lembar to buah.
  const kemasSerah: Table = {
    sheet: 'Kemas dan Serah Terima',
    heading: heading(
      'Pengemasan per TPS dan Serah Terima ke PPK (Panitia Pemilihan Kecamatan)',
      'Satu baris per barang dalam satuannya sendiri; jumlah barang yang berbeda satuan tidak dijumlahkan',
    ),
    columns: [
      text('Barang'),
      text('Dapil'),
      text('Satuan'),
      num('Dikemas Hari Ini'),
      num('Dikemas s.d. Hari Ini'),
      num('Diserahkan ke PPK Hari Ini'),
      num('Diserahkan ke PPK s.d. Hari Ini'),
    ],
    rows: variants
      .filter((v) => v.active)
      .map((v) => {
        const k = kemas.get(v.variantId) ?? kemasZero
        return [v.itemName, v.dapil ?? '-', v.unit, k.dikemasHariIni, k.dikemas, k.diserahkanHariIni, k.diserahkan]
      }),
  }
  return { silog, all: [ringkasan, perShift, perRegu, perAlasan, penerimaan, kemasSerah, silog] }
}

export async function eksporHarian(ctx: ReadContext, tanggal: string, format: 'xlsx' | 'csv') {
  if (!isIsoDate(tanggal))
    throw refused(`Tanggal "${tanggal}" tidak sah`, [{ column: 'tanggal', message: 'Tanggal tidak sah' }])
  const t = tables(ctx, tanggal, format === 'csv' ? 'silog' : 'all')
  if (format === 'csv')
    return { fileName: `rekap-harian-silog-${tanggal}.csv`, mime: 'text/csv', bytes: tableToCsv(t.silog) }
  // The paper carries the kode saksi of the file it was computed from, and the journal keeps that head.
  const kode = saksi.kodeTercetak(ctx)
  if (kode)
    for (const table of t.all) {
      table.heading.push(`Kode saksi: ${kode}`)
      table.printFooter = `Kode saksi: ${kode}`
    }
  return {
    fileName: `rekap-harian-${tanggal}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: await tablesToXlsx(t.all),
  }
}
