import { AppError, refused } from '../core/errors'
import type { Rule } from '../core/presets'
import { writeTx, type Actor, type ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { listVariants } from './variants'

export interface Item {
  id: number
  code: string
  name: string
  kind: 'ballot' | 'logistics'
  unit: string
  color: string | null
  colorHex: string | null
  rule: Rule
  qty: number
  per: number
  psuPerDapil: number
  preset: boolean
  confirmed: boolean
  assembled: boolean
  active: boolean
  sortOrder: number
  /** Rupiah per lembar sorted (ballots) or per unit assembled; null when no rate is set. */
  payRate: number | null
}

interface ItemRow {
  id: number
  code: string
  name: string
  kind: 'ballot' | 'logistics'
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

const toItem = (r: ItemRow): Item => ({
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

const ITEM_SQL = 'SELECT i.*, p.rate AS pay_rate FROM item i LEFT JOIN pay_rate p ON p.item_id = i.id'

export function daftar(ctx: ServiceContext): Item[] {
  return (ctx.db.prepare(`${ITEM_SQL} ORDER BY i.sort_order, i.id`).all() as ItemRow[]).map(toItem)
}

export function getItem(ctx: ServiceContext, id: number): Item {
  const r = ctx.db.prepare(`${ITEM_SQL} WHERE i.id = ?`).get(id) as ItemRow | undefined
  if (!r)
    throw new AppError('NOT_FOUND', `Barang dengan id ${id} tidak ditemukan`, [
      { column: 'id', message: 'Tidak ditemukan' },
    ])
  return toItem(r)
}

export interface ItemUpdate {
  id: number
  name?: string | undefined
  unit?: string | undefined
  rule?: Exclude<Rule, 'ballot'> | undefined
  qty?: number | undefined
  per?: number | undefined
  psuPerDapil?: number | undefined
  confirmed?: boolean | undefined
  active?: boolean | undefined
  /** Rupiah per lembar/unit for the pay recap; null removes the rate. */
  payRate?: number | null | undefined
}

export function ubah(ctx: ServiceContext, who: Actor, u: ItemUpdate): Item {
  requireElection(ctx)
  const before = getItem(ctx, u.id)
  if (before.kind === 'ballot') {
    const bad = (['rule', 'qty', 'per'] as const).filter((k) => u[k] !== undefined)
    if (bad.length) {
      throw refused(
        'Kebutuhan surat suara selalu DPT ditambah cadangan; ubah persentase cadangan di pengaturan pemilihan',
        bad.map((k) => ({ column: k, message: 'Tidak berlaku untuk surat suara' })),
      )
    }
  } else if (u.psuPerDapil !== undefined && u.psuPerDapil !== 0) {
    throw refused('Cadangan PSU hanya berlaku untuk surat suara', [
      { column: 'psuPerDapil', message: 'Tidak berlaku untuk barang logistik' },
    ])
  }
  if (u.payRate != null && before.kind !== 'ballot' && !before.assembled) {
    throw refused(`${before.name} tidak disortir atau dirakit; upah hanya untuk surat suara dan barang yang dirakit`, [
      { column: 'payRate', message: 'Tidak berlaku' },
    ])
  }
  const after: Item = {
    ...before,
    name: u.name ?? before.name,
    unit: u.unit ?? before.unit,
    rule: u.rule ?? before.rule,
    qty: u.qty ?? before.qty,
    per: u.per ?? before.per,
    psuPerDapil: u.psuPerDapil ?? before.psuPerDapil,
    confirmed: u.confirmed ?? before.confirmed,
    active: u.active ?? before.active,
  }
  writeTx(ctx, who, 'barang.ubah', () => {
    ctx.db
      .prepare(
        'UPDATE item SET name = ?, unit = ?, rule = ?, qty = ?, per = ?, psu_per_dapil = ?, confirmed = ?, active = ? WHERE id = ?',
      )
      .run(
        after.name,
        after.unit,
        after.rule,
        after.qty,
        after.per,
        after.psuPerDapil,
        after.confirmed ? 1 : 0,
        after.active ? 1 : 0,
        u.id,
      )
    if (u.payRate === null) ctx.db.prepare('DELETE FROM pay_rate WHERE item_id = ?').run(u.id)
    else if (u.payRate !== undefined) {
      ctx.db
        .prepare(
          'INSERT INTO pay_rate (item_id, rate) VALUES (?, ?) ON CONFLICT (item_id) DO UPDATE SET rate = excluded.rate',
        )
        .run(u.id, u.payRate)
    }
    return {
      result: null,
      detail: {
        code: before.code,
        before,
        after: { ...after, payRate: u.payRate === undefined ? before.payRate : u.payRate },
      },
    }
  })
  return getItem(ctx, u.id)
}

export interface ItemCreate {
  code: string
  name: string
  unit: string
  rule: Exclude<Rule, 'ballot'>
  qty: number
  per: number
  assembled: boolean
}

export function tambah(ctx: ServiceContext, who: Actor, c: ItemCreate): Item {
  requireElection(ctx)
  if (ctx.db.prepare('SELECT 1 FROM item WHERE code = ?').get(c.code)) {
    throw refused(`Kode barang ${c.code} sudah dipakai`, [{ column: 'code', message: 'Kode sudah dipakai' }])
  }
  const id = writeTx(ctx, who, 'barang.tambah', () => {
    const order = (ctx.db.prepare('SELECT coalesce(max(sort_order), 0) + 10 AS o FROM item').get() as { o: number }).o
    const id = Number(
      ctx.db
        .prepare(
          `INSERT INTO item (code, name, kind, unit, rule, qty, per, preset, confirmed, assembled, sort_order)
           VALUES (?, ?, 'logistics', ?, ?, ?, ?, 0, 1, ?, ?)`,
        )
        .run(c.code, c.name, c.unit, c.rule, c.qty, c.per, c.assembled ? 1 : 0, order).lastInsertRowid,
    )
    ctx.db.prepare('INSERT INTO item_variant (item_id, dapil_id) VALUES (?, NULL)').run(id)
    return { result: id, detail: c }
  })
  return getItem(ctx, id)
}

/** Every variant: each ballot type per dapil, and each logistics item. */
export function daftarVarian(ctx: ServiceContext) {
  return listVariants(ctx)
}
