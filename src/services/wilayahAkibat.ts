import type { KitAkibat, TpsRow } from '../api/contract/wilayah'
import { dikirimPlace } from '../core/places'
import { formatAngka } from '../core/terbilang'
import { formatTpsNumber } from '../core/tps'
import type { NeedLine } from '../core/needs'
import { serahTerimaBaNomor } from '../db/dokumen'
import { handedOverTps, heldAt } from '../db/serahTerima'
import type { ReadContext } from './context'
import { kitLinesWithDpt, tpsKits } from './kebutuhan'
import { handedQuantities, kitContents } from './kemas'
import { reading } from './reading'
import { getVariant } from './variants'

/**
 * What a re-imported TPS file does to kits already packed or handed over (issue 12): a master-data change
 * is an event with consequences, never silent. Read every time it is asked (preview and apply), never
 * from a cached plan: packing moves no master data, so a plan made before a kit was packed would not
 * know it.
 */
export interface TpsChange {
  tps: TpsRow
  /** The DPT the file gives, or null when the file no longer has the TPS. */
  dptAfter: number | null
}

export function kitAkibat(ctx: ReadContext, changes: readonly TpsChange[]): KitAkibat[] {
  if (changes.length === 0) return []
  const kits = tpsKits(reading(ctx))
  const packedAll = kitContents(ctx)
  const handed = new Map(handedOverTps(ctx.db).map((h) => [h.tpsId, h.handoverId]))
  const wentAll = handed.size ? handedQuantities(ctx) : new Map<number, Map<number, number>>()
  const baNomor = serahTerimaBaNomor(ctx.db)
  const atPpk = new Map<number, Map<number, number>>()
  const heldByPpk = (kecamatanId: number) => {
    let m = atPpk.get(kecamatanId)
    if (!m)
      atPpk.set(kecamatanId, (m = new Map(heldAt(ctx.db, dikirimPlace(kecamatanId)).map((h) => [h.variantId, h.qty]))))
    return m
  }
  const label = (variantId: number) => getVariant(reading(ctx), variantId).label
  const out: KitAkibat[] = []
  for (const { tps, dptAfter } of changes) {
    const handoverId = handed.get(tps.id)
    const packed = (handoverId !== undefined ? wentAll.get(tps.id) : packedAll.get(tps.id)) ?? new Map()
    if (handoverId === undefined && ![...packed.values()].some((q) => q > 0)) continue
    const before = kits.get(tps.id)?.lines ?? []
    const after: readonly NeedLine[] = dptAfter === null ? [] : kitLinesWithDpt(ctx, tps, dptAfter)
    const needAfter = new Map(after.map((l) => [l.variantId, l.qty]))
    const changed = before.filter((l) => needAfter.get(l.variantId) !== l.qty)
    if (changed.length === 0) continue
    const name = `${formatTpsNumber(tps.nomor)} ${tps.desa}, Kec. ${tps.kecamatan}`
    const base = {
      tpsId: tps.id,
      kecamatan: tps.kecamatan,
      desa: tps.desa,
      nomor: tps.nomor,
      dptBefore: tps.dpt,
      dptAfter,
    }
    const lineOf = (l: NeedLine) => ({
      variantId: l.variantId,
      label: label(l.variantId),
      needBefore: l.qty,
      needAfter: needAfter.get(l.variantId) ?? null,
      packed: packed.get(l.variantId) ?? 0,
    })
    if (handoverId !== undefined) {
      // The PPK holds what went out; once a pengembalian brought those sheets back the change is the
      // warehouse's own again.
      const held = heldByPpk(tps.kecamatanId)
      const contradicted = changed.filter((l) => (held.get(l.variantId) ?? 0) > 0)
      if (contradicted.length === 0) continue
      const nomor = baNomor.get(handoverId) ?? null
      const ba = nomor ? `BA serah terima nomor ${nomor}` : `serah terima #${handoverId}`
      out.push({
        ...base,
        kind: 'bertentangan',
        baNomor: nomor,
        lines: contradicted.map(lineOf),
        message: `Kit ${name} sudah diserahkan ke PPK (Panitia Pemilihan Kecamatan) dengan ${ba}; ${
          dptAfter === null ? 'TPS ini tidak dapat dihapus' : `DPT ${tps.dpt} → ${dptAfter} bertentangan dengan BA itu`
        }. Catat dulu pengembalian kit itu dari PPK, atau perbaiki berkas bila datanya tidak berubah.`,
      })
      continue
    }
    if (dptAfter === null) {
      out.push({
        ...base,
        kind: 'dihapus',
        baNomor: null,
        lines: before.filter((l) => (packed.get(l.variantId) ?? 0) > 0).map(lineOf),
        message: `Kit ${name} sudah berisi barang; TPS ini tidak dapat dihapus lewat impor. Keluarkan dulu isinya (koreksi pada riwayat kit), atau perbaiki berkas bila TPS ini masih ada.`,
      })
      continue
    }
    const over = changed.filter((l) => (packed.get(l.variantId) ?? 0) > (needAfter.get(l.variantId) ?? 0))
    const short = changed.filter((l) => {
      const p = packed.get(l.variantId) ?? 0
      return p >= l.qty && p < (needAfter.get(l.variantId) ?? 0)
    })
    const what = (lines: readonly NeedLine[], sign: 1 | -1) =>
      lines
        .map((l) => {
          const n = sign * ((packed.get(l.variantId) ?? 0) - (needAfter.get(l.variantId) ?? 0))
          return `${formatAngka(n)} ${label(l.variantId)}`
        })
        .join(', ')
    if (over.length)
      out.push({
        ...base,
        kind: 'lebih',
        baNomor: null,
        lines: over.map(lineOf),
        message: `Kit ${name} (DPT ${tps.dpt} → ${dptAfter}) berisi lebih dari kebutuhan barunya: keluarkan ${what(over, 1)}`,
      })
    else if (short.length)
      out.push({
        ...base,
        kind: 'kurang',
        baNomor: null,
        lines: short.map(lineOf),
        message: `Kit ${name} (DPT ${tps.dpt} → ${dptAfter}) kurang dari kebutuhan barunya: tambahkan ${what(short, -1)}`,
      })
  }
  return out
}
