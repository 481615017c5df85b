import { AppError } from '../core/errors'
import type { ServiceContext } from './context'

/** What the ledger counts, named the way the floor says it: "Surat Suara Bupati · Dapil Batu Bara 1". */
export interface VariantInfo {
  variantId: number
  itemId: number
  itemCode: string
  itemName: string
  kind: 'ballot' | 'logistics'
  assembled: boolean
  unit: string
  colorHex: string | null
  dapilId: number | null
  dapil: string | null
  active: boolean
  sortOrder: number
  label: string
}

interface Row {
  variantId: number
  itemId: number
  itemCode: string
  itemName: string
  kind: 'ballot' | 'logistics'
  assembled: number
  unit: string
  colorHex: string | null
  dapilId: number | null
  dapil: string | null
  active: number
  sortOrder: number
}

const SQL = `SELECT v.id AS variantId, i.id AS itemId, i.code AS itemCode, i.name AS itemName, i.kind, i.assembled, i.unit,
                    i.color_hex AS colorHex, v.dapil_id AS dapilId, d.name AS dapil, i.active, i.sort_order AS sortOrder
             FROM item_variant v JOIN item i ON i.id = v.item_id LEFT JOIN dapil d ON d.id = v.dapil_id`

const toInfo = (r: Row): VariantInfo => ({
  ...r,
  assembled: r.assembled === 1,
  active: r.active === 1,
  label: r.dapil ? `${r.itemName} · Dapil ${r.dapil}` : r.itemName,
})

/** Prepared once per connection: a shift page or a tally save looks variants up one by one. */
const prepare = (ctx: ServiceContext) => ({
  all: ctx.db.prepare(`${SQL} ORDER BY i.sort_order, i.id, d.name_key`),
  one: ctx.db.prepare(`${SQL} WHERE v.id = ?`),
})
const statements = new WeakMap<ServiceContext['db'], ReturnType<typeof prepare>>()
function prepared(ctx: ServiceContext) {
  let s = statements.get(ctx.db)
  if (!s) statements.set(ctx.db, (s = prepare(ctx)))
  return s
}

export function listVariants(ctx: ServiceContext): VariantInfo[] {
  return (prepared(ctx).all.all() as Row[]).map(toInfo)
}

export function getVariant(ctx: ServiceContext, variantId: number, column = 'variantId'): VariantInfo {
  const r = prepared(ctx).one.get(variantId) as Row | undefined
  if (!r)
    throw new AppError('NOT_FOUND', `Barang dengan id varian ${variantId} tidak dikenal`, [
      { column, message: 'Tidak dikenal' },
    ])
  return toInfo(r)
}

/** Where a variant becomes usable: ballots once sorted, kotak and bilik once assembled, the rest as received. */
export const usablePlace = (v: Pick<VariantInfo, 'kind' | 'assembled'>): 'BAIK' | 'SIAP' | 'DITERIMA' =>
  v.kind === 'ballot' ? 'BAIK' : v.assembled ? 'SIAP' : 'DITERIMA'
