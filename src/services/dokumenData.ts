import { computePay } from '../core/pay'
import { DAMAGE_REASONS, damageReason } from '../core/reasons'
import { AppError, refused } from '../core/errors'
import type { PenerimaanData, ReturData } from '../reports/ba/penerimaan'
import type { PemusnahanData, SerahTerimaData } from '../reports/ba/serahTerima'
import type { RusakData, SortirData } from '../reports/ba/sortir'
import type { UpahData } from '../reports/ba/upah'
import { localDateTime } from './clock'
import type { ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { floorFlows } from './floorFlows'
import * as barang from './barang'
import * as penerimaan from './penerimaan'
import * as rekonsiliasi from './rekonsiliasi'
import { getVariant, listVariants } from './variants'

/**
 * The data each document states, read from the ledger at the moment it is issued. What is built here
 * is frozen into the register's snapshot; the renderers in src/reports/ba only lay it out.
 */
export interface Built<T> {
  subject: string
  ref: string
  data: T
}

const variantParts = (ctx: ServiceContext, variantId: number) => {
  const v = getVariant(ctx, variantId)
  return { item: v.itemName, dapil: v.dapil, unit: v.unit, kind: v.kind }
}

export function penerimaanData(ctx: ServiceContext, deliveryId: number): Built<PenerimaanData> {
  const d = penerimaan.lihat(ctx, deliveryId)
  return {
    subject: `Penerimaan #${d.id} dari ${d.penyedia}, surat jalan ${d.suratJalan}`,
    ref: `PENERIMAAN:${d.id}`,
    data: {
      deliveryId: d.id,
      kind: d.kind,
      receivedAt: d.receivedAt,
      penyedia: d.penyedia,
      suratJalan: d.suratJalan,
      bttb: d.bttb,
      kendaraan: d.kendaraan,
      pengemudi: d.pengemudi,
      wakilNama: d.wakilNama,
      wakilJabatan: d.wakilJabatan,
      penggantiUntuk: d.penggantiUntuk,
      note: d.note,
      lines: d.lines.map((l) => ({
        ...variantParts(ctx, l.variantId),
        dus: l.dus,
        isiPerDus: l.isiPerDus,
        stated: l.statedQty,
        counted: l.countedQty,
        tertukar: l.tertukarQty,
        tertukarNote: l.tertukarNote,
      })),
    },
  }
}

export function returData(ctx: ServiceContext, returId: number): Built<ReturData> {
  const r = penerimaan.daftarRetur(ctx).find((x) => x.id === returId)
  if (!r)
    throw new AppError('NOT_FOUND', `Pengembalian #${returId} tidak ditemukan`, [
      { column: 'returId', message: 'Tidak ditemukan' },
    ])
  const notes = ctx.db.prepare(
    `SELECT DISTINCT tertukar_note AS note FROM delivery_line WHERE variant_id = ? AND tertukar_note <> ''`,
  )
  return {
    subject: `Pengembalian surat suara tertukar #${r.id} kepada ${r.penyedia}`,
    ref: `RETUR:${r.id}`,
    data: {
      returId: r.id,
      at: localDateTime(new Date(r.at)),
      penyedia: r.penyedia,
      note: r.note,
      lines: r.lines.map((l) => ({
        ...variantParts(ctx, l.variantId),
        qty: l.qty,
        asal: (notes.all(l.variantId) as { note: string }[]).map((n) => n.note).join('; '),
      })),
    },
  }
}

const ballotReasons = () =>
  DAMAGE_REASONS.filter((r) => r.appliesTo !== 'assembled').map((r) => ({ code: r.code, label: r.short }))

export function sortirData(ctx: ServiceContext, from: string, to: string): Built<SortirData> {
  if (from > to)
    throw refused('Tanggal awal setelah tanggal akhir', [{ column: 'from', message: 'Setelah tanggal akhir' }])
  const shiftIds = (
    ctx.db.prepare(`SELECT id FROM shift WHERE kind = 'sortir_lipat' AND tanggal BETWEEN ? AND ?`).all(from, to) as {
      id: number
    }[]
  ).map((s) => s.id)
  if (shiftIds.length === 0)
    throw refused(`Tidak ada shift sortir-lipat pada rentang ${from} sampai ${to}`, [
      { column: 'from', message: 'Tidak ada shift' },
    ])
  const open = ctx.db
    .prepare(`SELECT id FROM shift WHERE kind = 'sortir_lipat' AND tanggal BETWEEN ? AND ? AND status = 'open'`)
    .all(from, to) as { id: number }[]
  if (open.length)
    throw refused(
      `Masih ada shift yang belum ditutup (${open.map((s) => '#' + s.id).join(', ')}); tutup dulu sebelum menerbitkan berita acara`,
    )
  const ids = new Set(shiftIds)
  const flows = floorFlows(ctx, { from, to }).filter((f) => ids.has(f.shiftId))
  const teams = ctx.db
    .prepare(`SELECT count(DISTINCT team_id) AS n FROM shift_team WHERE shift_id IN (${shiftIds.join(',')})`)
    .get() as { n: number }
  const workers = ctx.db
    .prepare(`SELECT count(DISTINCT worker_id) AS n FROM shift_worker WHERE shift_id IN (${shiftIds.join(',')})`)
    .get() as { n: number }
  const rows = listVariants(ctx)
    .filter((v) => v.kind === 'ballot')
    .map((v) => {
      const mine = flows.filter((f) => f.variantId === v.variantId)
      const sum = (c: string) => mine.filter((f) => f.category === c).reduce((s, f) => s + f.qty, 0)
      const rusakByReason: Record<string, number> = {}
      for (const f of mine)
        if (f.category === 'rusak' && f.reason) rusakByReason[f.reason] = (rusakByReason[f.reason] ?? 0) + f.qty
      return {
        item: v.itemName,
        dapil: v.dapil,
        disortir: sum('serah') - sum('kembali'),
        baik: sum('hasil'),
        rusak: sum('rusak'),
        rusakByReason,
      }
    })
    .filter((r) => r.baik + r.rusak !== 0)
  const reklas = ctx.db
    .prepare(
      // A re-classification outside any shift counts on the local date it was recorded.
      `SELECT l.variant_id AS variantId, l.from_place AS place, l.note, l.qty FROM ledger l LEFT JOIN shift s ON s.id = l.shift_id
       WHERE l.reason = 'REKLASIFIKASI' AND coalesce(s.tanggal, date(l.at, 'localtime')) BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM ledger c WHERE c.corrects_seq = l.seq AND c.reason = 'BATAL')`,
    )
    .all(from, to) as { variantId: number; place: string; note: string | null; qty: number }[]
  const position = rekonsiliasi
    .lihat(ctx)
    .filter((r) => r.kind === 'ballot')
    .map((r) => ({
      item: r.itemName,
      dapil: r.dapil,
      kebutuhan: r.kebutuhan,
      diterima: r.diterima,
      baik: r.baik + r.dikemas + r.dikirim,
      rusak: r.rusakTotal,
      belumDisortir: r.belumDiproses + r.proses,
      kekurangan: r.kekurangan,
    }))
  return {
    subject: from === to ? `Hasil sortir dan lipat ${from}` : `Hasil sortir dan lipat ${from} s.d. ${to}`,
    ref: `SORTIR:${from}:${to}`,
    data: {
      from,
      to,
      shifts: shiftIds.length,
      teams: teams.n,
      workers: workers.n,
      reasons: ballotReasons(),
      rows,
      reklasifikasi: reklas.map((r) => ({
        ...variantParts(ctx, r.variantId),
        reason: damageReason(r.place.slice('RUSAK:'.length))?.short ?? r.place,
        qty: r.qty,
        note: r.note ?? '',
      })),
      position,
    },
  }
}

export function rusakData(ctx: ServiceContext, tanggal: string): Built<RusakData> {
  const kurang = new Map<number, number>()
  for (const s of penerimaan.openSelisih(ctx))
    if (s.selisih < 0) kurang.set(s.variantId, (kurang.get(s.variantId) ?? 0) - s.selisih)
  const rows = rekonsiliasi
    .lihat(ctx)
    .filter((r) => r.kind === 'ballot')
    .map((r) => ({
      item: r.itemName,
      dapil: r.dapil,
      kebutuhan: r.kebutuhan,
      diterima: r.diterima,
      baik: r.baik + r.dikemas + r.dikirim,
      rusak: r.rusakTotal,
      rusakByReason: r.rusak,
      kurangKirim: kurang.get(r.variantId) ?? 0,
      kekurangan: r.kekurangan,
    }))
  return {
    subject: `Surat suara rusak dan kekurangan per ${tanggal}`,
    ref: `RUSAK:${tanggal}`,
    data: { reasons: ballotReasons(), rows },
  }
}

export function upahData(ctx: ServiceContext, from: string, to: string): Built<UpahData> {
  if (from > to)
    throw refused('Tanggal awal setelah tanggal akhir', [{ column: 'from', message: 'Setelah tanggal akhir' }])
  const election = requireElection(ctx)
  const flows = floorFlows(ctx, { from, to }).filter((f) => f.category === 'hasil' || f.category === 'rusak')
  if (flows.length === 0) throw refused(`Tidak ada hasil kerja tercatat pada rentang ${from} sampai ${to}`)
  const open = ctx.db
    .prepare(`SELECT id FROM shift WHERE tanggal BETWEEN ? AND ? AND status = 'open'`)
    .all(from, to) as { id: number }[]
  if (open.length)
    throw refused(
      `Masih ada shift yang belum ditutup (${open.map((s) => '#' + s.id).join(', ')}); tutup dulu sebelum merekap upah`,
    )
  const itemOfVariant = new Map(listVariants(ctx).map((v) => [v.variantId, v.itemId]))
  const items = barang.daftar(ctx)
  const attendance = ctx.db
    .prepare(
      `SELECT x.shift_id AS shiftId, x.team_id AS teamId, x.worker_id AS workerId FROM shift_worker x JOIN shift s ON s.id = x.shift_id WHERE s.tanggal BETWEEN ? AND ?`,
    )
    .all(from, to) as { shiftId: number; teamId: number; workerId: number }[]
  const pay = computePay({
    outputs: flows.map((f) => ({
      shiftId: f.shiftId,
      teamId: f.teamId ?? 0,
      workerId: f.workerId,
      itemId: itemOfVariant.get(f.variantId)!,
      qty: f.qty,
    })),
    attendance,
    rates: new Map(items.filter((i) => i.payRate !== null).map((i) => [i.id, i.payRate!])),
    taxBasisPoints: Math.round(election.taxPercent * 100),
  })
  const usedItems = items.filter((i) => pay.workers.some((w) => (w.qty.get(i.id) ?? 0) !== 0))
  const worker = ctx.db.prepare(
    `SELECT w.nama, coalesce(t.nama, '') AS regu FROM worker w LEFT JOIN team_member m ON m.worker_id = w.id LEFT JOIN team t ON t.id = m.team_id WHERE w.id = ?`,
  )
  const teamName = ctx.db.prepare('SELECT nama FROM team WHERE id = ?')
  const notes = [
    ...pay.missingRates.map(
      (id) =>
        `Upah per satuan untuk ${items.find((i) => i.id === id)?.name ?? id} belum diatur; hasilnya tidak dibayar dalam rekap ini.`,
    ),
    ...pay.unassigned.map(
      (u) =>
        `Hasil regu ${(teamName.get(u.teamId) as { nama: string } | undefined)?.nama ?? u.teamId} pada shift #${u.shiftId} tidak dapat dibagi karena tidak ada pekerja yang tercatat hadir.`,
    ),
  ]
  return {
    subject: from === to ? `Rekap upah ${from}` : `Rekap upah ${from} s.d. ${to}`,
    ref: `UPAH:${from}:${to}`,
    data: {
      from,
      to,
      taxPercent: election.taxPercent,
      items: usedItems.map((i) => ({ code: i.code, name: i.name, unit: i.unit, rate: i.payRate })),
      workers: pay.workers
        .map((w) => {
          const info = worker.get(w.workerId) as { nama: string; regu: string }
          return {
            nama: info.nama,
            regu: info.regu,
            qty: Object.fromEntries(usedItems.map((i) => [i.code, w.qty.get(i.id) ?? 0])),
            gross: w.gross,
            tax: w.tax,
            net: w.net,
          }
        })
        .sort((a, b) => a.regu.localeCompare(b.regu) || a.nama.localeCompare(b.nama)),
      notes,
    },
  }
}

export function serahTerimaData(ctx: ServiceContext, handoverId: number): Built<SerahTerimaData> {
  const h = ctx.db
    .prepare('SELECT h.*, k.nama AS kecamatan FROM handover h JOIN kecamatan k ON k.id = h.kecamatan_id WHERE h.id = ?')
    .get(handoverId) as
    | { id: number; kecamatan: string; ppk_nama: string; ppk_jabatan: string; kendaraan: string; note: string }
    | undefined
  if (!h)
    throw new AppError('NOT_FOUND', `Serah terima #${handoverId} tidak ditemukan`, [
      { column: 'handoverId', message: 'Tidak ditemukan' },
    ])
  // What each TPS kit handed over held, from the handover's own ledger rows (corrections included).
  const rows = ctx.db
    .prepare(
      `SELECT CAST(substr(CASE WHEN reason = 'BATAL' THEN to_place ELSE from_place END, 9) AS INTEGER) AS tpsId, variant_id AS v,
              sum(CASE WHEN reason = 'BATAL' THEN -qty ELSE qty END) AS qty
       FROM ledger WHERE document_id = ? GROUP BY tpsId, v`,
    )
    .all(`SERAH_TERIMA:${handoverId}`) as { tpsId: number; v: number; qty: number }[]
  const members = ctx.db
    .prepare(
      `SELECT x.tps_id AS tpsId, x.exception, t.nomor, d.nama AS desa, d.id AS desaId FROM handover_tps x JOIN tps t ON t.id = x.tps_id JOIN desa d ON d.id = t.desa_id
       WHERE x.handover_id = ? ORDER BY coalesce(d.kode, ''), d.nama_key, t.nomor`,
    )
    .all(handoverId) as { tpsId: number; exception: string | null; nomor: number; desa: string; desaId: number }[]
  const segel = ctx.db.prepare('SELECT nomor FROM segel WHERE tps_id = ? ORDER BY kotak_no')
  const variantIds = [...new Set(rows.map((r) => r.v))]
  const variants = listVariants(ctx).filter((v) => variantIds.includes(v.variantId))
  const qtyOf = (tpsId: number) => Object.fromEntries(rows.filter((r) => r.tpsId === tpsId).map((r) => [r.v, r.qty]))
  const desa = new Map<number, { nama: string; tps: number; qty: Record<number, number> }>()
  for (const m of members) {
    const d = desa.get(m.desaId) ?? { nama: m.desa, tps: 0, qty: {} }
    d.tps++
    for (const [v, q] of Object.entries(qtyOf(m.tpsId))) d.qty[Number(v)] = (d.qty[Number(v)] ?? 0) + q
    desa.set(m.desaId, d)
  }
  return {
    subject: `Serah terima #${h.id} ke PPK Kecamatan ${h.kecamatan} (${members.length} TPS)`,
    ref: `SERAH_TERIMA:${h.id}`,
    data: {
      handoverId: h.id,
      kecamatan: h.kecamatan,
      ppkNama: h.ppk_nama,
      ppkJabatan: h.ppk_jabatan,
      kendaraan: h.kendaraan,
      note: h.note,
      items: variants.map((v) => ({
        variantId: v.variantId,
        code: v.itemCode,
        name: v.itemName,
        kind: v.kind,
        unit: v.unit,
        dapil: v.dapil,
      })),
      desa: [...desa.values()],
      tps: members.map((m) => ({
        desa: m.desa,
        nomor: m.nomor,
        qty: qtyOf(m.tpsId),
        exception: m.exception,
        segel: (segel.all(m.tpsId) as { nomor: string }[]).map((x) => x.nomor),
      })),
    },
  }
}

export function pemusnahanData(ctx: ServiceContext, pemusnahanId: number): Built<PemusnahanData> {
  const p = ctx.db.prepare('SELECT * FROM pemusnahan WHERE id = ?').get(pemusnahanId) as
    { id: number; metode: string; tempat: string; note: string } | undefined
  if (!p)
    throw new AppError('NOT_FOUND', `Pemusnahan #${pemusnahanId} tidak ditemukan`, [
      { column: 'pemusnahanId', message: 'Tidak ditemukan' },
    ])
  const rows = ctx.db
    .prepare(
      `SELECT variant_id AS v, CASE WHEN reason = 'BATAL' THEN to_place ELSE from_place END AS src, sum(CASE WHEN reason = 'BATAL' THEN -qty ELSE qty END) AS qty
       FROM ledger WHERE document_id = ? GROUP BY v, src HAVING qty <> 0`,
    )
    .all(`PEMUSNAHAN:${p.id}`) as { v: number; src: string; qty: number }[]
  const out = new Map<
    number,
    { item: string; dapil: string | null; rusakByReason: Record<string, number>; lebih: number }
  >()
  for (const r of rows) {
    const v = getVariant(ctx, r.v)
    const row = out.get(r.v) ?? { item: v.itemName, dapil: v.dapil, rusakByReason: {}, lebih: 0 }
    if (r.src.startsWith('RUSAK:')) row.rusakByReason[r.src.slice(6)] = (row.rusakByReason[r.src.slice(6)] ?? 0) + r.qty
    else row.lebih += r.qty
    out.set(r.v, row)
  }
  return {
    subject: `Pemusnahan #${p.id}: ${p.metode} di ${p.tempat}`,
    ref: `PEMUSNAHAN:${p.id}`,
    data: {
      pemusnahanId: p.id,
      metode: p.metode,
      tempat: p.tempat,
      note: p.note,
      reasons: ballotReasons(),
      rows: [...out.values()],
    },
  }
}
