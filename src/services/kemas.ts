import type { Kit, KitDetail, KitProgress, KitTps, KemasHasil, KemasInput, KotakScan } from '../api/contract/kemas'
import type { TpsRow } from '../api/contract/wilayah'
import { formatTpsNumber } from '../core/tps'
import { BELUM_DIPETAKAN } from '../core/presets'
import { AppError, refused, type Issue } from '../core/errors'
import { dikemasPlace } from '../core/places'
import { KIT_STATUSES, kitCheck, kotakSlots, packingStatus, type KitStatus } from '../core/kit'
import { parseKotakLabel, parseLegacyKotakQr, type KotakLabelCode } from '../core/kotakLabel'
import type { MoveInput } from '../core/moves'
import { formatAngka } from '../core/terbilang'
import { shortItemName } from '../core/text'
import type { NeedLine } from '../core/needs'
import * as queries from '../db/kemas'
import { serahTerimaBaNomor } from '../db/dokumen'
import { balanceOf } from '../db/ledger'
import { handedOutByPlace, handedOverTps } from '../db/serahTerima'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { tpsKits, unmappedVariants } from './kebutuhan'
import { recordMoves } from './ledger'
import { reading } from './reading'
import { untilChanged } from './untilChanged'
import { requireOpenShift } from './shift'
import { getVariant, listVariants, usablePlace, type VariantInfo } from './variants'

/**
 * Setting and packing: one kit per TPS, packed from the usable stock (BAIK for ballots, SIAP for kotak
 * and bilik, DITERIMA for the rest) into DIKEMAS:<tps>. Every packed line is checked against the kit of
 * that TPS: a ballot of another dapil, more than the kit needs, or more than is in stock is refused,
 * saying where the sheets should go instead. The worst real failure of 2024 was ballots of the wrong
 * dapil at a TPS (DOMAIN.md §9); here it cannot happen silently.
 */

interface Handed {
  handoverId: number
  confirmed: boolean
  exception: string | null
}

/** Which TPS went out in which handover, and whether the PPK confirmed it. */
function handedOver(ctx: ReadContext): Map<number, Handed> {
  const rows = handedOverTps(ctx.db)
  return new Map(
    rows.map((r) => [r.tpsId, { handoverId: r.handoverId, confirmed: r.confirmed === 1, exception: r.exception }]),
  )
}

/**
 * What each kit holds now (DIKEMAS:<tps>), per TPS and variant: for one TPS, or for all of them in one
 * read. What a kit holds is exactly what its handover sends.
 */
export function kitContents(ctx: ReadContext, tpsId?: number): Map<number, Map<number, number>> {
  const rows = tpsId === undefined ? queries.packedBalances(ctx.db) : queries.balancesAt(ctx.db, dikemasPlace(tpsId))
  const out = new Map<number, Map<number, number>>()
  for (const r of rows) {
    const t = Number(r.place.slice('DIKEMAS:'.length))
    let m = out.get(t)
    if (!m) out.set(t, (m = new Map()))
    m.set(r.v, r.qty)
  }
  return out
}

/**
 * What went out to the PPK from each TPS kit, per variant: the handovers' own rows (SERAH_TERIMA:<id>),
 * reversals included. For one TPS, or for all of them at once.
 */
export function handedQuantities(ctx: ReadContext, tpsId?: number): Map<number, Map<number, number>> {
  const rows = handedOutByPlace(ctx.db, tpsId === undefined ? undefined : dikemasPlace(tpsId))
  const out = new Map<number, Map<number, number>>()
  for (const r of rows) {
    if (!r.place.startsWith('DIKEMAS:')) continue
    const t = Number(r.place.slice('DIKEMAS:'.length))
    let m = out.get(t)
    if (!m) out.set(t, (m = new Map()))
    m.set(r.v, (m.get(r.v) ?? 0) + r.qty)
  }
  return out
}

function statusOf(
  lines: readonly NeedLine[],
  packed: ReadonlyMap<number, number>,
  handed: Handed | undefined,
  flagged: ReadonlySet<number> | undefined,
): KitStatus {
  if (handed) return handed.confirmed ? 'diterima' : 'diserahkan'
  if (checkOf(lines, packed, flagged)) return 'periksa'
  return packingStatus(lines.map((l) => ({ need: l.qty, packed: packed.get(l.variantId) ?? 0 })))
}

/** What keeps a kit "perlu diperiksa" (core/kit.ts kitCheck), or null. */
function checkOf(lines: readonly NeedLine[], packed: ReadonlyMap<number, number>, flagged?: ReadonlySet<number>) {
  let foreign = 0
  // Most kits hold nothing yet: no set of what they need to build for them.
  if (packed.size > 0) {
    const needed = new Set(lines.map((l) => l.variantId))
    for (const [v, qty] of packed) if (!needed.has(v) && qty > 0) foreign += qty
  }
  return kitCheck(
    lines.map((l) => ({ variantId: l.variantId, need: l.qty, packed: packed.get(l.variantId) ?? 0 })),
    flagged,
    foreign,
  )
}

/**
 * Every TPS with its kit status, in the order kits are stacked (kecamatan, desa, TPS number). `need` adds
 * units of every kind together (lembar, buah, botol, set): a rough size, not a count of anything; a
 * progress bar shows linesDone of linesTotal. `baNomor` is the BA serah terima the kit went out with.
 *
 * Kept until the file changes (services/untilChanged.ts): the Beranda, Pengemasan and Serah Terima all
 * start from every kit, and a kit's status depends only on written rows (needs, packed balances,
 * handovers and their confirmations, BA numbers, checks flagged).
 */
export function allKits(ctx: ReadContext): readonly Kit[] {
  return untilChanged(ctx, 'kemas.allKits', () => computeKits(ctx))
}

function computeKits(ctx: ReadContext): Kit[] {
  const kits = tpsKits(reading(ctx))
  const packed = kitContents(ctx)
  const handed = handedOver(ctx)
  const went = handedQuantities(ctx)
  const baNomor = serahTerimaBaNomor(ctx.db)
  const checks = queries.kitChecks(ctx.db)
  const unmapped = unmappedNames(ctx)
  const out: Kit[] = []
  for (const { tps, lines } of kits.values()) {
    const h = handed.get(tps.id)
    // A kit with the PPK counts what went out with it (an incomplete one only what it held).
    const p = (h ? went.get(tps.id) : packed.get(tps.id)) ?? new Map<number, number>()
    out.push({
      ...kitTps(tps),
      status: statusOf(lines, p, h, checks.get(tps.id)),
      need: lines.reduce((s, l) => s + l.qty, 0),
      packed: lines.reduce((s, l) => s + Math.min(l.qty, p.get(l.variantId) ?? 0), 0),
      linesDone: lines.filter((l) => (p.get(l.variantId) ?? 0) >= l.qty).length,
      linesTotal: lines.length,
      handoverId: h?.handoverId ?? null,
      baNomor: h ? (baNomor.get(h.handoverId) ?? null) : null,
      belumDipetakan: unmapped(lines),
    })
  }
  return out
}

/** The short names of a kit's ballot types whose dapil is not yet mapped ("DPR RI"), in kit order. */
function unmappedNames(ctx: ReadContext): (lines: readonly NeedLine[]) => string[] {
  const unmapped = unmappedVariants(reading(ctx))
  if (unmapped.size === 0) return () => []
  return (lines) =>
    lines
      .filter((l) => unmapped.has(l.variantId))
      .map((l) => shortItemName(getVariant(reading(ctx), l.variantId).itemName))
}

/**
 * The refusal for kits whose ballots have no dapil yet: a DPR or DPRD sheet cannot be packed or labelled
 * for a TPS before the satker's dapil file says which dapil that TPS votes in.
 */
export function unmappedIssues(ctx: ReadContext, tpsIds: readonly number[]): Issue[] {
  const unmapped = unmappedVariants(reading(ctx))
  if (unmapped.size === 0) return []
  const kits = tpsKits(reading(ctx))
  const byType = new Map<string, Set<string>>()
  for (const id of tpsIds) {
    const kit = kits.get(id)
    for (const l of kit?.lines ?? []) {
      if (!unmapped.has(l.variantId)) continue
      const name = shortItemName(getVariant(reading(ctx), l.variantId).itemName)
      byType.set(name, (byType.get(name) ?? new Set()).add(kit!.tps.kecamatan))
    }
  }
  return [...byType].map(([name, kec]) => ({
    column: 'dapil',
    message: `${name} belum dipetakan ke dapil untuk kecamatan ${[...kec].join(', ')}; ${IMPOR_DAPIL_DULU}`,
  }))
}

export const IMPOR_DAPIL_DULU =
  'impor dulu pemetaan dapil (Pengaturan › Dapil, atau gudang dapil import --db BERKAS DAPIL.csv)'

/** The kits of one kecamatan or one desa (or all), with their status. */
export function daftarKit(
  ctx: ReadContext,
  filter: { kecamatanId?: number | undefined; desaId?: number | undefined },
): Kit[] {
  return allKits(ctx).filter(
    (k) =>
      (filter.kecamatanId === undefined || k.kecamatanId === filter.kecamatanId) &&
      (filter.desaId === undefined || k.desaId === filter.desaId),
  )
}

/** Kit statuses counted per kecamatan (or desa): the distribution progress the Beranda shows. */
export function lihatKemajuan(ctx: ReadContext, level: 'kecamatan' | 'desa'): KitProgress[] {
  const groups = new Map<number, KitProgress>()
  for (const k of allKits(ctx)) {
    const id = level === 'kecamatan' ? k.kecamatanId : k.desaId
    let g = groups.get(id)
    if (!g)
      groups.set(
        id,
        (g = {
          id,
          nama: level === 'kecamatan' ? k.kecamatan : k.desa,
          kecamatan: k.kecamatan,
          tps: 0,
          // Every kit status counted from zero, so a status no kit has yet still reads 0.
          ...(Object.fromEntries(KIT_STATUSES.map((st) => [st, 0])) as Record<KitStatus, number>),
        }),
      )
    g.tps++
    g[k.status]++
  }
  return [...groups.values()]
}

/** The TPS of a kit as the kit lists name it. */
const kitTps = (tps: TpsRow): KitTps => ({
  tpsId: tps.id,
  kecamatanId: tps.kecamatanId,
  kecamatan: tps.kecamatan,
  desaId: tps.desaId,
  desa: tps.desa,
  nomor: tps.nomor,
  dpt: tps.dpt,
})

function requireTps(ctx: ReadContext, tpsId: number): { tps: TpsRow; lines: readonly NeedLine[] } {
  const kit = tpsKits(reading(ctx)).get(tpsId)
  if (!kit)
    throw new AppError('NOT_FOUND', `TPS dengan id ${tpsId} tidak ditemukan`, [
      { column: 'tpsId', message: 'Tidak ditemukan' },
    ])
  return kit
}

const tpsName = (t: TpsRow) => `${formatTpsNumber(t.nomor)} ${t.desa}, Kec. ${t.kecamatan}`

/** The kotak of a TPS: kotak k is for the k-th ballot type, in that TPS's dapil. */
function kotakOf(ctx: ReadContext, lines: readonly NeedLine[]) {
  const variants = new Map(listVariants(reading(ctx)).map((v) => [v.variantId, v]))
  const kotakLine = lines.find((l) => variants.get(l.variantId)?.itemCode === 'KOTAK')
  const ballots = lines.map((l) => variants.get(l.variantId)!).filter((v) => v.kind === 'ballot')
  return kotakSlots(kotakLine?.qty ?? 0, ballots)
}

export function lihatKit(ctx: ReadContext, tpsId: number): KitDetail {
  requireElection(reading(ctx))
  const { tps, lines } = requireTps(ctx, tpsId)
  const packed = kitContents(ctx, tpsId).get(tpsId) ?? new Map<number, number>()
  const handed = handedOver(ctx).get(tpsId)
  const handedBack = handed
    ? (handedQuantities(ctx, tpsId).get(tpsId) ?? new Map<number, number>())
    : new Map<number, number>()
  const seals = new Map(queries.segelOf(ctx.db, tpsId).map((s) => [s.no, s.nomor]))
  const flagged = queries.kitChecks(ctx.db, tpsId).get(tpsId)
  const check = handed ? null : checkOf(lines, packed, flagged)
  const labelOf = (variantId: number) => getVariant(reading(ctx), variantId).label
  return {
    ...kitTps(tps),
    status: statusOf(lines, packed, handed, flagged),
    handoverId: handed?.handoverId ?? null,
    exception: handed?.exception ?? null,
    belumDipetakan: unmappedNames(ctx)(lines),
    periksa: check && {
      alasan: flagged
        ? 'Kebutuhan kit berubah setelah dikemas (impor data TPS); kemas ulang sesuai kebutuhan baru'
        : 'Isi kit tidak sesuai kebutuhannya',
      lines: [
        ...check.excess.map((l) => ({ ...l, label: labelOf(l.variantId), kind: 'lebih' as const })),
        ...check.shortfall.map((l) => ({ ...l, label: labelOf(l.variantId), kind: 'kurang' as const })),
      ],
      foreign: check.foreign,
    },
    lines: lines.map((l) => {
      const v = getVariant(reading(ctx), l.variantId)
      const source = usablePlace(v)
      const p = (packed.get(l.variantId) ?? 0) + (handedBack.get(l.variantId) ?? 0)
      return {
        variantId: l.variantId,
        label: v.label,
        itemName: v.itemName,
        itemCode: v.itemCode,
        kind: v.kind,
        unit: v.unit,
        colorHex: v.colorHex,
        dapil: v.dapil,
        need: l.qty,
        packed: p,
        remaining: Math.max(0, l.qty - p),
        source,
        stock: balanceOf(ctx.db, l.variantId, source),
      }
    }),
    kotak: kotakOf(ctx, lines).map((k) => ({
      no: k.no,
      of: k.of,
      variantId: k.ballot?.variantId ?? null,
      label: k.ballot
        ? `${shortItemName(k.ballot.itemName)}${k.ballot.dapil ? (k.ballot.dapil === BELUM_DIPETAKAN ? ' · ' : ' · Dapil ') + k.ballot.dapil : ''}`
        : null,
      segel: seals.get(k.no) ?? null,
    })),
  }
}

export function catat(ctx: ServiceContext, who: Actor, input: KemasInput): KemasHasil {
  const shift = requireOpenShift(ctx, input.shiftId)
  if (shift.kind !== 'packing') {
    throw refused(
      `Shift #${shift.id} bukan shift pengemasan; buka shift "Setting dan pengemasan per TPS" untuk mengemas kit`,
      [{ column: 'shiftId', message: 'Bukan shift pengemasan' }],
    )
  }
  const detail = lihatKit(ctx, input.tpsId)
  const { tps } = requireTps(ctx, input.tpsId)
  if (detail.handoverId !== null) {
    throw refused(
      `Kit ${tpsName(tps)} sudah diserahkan ke PPK (Panitia Pemilihan Kecamatan); tidak dapat dikemas lagi`,
      [{ column: 'tpsId', message: 'Sudah diserahkan' }],
    )
  }
  if (detail.periksa && (detail.periksa.foreign > 0 || detail.periksa.lines.some((l) => l.kind === 'lebih'))) {
    throw refused(
      `Kit ${tpsName(tps)} perlu diperiksa: isinya melebihi kebutuhan barunya; keluarkan dulu kelebihannya (koreksi baris pengemasan) sebelum mengemas lagi`,
      detail.periksa.lines
        .filter((l) => l.kind === 'lebih')
        .map((l) => ({
          column: 'tpsId',
          message: `${l.label}: kebutuhan ${formatAngka(l.need)}, di kit ${formatAngka(l.packed)}; keluarkan ${formatAngka(l.packed - l.need)}`,
        })),
    )
  }
  const unmapped = unmappedVariants(reading(ctx))
  const blocked = detail.lines.filter(
    (l) =>
      unmapped.has(l.variantId) &&
      (input.sisa ? l.remaining > 0 : input.lines.some((w) => w.variantId === l.variantId)),
  )
  if (blocked.length)
    throw refused(
      `Pengemasan kit ${tpsName(tps)} ditolak: ${blocked.map((l) => shortItemName(l.itemName)).join(', ')} belum dipetakan ke dapil; ${IMPOR_DAPIL_DULU}. Tidak ada yang dikemas`,
      blocked.map((l) => ({
        column: 'variantId',
        message: `${shortItemName(l.itemName)} untuk Kecamatan ${tps.kecamatan}: belum dipetakan ke dapil`,
      })),
    )
  if (input.sisa) return packWhatIsThere(ctx, who, shift.id, tps, detail)
  const wanted = input.lines
  if (wanted.length === 0) throw refused('Tidak ada yang dikemas')

  const issues: Issue[] = []
  const seen = new Set<number>()
  wanted.forEach((w, i) => {
    const row = i + 1
    let v: VariantInfo
    try {
      v = getVariant(ctx, w.variantId)
    } catch {
      issues.push({ row, column: 'variantId', message: `Barang dengan id ${w.variantId} tidak dikenal` })
      return
    }
    if (seen.has(w.variantId)) issues.push({ row, column: 'variantId', message: `${v.label} disebut dua kali` })
    seen.add(w.variantId)
    const line = detail.lines.find((l) => l.variantId === w.variantId)
    if (!line) {
      const sameItem = detail.lines.find((l) => l.itemCode === v.itemCode)
      issues.push({
        row,
        column: 'variantId',
        message: sameItem
          ? `SALAH DAPIL: ${shortItemName(v.itemName)} Dapil ${v.dapil} bukan untuk ${tpsName(tps)}, yang memakai Dapil ${sameItem.dapil}. Kembalikan ke tumpukan Dapil ${v.dapil} dan ambil ${shortItemName(v.itemName)} Dapil ${sameItem.dapil}.`
          : `${v.label} tidak termasuk isi kit ${tpsName(tps)}`,
      })
      return
    }
    if (w.qty > line.remaining) {
      issues.push({
        row,
        column: 'qty',
        message: `${line.label}: ${formatAngka(w.qty)} melebihi kebutuhan kit ${tpsName(tps)} (kebutuhan ${formatAngka(line.need)}, sudah dikemas ${formatAngka(line.packed)}, sisa ${formatAngka(line.remaining)})`,
      })
    } else if (w.qty > line.stock) {
      issues.push({
        row,
        column: 'qty',
        message: `${line.label}: stok siap kemas hanya ${formatAngka(line.stock)}, tidak cukup untuk ${formatAngka(w.qty)}${whereFrom(v)}`,
      })
    }
  })
  if (issues.length) throw refused(`Pengemasan kit ${tpsName(tps)} ditolak; tidak ada yang dikemas`, issues)

  const moves: MoveInput[] = wanted
    .filter((w) => w.qty > 0)
    .map((w) => ({
      variantId: w.variantId,
      from: detail.lines.find((l) => l.variantId === w.variantId)!.source,
      to: dikemasPlace(tps.id),
      qty: w.qty,
      shiftId: shift.id,
    }))
  writeTx(ctx, who, 'kemas.catat', () => {
    const written = recordMoves(ctx, who, moves)
    return { result: null, detail: { shiftId: shift.id, tpsId: tps.id, rows: written.length } }
  })
  return { ...lihatKit(ctx, tps.id), missing: [] }
}

/** Where sheets that are not ready to pack come from: the step the floor must do first. */
function whereFrom(v: VariantInfo): string {
  return v.kind === 'ballot'
    ? '; sortir dulu surat suara yang belum disortir'
    : v.assembled
      ? `; rakit dulu ${v.itemName.toLowerCase()} dalam shift rakit`
      : '; catat dulu penerimaannya'
}

/**
 * "Kemas semua sisa": everything the kit still lacks that is ready to pack goes in now (a line short of
 * stock goes in as far as the stock reaches), and the answer names what is still missing and where it
 * comes from. Only a kit of which nothing at all can be packed is refused, naming every line.
 */
function packWhatIsThere(
  ctx: ServiceContext,
  who: Actor,
  shiftId: number,
  tps: Parameters<typeof tpsName>[0],
  detail: KitDetail,
): KemasHasil {
  const open = detail.lines.filter((l) => l.remaining > 0)
  if (open.length === 0) throw refused(`Kit ${tpsName(tps)} sudah lengkap`)
  const missing: KemasHasil['missing'] = []
  const moves: MoveInput[] = []
  for (const line of open) {
    const qty = Math.min(line.remaining, Math.max(0, line.stock))
    if (qty > 0) moves.push({ variantId: line.variantId, from: line.source, to: dikemasPlace(tps.id), qty, shiftId })
    if (qty < line.remaining) {
      const short = line.remaining - qty
      missing.push({
        variantId: line.variantId,
        label: line.label,
        qty: short,
        message: `${line.label}: kurang ${formatAngka(short)} ${line.unit} (stok siap kemas ${formatAngka(line.stock)})${whereFrom(getVariant(ctx, line.variantId))}`,
      })
    }
  }
  if (moves.length === 0) {
    throw refused(
      `Belum ada yang siap dikemas untuk kit ${tpsName(tps)}; tidak ada yang dikemas`,
      missing.map((m) => ({
        row: open.findIndex((l) => l.variantId === m.variantId) + 1,
        column: 'qty',
        message: m.message,
      })),
    )
  }
  writeTx(ctx, who, 'kemas.catat', () => {
    const written = recordMoves(ctx, who, moves)
    return {
      result: null,
      detail: { shiftId, tpsId: tps.id, rows: written.length, missing: missing.map((m) => [m.variantId, m.qty]) },
    }
  })
  return { ...lihatKit(ctx, tps.id), missing }
}

/** The seal number on one kotak of a kit; a number already on another kotak is refused. */
export function catatSegel(ctx: ServiceContext, who: Actor, tpsId: number, kotakNo: number, nomor: string): KitDetail {
  const detail = lihatKit(ctx, tpsId)
  const { tps } = requireTps(ctx, tpsId)
  if (!detail.kotak.some((k) => k.no === kotakNo)) {
    throw refused(`${tpsName(tps)} hanya memiliki ${detail.kotak.length} kotak`, [
      { column: 'kotakNo', message: 'Kotak tidak ada' },
    ])
  }
  if (detail.handoverId !== null) throw refused(`Kit ${tpsName(tps)} sudah diserahkan; nomor segel tidak dapat diubah`)
  const other = queries.segelElsewhere(ctx.db, nomor, tpsId, kotakNo)
  if (other) {
    const t = requireTps(ctx, other.tpsId).tps
    throw refused(`Nomor segel ${nomor} sudah dipakai pada kotak ${other.no} ${tpsName(t)}`, [
      { column: 'nomor', message: 'Sudah dipakai' },
    ])
  }
  writeTx(ctx, who, 'kemas.catatSegel', () => {
    queries.upsertSegel(ctx.db, { tpsId, kotakNo, nomor, at: ctx.now().toISOString(), actor: who.actor })
    return {
      result: null,
      detail: { tpsId, kotakNo, nomor, before: detail.kotak.find((k) => k.no === kotakNo)?.segel ?? null },
    }
  })
  return lihatKit(ctx, tpsId)
}

/** A kode desa as digits only: 12.19.08.2001 and 1219082001 are the same desa. */
const digits = (kode: string) => kode.replace(/\./g, '')

/**
 * A scanned kotak label: the TPS it belongs to, or a refusal a coordinator cannot miss. The label's
 * public codes (core/kotakLabel.ts) are mapped back to the kit — the kode desa and TPS number to the TPS,
 * the kotak number to its slot, the ballot type and dapil to the variant that slot holds now — and every
 * one must agree with the ledger: a label of another satker, of a desa or TPS not in the wilayah data, a
 * check that does not hold, or a ballot type or dapil the kotak no longer has (the mapping changed after
 * printing) is refused. A label printed before the public codes (GPK1|…, internal ids) is checked the old
 * way and passes with a note asking for a reprint.
 */
export function periksaScan(ctx: ReadContext, code: string): KotakScan {
  const e = requireElection(reading(ctx))
  const label = parseKotakLabel(code)
  if (label) return scanPublik(ctx, e.kodeWilayah, e.satker, label.code, label.cekCocok)
  const id = parseLegacyKotakQr(code)
  if (!id)
    throw refused(`Kode "${code.trim().slice(0, 60)}" bukan label kotak Gudang Pemilu`, [
      { column: 'code', message: 'Kode tidak dikenal' },
    ])
  if (id.kodeWilayah && e.kodeWilayah && id.kodeWilayah !== e.kodeWilayah) {
    throw refused(
      `Label ini milik satker berkode wilayah ${id.kodeWilayah}, bukan ${e.kodeWilayah} (${e.satker}). Pisahkan kotak ini.`,
      [{ column: 'code', message: 'Satker lain' }],
    )
  }
  const kit = tpsKits(reading(ctx)).get(id.tpsId)
  if (!kit)
    throw refused(`Label menunjuk TPS yang tidak ada dalam data wilayah (id ${id.tpsId})`, [
      { column: 'code', message: 'TPS tidak dikenal' },
    ])
  const slot = requireSlot(ctx, kit, id.kotakNo)
  if ((slot.ballot?.variantId ?? 0) !== id.variantId)
    labelMismatch(kit.tps, slot, id.variantId ? getVariant(reading(ctx), id.variantId) : null)
  return {
    ...scanned(kit.tps, slot),
    catatan: `Label format lama (tanpa kode desa): cocok dengan buku besar. Cetak ulang label ${formatTpsNumber(kit.tps.nomor)} ${kit.tps.desa} agar terbaca sebagai kode publik.`,
  }
}

type Slot = ReturnType<typeof kotakOf>[number]

function scanned(tps: TpsRow, slot: Slot): KotakScan {
  return {
    tpsId: tps.id,
    kecamatanId: tps.kecamatanId,
    kotakNo: slot.no,
    kotakOf: slot.of,
    variantId: slot.ballot?.variantId ?? null,
    tps: tpsName(tps),
    catatan: null,
  }
}

function requireSlot(ctx: ReadContext, kit: { tps: TpsRow; lines: readonly NeedLine[] }, kotakNo: number): Slot {
  const slot = kotakOf(ctx, kit.lines).find((k) => k.no === kotakNo)
  if (!slot)
    throw refused(`${tpsName(kit.tps)} tidak memiliki kotak ${kotakNo}`, [
      { column: 'code', message: 'Kotak tidak dikenal' },
    ])
  return slot
}

/**
 * The label names another ballot than the kotak holds now. Same ballot type, another dapil: the mapping
 * changed after printing (or the label is another dapil's). Another ballot type: the label belongs on
 * another kotak of this TPS. `printedName` describes a printed variant this file does not have.
 */
function labelMismatch(tps: TpsRow, slot: Slot, printed: VariantInfo | null, printedName?: string): never {
  const now = slot.ballot
  const printedLabel = printed?.label ?? printedName ?? 'kotak tanpa jenis'
  if (now && (printed ? printed.itemId === now.itemId : printedName?.startsWith(`${now.itemCode} `))) {
    throw refused(
      `SALAH DAPIL: label kotak ${slot.no} ${tpsName(tps)} dicetak untuk ${printedLabel}, tetapi TPS ini sekarang memakai ${now.label}. Cetak ulang labelnya.`,
      [{ column: 'code', message: 'Dapil tidak sesuai' }],
    )
  }
  throw refused(
    `LABEL TIDAK COCOK: label kotak ${slot.no} ${tpsName(tps)} menyebut ${printedLabel}, tetapi kotak ${slot.no} TPS ini untuk ${now?.label ?? 'kotak tanpa jenis'}. Periksa isi kotak dan cetak ulang labelnya.`,
    [{ column: 'code', message: 'Label tidak sesuai kotak' }],
  )
}

/** A label with public codes, mapped back to the kit and checked against what the kotak holds now. */
function scanPublik(
  ctx: ReadContext,
  kodeWilayah: string,
  satker: string,
  c: KotakLabelCode,
  cekCocok: boolean,
): KotakScan {
  const where = `${formatTpsNumber(c.tpsNomor)} desa ${c.kodeDesa} kotak ${c.kotakNo}`
  if (!cekCocok)
    throw refused(
      `Kode cek label (${where}) tidak cocok dengan isinya: label rusak, salah baca, atau diketik/diubah tangan. Pindai ulang; bila tetap ditolak, cetak ulang label kotak ini.`,
      [{ column: 'code', message: 'Kode cek tidak cocok' }],
    )
  const kode = digits(c.kodeDesa)
  if (kodeWilayah && !kode.startsWith(digits(kodeWilayah)))
    throw refused(
      `Label ini untuk desa berkode ${c.kodeDesa}, di luar wilayah ${satker} (kode ${kodeWilayah}). Pisahkan kotak ini.`,
      [{ column: 'code', message: 'Satker lain' }],
    )
  const kits = [...tpsKits(reading(ctx)).values()]
  const inDesa = kits.filter((k) => k.tps.kodeDesa !== null && digits(k.tps.kodeDesa) === kode)
  if (inDesa.length === 0)
    throw refused(`Label menyebut kode desa ${c.kodeDesa} yang tidak ada dalam data wilayah`, [
      { column: 'code', message: 'Desa tidak dikenal' },
    ])
  const kit = inDesa.find((k) => k.tps.nomor === c.tpsNomor)
  if (!kit)
    throw refused(
      `Label menyebut ${formatTpsNumber(c.tpsNomor)} di desa ${inDesa[0]!.tps.desa} (${c.kodeDesa}), yang tidak ada dalam data wilayah`,
      [{ column: 'code', message: 'TPS tidak dikenal' }],
    )
  const slot = requireSlot(ctx, kit, c.kotakNo)
  const now = slot.ballot
  const sameDapil = (a: string | null, b: string | null) =>
    (a ?? '-').replace(/\s+/g, ' ').trim().toUpperCase() === (b ?? '-').replace(/\s+/g, ' ').trim().toUpperCase()
  if (now ? now.itemCode !== c.jenis || !sameDapil(now.dapil, c.dapil) : c.jenis !== null) {
    const printed =
      c.jenis === null
        ? null
        : (listVariants(reading(ctx)).find((v) => v.itemCode === c.jenis && sameDapil(v.dapil, c.dapil)) ?? null)
    labelMismatch(kit.tps, slot, printed, c.jenis === null ? undefined : `${c.jenis} dapil ${c.dapil}`)
  }
  return scanned(kit.tps, slot)
}

/**
 * Kits of `tpsIds` that are "perlu diperiksa", each as an issue saying what settles it: labels, daftar isi
 * and the handover refuse them until they are re-packed to their new need.
 */
export function kitsToCheck(ctx: ReadContext, tpsIds: readonly number[]): Issue[] {
  const packed = kitContents(ctx)
  if (packed.size === 0) return []
  const kits = tpsKits(reading(ctx))
  const handed = handedOver(ctx)
  const checks = queries.kitChecks(ctx.db)
  const issues: Issue[] = []
  for (const tpsId of tpsIds) {
    const kit = kits.get(tpsId)
    const p = packed.get(tpsId)
    if (!kit || !p || handed.has(tpsId)) continue
    const check = checkOf(kit.lines, p, checks.get(tpsId))
    if (!check) continue
    const label = (v: number) => getVariant(reading(ctx), v).label
    const what = [
      ...check.excess.map((l) => `keluarkan ${formatAngka(l.packed - l.need)} ${label(l.variantId)}`),
      ...check.shortfall.map((l) => `tambahkan ${formatAngka(l.need - l.packed)} ${label(l.variantId)}`),
      ...(check.foreign > 0 ? [`keluarkan ${formatAngka(check.foreign)} barang yang bukan untuk TPS ini`] : []),
    ].join(', ')
    issues.push({ column: 'tpsIds', message: `Kit ${tpsName(kit.tps)} perlu diperiksa: ${what}` })
  }
  return issues
}
