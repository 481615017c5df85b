import { refused } from '../core/errors'
import { validateMoves, type MoveContext, type MoveInput } from '../core/moves'
import type { Place } from '../core/places'
import { damageReason } from '../core/reasons'
import { aggregatesMatchLedger, appendMoves, balanceOf, balancesMatchLedger, verifyChain } from '../db/ledger'
import type { OnProgress } from '../core/progress'
import type { ServiceContext } from './context'
import { type Actor } from './context'

const REF_TABLE: Partial<Record<Place['kind'], string[]>> = {
  DIKEMAS: ['tps'],
  DIKIRIM: ['kecamatan'],
  PROSES: ['shift', 'team'],
}

export function moveContext(ctx: ServiceContext): MoveContext {
  const variant = ctx.db.prepare(
    `SELECT i.name || coalesce(' (' || d.name || ')', '') AS label FROM item_variant v JOIN item i ON i.id = v.item_id
     LEFT JOIN dapil d ON d.id = v.dapil_id WHERE v.id = ?`,
  )
  return {
    variantLabel: (id) => (variant.get(id) as { label: string } | undefined)?.label ?? null,
    placeRefsExist: (p) => {
      if (p.kind === 'RUSAK') return damageReason(p.refs[0]!) !== undefined
      const tables = REF_TABLE[p.kind]
      if (!tables) return true
      return tables.every(
        (table, i) => ctx.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(Number(p.refs[i])) !== undefined,
      )
    },
    balance: (variantId, place) => balanceOf(ctx.db, variantId, place),
  }
}

/**
 * The one way sheets move: validate the whole batch against current balances, then append it,
 * inside one IMMEDIATE transaction. A refused batch writes nothing.
 * Services of later capabilities (penerimaan, tally, packing) call this with their own references.
 */
export function recordMoves(ctx: ServiceContext, who: Actor, moves: readonly MoveInput[]) {
  return ctx.db
    .transaction(() => {
      const issues = validateMoves(moves, moveContext(ctx))
      if (issues.length) throw refused('Perpindahan ditolak; tidak ada yang dicatat', issues)
      return appendMoves(ctx.db, moves, { actor: who.actor, at: ctx.now().toISOString() })
    })
    .immediate()
}

export function periksa(ctx: ServiceContext, onProgress?: OnProgress) {
  onProgress?.({ done: 0, total: 0, unit: 'baris', current: 'Memeriksa berkas SQLite' })
  const integrity = (ctx.db.pragma('integrity_check') as { integrity_check: string }[])
    .map((r) => r.integrity_check)
    .join('; ')
  const chain = verifyChain(ctx.db, {
    onProgress: onProgress && ((p) => onProgress({ ...p, current: 'Memeriksa rantai hash' })),
  })
  onProgress?.({ done: chain.rows, total: chain.rows, unit: 'baris', current: 'Menghitung ulang saldo dan rekap' })
  const balancesMatch = balancesMatchLedger(ctx.db)
  const aggregatesMatch = aggregatesMatchLedger(ctx.db)
  const ok = integrity === 'ok' && chain.problem === null && balancesMatch && aggregatesMatch
  return {
    ok,
    rows: chain.rows,
    head: chain.head,
    integrity,
    firstBadSeq: chain.firstBadSeq,
    problem:
      chain.problem ??
      (!balancesMatch
        ? 'Tabel saldo tidak sama dengan jumlah dari buku besar: saldo telah diubah di luar aplikasi'
        : !aggregatesMatch
          ? 'Rekap kerja lantai atau arus barang tidak sama dengan buku besar: tabel rekap telah diubah di luar aplikasi'
          : null),
    balancesMatch,
  }
}

export function daftarSaldo(ctx: ServiceContext) {
  return ctx.db
    .prepare(
      `SELECT b.variant_id AS variantId, i.code AS itemCode, i.name AS itemName, d.name AS dapil, b.place, b.qty
       FROM balance b JOIN item_variant v ON v.id = b.variant_id JOIN item i ON i.id = v.item_id LEFT JOIN dapil d ON d.id = v.dapil_id
       WHERE b.qty <> 0 ORDER BY i.sort_order, d.name_key, b.place`,
    )
    .all() as {
    variantId: number
    itemCode: string
    itemName: string
    dapil: string | null
    place: string
    qty: number
  }[]
}
