import type {
  KirimanLengkap,
  Penerimaan,
  PenerimaanBaris,
  PenerimaanInput,
  Retur,
  ReturInput,
} from '../api/contract/penerimaan'
import { AppError, refused, type Issue } from '../core/errors'
import { MAX_MOVE_QTY, type MoveInput } from '../core/moves'
import { findSameName } from '../core/names'
import { isIsoDate } from '../core/shifts'
import { formatAngka } from '../core/terbilang'
import * as db from '../db/penerimaan'
import { localDate } from './clock'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { recordMoves } from './ledger'
import { getVariant } from './variants'
import { PENERIMAAN_DRAF_KUNCI } from '../core/draf'
import { hapusDraf } from '../db/draf'

/**
 * Receiving from the printer (penerimaan): what the surat jalan says, what was counted, and what turned
 * out to belong to another satker or dapil (tertukar). Counted sheets move PENYEDIA -> DITERIMA, tertukar
 * sheets PENYEDIA -> TERTUKAR, both referencing the delivery as document 'PENERIMAAN:<id>'.
 */
const penerimaanRef = (id: number): string => `PENERIMAAN:${id}`
const returRef = (id: number): string => `RETUR:${id}`

/**
 * The penyedia as the warehouse already writes it: "PT PURA BARUTAMA" or "PT Pura  Barutama" is the
 * printer already on record, so deliveries and returns of one printer are listed under one name.
 */
function knownPenyedia(ctx: ReadContext, penyedia: string): string {
  return findSameName(penyedia, db.penyediaNames(ctx.db)) ?? penyedia
}

export function catat(ctx: ServiceContext, who: Actor, given: PenerimaanInput): number {
  requireElection(ctx)
  const input = { ...given, penyedia: knownPenyedia(ctx, given.penyedia) }
  const issues: Issue[] = []
  const seen = new Set<number>()
  const lines = input.lines.map((l, i) => {
    const row = i + 1
    const v = (() => {
      try {
        return getVariant(ctx, l.variantId)
      } catch {
        issues.push({ row, column: 'variantId', message: `Barang dengan id ${l.variantId} tidak dikenal` })
        return null
      }
    })()
    if (seen.has(l.variantId))
      issues.push({
        row,
        column: 'variantId',
        message: `${v?.label ?? 'Barang ini'} disebut dua kali; gabungkan menjadi satu baris`,
      })
    seen.add(l.variantId)
    const fromDus = l.dus != null && l.isiPerDus != null ? l.dus * l.isiPerDus : null
    const stated = l.statedQty ?? fromDus
    if (fromDus !== null && fromDus > MAX_MOVE_QTY) {
      issues.push({
        row,
        column: 'dus',
        message: `${formatAngka(l.dus!)} dus x ${formatAngka(l.isiPerDus!)} melebihi batas jumlah satu pengiriman; periksa angkanya`,
      })
    } else if (stated === null)
      issues.push({
        row,
        column: 'statedQty',
        message: 'Isi jumlah menurut surat jalan, atau jumlah dus dan isi per dus',
      })
    else if (fromDus !== null && stated > fromDus) {
      issues.push({
        row,
        column: 'statedQty',
        message: `Jumlah menurut surat jalan ${formatAngka(stated)} melebihi ${formatAngka(l.dus!)} dus x ${formatAngka(l.isiPerDus!)} = ${formatAngka(fromDus)}`,
      })
    }
    if (l.countedQty + l.tertukarQty === 0)
      issues.push({
        row,
        column: 'countedQty',
        message: 'Jumlah terhitung dan tertukar keduanya nol; hapus baris ini bila barangnya tidak datang',
      })
    if (l.tertukarQty > 0 && l.tertukarNote.trim() === '') {
      issues.push({
        row,
        column: 'tertukarNote',
        message: 'Tulis milik siapa surat suara yang tertukar (satker atau dapil), untuk nota pengembalian',
      })
    }
    return { ...l, stated: stated ?? 0, variant: v }
  })
  if (!isIsoDate(input.receivedAt.slice(0, 10))) {
    issues.push({
      column: 'receivedAt',
      message: `Tanggal penerimaan "${input.receivedAt.slice(0, 10)}" tidak ada di kalender`,
    })
  }
  if (input.kind === 'pengganti' && input.penggantiUntuk.trim() === '') {
    issues.push({
      column: 'penggantiUntuk',
      message: 'Sebutkan penggantian untuk apa (mis. nomor BA surat suara rusak/kurang)',
    })
  }
  const dup = db.penerimaanBySuratJalan(ctx.db, input.penyedia, input.suratJalan)
  if (dup !== undefined)
    issues.push({
      column: 'suratJalan',
      message: `Surat jalan ${input.suratJalan} dari ${input.penyedia} sudah dicatat pada penerimaan #${dup}`,
    })
  if (issues.length) throw refused('Penerimaan ditolak; tidak ada yang dicatat', issues)

  return writeTx(ctx, who, 'penerimaan.catat', () => {
    const id = db.insertPenerimaan(ctx.db, { ...input, at: ctx.now().toISOString(), actor: who.actor })
    // The form that typed it is no longer a draft.
    hapusDraf(ctx.db, 'penerimaan', PENERIMAAN_DRAF_KUNCI)
    const moves: MoveInput[] = []
    const note = input.kind === 'pengganti' ? `Pengganti: ${input.penggantiUntuk}` : null
    for (const l of lines) {
      db.insertPenerimaanBaris(ctx.db, id, {
        variantId: l.variantId,
        dus: l.dus ?? null,
        isiPerDus: l.isiPerDus ?? null,
        statedQty: l.stated,
        tertukarNote: l.tertukarNote.trim(),
      })
      if (l.countedQty > 0)
        moves.push({
          variantId: l.variantId,
          from: 'PENYEDIA',
          to: 'DITERIMA',
          qty: l.countedQty,
          documentId: penerimaanRef(id),
          note,
        })
      if (l.tertukarQty > 0) {
        moves.push({
          variantId: l.variantId,
          from: 'PENYEDIA',
          to: 'TERTUKAR',
          qty: l.tertukarQty,
          documentId: penerimaanRef(id),
          note: l.tertukarNote.trim(),
        })
      }
    }
    recordMoves(ctx, who, moves)
    return { result: id, detail: { id, ...input } }
  })
}

/** Each line with its variant's name and unit, and its selisih (counted - stated). */
function linesOf(ctx: ServiceContext, deliveryId: number): PenerimaanBaris[] {
  return db.barisOf(ctx.db, deliveryId, penerimaanRef(deliveryId)).map((r) => {
    const v = getVariant(ctx, r.variantId)
    return { ...r, label: v.label, unit: v.unit, selisih: r.countedQty - r.statedQty }
  })
}

function withLines(ctx: ServiceContext, r: db.PenerimaanRecord): Penerimaan {
  const ba = db.baPenerimaanOf(ctx.db, penerimaanRef(r.id))
  return { ...r, lines: linesOf(ctx, r.id), baNomor: ba?.nomor ?? null, baDocumentId: ba?.id ?? null }
}

export function daftar(ctx: ServiceContext): Penerimaan[] {
  return db.daftarPenerimaan(ctx.db).map((r) => withLines(ctx, r))
}

export function lihat(ctx: ServiceContext, id: number): Penerimaan {
  const r = db.penerimaanById(ctx.db, id)
  if (!r)
    throw new AppError('NOT_FOUND', `Penerimaan #${id} tidak ditemukan`, [{ column: 'id', message: 'Tidak ditemukan' }])
  return withLines(ctx, r)
}

/** The coordinator marks a kurang/lebih as settled (replacement arrived, printer's recount agreed, …). */
export function selesaikanSelisih(ctx: ServiceContext, who: Actor, lineId: number, note: string): Penerimaan {
  const deliveryId = db.penerimaanOfBaris(ctx.db, lineId)
  if (deliveryId === undefined)
    throw new AppError('NOT_FOUND', `Baris penerimaan #${lineId} tidak ditemukan`, [
      { column: 'lineId', message: 'Tidak ditemukan' },
    ])
  const current = lihat(ctx, deliveryId).lines.find((l) => l.lineId === lineId)!
  if (current.selisih === 0)
    throw refused(`${current.label}: jumlah terhitung sama dengan surat jalan; tidak ada selisih untuk diselesaikan`)
  if (current.selesai) throw refused(`Selisih ${current.label} sudah dinyatakan selesai oleh ${current.selesai.actor}`)
  writeTx(ctx, who, 'penerimaan.selesaikanSelisih', () => {
    db.insertSelisihSelesai(ctx.db, { lineId, at: ctx.now().toISOString(), actor: who.actor, note })
    return { result: null, detail: { lineId, deliveryId, selisih: current.selisih, note } }
  })
  return lihat(ctx, deliveryId)
}

/** Every kurang/lebih not yet settled, for the Beranda warning and the BA surat suara rusak/kurang. */
export function openSelisih(ctx: ServiceContext) {
  return daftar(ctx).flatMap((d) =>
    d.lines
      .filter((l) => l.selisih !== 0 && !l.selesai)
      .map((l) => ({
        deliveryId: d.id,
        penyedia: d.penyedia,
        suratJalan: d.suratJalan,
        receivedAt: d.receivedAt,
        ...l,
      })),
  )
}

/** Tertukar sheets leave the warehouse back to the printer with a return note. */
export function catatRetur(ctx: ServiceContext, who: Actor, given: ReturInput) {
  requireElection(ctx)
  const input = { ...given, penyedia: knownPenyedia(ctx, given.penyedia) }
  const at = input.returnedAt ? new Date(`${input.returnedAt}:00`) : ctx.now()
  if (at.getTime() > ctx.now().getTime())
    throw refused(`Waktu pengembalian ${input.returnedAt} belum terjadi`, [
      { column: 'returnedAt', message: 'Waktu di masa depan' },
    ])
  return writeTx(ctx, who, 'penerimaan.catatRetur', () => {
    const id = db.insertRetur(ctx.db, {
      at: at.toISOString(),
      actor: who.actor,
      penyedia: input.penyedia,
      note: input.note,
    })
    recordMoves(
      ctx,
      who,
      input.lines.map((l) => ({
        variantId: l.variantId,
        from: 'TERTUKAR',
        to: 'PENYEDIA',
        qty: l.qty,
        documentId: returRef(id),
        note: input.note,
      })),
    )
    return { result: { id }, detail: { id, ...input } }
  })
}

export function daftarRetur(ctx: ServiceContext): Retur[] {
  return db.daftarRetur(ctx.db).map((r) => {
    const nota = db.notaReturOf(ctx.db, returRef(r.id))
    return {
      ...r,
      notaDocumentId: nota?.id ?? null,
      notaNomor: nota?.nomor ?? null,
      lines: db.qtyPerVariantOf(ctx.db, returRef(r.id)).map((l) => ({
        ...l,
        label: getVariant(ctx, l.variantId).label,
      })),
    }
  })
}

/**
 * The coordinator declares that no more ordinary deliveries of a variant are coming (from a date): from
 * then on the BA surat suara rusak dan kurang asks the printer for the undelivered sheets.
 */
export function selesaikanKiriman(
  ctx: ServiceContext,
  who: Actor,
  input: { variantId: number; tanggal?: string | undefined; note: string },
): KirimanLengkap {
  requireElection(ctx)
  const v = getVariant(ctx, input.variantId)
  const earlier = db.kirimanLengkapOf(ctx.db, input.variantId)
  if (earlier)
    throw refused(`Pengiriman ${v.label} sudah dinyatakan lengkap sejak ${earlier.tanggal} oleh ${earlier.actor}`, [
      { column: 'variantId', message: 'Sudah dinyatakan lengkap' },
    ])
  const row = {
    variantId: input.variantId,
    tanggal: input.tanggal ?? localDate(ctx, ctx.now()),
    at: ctx.now().toISOString(),
    actor: who.actor,
    note: input.note,
  }
  writeTx(ctx, who, 'penerimaan.selesaikanKiriman', () => {
    db.insertKirimanLengkap(ctx.db, row)
    return { result: null, detail: row }
  })
  return { ...row, label: v.label }
}

export function daftarKiriman(ctx: ReadContext): KirimanLengkap[] {
  return db.daftarKirimanLengkap(ctx.db).map((r) => ({ ...r, label: getVariant(ctx, r.variantId).label }))
}
