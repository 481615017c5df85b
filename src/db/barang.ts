import type { Barang } from '../api/contract/barang'
import type { VariantInfo } from '../api/contract/common'
import type { NeedItem } from '../core/needs'
import type { ItemPreset, Rule } from '../core/presets'
import type { ReadableDB, WritableDB } from './handles'
import type { ItemKind } from '../core/presets'

/**
 * Barang (items: ballot types and logistics items), their variants (a ballot type per dapil, or the
 * item itself) and their pay rates.
 */

interface BarangRow {
  id: number
  code: string
  name: string
  kind: ItemKind
  unit: string
  color: string | null
  color_hex: string | null
  rule: Rule
  qty: number
  per: number
  psu_per_dapil: number
  preset: number
  confirmed: number
  assembled: number
  active: number
  sort_order: number
  pay_rate: number | null
}

const toBarang = (r: BarangRow): Barang => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  unit: r.unit,
  color: r.color,
  colorHex: r.color_hex,
  rule: r.rule,
  qty: r.qty,
  per: r.per,
  psuPerDapil: r.psu_per_dapil,
  preset: r.preset === 1,
  confirmed: r.confirmed === 1,
  assembled: r.assembled === 1,
  active: r.active === 1,
  sortOrder: r.sort_order,
  payRate: r.pay_rate,
})

const BARANG_SQL = 'SELECT i.*, p.rate AS pay_rate FROM barang i LEFT JOIN tarif_upah p ON p.item_id = i.id'

/** Every item in the order of the item list, with its pay rate. */
export function barangList(db: ReadableDB): Barang[] {
  return (db.prepare(`${BARANG_SQL} ORDER BY i.sort_order, i.id`).all() as BarangRow[]).map(toBarang)
}

export function barangById(db: ReadableDB, id: number): Barang | undefined {
  const r = db.prepare(`${BARANG_SQL} WHERE i.id = ?`).get(id) as BarangRow | undefined
  return r && toBarang(r)
}

export function barangCodeExists(db: ReadableDB, code: string): boolean {
  return db.prepare('SELECT 1 FROM barang WHERE code = ?').get(code) !== undefined
}

/** The ballot types, in the order of the item list. */
export function ballotBarang(db: ReadableDB): { id: number; code: string; name: string }[] {
  return db.prepare(`SELECT id, code, name FROM barang WHERE kind = 'ballot' ORDER BY sort_order, id`).all() as {
    id: number
    code: string
    name: string
  }[]
}

/** Every item as the needs rule takes it (core/needs.ts), with the names a table of needs shows. */
export function needItems(db: ReadableDB): (NeedItem & { name: string; unit: string })[] {
  return (
    db
      .prepare(
        `SELECT i.id, i.code, i.name, i.unit, i.kind, i.rule, i.qty, i.per, i.psu_per_dapil AS psuPerDapil, i.active,
                (SELECT v.id FROM barang_varian v WHERE v.item_id = i.id AND v.dapil_id IS NULL) AS variantId
         FROM barang i ORDER BY i.sort_order, i.id`,
      )
      .all() as (Omit<NeedItem, 'active'> & { active: number; name: string; unit: string })[]
  ).map((i) => ({ ...i, active: i.active === 1 }))
}

/**
 * Every ballot variant with its dapil's name and PSU reserve (the dapil's own, else its ballot type's;
 * none for the kecamatan not yet mapped), by ballot type and dapil.
 */
export function dapilVariants(
  db: ReadableDB,
): { id: number; itemId: number; dapil: string; placeholder: boolean; psu: number }[] {
  return (
    db
      .prepare(
        `SELECT v.id, v.item_id AS itemId, d.name AS dapil, d.placeholder,
                CASE WHEN d.placeholder = 1 THEN 0 ELSE coalesce(d.psu_reserve, i.psu_per_dapil) END AS psu
         FROM barang_varian v JOIN dapil d ON d.id = v.dapil_id JOIN barang i ON i.id = v.item_id
         ORDER BY v.item_id, d.placeholder, d.name_key`,
      )
      .all() as { id: number; itemId: number; dapil: string; placeholder: number; psu: number }[]
  ).map((v) => ({ ...v, placeholder: v.placeholder === 1 }))
}

/** What a coordinator may change of an item (its pay rate apart). */
export function updateBarang(
  db: WritableDB,
  b: Pick<Barang, 'id' | 'name' | 'unit' | 'rule' | 'qty' | 'per' | 'psuPerDapil' | 'confirmed' | 'active'>,
): void {
  db.prepare(
    'UPDATE barang SET name = ?, unit = ?, rule = ?, qty = ?, per = ?, psu_per_dapil = ?, confirmed = ?, active = ? WHERE id = ?',
  ).run(b.name, b.unit, b.rule, b.qty, b.per, b.psuPerDapil, b.confirmed ? 1 : 0, b.active ? 1 : 0, b.id)
}

/** Sets an item's pay rate (rupiah per lembar or unit); null removes it. */
export function setPayRate(db: WritableDB, itemId: number, rate: number | null): void {
  if (rate === null) db.prepare('DELETE FROM tarif_upah WHERE item_id = ?').run(itemId)
  else
    db.prepare(
      'INSERT INTO tarif_upah (item_id, rate) VALUES (?, ?) ON CONFLICT (item_id) DO UPDATE SET rate = excluded.rate',
    ).run(itemId, rate)
}

/**
 * A logistics item the satker adds, confirmed and not a preset, last in the list, with its one variant;
 * returns its id.
 */
export function insertLogistikBarang(
  db: WritableDB,
  c: { code: string; name: string; unit: string; rule: Rule; qty: number; per: number; assembled: boolean },
): number {
  const order = (db.prepare('SELECT coalesce(max(sort_order), 0) + 10 AS o FROM barang').get() as { o: number }).o
  const id = Number(
    db
      .prepare(
        `INSERT INTO barang (code, name, kind, unit, rule, qty, per, preset, confirmed, assembled, sort_order)
           VALUES (?, ?, 'logistics', ?, ?, ?, ?, 0, 1, ?, ?)`,
      )
      .run(c.code, c.name, c.unit, c.rule, c.qty, c.per, c.assembled ? 1 : 0, order).lastInsertRowid,
  )
  db.prepare('INSERT INTO barang_varian (item_id, dapil_id) VALUES (?, NULL)').run(id)
  return id
}

interface VariantRow {
  variantId: number
  itemId: number
  itemCode: string
  itemName: string
  kind: ItemKind
  assembled: number
  unit: string
  colorHex: string | null
  dapilId: number | null
  dapil: string | null
  placeholder: number | null
  active: number
  sortOrder: number
}

const VARIANT_SQL = `SELECT v.id AS variantId, i.id AS itemId, i.code AS itemCode, i.name AS itemName, i.kind, i.assembled, i.unit,
                    i.color_hex AS colorHex, v.dapil_id AS dapilId, d.name AS dapil, d.placeholder, i.active, i.sort_order AS sortOrder
             FROM barang_varian v JOIN barang i ON i.id = v.item_id LEFT JOIN dapil d ON d.id = v.dapil_id`

/** What the ledger counts, named the way the floor says it: "Surat Suara Bupati · Dapil Batu Bara 1". */
const toVariant = ({ placeholder, ...r }: VariantRow): VariantInfo => ({
  ...r,
  assembled: r.assembled === 1,
  active: r.active === 1,
  // Kecamatan not yet mapped are no dapil: "Surat Suara DPR RI · Belum dipetakan", never "Dapil Belum dipetakan".
  label: r.dapil ? `${r.itemName} · ${placeholder === 1 ? r.dapil : `Dapil ${r.dapil}`}` : r.itemName,
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
      `SELECT i.name || coalesce(' (' || d.name || ')', '') AS label FROM barang_varian v JOIN barang i ON i.id = v.item_id
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
        `INSERT INTO barang (code, name, kind, unit, color, color_hex, rule, qty, per, psu_per_dapil, preset, confirmed, assembled, sort_order)
       VALUES (@code, @name, @kind, @unit, @color, @colorHex, @rule, @qty, @per, @psuPerDapil, 1, @confirmed, @assembled, @sortOrder)`,
      )
      .run({ ...p, confirmed: p.confirmed ? 1 : 0, assembled: p.assembled ? 1 : 0 }).lastInsertRowid,
  )
}

/** A variant of an item: of one dapil for a ballot type, of none (null) for a logistics item. */
export function insertVariant(db: WritableDB, itemId: number, dapilId: number | null): void {
  db.prepare('INSERT INTO barang_varian (item_id, dapil_id) VALUES (?, ?)').run(itemId, dapilId)
}
