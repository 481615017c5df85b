import { refused } from '../core/errors'
import { validateMoves, type MoveContext, type MoveInput } from '../core/moves'
import type { Place } from '../core/places'
import { damageReason } from '../core/reasons'
import { variantMoveLabel } from '../db/barang'
import type { ChainReport } from '../api/contract/ledger'
import { kodeSaksi } from '../core/jejak'
import { fileHeaderProblem } from '../db/fileHeader'
import { verifyJejak } from '../db/jejak'
import { schemaProblems } from '../db/schemaCheck'
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
import { backupDir } from './cadangan'
import type { ReadContext, ServiceContext } from './context'
import * as saksi from './saksi'
import { folderTersedia } from './cadanganFolder'
import { writeTx, type Actor } from './context'

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
  const record = () => {
    const issues = validateMoves(moves, moveContext(ctx))
    if (issues.length) throw refused('Perpindahan ditolak; tidak ada yang dicatat', issues)
    return appendMoves(ctx.db, moves, { actor: who.actor, at: ctx.now().toISOString() })
  }
  // Called on its own (scripts, tests), it is a write of its own: its rows get their jejak row.
  if (!ctx.db.inTransaction)
    return writeTx(ctx, who, 'ledger.catat', () => ({ result: record(), detail: { baris: moves.length } }))
  return ctx.db.transaction(record).immediate()
}

/**
 * The whole verification. A broken file is a finding, never an error: its header and size are judged
 * before SQLite reads it, and SQLite's own refusal (a corrupt page, a missing table) becomes the problem.
 */
export function periksa(ctx: ReadContext, onProgress?: OnProgress): ChainReport {
  // The header is read with node:fs only when no connection of this process holds the file (recovery
  // mode): SQLite's locks are POSIX locks, which closing ANY descriptor of the file drops, and another
  // program's close would then delete the live WAL under the app. An open file's header was judged by
  // the start check before its connection was made.
  if (ctx.dbPath !== ':memory:' && !(ctx.fileHeldOpen ?? !ctx.db.memory)) {
    const header = fileHeaderProblem(ctx.dbPath)
    if (header) return brokenReport(header)
  }
  try {
    return periksaFile(ctx, onProgress)
  } catch (err) {
    const what = sqliteProblem(err)
    return brokenReport(`Berkas basis data tidak dapat diperiksa sampai tuntas: ${what}`, what)
  }
}

function brokenReport(problem: string, integrity = ''): ChainReport {
  return {
    ok: false,
    rows: 0,
    head: '',
    integrity,
    firstBadSeq: null,
    problem,
    balancesMatch: false,
    problems: [problem],
    jejak: { rows: 0, seq: 0, hash: '', kodeSaksi: null, firstBadSeq: null },
    saksi: 0,
  }
}

function periksaFile(ctx: ReadContext, onProgress?: OnProgress): ChainReport {
  onProgress?.({ done: 0, total: 0, unit: 'baris', current: 'Memeriksa berkas SQLite' })
  const integrity = integrityCheck(ctx.db)
  if (integrity !== 'ok')
    return brokenReport(`Pemeriksaan SQLite menemukan kerusakan: ${integrity.slice(0, 300)}`, integrity)
  const schema = schemaProblems(ctx.db)
  const chain = verifyChain(ctx.db, {
    onProgress: onProgress && ((p) => onProgress({ ...p, current: 'Memeriksa rantai hash' })),
  })
  const jejak = verifyJejak(ctx.db, {
    onProgress: onProgress && ((p) => onProgress({ ...p, current: 'Memeriksa rantai jejak' })),
  })
  onProgress?.({ done: chain.rows, total: chain.rows, unit: 'baris', current: 'Menghitung ulang saldo dan rekap' })
  const balancesMatch = balancesMatchLedger(ctx.db)
  const aggregatesMatch = aggregatesMatchLedger(ctx.db)
  // The row-level findings first (they name a row), then the tables, then the schema.
  const problems = [
    ...(chain.problem ? [chain.problem] : []),
    ...jejak.problems,
    ...(!balancesMatch
      ? ['Tabel saldo tidak sama dengan jumlah dari buku besar: saldo telah diubah di luar aplikasi']
      : []),
    ...(!aggregatesMatch
      ? ['Rekap kerja lantai atau arus barang tidak sama dengan buku besar: tabel rekap telah diubah di luar aplikasi']
      : []),
    ...schema,
  ]
  // Witnesses last: only worth reading once the file agrees with itself, and they name what it cannot.
  const witnesses =
    ctx.dbPath === ':memory:'
      ? saksi.periksaSemua(ctx, null)
      : saksi.periksaSemua(ctx, backupDir(ctx.dbPath), folderTersedia(backupDir(ctx.dbPath)))
  problems.push(...witnesses.problems)
  return {
    ok: problems.length === 0,
    rows: chain.rows,
    head: chain.head,
    integrity,
    firstBadSeq: chain.firstBadSeq,
    problem: problems[0] ?? null,
    balancesMatch,
    problems,
    jejak: {
      rows: jejak.rows,
      seq: jejak.head.seq,
      hash: jejak.head.hash,
      kodeSaksi: jejak.head.seq ? kodeSaksi(jejak.head) : null,
      firstBadSeq: jejak.firstBadSeq,
    },
    saksi: witnesses.witnesses,
  }
}

export function daftarSaldo(ctx: ReadContext) {
  return nonZeroBalances(ctx.db)
}
