import { formatTpsNumber } from '../core/tps'
import { AppError, refused, type Issue } from '../core/errors'
import { KIT_STATUS_LABEL } from '../core/kit'
import type { MoveInput } from '../core/moves'
import { damageReason, reasonsFor } from '../core/reasons'
import { isIsoDate } from '../core/shifts'
import { formatAngka } from '../core/terbilang'
import { localDate } from './clock'
import { writeTx, type Actor, type ServiceContext } from './context'
import * as dokumen from './dokumen'
import { requireElection } from './pemilihan'
import * as kemas from './kemas'
import { recordMoves } from './ledger'
import { getVariant, usablePlace } from './variants'

/**
 * Handing TPS kits over to each PPK (Panitia Pemilihan Kecamatan): DIKEMAS:<tps> -> DIKIRIM:<kecamatan>
 * for everything in each kit, recorded as handover SERAH_TERIMA:<id> with its berita acara issued in the
 * same transaction. A kit goes out complete, or incomplete only with the coordinator's reason, which the
 * BA prints. A TPS goes out once.
 */
export const dikirimPlace = (kecamatanId: number) => `DIKIRIM:${kecamatanId}`
export const serahTerimaRef = (id: number) => `SERAH_TERIMA:${id}`
export const pengembalianRef = (id: number) => `PENGEMBALIAN:${id}`

function requireKecamatan(ctx: ServiceContext, id: number): { id: number; nama: string } {
  const k = ctx.db.prepare('SELECT id, nama FROM kecamatan WHERE id = ?').get(id) as
    { id: number; nama: string } | undefined
  if (!k)
    throw new AppError('NOT_FOUND', `Kecamatan dengan id ${id} tidak ditemukan`, [
      { column: 'kecamatanId', message: 'Tidak ditemukan' },
    ])
  return k
}

export function daftar(ctx: ServiceContext, kecamatanId?: number) {
  const rows = ctx.db
    .prepare(
      `SELECT h.*, k.nama AS kecamatan, c.at AS confirmedAt, c.actor AS confirmedBy, c.note AS confirmNote,
              (SELECT count(*) FROM handover_tps x WHERE x.handover_id = h.id) AS tps,
              (SELECT count(*) FROM handover_tps x WHERE x.handover_id = h.id AND x.exception IS NOT NULL) AS exceptions,
              d.id AS documentId, d.nomor
       FROM handover h JOIN kecamatan k ON k.id = h.kecamatan_id LEFT JOIN handover_confirmation c ON c.handover_id = h.id
       LEFT JOIN document d ON d.doc_type = 'BA_SERAH_TERIMA' AND d.ref = 'SERAH_TERIMA:' || h.id
       ${kecamatanId === undefined ? '' : 'WHERE h.kecamatan_id = ?'} ORDER BY h.id DESC`,
    )
    .all(...(kecamatanId === undefined ? [] : [kecamatanId])) as {
    id: number
    kecamatan_id: number
    kecamatan: string
    at: string
    actor: string
    tanggal: string
    ppk_nama: string
    ppk_jabatan: string
    kendaraan: string
    note: string
    confirmedAt: string | null
    confirmedBy: string | null
    confirmNote: string | null
    tps: number
    exceptions: number
    documentId: number | null
    nomor: string | null
  }[]
  return rows.map((r) => ({
    id: r.id,
    kecamatanId: r.kecamatan_id,
    kecamatan: r.kecamatan,
    at: r.at,
    actor: r.actor,
    tanggal: r.tanggal,
    ppkNama: r.ppk_nama,
    ppkJabatan: r.ppk_jabatan,
    kendaraan: r.kendaraan,
    note: r.note,
    tps: r.tps,
    exceptions: r.exceptions,
    confirmed: r.confirmedAt ? { at: r.confirmedAt, actor: r.confirmedBy ?? '', note: r.confirmNote ?? '' } : null,
    documentId: r.documentId,
    nomor: r.nomor,
  }))
}

/** One kecamatan: every TPS kit with its status, what is missing from the incomplete ones, and past handovers. */
export function lihatKecamatan(ctx: ServiceContext, kecamatanId: number) {
  const kec = requireKecamatan(ctx, kecamatanId)
  const kits = kemas.kitSummaries(ctx).filter((k) => k.kecamatanId === kecamatanId)
  return {
    kecamatanId,
    kecamatan: kec.nama,
    tps: kits.map((k) => ({
      ...k,
      statusLabel: KIT_STATUS_LABEL[k.status],
      missing:
        k.status === 'sebagian'
          ? kemas
              .lihatKit(ctx, k.tpsId)
              .lines.filter((l) => l.remaining > 0)
              .map((l) => ({ variantId: l.variantId, label: l.label, remaining: l.remaining, unit: l.unit }))
          : [],
    })),
    handovers: daftar(ctx, kecamatanId),
  }
}

export interface HandoverInput {
  kecamatanId: number
  tpsIds: number[]
  /** Incomplete kits go out only with a reason each. */
  exceptions: { tpsId: number; reason: string }[]
  tanggal?: string | undefined
  ppkNama: string
  ppkJabatan: string
  kendaraan: string
  note: string
}

export function serahkan(ctx: ServiceContext, who: Actor, input: HandoverInput) {
  requireElection(ctx)
  const kec = requireKecamatan(ctx, input.kecamatanId)
  const tanggal = input.tanggal ?? localDate(ctx.now())
  const issues: Issue[] = []
  if (!isIsoDate(tanggal)) issues.push({ column: 'tanggal', message: `Tanggal "${tanggal}" tidak ada di kalender` })
  const kits = new Map(kemas.kitSummaries(ctx).map((k) => [k.tpsId, k]))
  const reasons = new Map(input.exceptions.map((e) => [e.tpsId, e.reason.trim()]))
  const handoverOf = ctx.db.prepare(
    `SELECT h.id, d.nomor FROM handover_tps x JOIN handover h ON h.id = x.handover_id
     LEFT JOIN document d ON d.doc_type = 'BA_SERAH_TERIMA' AND d.ref = 'SERAH_TERIMA:' || h.id WHERE x.tps_id = ?`,
  )
  const seen = new Set<number>()
  input.tpsIds.forEach((tpsId, i) => {
    const row = i + 1
    const k = kits.get(tpsId)
    if (!k) return void issues.push({ row, column: 'tpsIds', message: `TPS dengan id ${tpsId} tidak ditemukan` })
    const name = `${formatTpsNumber(k.nomor)} ${k.desa}`
    if (seen.has(tpsId)) return void issues.push({ row, column: 'tpsIds', message: `${name} disebut dua kali` })
    seen.add(tpsId)
    if (k.kecamatanId !== kec.id)
      return void issues.push({
        row,
        column: 'tpsIds',
        message: `${name} termasuk Kecamatan ${k.kecamatan}, bukan ${kec.nama}`,
      })
    if (k.status === 'diserahkan' || k.status === 'diterima') {
      const h = handoverOf.get(tpsId) as { id: number; nomor: string | null }
      return void issues.push({
        row,
        column: 'tpsIds',
        message: `${name} sudah diserahkan pada serah terima #${h.id}${h.nomor ? ` (BA nomor ${h.nomor})` : ''}`,
      })
    }
    if (k.status === 'belum')
      return void issues.push({ row, column: 'tpsIds', message: `${name} belum dikemas sama sekali` })
    if (k.status === 'sebagian') {
      const reason = reasons.get(tpsId) ?? ''
      if (reason.length > 0 && reason.length < 5) {
        issues.push({
          row,
          column: 'exceptions',
          message: `${name}: alasan pengecualian terlalu pendek; tulis alasannya (sedikitnya 5 karakter), karena akan tercetak di berita acara`,
        })
      } else if (reason.length < 5) {
        const missing = kemas
          .lihatKit(ctx, tpsId)
          .lines.filter((l) => l.remaining > 0)
          .map((l) => `${l.label} ${formatAngka(l.remaining)} ${l.unit}`)
          .join(', ')
        issues.push({
          row,
          column: 'exceptions',
          message: `${name} belum lengkap (kurang ${missing}); lengkapi dulu, atau catat alasan pengecualian yang akan tercetak di berita acara`,
        })
      }
    }
  })
  // Defence in depth behind packing: a kit must not hold a ballot variant its TPS does not use (a dapil
  // remapped after packing, a correction gone wrong). Such sheets never leave for the PPK.
  const packedRows = ctx.db.prepare('SELECT variant_id AS v, qty FROM balance WHERE place = ? AND qty > 0')
  input.tpsIds.forEach((tpsId, i) => {
    const k = kits.get(tpsId)
    if (!k || k.status === 'diserahkan' || k.status === 'diterima') return
    const wanted = new Set(kemas.lihatKit(ctx, tpsId).lines.map((l) => l.variantId))
    for (const p of packedRows.all(kemas.dikemasPlace(tpsId)) as { v: number; qty: number }[]) {
      if (wanted.has(p.v)) continue
      const v = getVariant(ctx, p.v)
      issues.push({
        row: i + 1,
        column: 'tpsIds',
        message: `SALAH DAPIL: kit ${formatTpsNumber(k.nomor)} ${k.desa} berisi ${formatAngka(p.qty)} ${v.label} yang bukan untuk TPS ini; keluarkan dulu dari kit (koreksi pada riwayat) sebelum diserahkan`,
      })
    }
  })
  for (const e of input.exceptions) {
    if (!input.tpsIds.includes(e.tpsId))
      issues.push({ column: 'exceptions', message: `Pengecualian untuk TPS id ${e.tpsId} yang tidak ikut diserahkan` })
  }
  if (input.tpsIds.length === 0) issues.push({ column: 'tpsIds', message: 'Pilih sedikitnya satu TPS yang diserahkan' })
  if (issues.length)
    throw refused(
      `Serah terima ke PPK (Panitia Pemilihan Kecamatan) ${kec.nama} ditolak; tidak ada yang dicatat`,
      issues,
    )

  const packed = ctx.db.prepare(
    'SELECT variant_id AS v, qty FROM balance WHERE place = ? AND qty > 0 ORDER BY variant_id',
  )
  return writeTx(ctx, who, 'serahTerima.serahkan', () => {
    const id = Number(
      ctx.db
        .prepare(
          'INSERT INTO handover (kecamatan_id, at, actor, tanggal, ppk_nama, ppk_jabatan, kendaraan, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          kec.id,
          ctx.now().toISOString(),
          who.actor,
          tanggal,
          input.ppkNama,
          input.ppkJabatan,
          input.kendaraan,
          input.note,
        ).lastInsertRowid,
    )
    const moves: MoveInput[] = []
    const insertTps = ctx.db.prepare('INSERT INTO handover_tps (handover_id, tps_id, exception) VALUES (?, ?, ?)')
    for (const tpsId of input.tpsIds) {
      const k = kits.get(tpsId)!
      insertTps.run(id, tpsId, k.status === 'sebagian' ? reasons.get(tpsId)! : null)
      for (const p of packed.all(kemas.dikemasPlace(tpsId)) as { v: number; qty: number }[]) {
        moves.push({
          variantId: p.v,
          from: kemas.dikemasPlace(tpsId),
          to: dikirimPlace(kec.id),
          qty: p.qty,
          documentId: serahTerimaRef(id),
        })
      }
    }
    recordMoves(ctx, who, moves)
    const doc = dokumen.terbitkan(ctx, who, { type: 'BA_SERAH_TERIMA', handoverId: id, tanggal })
    return {
      result: { handoverId: id, document: doc },
      detail: { id, kecamatan: kec.nama, tps: input.tpsIds.length, rows: moves.length, nomor: doc.nomor },
    }
  })
}

/** What a handover of these TPS would send, per variant, as the BA will state it (read only). */
export function pratinjau(ctx: ServiceContext, kecamatanId: number, tpsIds: readonly number[]) {
  requireKecamatan(ctx, kecamatanId)
  const totals = new Map<number, number>()
  const q = ctx.db.prepare('SELECT variant_id AS v, qty FROM balance WHERE place = ? AND qty > 0')
  for (const tpsId of new Set(tpsIds))
    for (const r of q.all(kemas.dikemasPlace(tpsId)) as { v: number; qty: number }[])
      totals.set(r.v, (totals.get(r.v) ?? 0) + r.qty)
  return [...totals.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([variantId, qty]) => {
      const v = getVariant(ctx, variantId)
      return { variantId, label: v.label, unit: v.unit, qty }
    })
}

/** The PPK confirms it received what the BA says (e.g. when the signed BA comes back). */
export function konfirmasi(ctx: ServiceContext, who: Actor, handoverId: number, note: string) {
  const h = daftar(ctx).find((x) => x.id === handoverId)
  if (!h)
    throw new AppError('NOT_FOUND', `Serah terima #${handoverId} tidak ditemukan`, [
      { column: 'handoverId', message: 'Tidak ditemukan' },
    ])
  if (h.confirmed) throw refused(`Serah terima #${handoverId} sudah dikonfirmasi diterima oleh ${h.confirmed.actor}`)
  writeTx(ctx, who, 'serahTerima.konfirmasi', () => {
    ctx.db
      .prepare('INSERT INTO handover_confirmation (handover_id, at, actor, note) VALUES (?, ?, ?, ?)')
      .run(handoverId, ctx.now().toISOString(), who.actor, note)
    return { result: null, detail: { handoverId, note } }
  })
  return daftar(ctx).find((x) => x.id === handoverId)!
}

/**
 * A kotak scanned while checking a handover: it must belong to a TPS of this kecamatan, labelled for its
 * current dapil, with a kit that is ready to go. Anything else is a loud refusal.
 */
export function periksaScan(ctx: ServiceContext, kecamatanId: number, code: string) {
  const kec = requireKecamatan(ctx, kecamatanId)
  const hit = kemas.periksaScan(ctx, code)
  if (hit.kecamatanId !== kec.id) {
    const other = requireKecamatan(ctx, hit.kecamatanId)
    throw refused(`KOTAK SALAH KECAMATAN: ${hit.tps} bukan untuk PPK ${kec.nama}. Pisahkan kotak ini.`, [
      { column: 'code', message: `Milik Kecamatan ${other.nama}` },
    ])
  }
  const detail = kemas.lihatKit(ctx, hit.tpsId)
  if (detail.status === 'belum') {
    throw refused(`${hit.tps} belum dikemas sama sekali; kotak ini belum boleh keluar gudang`, [
      { column: 'code', message: 'Kit belum dikemas' },
    ])
  }
  if (detail.status === 'diserahkan' || detail.status === 'diterima') {
    throw refused(
      `${hit.tps} sudah diserahkan sebelumnya (serah terima #${detail.handoverId}); kotak ini seharusnya tidak ada di gudang`,
      [{ column: 'code', message: 'Sudah diserahkan' }],
    )
  }
  return { ...hit, status: detail.status }
}

export interface ReturnInput {
  kecamatanId: number
  note: string
  /** Back to usable stock, or set apart as damaged with a reason. */
  lines: { variantId: number; qty: number; ke: 'stok' | 'rusak'; reason?: string | undefined }[]
}

/** Logistics a PPK brings back: DIKIRIM:<kecamatan> -> usable stock or RUSAK, with a note. */
export function catatPengembalian(ctx: ServiceContext, who: Actor, input: ReturnInput) {
  const kec = requireKecamatan(ctx, input.kecamatanId)
  const issues: Issue[] = []
  const held = new Map(lihatDiPpk(ctx, kec.id).map((h) => [h.variantId, h.qty]))
  const asked = new Map<number, number>()
  const moves: MoveInput[] = input.lines.map((l, i) => {
    const v = getVariant(ctx, l.variantId)
    let to: string = usablePlace(v)
    if (l.ke === 'rusak') {
      const r = damageReason(l.reason ?? '')
      const allowed = reasonsFor(v.kind === 'ballot' ? 'ballot' : 'assembled').some((x) => x.code === r?.code)
      if (!r) issues.push({ row: i + 1, column: 'reason', message: `Pilih alasan rusak untuk ${v.label}` })
      else if (!allowed)
        issues.push({
          row: i + 1,
          column: 'reason',
          message: `Alasan rusak "${r.code}" tidak berlaku untuk ${v.itemName}`,
        })
      to = `RUSAK:${r?.code ?? 'LAINNYA'}`
    }
    asked.set(v.variantId, (asked.get(v.variantId) ?? 0) + l.qty)
    if ((asked.get(v.variantId) ?? 0) > (held.get(v.variantId) ?? 0)) {
      issues.push({
        row: i + 1,
        column: 'qty',
        message: `PPK ${kec.nama} hanya memegang ${formatAngka(held.get(v.variantId) ?? 0)} ${v.unit} ${v.label}; tidak dapat mengembalikan ${formatAngka(asked.get(v.variantId)!)}`,
      })
    }
    return { variantId: v.variantId, from: dikirimPlace(kec.id), to, qty: l.qty, note: input.note }
  })
  if (issues.length)
    throw refused(
      `Pengembalian dari PPK (Panitia Pemilihan Kecamatan) ${kec.nama} ditolak; tidak ada yang dicatat`,
      issues,
    )
  return writeTx(ctx, who, 'serahTerima.catatPengembalian', () => {
    const id = Number(
      ctx.db
        .prepare('INSERT INTO pengembalian (kecamatan_id, at, actor, note) VALUES (?, ?, ?, ?)')
        .run(kec.id, ctx.now().toISOString(), who.actor, input.note).lastInsertRowid,
    )
    recordMoves(
      ctx,
      who,
      moves.map((m) => ({ ...m, documentId: pengembalianRef(id) })),
    )
    return { result: { id }, detail: { id, kecamatan: kec.nama, ...input } }
  })
}

/** What each PPK holds now, per variant (what was handed over less what came back). */
export function lihatDiPpk(ctx: ServiceContext, kecamatanId: number) {
  requireKecamatan(ctx, kecamatanId)
  return (
    ctx.db
      .prepare('SELECT variant_id AS variantId, qty FROM balance WHERE place = ? AND qty > 0 ORDER BY variant_id')
      .all(dikirimPlace(kecamatanId)) as { variantId: number; qty: number }[]
  ).map((r) => ({ ...r, label: getVariant(ctx, r.variantId).label }))
}
