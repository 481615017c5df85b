import { computePay } from '../core/pay'
import { penggantian } from '../core/penggantian'
import { DAMAGE_REASONS, damageReason } from '../core/reasons'
import { AppError, refused } from '../core/errors'
import type { PenerimaanData, ReturData } from '../reports/ba/penerimaan'
import type { PemusnahanData, SerahTerimaData, SerahTerimaItem } from '../reports/ba/serahTerima'
import type { RusakData, SortirData } from '../reports/ba/sortir'
import type { UpahData } from '../reports/ba/upah'
import { pembayaranOf } from '../db/pekerja'
import * as queries from '../db/dokumen'
import { segelNomorOf } from '../db/kemas'
import { damageNotesAsOf, deliveriesAsOf, lengkapAsOf, netIntoAsOf, notesByVariant } from '../db/ledgerAsOf'
import { destroyedBySource, pemusnahanById } from '../db/pemusnahan'
import { reguById } from '../db/regu'
import { handedPerTps, serahTerimaForBa, serahTerimaMembers } from '../db/serahTerima'
import { localDateTime } from './clock'
import type { ReadContext } from './context'
import { reading } from './reading'
import { requireElection } from './pemilihan'
import { floorFlows } from './floorFlows'
import * as barang from './barang'
import * as penerimaan from './penerimaan'
import * as rekonsiliasi from './rekonsiliasi'
import { getVariant, listVariants } from './variants'
import { reguName, teamBaseName } from '../core/regu'

/**
 * The data each document states. A dated paper states the ledger as of its date (db/ledgerAsOf.ts), never
 * today's balances, so issuing it after later movements gives the same figures; an event's paper (a
 * delivery, a return, a handover, a destruction) states its event's own ledger rows. What is built here
 * is frozen into the register's snapshot; the renderers in src/reports/ba only lay it out, and a reprint
 * renders the snapshot.
 */
export interface Built<T> {
  subject: string
  ref: string
  data: T
  /**
   * The local date of the event an event's paper records (a delivery's arrival, a return's departure):
   * the paper is dated by it, in its body and above its signatures alike.
   */
  eventDate?: string
}

const variantParts = (ctx: ReadContext, variantId: number) => {
  const v = getVariant(reading(ctx), variantId)
  return { item: v.itemName, dapil: v.dapil, unit: v.unit, kind: v.kind }
}

export function penerimaanData(ctx: ReadContext, deliveryId: number): Built<PenerimaanData> {
  const d = penerimaan.lihat(reading(ctx), deliveryId)
  return {
    subject: `Penerimaan #${d.id} dari ${d.penyedia}, surat jalan ${d.suratJalan}`,
    ref: `PENERIMAAN:${d.id}`,
    eventDate: d.receivedAt.slice(0, 10),

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

export function returData(ctx: ReadContext, returId: number): Built<ReturData> {
  const r = penerimaan.daftarRetur(reading(ctx)).find((x) => x.id === returId)
  if (!r)
    throw new AppError('NOT_FOUND', `Pengembalian #${returId} tidak ditemukan`, [
      { column: 'returId', message: 'Tidak ditemukan' },
    ])
  const at = localDateTime(ctx, new Date(r.at))
  return {
    subject: `Pengembalian surat suara tertukar #${r.id} kepada ${r.penyedia}`,
    ref: `RETUR:${r.id}`,
    eventDate: at.slice(0, 10),
    data: {
      returId: r.id,
      at,
      penyedia: r.penyedia,
      note: r.note,
      // Whose the sheets are, as the deliveries received up to the return said; the variant's own dapil
      // is this satker's and says nothing about another kabupaten's sheets.
      milik: true,
      lines: r.lines.map((l) => ({
        ...variantParts(ctx, l.variantId),
        qty: l.qty,
        asal: queries.tertukarNotesUpTo(ctx.db, l.variantId, at.slice(0, 10)).join('; '),
      })),
    },
  }
}

const ballotReasons = () =>
  DAMAGE_REASONS.filter((r) => r.appliesTo !== 'assembled').map((r) => ({ code: r.code, label: r.short }))

export function sortirData(ctx: ReadContext, from: string, to: string): Built<SortirData> {
  if (from > to)
    throw refused('Tanggal awal setelah tanggal akhir', [{ column: 'from', message: 'Setelah tanggal akhir' }])
  const shiftIds = queries.sortirShiftIds(ctx.db, from, to)
  if (shiftIds.length === 0)
    throw refused(`Tidak ada shift sortir-lipat pada rentang ${from} sampai ${to}`, [
      { column: 'from', message: 'Tidak ada shift' },
    ])
  const open = queries.openSortirShiftIds(ctx.db, from, to)
  if (open.length)
    throw refused(
      `Masih ada shift yang belum ditutup (${open.map((id) => '#' + id).join(', ')}); tutup dulu sebelum menerbitkan berita acara`,
    )
  const ids = new Set(shiftIds)
  const flows = floorFlows(ctx, { from, to }).filter((f) => ids.has(f.shiftId))
  const crew = queries.shiftCrew(ctx.db, shiftIds)
  const notes = notesByVariant(damageNotesAsOf(ctx.db, { tanggal: to }, shiftIds))
  const rows = listVariants(reading(ctx))
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
        rusakNotes: notes.get(v.variantId) ?? {},
      }
    })
    .filter((r) => r.baik + r.rusak !== 0)
  const reklas = queries.reklasifikasiRows(ctx.db, from, to)
  // Lampiran I: the position at the end of the period, not today's.
  const position = rekonsiliasi
    .lihat(reading(ctx), { tanggal: to })
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
      teams: crew.teams,
      workers: crew.workers,
      reasons: ballotReasons(),
      rows,
      reklasifikasi: reklas.map((r) => ({
        ...variantParts(ctx, r.variantId),
        reason: damageReason(r.place.slice('RUSAK:'.length))?.short ?? r.place,
        qty: r.qty,
        note: r.note ?? '',
      })),
      position,
      asOf: to,
    },
  }
}

/**
 * The BA surat suara rusak dan kurang as of its date: per ballot type and dapil the damaged sheets found
 * (destroyed ones included: a destruction does not undo the damage), what the printer has not delivered,
 * and what is asked of it once the deliveries of that variant are declared complete (core/penggantian.ts).
 */
export function rusakData(ctx: ReadContext, tanggal: string): Built<RusakData> {
  const cut = { tanggal }
  const deliveries = new Map(deliveriesAsOf(ctx.db, tanggal).map((d) => [d.v, d]))
  const lengkap = lengkapAsOf(ctx.db, tanggal)
  const destroyed = netIntoAsOf(ctx.db, cut, 'DIMUSNAHKAN')
  const notes = notesByVariant(damageNotesAsOf(ctx.db, cut))
  const rows = rekonsiliasi
    .lihat(reading(ctx), cut)
    .filter((r) => r.kind === 'ballot')
    .map((r) => {
      const rusakByReason: Record<string, number> = { ...r.rusak }
      for (const x of destroyed)
        if (x.v === r.variantId && x.other.startsWith('RUSAK:')) {
          const code = x.other.slice('RUSAK:'.length)
          rusakByReason[code] = (rusakByReason[code] ?? 0) + x.qty
        }
      const rusak = Object.values(rusakByReason).reduce((s, q) => s + q, 0)
      const d = deliveries.get(r.variantId)
      const p = penggantian({
        stated: d?.stated ?? 0,
        counted: (d?.counted ?? 0) - (d?.countedSettled ?? 0),
        pengganti: d?.pengganti ?? 0,
        rusak,
        lengkap: lengkap.has(r.variantId),
      })
      return {
        item: r.itemName,
        dapil: r.dapil,
        kebutuhan: r.kebutuhan,
        diterima: r.diterima,
        baik: r.baik + r.dikemas + r.dikirim,
        rusak,
        rusakByReason,
        rusakNotes: notes.get(r.variantId) ?? {},
        kurangKirim: p.kurangKirim,
        kekurangan: r.kekurangan,
        pengganti: d?.pengganti ?? 0,
        rusakBelumDiganti: p.rusakBelumDiganti,
        lengkap: lengkap.has(r.variantId),
        diminta: p.diminta,
      }
    })
  return {
    subject: `Surat suara rusak dan kekurangan per ${tanggal}`,
    ref: `RUSAK:${tanggal}`,
    data: { reasons: ballotReasons(), rows },
  }
}

export function upahData(ctx: ReadContext, from: string, to: string): Built<UpahData> {
  if (from > to)
    throw refused('Tanggal awal setelah tanggal akhir', [{ column: 'from', message: 'Setelah tanggal akhir' }])
  const election = requireElection(reading(ctx))
  const flows = floorFlows(ctx, { from, to }).filter((f) => f.category === 'hasil' || f.category === 'rusak')
  if (flows.length === 0) throw refused(`Tidak ada hasil kerja tercatat pada rentang ${from} sampai ${to}`)
  const open = queries.openShiftIds(ctx.db, from, to)
  if (open.length)
    throw refused(
      `Masih ada shift yang belum ditutup (${open.map((id) => '#' + id).join(', ')}); tutup dulu sebelum merekap upah`,
    )
  const itemOfVariant = new Map(listVariants(reading(ctx)).map((v) => [v.variantId, v.itemId]))
  const items = barang.daftar(reading(ctx))
  const attendance = queries.attendance(ctx.db, from, to)
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
    pph21: election.pph21Metode,
    tanggalOf: new Map(queries.shiftDates(ctx.db, from, to).map((s) => [s.id, s.tanggal])),
  })
  const usedItems = items.filter((i) => pay.workers.some((w) => (w.qty.get(i.id) ?? 0) !== 0))
  const notes = [
    ...pay.missingRates.map(
      (id) =>
        `Upah per satuan untuk ${items.find((i) => i.id === id)?.name ?? id} belum diatur; hasilnya tidak dibayar dalam rekap ini.`,
    ),
    ...pay.unassigned.map(
      (u) =>
        `Hasil ${reguName(reguById(ctx.db, u.teamId)?.nama ?? String(u.teamId), true)} pada shift #${u.shiftId} tidak dapat dibagi karena tidak ada pekerja yang tercatat hadir.`,
    ),
  ]
  return {
    subject: from === to ? `Rekap upah ${from}` : `Rekap upah ${from} s.d. ${to}`,
    ref: `UPAH:${from}:${to}`,
    data: {
      from,
      to,
      taxPercent: election.taxPercent,
      pph21Metode: election.pph21Metode,
      items: usedItems.map((i) => ({ code: i.code, name: i.name, unit: i.unit, rate: i.payRate })),
      workers: pay.workers
        .map((w) => {
          const info = queries.pekerjaWithRegu(ctx.db, w.workerId)
          return {
            nama: info.nama,
            regu: teamBaseName(info.regu),
            ...pembayaranOf(ctx.db, w.workerId),
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

/**
 * A handover's figures as its BA states them: the items that go out, in catalogue order, and what each
 * kit holds, added up per desa. The BA builds them from its handover's ledger rows; serahTerima.pratinjau
 * from what the chosen kits hold now, so the screen before a handover says what its BA will.
 */
export function serahTerimaFigures(
  ctx: ReadContext,
  kits: readonly { tpsId: number; desaId: number; desa: string }[],
  rows: readonly { tpsId: number; v: number; qty: number }[],
): { items: SerahTerimaItem[]; desa: SerahTerimaData['desa']; qtyOf(tpsId: number): Record<number, number> } {
  const variantIds = [...new Set(rows.map((r) => r.v))]
  const variants = listVariants(reading(ctx)).filter((v) => variantIds.includes(v.variantId))
  const perTps = new Map<number, Record<number, number>>()
  for (const r of rows) {
    const q = perTps.get(r.tpsId) ?? {}
    q[r.v] = r.qty
    perTps.set(r.tpsId, q)
  }
  const qtyOf = (tpsId: number) => ({ ...perTps.get(tpsId) })
  const desa = new Map<number, { nama: string; tps: number; qty: Record<number, number> }>()
  for (const m of kits) {
    const d = desa.get(m.desaId) ?? { nama: m.desa, tps: 0, qty: {} }
    d.tps++
    for (const [v, q] of Object.entries(qtyOf(m.tpsId))) d.qty[Number(v)] = (d.qty[Number(v)] ?? 0) + q
    desa.set(m.desaId, d)
  }
  return {
    items: variants.map((v) => ({
      variantId: v.variantId,
      code: v.itemCode,
      name: v.itemName,
      kind: v.kind,
      unit: v.unit,
      dapil: v.dapil,
    })),
    desa: [...desa.values()],
    qtyOf,
  }
}

export function serahTerimaData(ctx: ReadContext, handoverId: number): Built<SerahTerimaData> {
  const h = serahTerimaForBa(ctx.db, handoverId)
  if (!h)
    throw new AppError('NOT_FOUND', `Serah terima #${handoverId} tidak ditemukan`, [
      { column: 'handoverId', message: 'Tidak ditemukan' },
    ])
  const members = serahTerimaMembers(ctx.db, handoverId)
  const figures = serahTerimaFigures(ctx, members, handedPerTps(ctx.db, `SERAH_TERIMA:${handoverId}`))
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
      items: figures.items,
      desa: figures.desa,
      tps: members.map((m) => ({
        desa: m.desa,
        nomor: m.nomor,
        qty: figures.qtyOf(m.tpsId),
        exception: m.exception,
        segel: segelNomorOf(ctx.db, m.tpsId),
        kotak: figures.items
          .filter((i) => i.code === 'KOTAK')
          .reduce((s, i) => s + (figures.qtyOf(m.tpsId)[i.variantId] ?? 0), 0),
      })),
    },
  }
}

export function pemusnahanData(ctx: ReadContext, pemusnahanId: number): Built<PemusnahanData> {
  const p = pemusnahanById(ctx.db, pemusnahanId)
  if (!p)
    throw new AppError('NOT_FOUND', `Pemusnahan #${pemusnahanId} tidak ditemukan`, [
      { column: 'pemusnahanId', message: 'Tidak ditemukan' },
    ])
  const rows = destroyedBySource(ctx.db, `PEMUSNAHAN:${p.id}`)
  const notes = notesByVariant(damageNotesAsOf(ctx.db, { seq: Number.MAX_SAFE_INTEGER }))
  const out = new Map<
    number,
    {
      item: string
      dapil: string | null
      rusakByReason: Record<string, number>
      rusakNotes: Record<string, string[]>
      lebih: number
    }
  >()
  for (const r of rows) {
    const v = getVariant(reading(ctx), r.v)
    const row = out.get(r.v) ?? {
      item: v.itemName,
      dapil: v.dapil,
      rusakByReason: {},
      rusakNotes: notes.get(r.v) ?? {},
      lebih: 0,
    }
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
