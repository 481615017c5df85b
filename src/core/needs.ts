import type { Rule } from './presets'
import { reserveFor, type Rounding } from './reserve'
import type { ItemKind } from './presets'

export interface NeedItem {
  id: number
  code: string
  kind: ItemKind
  rule: Rule
  qty: number
  per: number
  psuPerDapil: number
  active: boolean
  /** The single variant of a logistics item; ballots take the variant of each TPS's dapil. */
  variantId: number | null
}

export interface NeedTps {
  id: number
  desaId: number
  kecamatanId: number
  dpt: number
}

export interface NeedsInput {
  reserveBasisPoints: number
  rounding: Rounding
  items: readonly NeedItem[]
  tps: readonly NeedTps[]
  desa: readonly { id: number; kecamatanId: number }[]
  kecamatan: readonly { id: number }[]
  /** The ballot variant (type x dapil) that a kecamatan's TPS receive. */
  ballotVariant(itemId: number, kecamatanId: number): number | undefined
  /**
   * Every variant of a ballot type with the PSU reserve of its dapil (the type's, or the dapil's own:
   * a dapil shared with a neighbouring satker may hold it there; 0 for kecamatan not yet mapped, which
   * are no dapil), so a dapil with no TPS still gets its reserve.
   */
  ballotVariants(itemId: number): readonly { variantId: number; psu: number }[]
}

export interface NeedLine {
  itemId: number
  variantId: number
  qty: number
  /** Ballots only: the part of qty that is reserve on top of the DPT. */
  reserve: number
}

export interface Needs {
  /** One kit per TPS, lines in item order. */
  tps: { tpsId: number; lines: NeedLine[] }[]
  /** Items whose rule is per desa or per kecamatan belong to the area, not to a TPS kit. */
  desa: { desaId: number; lines: NeedLine[] }[]
  kecamatan: { kecamatanId: number; lines: NeedLine[] }[]
  /** PSU reserve per ballot variant, held at the satker and never packed into a TPS kit. */
  psu: NeedLine[]
}

export class MissingDapilError extends Error {
  constructor(
    readonly itemCode: string,
    readonly kecamatanId: number,
  ) {
    super(`Kecamatan ${kecamatanId} belum dipetakan ke dapil ${itemCode}`)
  }
}

/** Needs of every TPS, desa, kecamatan and the satker's PSU reserve, from DPT and the item rules. Pure. */
export function computeNeeds(input: NeedsInput): Needs {
  const items = input.items.filter((i) => i.active)
  const perTps = items.filter((i) => i.rule === 'ballot' || i.rule === 'per_tps' || i.rule === 'per_dpt')
  const perDesa = items.filter((i) => i.rule === 'per_desa')
  const perKec = items.filter((i) => i.rule === 'per_kecamatan')

  const tps = input.tps.map((t) => ({
    tpsId: t.id,
    lines: perTps.map((i): NeedLine => {
      if (i.rule === 'ballot') {
        const variantId = input.ballotVariant(i.id, t.kecamatanId)
        if (variantId === undefined) throw new MissingDapilError(i.code, t.kecamatanId)
        const reserve = reserveFor(t.dpt, input.reserveBasisPoints, input.rounding)
        return { itemId: i.id, variantId, qty: t.dpt + reserve, reserve }
      }
      const qty = i.rule === 'per_tps' ? i.qty : Math.ceil(t.dpt / i.per) * i.qty
      return { itemId: i.id, variantId: i.variantId as number, qty, reserve: 0 }
    }),
  }))
  const fixed = (list: NeedItem[]) =>
    list.map((i): NeedLine => ({ itemId: i.id, variantId: i.variantId as number, qty: i.qty, reserve: 0 }))
  return {
    tps,
    desa: perDesa.length ? input.desa.map((d) => ({ desaId: d.id, lines: fixed(perDesa) })) : [],
    kecamatan: perKec.length ? input.kecamatan.map((k) => ({ kecamatanId: k.id, lines: fixed(perKec) })) : [],
    psu: items
      .filter((i) => i.rule === 'ballot')
      .flatMap((i) =>
        input
          .ballotVariants(i.id)
          .filter((v) => v.psu > 0)
          .map((v) => ({ itemId: i.id, variantId: v.variantId, qty: v.psu, reserve: 0 })),
      ),
  }
}
