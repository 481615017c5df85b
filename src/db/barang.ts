import type { VariantInfo } from '../api/contract/common'
import type { ItemPreset } from '../core/presets'
import type { ReadableDB, WritableDB } from './handles'

/**
 * Barang (items: ballot types and logistics items), their variants (a ballot type per dapil, or the
 * item itself) and their pay rates.
 */

interface VariantRow {
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

const VARIANT_SQL = `SELECT v.id AS variantId, i.id AS itemId, i.code AS itemCode, i.name AS itemName, i.kind, i.assembled, i.unit,
                    i.color_hex AS colorHex, v.dapil_id AS dapilId, d.name AS dapil, i.active, i.sort_order AS sortOrder
             FROM item_variant v JOIN item i ON i.id = v.item_id LEFT JOIN dapil d ON d.id = v.dapil_id`

/** What the ledger counts, named the way the floor says it: "Surat Suara Bupati · Dapil Batu Bara 1". */
const toVariant = (r: VariantRow): VariantInfo => ({
  ...r,
  assembled: r.assembled === 1,
  active: r.active === 1,
  label: r.dapil ? `${r.itemName} · Dapil ${r.dapil}` : r.itemName,
})

/** Every variant in the order of the item list, dapil by name. */
export function variantList(db: ReadableDB): VariantInfo[] {
  return (db.prepare(`${VARIANT_SQL} ORDER BY i.sort_order, i.id, d.name_key`).all() as VariantRow[]).map(toVariant)
}

export function variantById(db: ReadableDB, variantId: number): VariantInfo | undefined {
  const r = db.prepare(`${VARIANT_SQL} WHERE v.id = ?`).get(variantId) as VariantRow | undefined
  return r && toVariant(r)
}

/** A variant as a refused move names it: "Surat suara Bupati (BATU BARA 1)"; null when unknown. */
export function variantMoveLabel(db: ReadableDB, variantId: number): string | null {
  const r = db
    .prepare(
      `SELECT i.name || coalesce(' (' || d.name || ')', '') AS label FROM item_variant v JOIN item i ON i.id = v.item_id
     LEFT JOIN dapil d ON d.id = v.dapil_id WHERE v.id = ?`,
    )
    .get(variantId) as { label: string } | undefined
  return r?.label ?? null
}

/** A preset item of a new election (core/presets.ts); returns its id. */
export function insertPresetBarang(db: WritableDB, p: ItemPreset & { confirmed: boolean; sortOrder: number }): number {
  return Number(
    db
      .prepare(
        `INSERT INTO item (code, name, kind, unit, color, color_hex, rule, qty, per, psu_per_dapil, preset, confirmed, assembled, sort_order)
       VALUES (@code, @name, @kind, @unit, @color, @colorHex, @rule, @qty, @per, @psuPerDapil, 1, @confirmed, @assembled, @sortOrder)`,
      )
      .run({ ...p, confirmed: p.confirmed ? 1 : 0, assembled: p.assembled ? 1 : 0 }).lastInsertRowid,
  )
}

/** A variant of an item: of one dapil for a ballot type, of none (null) for a logistics item. */
export function insertVariant(db: WritableDB, itemId: number, dapilId: number | null): void {
  db.prepare('INSERT INTO item_variant (item_id, dapil_id) VALUES (?, ?)').run(itemId, dapilId)
}
