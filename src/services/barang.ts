import { AppError, refused } from '../core/errors'
import type { Barang, BarangCreate, BarangUpdate } from '../api/contract/barang'
import { barangById, barangCodeExists, barangList, insertLogistikBarang, setPayRate, updateBarang } from '../db/barang'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { listVariants } from './variants'

export function daftar(ctx: ReadContext): Barang[] {
  return barangList(ctx.db)
}

export function getItem(ctx: ReadContext, id: number): Barang {
  const b = barangById(ctx.db, id)
  if (!b)
    throw new AppError('NOT_FOUND', `Barang dengan id ${id} tidak ditemukan`, [
      { column: 'id', message: 'Tidak ditemukan' },
    ])
  return b
}

export function ubah(ctx: ServiceContext, who: Actor, u: BarangUpdate): Barang {
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
  const after: Barang = {
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
    updateBarang(ctx.db, after)
    if (u.payRate !== undefined) setPayRate(ctx.db, u.id, u.payRate)
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

export function tambah(ctx: ServiceContext, who: Actor, c: BarangCreate): Barang {
  requireElection(ctx)
  if (barangCodeExists(ctx.db, c.code)) {
    throw refused(`Kode barang ${c.code} sudah dipakai`, [{ column: 'code', message: 'Kode sudah dipakai' }])
  }
  const id = writeTx(ctx, who, 'barang.tambah', () => {
    const id = insertLogistikBarang(ctx.db, c)
    return { result: id, detail: c }
  })
  return getItem(ctx, id)
}

/** Every variant: each ballot type per dapil, and each logistics item. */
export function daftarVarian(ctx: ReadContext) {
  return listVariants(ctx)
}
