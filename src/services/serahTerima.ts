import type {
  PengembalianInput,
  SerahTerima,
  SerahTerimaInput,
  SerahTerimaPratinjau,
} from '../api/contract/serahTerima'
import { formatTpsNumber } from '../core/tps'
import { AppError, refused, type Issue } from '../core/errors'
import { dikemasPlace, dikirimPlace } from '../core/places'
import { KIT_STATUS_LABEL } from '../core/kit'
import type { MoveInput } from '../core/moves'
import { damageReason, reasonsFor } from '../core/reasons'
import { isIsoDate } from '../core/shifts'
import { formatAngka } from '../core/terbilang'
import * as queries from '../db/serahTerima'
import { jumlahPerBarang } from '../reports/ba/wording'
import { localDate } from './clock'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'
import * as dokumen from './dokumen'
import { serahTerimaFigures } from './dokumenData'
import { requireElection } from './pemilihan'
import { tpsKits } from './kebutuhan'
import * as kemas from './kemas'
import { recordMoves } from './ledger'
import { reading } from './reading'
import { getVariant, usablePlace } from './variants'

/**
 * Handing TPS kits over to each PPK (Panitia Pemilihan Kecamatan): DIKEMAS:<tps> -> DIKIRIM:<kecamatan>
 * for everything in each kit, recorded as handover SERAH_TERIMA:<id> with its berita acara issued in the
 * same transaction. A kit goes out complete, or incomplete only with the coordinator's reason, which the
 * BA prints. A TPS goes out once.
 */
export const serahTerimaRef = (id: number) => `SERAH_TERIMA:${id}`
export const pengembalianRef = (id: number) => `PENGEMBALIAN:${id}`

function requireKecamatan(ctx: ReadContext, id: number): { id: number; nama: string } {
  const k = queries.kecamatanById(ctx.db, id)
  if (!k)
    throw new AppError('NOT_FOUND', `Kecamatan dengan id ${id} tidak ditemukan`, [
      { column: 'kecamatanId', message: 'Tidak ditemukan' },
    ])
  return k
}

export function daftar(ctx: ReadContext, kecamatanId?: number): SerahTerima[] {
  const rows = queries.serahTerimaRows(ctx.db, kecamatanId)
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
export function lihatKecamatan(ctx: ReadContext, kecamatanId: number) {
  const kec = requireKecamatan(ctx, kecamatanId)
  const kits = kemas.allKits(ctx).filter((k) => k.kecamatanId === kecamatanId)
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

export function serahkan(ctx: ServiceContext, who: Actor, input: SerahTerimaInput) {
  requireElection(ctx)
  const kec = requireKecamatan(ctx, input.kecamatanId)
  const tanggal = input.tanggal ?? localDate(ctx, ctx.now())
  const issues: Issue[] = []
  if (!isIsoDate(tanggal)) issues.push({ column: 'tanggal', message: `Tanggal "${tanggal}" tidak ada di kalender` })
  const kits = new Map(kemas.allKits(ctx).map((k) => [k.tpsId, k]))
  const reasons = new Map(input.exceptions.map((e) => [e.tpsId, e.reason.trim()]))
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
      const h = queries.serahTerimaOfTps(ctx.db, tpsId)!
      return void issues.push({
        row,
        column: 'tpsIds',
        message: `${name} sudah diserahkan pada serah terima #${h.id}${h.nomor ? ` (BA nomor ${h.nomor})` : ''}`,
      })
    }
    if (k.status === 'belum')
      return void issues.push({ row, column: 'tpsIds', message: `${name} belum dikemas sama sekali` })
    if (k.status === 'periksa') return void issues.push(...kemas.kitsToCheck(ctx, [tpsId]).map((x) => ({ ...x, row })))
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
  const inKits = kemas.kitContents(ctx)
  input.tpsIds.forEach((tpsId, i) => {
    const k = kits.get(tpsId)
    if (!k || k.status === 'diserahkan' || k.status === 'diterima') return
    const wanted = new Set(kemas.lihatKit(ctx, tpsId).lines.map((l) => l.variantId))
    for (const p of contentsOf(inKits, tpsId)) {
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
  refuseAny(issues, `Serah terima ke PPK (Panitia Pemilihan Kecamatan) ${kec.nama}`)

  return writeTx(ctx, who, 'serahTerima.serahkan', () => {
    const id = queries.insertSerahTerima(ctx.db, {
      ...recordedBy(ctx, who, kec.id),
      tanggal,
      ppkNama: input.ppkNama,
      ppkJabatan: input.ppkJabatan,
      kendaraan: input.kendaraan,
      note: input.note,
    })
    const moves: MoveInput[] = []
    // Read again inside the transaction: what goes out is what the kits hold as it is written.
    const held = kemas.kitContents(ctx)
    for (const tpsId of input.tpsIds) {
      const k = kits.get(tpsId)!
      queries.insertSerahTerimaTps(ctx.db, id, tpsId, k.status === 'sebagian' ? reasons.get(tpsId)! : null)
      for (const p of contentsOf(held, tpsId)) {
        moves.push({
          variantId: p.v,
          from: dikemasPlace(tpsId),
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

/** What one kit holds, per variant in variant order (the order its handover's rows are written in). */
function contentsOf(inKits: ReadonlyMap<number, ReadonlyMap<number, number>>, tpsId: number) {
  return [...(inKits.get(tpsId) ?? new Map<number, number>())]
    .filter(([, qty]) => qty > 0)
    .sort((a, b) => a[0] - b[0])
    .map(([v, qty]) => ({ v, qty }))
}

/**
 * What a handover of these TPS would send, as its BA will state it (read only): the same figures the BA
 * is built from (dokumenData.serahTerimaFigures), taken from what the kits hold now, which is exactly what
 * serahkan moves. The handover screen shows this, so the screen and the BA cannot disagree.
 */
export function pratinjau(ctx: ReadContext, kecamatanId: number, tpsIds: readonly number[]): SerahTerimaPratinjau {
  requireKecamatan(ctx, kecamatanId)
  const all = tpsKits(reading(ctx))
  const chosen = [...new Set(tpsIds)].flatMap((id) => {
    const k = all.get(id)
    return k ? [{ tpsId: id, desaId: k.tps.desaId, desa: k.tps.desa }] : []
  })
  const inKits = kemas.kitContents(ctx)
  const rows = chosen.flatMap(({ tpsId }) => contentsOf(inKits, tpsId).map((p) => ({ tpsId, ...p })))
  const f = serahTerimaFigures(ctx, chosen, rows)
  const items = f.items.map((i) => ({ ...i, qty: f.desa.reduce((s, d) => s + (d.qty[i.variantId] ?? 0), 0) }))
  return {
    tps: chosen.length,
    desa: f.desa.length,
    items,
    // In the BA's own words (reports/ba/wording.ts), grouped as the BA groups: ballots together, each item apart.
    jumlah: jumlahPerBarang(items.map((i) => ({ ...i, item: i.name }))),
  }
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
    queries.insertKonfirmasi(ctx.db, { handoverId, at: ctx.now().toISOString(), actor: who.actor, note })
    return { result: null, detail: { handoverId, note } }
  })
  return daftar(ctx).find((x) => x.id === handoverId)!
}

/**
 * A kotak scanned while checking a handover: it must belong to a TPS of this kecamatan, labelled for its
 * current dapil, with a kit that is ready to go. Anything else is a loud refusal.
 */
export function periksaScan(ctx: ReadContext, kecamatanId: number, code: string) {
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

/** Logistics a PPK brings back: DIKIRIM:<kecamatan> -> usable stock or RUSAK, with a note. */
export function catatPengembalian(ctx: ServiceContext, who: Actor, input: PengembalianInput) {
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
  refuseAny(issues, `Pengembalian dari PPK (Panitia Pemilihan Kecamatan) ${kec.nama}`)
  return writeTx(ctx, who, 'serahTerima.catatPengembalian', () => {
    const id = queries.insertPengembalian(ctx.db, {
      ...recordedBy(ctx, who, kec.id),
      note: input.note,
    })
    recordMoves(
      ctx,
      who,
      moves.map((m) => ({ ...m, documentId: pengembalianRef(id) })),
    )
    return { result: { id }, detail: { id, kecamatan: kec.nama, ...input } }
  })
}

/** What each PPK holds now, per variant (what was handed over less what came back). */
export function lihatDiPpk(ctx: ReadContext, kecamatanId: number) {
  requireKecamatan(ctx, kecamatanId)
  return queries
    .heldAt(ctx.db, dikirimPlace(kecamatanId))
    .map((r) => ({ ...r, label: getVariant(reading(ctx), r.variantId).label }))
}

/** Every problem found, refused at once before anything is written: "<what> ditolak; tidak ada yang dicatat". */
function refuseAny(issues: Issue[], what: string): void {
  if (issues.length) throw refused(`${what} ditolak; tidak ada yang dicatat`, issues)
}

/** Whose PPK a handover or a return is with, when it was recorded and by whom. */
const recordedBy = (ctx: ServiceContext, who: Actor, kecamatanId: number) => ({
  kecamatanId,
  at: ctx.now().toISOString(),
  actor: who.actor,
})
