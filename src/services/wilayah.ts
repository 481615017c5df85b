import { createHash } from 'node:crypto'
import { dikemasPlace, dikirimPlace } from '../core/places'
import { AppError, refused, type Issue } from '../core/errors'
import { similarName } from '../core/names'
import { memoized, normalizeName } from '../core/text'
import { parseWilayahTable, samePlaceTexts, type ParsedTps } from '../core/wilayahImport'
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

/**
 * The file's TPS rows, as columns: per row, indexes into `texts` (the names and codes as written, each
 * once: a satker's few hundred) and numbers. A plan is made in a job's thread and taken by the serving
 * thread's apply (lastPlan, adoptPlan): columns cross between threads as a few flat copies, where 15,228
 * row objects took the serving thread 30–40 ms to rebuild, and the apply reads them without building any.
 */
export interface PlanRows {
  texts: string[]
  /** Per row, an index into texts (-1: none). */
  kodeKecamatan: Int32Array
  kecamatan: Int32Array
  kodeDesa: Int32Array
  desa: Int32Array
  line: Int32Array
  nomor: Int32Array
  dpt: Int32Array
  /** Per row, its desa/kelurahan: an index into Plan.desa. */
  desaOf: Int32Array
}

/** A kecamatan the file names: the first row naming it, and its id in the current data (null: a new one). */
export interface PlannedKecamatan {
  row: number
  id: number | null
}

/** A desa/kelurahan the file names, in the order the file first names them, with its kecamatan (an index into Plan.kecamatan). */
export interface PlannedDesa extends PlannedKecamatan {
  kecamatan: number
}

export interface Plan {
  format: string
  columns: Record<string, string>
  errors: Issue[]
  warnings: Issue[]
  rows: PlanRows
  /** What the file holds: distinct kecamatan and desa names, TPS and DPT. */
  totals: { kecamatan: number; desa: number; tps: number; dpt: number }
  /**
   * The kecamatan and desa the rows name, one per place the apply writes: an existing place by its id
   * (whatever name or kode matched it), a new one by its normalised name.
   */
  kecamatan: PlannedKecamatan[]
  desa: PlannedDesa[]
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

/**
 * A plan with what it was made from: the master data version and the key of the file, its name and
 * renames. It is what goes from the preview's job thread to the serving thread, as it is: its rows are
 * already columns (PlanRows).
 */
export interface KeptPlan {
  version: number
  key: string
  plan: Plan
}

/** The plan this connection made last, for another thread (a preview in a job's thread hands it to the serving thread). */
export function lastPlan(ctx: ReadContext): KeptPlan | undefined {
  return planned.get(ctx.db)
}

/**
 * A plan another connection to the same file made — a preview runs in a job's thread, the apply on the
 * serving thread — kept for this connection's apply, which takes it on the same conditions as its own:
 * the same bytes, name and renames, and no master data changed since (the version is the file's).
 */
export function adoptPlan(ctx: ReadContext, kept: KeptPlan): void {
  planned.set(ctx.db, kept)
}

/** The key a kept plan is found by, and the hash of the file's bytes that the fingerprint binds (hashed once). */
function planKey(fileName: string, bytes: Uint8Array, gantiNama: readonly GantiNama[]) {
  const file = createHash('sha256').update(bytes).digest()
  const key = createHash('sha256')
    .update(file)
    .update(JSON.stringify([fileName, gantiNama]))
    .digest('hex')
  return { file, key }
}

async function plan(
  ctx: ReadContext,
  fileName: string,
  bytes: Uint8Array,
  gantiNama: readonly GantiNama[] = [],
): Promise<Plan> {
  const version = masterDataVersion(ctx.db)
  const { file, key } = planKey(fileName, bytes, gantiNama)
  const hit = planned.get(ctx.db)
  if (hit && version !== undefined && hit.version === version && hit.key === key) return hit.plan
  const p = await makePlan(ctx, fileName, bytes, file, gantiNama)
  // Reading the file is asynchronous: keep the plan only if nothing changed meanwhile.
  if (version !== undefined && masterDataVersion(ctx.db) === version) planned.set(ctx.db, { version, key, plan: p })
  return p
}

/** Columns for up to n rows, and the index of each text in them. */
function planRows(n: number) {
  const texts: string[] = []
  const index = new Map<string, number>()
  const rows: PlanRows = {
    texts,
    kodeKecamatan: new Int32Array(n),
    kecamatan: new Int32Array(n),
    kodeDesa: new Int32Array(n),
    desa: new Int32Array(n),
    line: new Int32Array(n),
    nomor: new Int32Array(n),
    dpt: new Int32Array(n),
    desaOf: new Int32Array(n),
  }
  const text = (t: string | null): number => {
    if (t === null) return -1
    let i = index.get(t)
    if (i === undefined) index.set(t, (i = texts.push(t) - 1))
    return i
  }
  /** The first n rows' columns (views on the same memory). */
  const first = (n: number): PlanRows => ({
    texts,
    kodeKecamatan: rows.kodeKecamatan.subarray(0, n),
    kecamatan: rows.kecamatan.subarray(0, n),
    kodeDesa: rows.kodeDesa.subarray(0, n),
    desa: rows.desa.subarray(0, n),
    line: rows.line.subarray(0, n),
    nomor: rows.nomor.subarray(0, n),
    dpt: rows.dpt.subarray(0, n),
    desaOf: rows.desaOf.subarray(0, n),
  })
  return { rows, text, first }
}

/** One row of the plan as the file wrote it: for the places the apply writes and the messages naming a row. */
function fileRow(c: PlanRows, i: number): ParsedTps {
  const text = (t: number) => (t < 0 ? null : c.texts[t]!)
  return {
    line: c.line[i]!,
    kodeKecamatan: text(c.kodeKecamatan[i]!),
    kecamatan: c.texts[c.kecamatan[i]!]!,
    kodeDesa: text(c.kodeDesa[i]!),
    desa: c.texts[c.desa[i]!]!,
    nomor: c.nomor[i]!,
    dpt: c.dpt[i]!,
  }
}

async function makePlan(
  ctx: ReadContext,
  fileName: string,
  bytes: Uint8Array,
  fileHash: Uint8Array,
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
  const reported = new Set<string>()

  // The places the apply writes, each once: an existing one by its id, a new one by its normalised name
  // (a new desa within its kecamatan).
  const kecamatan: PlannedKecamatan[] = []
  const desa: PlannedDesa[] = []
  const kecById = new Map<number, number>()
  const kecByName = new Map<string, number>()
  const desaById = new Map<number, number>()
  const desaByName = new Map<number, Map<string, number>>()
  const placeOf = <K>(byKey: Map<K, number>, key: K, add: () => number): number => {
    let i = byKey.get(key)
    if (i === undefined) byKey.set(key, (i = add()))
    return i
  }

  // The current TPS by desa and number; those the file names again are the ones it keeps.
  const before = new Map<number, Map<number, TpsRow>>()
  for (const t of current) {
    let inDesa = before.get(t.desaId)
    if (!inDesa) before.set(t.desaId, (inDesa = new Map()))
    inDesa.set(t.nomor, t)
  }
  const named = new Set<TpsRow>()
  const changes: ChangeRow[] = []
  const counts: Record<ChangeKind, number> = { added: 0, removed: 0, changed: 0 }
  // Counted all, kept as many as the preview shows and the audit records: a first import of a satker is
  // 15,000 "added" rows that would otherwise be built, and sent from the preview's thread, for nothing.
  const change = (
    kind: ChangeKind,
    at: Pick<ChangeRow, 'kecamatan' | 'desa' | 'nomor'>,
    dptBefore: number | null,
    dptAfter: number | null,
  ) => {
    counts[kind]++
    if (changes.length < CHANGES_KEPT)
      changes.push({ kind, kecamatan: at.kecamatan, desa: at.desa, nomor: at.nomor, dptBefore, dptAfter })
  }
  const tpsChanges: TpsChange[] = []
  let unchanged = 0

  // What the file holds, by normalised name.
  const kecNames = new Set<string>()
  const desaNames = new Set<string>()
  let dpt = 0
  // Kecamatan the current data does not have, by name: their TPS, for the likely renames below.
  const added = new Map<string, { name: string; tps: number; line: number }>()

  const out = planRows(parsed.tps.length)
  const c = out.rows

  /** Where the TPS of a row go: the row's kecamatan and desa, in the plan and in the current data. */
  interface RowPlace {
    /** The texts naming them, as indexes into the plan's texts. */
    texts: [kodeKecamatan: number, kecamatan: number, kodeDesa: number, desa: number]
    /** The desa in the plan (an index into desa). */
    d: number
    /** The current TPS of that desa by number; none for a new desa. */
    tpsHere: Map<number, TpsRow> | undefined
    /** A kecamatan the current data does not have: its TPS are counted here. */
    added: { name: string; tps: number; line: number } | undefined
  }
  /** Matches a row's kecamatan and desa to the current data (row n of the plan); null: refused, reported. */
  const placeRow = (r: ParsedTps, n: number): RowPlace | null => {
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
      return null
    }
    const kec = byKode ?? byName
    if (kec && kec.key !== key && !renames.has(`k${kec.id}`))
      renames.set(`k${kec.id}`, { tingkat: 'kecamatan', kode: kec.kode, lama: kec.nama, baru: r.kecamatan })
    const desaKode = r.kodeDesa ? desaByKode.get(r.kodeDesa) : undefined
    const dk = norm(r.desa)
    const old =
      kec === undefined
        ? undefined
        : desaKode && desaKode.kecamatanId === kec.id
          ? desaKode
          : desaByKey.get(`${kec.id}\u0000${dk}`)
    if (old && norm(old.nama) !== dk && !renames.has(`d${old.id}`))
      renames.set(`d${old.id}`, { tingkat: 'desa', kode: old.kode, lama: old.nama, baru: r.desa })

    const k = kec
      ? placeOf(kecById, kec.id, () => kecamatan.push({ row: n, id: kec.id }) - 1)
      : placeOf(kecByName, key, () => kecamatan.push({ row: n, id: null }) - 1)
    let d: number
    if (old) d = placeOf(desaById, old.id, () => desa.push({ row: n, id: old.id, kecamatan: k }) - 1)
    else {
      let inKec = desaByName.get(k)
      if (!inKec) desaByName.set(k, (inKec = new Map()))
      d = placeOf(inKec, dk, () => desa.push({ row: n, id: null, kecamatan: k }) - 1)
    }
    kecNames.add(key)
    desaNames.add(`${key}\u0000${dk}`)
    let a: RowPlace['added']
    if (!kec) {
      a = added.get(key) ?? { name: r.kecamatan, tps: 0, line: r.line }
      added.set(key, a)
    }
    return {
      texts: [out.text(r.kodeKecamatan), out.text(r.kecamatan), out.text(r.kodeDesa), out.text(r.desa)],
      d,
      tpsHere: old ? before.get(old.id) : undefined,
      added: a,
    }
  }

  let n = 0
  // The rows of one desa follow each other: a row naming its kecamatan and desa as the row before did
  // (the same four texts) goes where that row went, without matching them again.
  let last: { r: ParsedTps; at: RowPlace } | undefined
  for (const r of parsed.tps) {
    const same = samePlaceTexts(r, last?.r)
    const at = same ? last!.at : placeRow(r, n)
    if (!at) continue
    if (!same) last = { r, at }
    c.kodeKecamatan[n] = at.texts[0]
    c.kecamatan[n] = at.texts[1]
    c.kodeDesa[n] = at.texts[2]
    c.desa[n] = at.texts[3]
    c.line[n] = r.line
    c.nomor[n] = r.nomor
    c.dpt[n] = r.dpt
    c.desaOf[n] = at.d
    n++
    dpt += r.dpt
    if (at.added) at.added.tps++

    // A TPS of a desa the current data has, by its number: changed, unchanged or (when none) added.
    const was = at.tpsHere?.get(r.nomor)
    if (!was) change('added', r, null, r.dpt)
    else {
      named.add(was)
      if (was.dpt !== r.dpt) {
        tpsChanges.push({ tps: was, dptAfter: r.dpt })
        change('changed', r, was.dpt, r.dpt)
      } else unchanged++
    }
  }
  for (const t of current) {
    if (named.has(t)) continue
    tpsChanges.push({ tps: t, dptAfter: null })
    change('removed', t, t.dpt, null)
  }

  // Without codes a renamed kecamatan reads as one removed and one added: offer the pair, never guess.
  const kept = new Set(kecamatan.flatMap((k) => (k.id === null ? [] : [k.id])))
  const gone = kecamatanList(ctx.db).filter((k) => !kept.has(k.id) && k.tps > 0)
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
    .update(fileHash)
    .update(JSON.stringify(gantiNama))
    .update(state.digest())
    .digest('hex')
  return {
    format: table.format,
    columns: parsed.columns,
    errors,
    warnings,
    rows: out.first(n),
    totals: { kecamatan: kecNames.size, desa: desaNames.size, tps: n, dpt },
    kecamatan,
    desa,
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
  // Copies: the plan itself is kept for the apply, and must not change with what a caller does to these.
  return {
    ok: p.errors.length === 0 && p.totals.tps > 0,
    errors: structuredClone(p.errors),
    warnings: structuredClone(p.warnings),
    format: p.format,
    columns: { ...p.columns },
    totals: { ...p.totals },
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
  if (p.totals.tps === 0) throw refused(`Berkas ${fileName} tidak berisi TPS; tidak ada yang disimpan`)
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
    const c = p.rows
    const norm = memoized(normalizeName)
    // Each place is written once, at the row that first names it, in the file's order: a kecamatan just
    // before its first desa, as a row-by-row walk would (the first refusal is the first row refused).
    const kecIds = new Map<number, number>()
    const kecamatanId = (k: number): number => {
      const known = kecIds.get(k)
      if (known !== undefined) return known
      const { row, id } = p.kecamatan[k]!
      const r = fileRow(c, row)
      const key = norm(r.kecamatan)
      const written = atRow(r, 'kecamatan', r.kecamatan, () => {
        if (id === null) return insertKecamatan(db, r.kodeKecamatan, r.kecamatan.trim(), key)
        updateKecamatan(db, id, r.kodeKecamatan, r.kecamatan.trim(), key)
        return id
      })
      kecIds.set(k, written)
      return written
    }
    const desaIds = p.desa.map(({ row, id, kecamatan }) => {
      const kecId = kecamatanId(kecamatan)
      const r = fileRow(c, row)
      return atRow(r, 'desa/kelurahan', r.desa, () => {
        if (id === null) return insertDesa(db, kecId, r.kodeDesa, r.desa.trim(), norm(r.desa))
        updateDesa(db, id, r.kodeDesa, r.desa.trim(), norm(r.desa))
        return id
      })
    })
    upsertTps(db, { desaIds, desaOf: c.desaOf, nomor: c.nomor, dpt: c.dpt })
    removeMissing(ctx, keptTps(desaIds, c), new Set(desaIds), new Set(kecIds.values()))
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

/** The TPS the file names, by desa id and number, and how many. */
function keptTps(desaIds: readonly number[], c: PlanRows) {
  const byDesa = new Map<number, Set<number>>()
  let size = 0
  for (let i = 0; i < c.desaOf.length; i++) {
    const desaId = desaIds[c.desaOf[i]!]!
    let nomor = byDesa.get(desaId)
    if (!nomor) byDesa.set(desaId, (nomor = new Set()))
    if (nomor.has(c.nomor[i]!)) continue
    nomor.add(c.nomor[i]!)
    size++
  }
  return { size, has: (desaId: number, nomor: number) => byDesa.get(desaId)?.has(nomor) === true }
}

/**
 * Writes one row's kecamatan or desa; a database refusal (a kode or name another place already has) becomes
 * a message naming the file's row, in the transaction that then writes nothing.
 */
function atRow<T>(r: ParsedTps, what: string, name: string, write: () => T): T {
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
function removeMissing(
  ctx: ServiceContext,
  keepTps: { size: number; has: (desaId: number, nomor: number) => boolean },
  keepDesa: Set<number>,
  keepKec: Set<number>,
): void {
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
    if (keepTps.has(t.desaId, t.nomor)) continue
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
