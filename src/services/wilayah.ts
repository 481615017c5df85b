import { createHash } from 'node:crypto'
import { dikemasPlace, dikirimPlace } from '../core/places'
import { AppError, refused, type Issue } from '../core/errors'
import { similarName } from '../core/names'
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
  desaIds,
  desaList,
  insertDesa,
  insertKecamatan,
  kecamatanHasDesa,
  kecamatanKeys,
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
import { readUpload } from './tableFile'
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

/** Changes an import's audit row lists (the preview shows fewer); the rest are counted. */
const CHANGES_KEPT = 2000

/** A kecamatan or desa the file calls by a new name: by its kode, or by the coordinator's word (gantiNama). */
export interface Rename {
  tingkat: 'kecamatan' | 'desa'
  kode: string | null
  lama: string
  baru: string
}

/** A kecamatan that would go and one that would come with as many TPS and a similar name: probably a rename. */
export interface LikelyRename {
  tingkat: 'kecamatan'
  lama: string
  baru: string
  tps: number
}

/** A row of the file with the kecamatan and desa it names in the current data (undefined: a new one). */
interface PlannedTps extends ParsedTps {
  kecamatanId: number | undefined
  desaId: number | undefined
}

export interface Plan {
  format: string
  columns: Record<string, string>
  errors: Issue[]
  warnings: Issue[]
  rows: PlannedTps[]
  /** How many TPS the file adds, removes and changes. */
  counts: Record<ChangeKind, number>
  /** The first CHANGES_KEPT of those changes, in the file's order and then the removed ones: what is shown and audited. */
  changes: ChangeRow[]
  /** The TPS of the current data whose DPT the file changes or that it leaves out (their kits may be touched). */
  tpsChanges: TpsChange[]
  renames: Rename[]
  likelyRenames: LikelyRename[]
  unchanged: number
  fingerprint: string
}

/** The coordinator's word that a kecamatan the file names differently is the same one (a file without codes). */
export interface GantiNama {
  lama: string
  baru: string
}

/**
 * The last plan made per connection. A preview and the apply that follows it read the same file against
 * the same data: the apply takes the preview's plan instead of reading, checking and comparing every row
 * again, but only when the file's bytes (by hash), its name and the renames asked for are the same and no
 * master data changed since (the data_version counter, which triggers bump on every change to the
 * election, wilayah and items).
 */
const planned = new WeakMap<object, KeptPlan>()

/** A plan with what it was made from: the master data version and the key of the file, its name and renames. */
interface KeptPlan {
  version: number
  key: string
  plan: Plan
}

/**
 * A kept plan as it goes from the preview's job thread to the serving thread: its rows as columns of
 * numbers and of indexes into one list of the texts they repeat (a satker's few hundred kecamatan and desa
 * names and codes), instead of one object per TPS. The serving thread spent 30–40 ms rebuilding the
 * 15,228 row objects of a structured clone: a pause of the thread that answers the window, on top of the
 * import the coordinator waits for.
 */
export interface PackedPlan {
  version: number
  key: string
  plan: Omit<Plan, 'rows'>
  rows: PackedRows
}

interface PackedRows {
  texts: string[]
  /** Per row, an index into texts (-1: none). */
  kodeKecamatan: Int32Array
  kecamatan: Int32Array
  kodeDesa: Int32Array
  desa: Int32Array
  line: Int32Array
  nomor: Int32Array
  dpt: Int32Array
  /** Per row, the id in the current data (NaN: a new one). */
  kecamatanId: Float64Array
  desaId: Float64Array
}

/** The plan this connection made last, packed for another thread (a preview in a job's thread hands it to the serving thread). */
export function lastPlan(ctx: ReadContext): PackedPlan | undefined {
  const kept = planned.get(ctx.db)
  if (!kept) return undefined
  const { rows, ...plan } = kept.plan
  const n = rows.length
  const texts: string[] = []
  const index = new Map<string, number>()
  const text = (t: string | null): number => {
    if (t === null) return -1
    let i = index.get(t)
    if (i === undefined) index.set(t, (i = texts.push(t) - 1))
    return i
  }
  const packed: PackedRows = {
    texts,
    kodeKecamatan: new Int32Array(n),
    kecamatan: new Int32Array(n),
    kodeDesa: new Int32Array(n),
    desa: new Int32Array(n),
    line: new Int32Array(n),
    nomor: new Int32Array(n),
    dpt: new Int32Array(n),
    kecamatanId: new Float64Array(n),
    desaId: new Float64Array(n),
  }
  rows.forEach((r, i) => {
    packed.kodeKecamatan[i] = text(r.kodeKecamatan)
    packed.kecamatan[i] = text(r.kecamatan)
    packed.kodeDesa[i] = text(r.kodeDesa)
    packed.desa[i] = text(r.desa)
    packed.line[i] = r.line
    packed.nomor[i] = r.nomor
    packed.dpt[i] = r.dpt
    packed.kecamatanId[i] = r.kecamatanId ?? NaN
    packed.desaId[i] = r.desaId ?? NaN
  })
  return { version: kept.version, key: kept.key, plan, rows: packed }
}

/**
 * A plan another connection to the same file made — a preview runs in a job's thread, the apply on the
 * serving thread — kept for this connection's apply, which takes it on the same conditions as its own:
 * the same bytes, name and renames, and no master data changed since (the version is the file's).
 */
export function adoptPlan(ctx: ReadContext, packed: PackedPlan): void {
  const c = packed.rows
  const text = (i: number) => (i < 0 ? null : c.texts[i]!)
  const id = (v: number) => (Number.isNaN(v) ? undefined : v)
  const rows: PlannedTps[] = Array.from({ length: c.line.length }, (_, i) => ({
    line: c.line[i]!,
    kodeKecamatan: text(c.kodeKecamatan[i]!),
    kecamatan: c.texts[c.kecamatan[i]!]!,
    kodeDesa: text(c.kodeDesa[i]!),
    desa: c.texts[c.desa[i]!]!,
    nomor: c.nomor[i]!,
    dpt: c.dpt[i]!,
    kecamatanId: id(c.kecamatanId[i]!),
    desaId: id(c.desaId[i]!),
  }))
  planned.set(ctx.db, { version: packed.version, key: packed.key, plan: { ...packed.plan, rows } })
}

async function plan(
  ctx: ReadContext,
  fileName: string,
  bytes: Uint8Array,
  gantiNama: readonly GantiNama[] = [],
): Promise<Plan> {
  const version = masterDataVersion(ctx.db)
  const key = createHash('sha256')
    .update(bytes)
    .update(JSON.stringify([fileName, gantiNama]))
    .digest('hex')
  const hit = planned.get(ctx.db)
  if (hit && version !== undefined && hit.version === version && hit.key === key) return hit.plan
  const p = await makePlan(ctx, fileName, bytes, gantiNama)
  // Reading the file is asynchronous: keep the plan only if nothing changed meanwhile.
  if (version !== undefined && masterDataVersion(ctx.db) === version) planned.set(ctx.db, { version, key, plan: p })
  return p
}

async function makePlan(
  ctx: ReadContext,
  fileName: string,
  bytes: Uint8Array,
  gantiNama: readonly GantiNama[],
): Promise<Plan> {
  const election = requireElection(ctx)
  const table = await readUpload(ctx, fileName, bytes)
  const parsed = parseWilayahTable(table.rows, { maxVotersPerTps: election.maxVotersPerTps })
  const errors: Issue[] = [...parsed.errors]
  const warnings: Issue[] = [...parsed.warnings]
  const current = daftarTps(ctx)
  const norm = memoized(normalizeName)

  // Which kecamatan and desa of the current data each row names: by kode first (a new name for the same kode
  // is a rename), then by name, then by the coordinator's gantiNama.
  const kecRows = kecamatanKeys(ctx.db)
  const kecByKode = new Map(kecRows.flatMap((k) => (k.kode ? [[k.kode, k] as const] : [])))
  const kecByKey = new Map(kecRows.map((k) => [k.key, k]))
  const renamedTo = new Map(gantiNama.map((g) => [norm(g.baru), norm(g.lama)]))
  for (const g of gantiNama)
    if (!kecByKey.has(norm(g.lama)))
      errors.push({ column: 'gantiNama', message: `Kecamatan "${g.lama}" tidak ada dalam data wilayah sekarang` })
  const desaRows = desaList(ctx.db, null)
  const desaByKode = new Map(desaRows.flatMap((d) => (d.kode ? [[d.kode, d] as const] : [])))
  const desaByKey = new Map(desaRows.map((d) => [`${d.kecamatanId}\u0000${norm(d.nama)}`, d]))
  const renames = new Map<string, Rename>()
  const rows: PlannedTps[] = []
  const reported = new Set<string>()
  for (const r of parsed.tps) {
    const key = norm(r.kecamatan)
    const byKode = r.kodeKecamatan ? kecByKode.get(r.kodeKecamatan) : undefined
    const byName = kecByKey.get(key) ?? kecByKey.get(renamedTo.get(key) ?? '')
    if (byKode && byName && byKode.id !== byName.id) {
      if (!reported.has(`k:${key}`))
        errors.push({
          row: r.line,
          column: parsed.columns.kode_kecamatan ?? 'kode_kecamatan',
          message: `Kode kecamatan ${r.kodeKecamatan} milik Kecamatan ${byKode.nama}, tetapi ${r.kecamatan} adalah kecamatan lain (kode ${byName.kode ?? 'tidak ada'}); perbaiki kode atau namanya`,
        })
      reported.add(`k:${key}`)
      continue
    }
    const kec = byKode ?? byName
    if (kec && kec.key !== key && !renames.has(`k${kec.id}`))
      renames.set(`k${kec.id}`, { tingkat: 'kecamatan', kode: kec.kode, lama: kec.nama, baru: r.kecamatan })
    const desaKode = r.kodeDesa ? desaByKode.get(r.kodeDesa) : undefined
    const desa =
      kec === undefined
        ? undefined
        : desaKode && desaKode.kecamatanId === kec.id
          ? desaKode
          : desaByKey.get(`${kec.id}\u0000${norm(r.desa)}`)
    if (desa && norm(desa.nama) !== norm(r.desa) && !renames.has(`d${desa.id}`))
      renames.set(`d${desa.id}`, { tingkat: 'desa', kode: desa.kode, lama: desa.nama, baru: r.desa })
    rows.push({ ...r, kecamatanId: kec?.id, desaId: desa?.id })
  }

  const tpsKey = (t: PlannedTps) =>
    t.desaId !== undefined
      ? `d${t.desaId}:${t.nomor}`
      : `n${t.kecamatanId ?? norm(t.kecamatan)}\u0000${norm(t.desa)}:${t.nomor}`
  const before = new Map(current.map((t) => [`d${t.desaId}:${t.nomor}`, t]))
  const changes: ChangeRow[] = []
  const counts: Record<ChangeKind, number> = { added: 0, removed: 0, changed: 0 }
  // Counted all, kept as many as the preview shows and the audit records: a first import of a satker is
  // 15,000 "added" rows that would otherwise be built, and sent from the preview's thread, for nothing.
  const change = (c: ChangeRow) => {
    counts[c.kind]++
    if (changes.length < CHANGES_KEPT) changes.push(c)
  }
  const tpsChanges: TpsChange[] = []
  let unchanged = 0
  const seen = new Set<string>()
  for (const r of rows) {
    const key = tpsKey(r)
    seen.add(key)
    const old = before.get(key)
    if (!old)
      change({
        kind: 'added',
        kecamatan: r.kecamatan,
        desa: r.desa,
        nomor: r.nomor,
        dptBefore: null,
        dptAfter: r.dpt,
      })
    else if (old.dpt !== r.dpt) {
      tpsChanges.push({ tps: old, dptAfter: r.dpt })
      change({
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
    change({
      kind: 'removed',
      kecamatan: t.kecamatan,
      desa: t.desa,
      nomor: t.nomor,
      dptBefore: t.dpt,
      dptAfter: null,
    })
  }

  // Without codes a renamed kecamatan reads as one removed and one added: offer the pair, never guess.
  const kept = new Set(rows.flatMap((r) => (r.kecamatanId === undefined ? [] : [r.kecamatanId])))
  const gone = kecamatanList(ctx.db).filter((k) => !kept.has(k.id) && k.tps > 0)
  const added = new Map<string, { name: string; tps: number; line: number }>()
  for (const r of rows) {
    if (r.kecamatanId !== undefined) continue
    const a = added.get(norm(r.kecamatan)) ?? { name: r.kecamatan, tps: 0, line: r.line }
    a.tps++
    added.set(norm(r.kecamatan), a)
  }
  const likelyRenames: LikelyRename[] = []
  for (const a of added.values()) {
    const twin = gone.find((k) => k.tps === a.tps && similarName(k.nama, a.name))
    if (!twin) continue
    likelyRenames.push({ tingkat: 'kecamatan', lama: twin.nama, baru: a.name, tps: a.tps })
    warnings.push({
      row: a.line,
      column: parsed.columns.kecamatan ?? 'kecamatan',
      message: `Kecamatan ${a.name} (${a.tps} TPS) tampaknya Kecamatan ${twin.nama} yang berganti nama: berkas tidak memuat ${twin.nama} dengan jumlah TPS yang sama. Bila benar, simpan sebagai ganti nama agar TPS, kit dan buku besarnya tetap; bila tidak, ${twin.nama} dihapus dan ${a.name} ditambah`,
    })
  }

  // The fingerprint binds a preview to this file, the renames asked for AND the data it was compared against.
  const state = createHash('sha256')
  for (const t of current) state.update(`${t.id}|${t.kecamatan}|${t.desa}|${t.nomor}|${t.dpt}\n`)
  const fingerprint = createHash('sha256')
    .update(bytes)
    .update(JSON.stringify(gantiNama))
    .update(state.digest())
    .digest('hex')
  return {
    format: table.format,
    columns: parsed.columns,
    errors,
    warnings,
    rows,
    counts,
    changes,
    tpsChanges,
    renames: [...renames.values()],
    likelyRenames,
    unchanged,
    fingerprint,
  }
}

/** Changes listed in the preview. */
const SAMPLE_LIMIT = 500

export async function pratinjauImpor(
  ctx: ReadContext,
  fileName: string,
  bytes: Uint8Array,
  gantiNama: readonly GantiNama[] = [],
) {
  const p = await plan(ctx, fileName, bytes, gantiNama)
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
      ...p.counts,
      unchanged: p.unchanged,
      sample: structuredClone(p.changes.slice(0, SAMPLE_LIMIT)),
    },
    kits: kitAkibat(ctx, p.tpsChanges),
    renames: structuredClone(p.renames),
    likelyRenames: structuredClone(p.likelyRenames),
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
  decision: { terapkanPadaKit?: boolean; gantiNama?: readonly GantiNama[] } = {},
) {
  const p = await plan(ctx, fileName, bytes, decision.gantiNama)
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
      const kecRef = r.kecamatanId !== undefined ? `#${r.kecamatanId}` : kk
      let kecId = kecIds.get(kecRef)
      if (kecId === undefined) {
        const found = r.kecamatanId
        kecId = atRow(r, 'kecamatan', r.kecamatan, () => {
          if (found === undefined) return insertKecamatan(db, r.kodeKecamatan, r.kecamatan.trim(), kk)
          updateKecamatan(db, found, r.kodeKecamatan, r.kecamatan.trim(), kk)
          return found
        })
        kecIds.set(kecRef, kecId)
      }
      const dn = norm(r.desa)
      const dk = r.desaId !== undefined ? `#${r.desaId}` : `${kecId}\u0000${dn}`
      let desaId = desaIdOf.get(dk)
      if (desaId === undefined) {
        const found = r.desaId
        const id = kecId
        desaId = atRow(r, 'desa/kelurahan', r.desa, () => {
          if (found === undefined) return insertDesa(db, id, r.kodeDesa, r.desa.trim(), dn)
          updateDesa(db, found, r.kodeDesa, r.desa.trim(), dn)
          return found
        })
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
    const counts = { ...p.counts, unchanged: p.unchanged }
    return {
      result: counts,
      detail: {
        fileName,
        format: p.format,
        ...counts,
        changes: p.changes,
        kitPerluDiperiksa: touched.map((k) => ({ tpsId: k.tpsId, kind: k.kind })),
      },
    }
  })
  // The data it was made against has changed now; it can never be taken again.
  planned.delete(db)
  return result
}

/**
 * Writes one row's kecamatan or desa; a database refusal (a kode or name another place already has) becomes
 * a message naming the file's row, in the transaction that then writes nothing.
 */
function atRow<T>(r: PlannedTps, what: string, name: string, write: () => T): T {
  try {
    return write()
  } catch (err) {
    if (!(err instanceof Error) || !/constraint/i.test(err.message)) throw err
    const kode = what === 'kecamatan' ? r.kodeKecamatan : r.kodeDesa
    throw refused(`Baris ${r.line} tidak dapat disimpan; tidak ada yang disimpan`, [
      {
        row: r.line,
        column: what === 'kecamatan' ? 'kecamatan' : 'desa',
        message: `${what === 'kecamatan' ? 'Kecamatan' : 'Desa/kelurahan'} ${name}${kode ? ` dengan kode ${kode}` : ''} bertabrakan dengan ${what} lain yang sudah ada (kode atau nama yang sama); periksa kode dan nama pada baris ini`,
      },
    ])
  }
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
