import { createHash } from 'node:crypto'
import { dikemasPlace, dikirimPlace } from '../core/places'
import { AppError, refused, type Issue } from '../core/errors'
import { memoized, normalizeName } from '../core/text'
import { parseWilayahTable, type ParsedTps } from '../core/wilayahImport'
import type { ChangeRow, TpsRow } from '../api/contract/wilayah'
import { packingPlacesEverUsed } from '../db/ledger'
import { maxVotersPerTps } from '../db/pemilihan'
import { masterDataVersion } from '../db/sistem'
import {
  deleteDesa,
  deleteKecamatan,
  deleteTps,
  desaHasTps,
  desaIdByKey,
  desaIds,
  desaList,
  insertDesa,
  insertKecamatan,
  kecamatanHasDesa,
  kecamatanIdByKey,
  kecamatanIds,
  kecamatanList,
  tpsCount,
  tpsKeys,
  tpsList,
  updateDesa,
  updateKecamatan,
  upsertTps,
  wilayahSummary,
} from '../db/wilayah'
import { upsertKitCheck } from '../db/kemas'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'
import { mapNewKecamatanToDefaultDapil } from './dapil'
import { requireElection } from './pemilihan'
import { readTable } from './tableFile'
import { kitAkibat, type TpsChange } from './wilayahAkibat'

export type { TpsRow }

export function lihatRingkasan(ctx: ReadContext) {
  return wilayahSummary(ctx.db, maxVotersPerTps(ctx.db) ?? Number.MAX_SAFE_INTEGER)
}

export function daftarKecamatan(ctx: ReadContext) {
  return kecamatanList(ctx.db)
}

/** Desa/kelurahan with their TPS and DPT, summed in SQL: lists and pickers need no TPS rows for this. */
export function daftarDesa(ctx: ReadContext, kecamatanId?: number) {
  return desaList(ctx.db, kecamatanId ?? null)
}

/** All TPS in the order the warehouse stacks them: kecamatan, desa, TPS number. */
export function daftarTps(ctx: ReadContext): TpsRow[] {
  return tpsList(ctx.db)
}

type ChangeKind = ChangeRow['kind']

interface Plan {
  format: string
  columns: Record<string, string>
  errors: Issue[]
  warnings: Issue[]
  rows: ParsedTps[]
  changes: ChangeRow[]
  /** The TPS of the current data whose DPT the file changes or that it leaves out (their kits may be touched). */
  tpsChanges: TpsChange[]
  unchanged: number
  fingerprint: string
}

/**
 * The last plan made per connection. A preview and the apply that follows it read the same file against
 * the same data: the apply takes the preview's plan instead of reading, checking and comparing every row
 * again, but only when the file's bytes (by hash) and name are the same and no master data changed since
 * (the data_version counter, which triggers bump on every change to the election, wilayah and items).
 */
const planned = new WeakMap<object, { version: number; fileName: string; fileHash: string; plan: Plan }>()

async function plan(ctx: ReadContext, fileName: string, bytes: Uint8Array): Promise<Plan> {
  const version = masterDataVersion(ctx.db)
  const fileHash = createHash('sha256').update(bytes).digest('hex')
  const hit = planned.get(ctx.db)
  if (hit && version !== undefined && hit.version === version && hit.fileName === fileName && hit.fileHash === fileHash)
    return hit.plan
  const p = await makePlan(ctx, fileName, bytes)
  // Reading the file is asynchronous: keep the plan only if nothing changed meanwhile.
  if (version !== undefined && masterDataVersion(ctx.db) === version)
    planned.set(ctx.db, { version, fileName, fileHash, plan: p })
  return p
}

async function makePlan(ctx: ReadContext, fileName: string, bytes: Uint8Array): Promise<Plan> {
  const election = requireElection(ctx)
  const table = await readTable(fileName, bytes)
  const parsed = parseWilayahTable(table.rows, { maxVotersPerTps: election.maxVotersPerTps })
  const current = daftarTps(ctx)
  const norm = memoized(normalizeName)
  const tpsKey = (kec: string, desa: string, nomor: number) => `${norm(kec)}\u0000${norm(desa)}\u0000${nomor}`
  const before = new Map(current.map((t) => [tpsKey(t.kecamatan, t.desa, t.nomor), t]))
  const changes: ChangeRow[] = []
  const tpsChanges: TpsChange[] = []
  let unchanged = 0
  const seen = new Set<string>()
  for (const r of parsed.tps) {
    const key = tpsKey(r.kecamatan, r.desa, r.nomor)
    seen.add(key)
    const old = before.get(key)
    if (!old)
      changes.push({
        kind: 'added',
        kecamatan: r.kecamatan,
        desa: r.desa,
        nomor: r.nomor,
        dptBefore: null,
        dptAfter: r.dpt,
      })
    else if (old.dpt !== r.dpt) {
      tpsChanges.push({ tps: old, dptAfter: r.dpt })
      changes.push({
        kind: 'changed',
        kecamatan: r.kecamatan,
        desa: r.desa,
        nomor: r.nomor,
        dptBefore: old.dpt,
        dptAfter: r.dpt,
      })
    } else unchanged++
  }
  for (const [key, t] of before) {
    if (seen.has(key)) continue
    tpsChanges.push({ tps: t, dptAfter: null })
    changes.push({
      kind: 'removed',
      kecamatan: t.kecamatan,
      desa: t.desa,
      nomor: t.nomor,
      dptBefore: t.dpt,
      dptAfter: null,
    })
  }
  // The fingerprint binds a preview to this file AND to the data it was compared against.
  const state = createHash('sha256')
  for (const t of current) state.update(`${t.id}|${t.kecamatan}|${t.desa}|${t.nomor}|${t.dpt}\n`)
  const fingerprint = createHash('sha256').update(bytes).update(state.digest()).digest('hex')
  return {
    format: table.format,
    columns: parsed.columns,
    errors: parsed.errors,
    warnings: parsed.warnings,
    rows: parsed.tps,
    changes,
    tpsChanges,
    unchanged,
    fingerprint,
  }
}

const SAMPLE_LIMIT = 500

export async function pratinjauImpor(ctx: ReadContext, fileName: string, bytes: Uint8Array) {
  const p = await plan(ctx, fileName, bytes)
  const count = (k: ChangeKind) => p.changes.filter((c) => c.kind === k).length
  const norm = memoized(normalizeName)
  // Copies: the plan itself is kept for the apply, and must not change with what a caller does to these.
  return {
    ok: p.errors.length === 0 && p.rows.length > 0,
    errors: structuredClone(p.errors),
    warnings: structuredClone(p.warnings),
    format: p.format,
    columns: { ...p.columns },
    totals: {
      kecamatan: new Set(p.rows.map((r) => norm(r.kecamatan))).size,
      desa: new Set(p.rows.map((r) => `${norm(r.kecamatan)}\u0000${norm(r.desa)}`)).size,
      tps: p.rows.length,
      dpt: p.rows.reduce((s, r) => s + r.dpt, 0),
    },
    changes: {
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      unchanged: p.unchanged,
      sample: structuredClone(p.changes.slice(0, SAMPLE_LIMIT)),
    },
    kits: kitAkibat(ctx, p.tpsChanges),
    fingerprint: p.fingerprint,
  }
}

/**
 * Writes a previewed file: the whole file or nothing. Kecamatan, desa and TPS keep their ids across
 * re-imports (they are matched by name and number), so ledger places that name them stay valid.
 */
export async function impor(
  ctx: ServiceContext,
  who: Actor,
  fileName: string,
  bytes: Uint8Array,
  fingerprint: string,
  decision: { terapkanPadaKit?: boolean } = {},
) {
  const p = await plan(ctx, fileName, bytes)
  if (p.errors.length)
    throw refused(`Berkas ${fileName} berisi ${p.errors.length} galat; tidak ada yang disimpan`, p.errors)
  if (p.rows.length === 0) throw refused(`Berkas ${fileName} tidak berisi TPS; tidak ada yang disimpan`)
  if (p.fingerprint !== fingerprint) {
    throw new AppError(
      'CONFLICT',
      'Berkas atau data wilayah berubah sejak pratinjau dibuat; buat pratinjau lagi sebelum menyimpan',
    )
  }
  // Read now, not from the plan: kits packed or handed over since the preview count.
  const kits = kitAkibat(ctx, p.tpsChanges)
  // A TPS dropped under its packing is refused below (removeMissing), naming every one the ledger ever packed.
  const blocking = kits.filter((k) => k.kind === 'bertentangan')
  if (blocking.length)
    throw refused(
      `Impor ${fileName} ditolak: ${blocking.length} kit yang sudah diserahkan ke PPK (Panitia Pemilihan Kecamatan) akan berubah; tidak ada yang disimpan`,
      blocking.map((k) => ({ column: 'dpt', message: k.message })),
    )
  const touched = kits.filter((k) => k.kind === 'lebih' || k.kind === 'kurang')
  if (touched.length && !decision.terapkanPadaKit)
    throw refused(
      `Impor ${fileName} mengubah kebutuhan ${touched.length} kit yang sudah dikemas; tidak ada yang disimpan. Bila DPT baru memang benar, simpan dengan keputusan "terapkan pada kit": kit itu ditandai perlu diperiksa sampai dikemas ulang sesuai kebutuhan baru`,
      touched.map((k) => ({ column: 'dpt', message: k.message })),
    )
  const db = ctx.db
  const result = writeTx(ctx, who, 'wilayah.impor', () => {
    const tpsRows: [number, number, number][] = []
    const kecIds = new Map<string, number>()
    const desaIdOf = new Map<string, number>()
    const keepTps = new Set<string>()
    const norm = memoized(normalizeName)
    for (const r of p.rows) {
      const kk = norm(r.kecamatan)
      let kecId = kecIds.get(kk)
      if (kecId === undefined) {
        const found = kecamatanIdByKey(db, kk)
        if (found !== undefined) updateKecamatan(db, found, r.kodeKecamatan, r.kecamatan.trim())
        kecId = found ?? insertKecamatan(db, r.kodeKecamatan, r.kecamatan.trim(), kk)
        kecIds.set(kk, kecId)
      }
      const dn = norm(r.desa)
      const dk = `${kecId}\u0000${dn}`
      let desaId = desaIdOf.get(dk)
      if (desaId === undefined) {
        const found = desaIdByKey(db, kecId, dn)
        if (found !== undefined) updateDesa(db, found, r.kodeDesa, r.desa.trim())
        desaId = found ?? insertDesa(db, kecId, r.kodeDesa, r.desa.trim(), dn)
        desaIdOf.set(dk, desaId)
      }
      tpsRows.push([desaId, r.nomor, r.dpt])
      keepTps.add(`${desaId}:${r.nomor}`)
    }
    upsertTps(db, tpsRows)
    removeMissing(ctx, keepTps, new Set(desaIdOf.values()), new Set(kecIds.values()))
    mapNewKecamatanToDefaultDapil(ctx)
    const at = ctx.now().toISOString()
    for (const k of touched)
      upsertKitCheck(db, {
        tpsId: k.tpsId,
        at,
        actor: who.actor,
        reason: `Impor ${fileName}: DPT ${k.dptBefore} → ${k.dptAfter}`,
        variantIds: k.lines.map((l) => l.variantId),
      })
    const counts = {
      added: p.changes.filter((c) => c.kind === 'added').length,
      removed: p.changes.filter((c) => c.kind === 'removed').length,
      changed: p.changes.filter((c) => c.kind === 'changed').length,
      unchanged: p.unchanged,
    }
    return {
      result: counts,
      detail: {
        fileName,
        format: p.format,
        ...counts,
        changes: p.changes.slice(0, 2000),
        kitPerluDiperiksa: touched.map((k) => ({ tpsId: k.tpsId, kind: k.kind })),
      },
    }
  })
  // The data it was made against has changed now; it can never be taken again.
  planned.delete(db)
  return result
}

/** Drops TPS, desa and kecamatan the new file no longer has, unless the ledger already holds stock for them. */
function removeMissing(ctx: ServiceContext, keepTps: Set<string>, keepDesa: Set<number>, keepKec: Set<number>): void {
  const db = ctx.db
  // Every TPS of the file is now a row, one per (desa, nomor): when there are no more rows than that,
  // none is left over to drop.
  const all = tpsCount(db) === keepTps.size ? [] : tpsKeys(db)
  // Every packing and handover place the ledger ever named, read in one pass over the ledger the first
  // time something is to be removed (one pass per TPS would read a million-row ledger once for each).
  let usedPlaces: Set<string> | undefined
  const used = (place: string): boolean => (usedPlaces ??= packingPlacesEverUsed(db)).has(place)
  const blocked: Issue[] = []
  for (const t of all) {
    if (keepTps.has(`${t.desaId}:${t.nomor}`)) continue
    if (used(dikemasPlace(t.id))) {
      blocked.push({
        message: `TPS ${t.nomor} (id ${t.id}) sudah memiliki catatan pengemasan dan tidak dapat dihapus lewat impor`,
      })
      continue
    }
    deleteTps(db, t.id)
  }
  if (blocked.length) throw refused('Impor akan menghapus TPS yang sudah dikemas; tidak ada yang disimpan', blocked)
  for (const id of desaIds(db)) {
    if (!keepDesa.has(id) && !desaHasTps(db, id)) deleteDesa(db, id)
  }
  for (const id of kecamatanIds(db)) {
    if (keepKec.has(id)) continue
    if (used(dikirimPlace(id)))
      throw refused(`Kecamatan id ${id} sudah menerima serah terima dan tidak dapat dihapus lewat impor`)
    if (!kecamatanHasDesa(db, id)) deleteKecamatan(db, id)
  }
}
