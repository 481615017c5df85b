import { refused } from '../core/errors'
import { validateMoves, type MoveContext, type MoveInput } from '../core/moves'
import type { Place } from '../core/places'
import { damageReason } from '../core/reasons'
import { variantMoveLabel } from '../db/barang'
import { fileHeaderProblem } from '../db/fileHeader'
import { integrityCheck, sqliteProblem } from '../db/inspect'
import {
  aggregatesMatchLedger,
  appendMoves,
  balanceOf,
  balancesMatchLedger,
  nonZeroBalances,
  placeRefExists,
  verifyChain,
} from '../db/ledger'
import type { OnProgress } from '../core/progress'
import type { ReadContext, ServiceContext } from './context'
import { type Actor } from './context'

/** What the references of a place name, in order. */
const PLACE_REFS: Partial<Record<Place['kind'], Parameters<typeof placeRefExists>[1][]>> = {
  DIKEMAS: ['tps'],
  DIKIRIM: ['kecamatan'],
  PROSES: ['shift', 'regu'],
}

export function moveContext(ctx: ReadContext): MoveContext {
  return {
    variantLabel: (id) => variantMoveLabel(ctx.db, id),
    placeRefsExist: (p) => {
      if (p.kind === 'RUSAK') return damageReason(p.refs[0]!) !== undefined
      const refs = PLACE_REFS[p.kind]
      if (!refs) return true
      return refs.every((ref, i) => placeRefExists(ctx.db, ref, Number(p.refs[i])))
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

/**
 * The whole verification. A broken file is a finding, never an error: its header and size are judged
 * before SQLite reads it, and SQLite's own refusal (a corrupt page, a missing table) becomes the problem.
 */
export function periksa(ctx: ReadContext, onProgress?: OnProgress) {
  const broken = (problem: string, integrity = '') => ({
    ok: false,
    rows: 0,
    head: '',
    integrity,
    firstBadSeq: null,
    problem,
    balancesMatch: false,
  })
  if (ctx.dbPath !== ':memory:') {
    const header = fileHeaderProblem(ctx.dbPath)
    if (header) return broken(header)
  }
  try {
    return periksaFile(ctx, onProgress)
  } catch (err) {
    const what = sqliteProblem(err)
    return broken(`Berkas basis data tidak dapat diperiksa sampai tuntas: ${what}`, what)
  }
}

function periksaFile(ctx: ReadContext, onProgress?: OnProgress) {
  onProgress?.({ done: 0, total: 0, unit: 'baris', current: 'Memeriksa berkas SQLite' })
  const integrity = integrityCheck(ctx.db)
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
      (integrity !== 'ok' ? `Pemeriksaan SQLite menemukan kerusakan: ${integrity.slice(0, 300)}` : null) ??
      chain.problem ??
      (!balancesMatch
        ? 'Tabel saldo tidak sama dengan jumlah dari buku besar: saldo telah diubah di luar aplikasi'
        : !aggregatesMatch
          ? 'Rekap kerja lantai atau arus barang tidak sama dengan buku besar: tabel rekap telah diubah di luar aplikasi'
          : null),
    balancesMatch,
  }
}

export function daftarSaldo(ctx: ReadContext) {
  return nonZeroBalances(ctx.db)
}
