import { createHash } from 'node:crypto'
import { AppError, refused, type Issue } from '../core/errors'
import { memoized, normalizeName } from '../core/text'
import { parseWilayahTable, type ParsedTps } from '../core/wilayahImport'
import { writeTx, type Actor, type ServiceContext } from './context'
import { mapNewKecamatanToDefaultDapil } from './dapil'
import { requireElection } from './pemilihan'
import { readTable } from './tableFile'

export function lihatRingkasan(ctx: ServiceContext) {
  const max = getMaxVoters(ctx)
  return ctx.db
    .prepare(
      `SELECT (SELECT count(*) FROM kecamatan) AS kecamatan, (SELECT count(*) FROM desa) AS desa,
              (SELECT count(*) FROM tps) AS tps, (SELECT coalesce(sum(dpt), 0) FROM tps) AS dpt,
              (SELECT count(*) FROM tps WHERE dpt > ?) AS tpsOverMax`,
    )
    .get(max) as { kecamatan: number; desa: number; tps: number; dpt: number; tpsOverMax: number }
}

function getMaxVoters(ctx: ServiceContext): number {
  const r = ctx.db.prepare('SELECT max_voters_per_tps AS m FROM election WHERE id = 1').get() as
    { m: number } | undefined
  return r?.m ?? Number.MAX_SAFE_INTEGER
}

export function daftarKecamatan(ctx: ServiceContext) {
  return ctx.db
    .prepare(
      `SELECT k.id, k.kode, k.nama,
              (SELECT count(*) FROM desa d WHERE d.kecamatan_id = k.id) AS desa,
              count(t.id) AS tps, coalesce(sum(t.dpt), 0) AS dpt
       FROM kecamatan k LEFT JOIN desa d ON d.kecamatan_id = k.id LEFT JOIN tps t ON t.desa_id = d.id
       GROUP BY k.id ORDER BY coalesce(k.kode, ''), k.nama_key`,
    )
    .all() as { id: number; kode: string | null; nama: string; desa: number; tps: number; dpt: number }[]
}

/** Desa/kelurahan with their TPS and DPT, summed in SQL: lists and pickers need no TPS rows for this. */
export function daftarDesa(ctx: ServiceContext, kecamatanId?: number) {
  return ctx.db
    .prepare(
      `SELECT d.id, d.kecamatan_id AS kecamatanId, d.kode, d.nama, count(t.id) AS tps, coalesce(sum(t.dpt), 0) AS dpt
       FROM desa d JOIN kecamatan k ON k.id = d.kecamatan_id LEFT JOIN tps t ON t.desa_id = d.id
       WHERE @kecamatanId IS NULL OR d.kecamatan_id = @kecamatanId
       GROUP BY d.id ORDER BY coalesce(k.kode, ''), k.nama_key, coalesce(d.kode, ''), d.nama_key`,
    )
    .all({ kecamatanId: kecamatanId ?? null }) as {
    id: number
    kecamatanId: number
    kode: string | null
    nama: string
    tps: number
    dpt: number
  }[]
}

export interface TpsRow {
  id: number
  kecamatanId: number
  kecamatan: string
  desaId: number
  desa: string
  kodeDesa: string | null
  nomor: number
  dpt: number
}

/** All TPS in the order the warehouse stacks them: kecamatan, desa, TPS number. */
export function daftarTps(ctx: ServiceContext): TpsRow[] {
  return ctx.db
    .prepare(
      `SELECT t.id, k.id AS kecamatanId, k.nama AS kecamatan, d.id AS desaId, d.nama AS desa, d.kode AS kodeDesa, t.nomor, t.dpt
       FROM tps t JOIN desa d ON d.id = t.desa_id JOIN kecamatan k ON k.id = d.kecamatan_id
       ORDER BY coalesce(k.kode, ''), k.nama_key, coalesce(d.kode, ''), d.nama_key, t.nomor`,
    )
    .all() as TpsRow[]
}

type ChangeKind = 'added' | 'removed' | 'changed'
interface Change {
  kind: ChangeKind
  kecamatan: string
  desa: string
  nomor: number
  dptBefore: number | null
  dptAfter: number | null
}

interface Plan {
  format: string
  columns: Record<string, string>
  errors: Issue[]
  warnings: Issue[]
  rows: ParsedTps[]
  changes: Change[]
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

const masterVersion = (ctx: ServiceContext) =>
  (ctx.db.prepare(`SELECT version FROM data_version WHERE name = 'master'`).get() as { version: number } | undefined)
    ?.version

async function plan(ctx: ServiceContext, fileName: string, bytes: Uint8Array): Promise<Plan> {
  const version = masterVersion(ctx)
  const fileHash = createHash('sha256').update(bytes).digest('hex')
  const hit = planned.get(ctx.db)
  if (hit && version !== undefined && hit.version === version && hit.fileName === fileName && hit.fileHash === fileHash)
    return hit.plan
  const p = await makePlan(ctx, fileName, bytes)
  // Reading the file is asynchronous: keep the plan only if nothing changed meanwhile.
  if (version !== undefined && masterVersion(ctx) === version)
    planned.set(ctx.db, { version, fileName, fileHash, plan: p })
  return p
}

async function makePlan(ctx: ServiceContext, fileName: string, bytes: Uint8Array): Promise<Plan> {
  const election = requireElection(ctx)
  const table = await readTable(fileName, bytes)
  const parsed = parseWilayahTable(table.rows, { maxVotersPerTps: election.maxVotersPerTps })
  const current = daftarTps(ctx)
  const norm = memoized(normalizeName)
  const tpsKey = (kec: string, desa: string, nomor: number) => `${norm(kec)}\u0000${norm(desa)}\u0000${nomor}`
  const before = new Map(current.map((t) => [tpsKey(t.kecamatan, t.desa, t.nomor), t]))
  const changes: Change[] = []
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
    else if (old.dpt !== r.dpt)
      changes.push({
        kind: 'changed',
        kecamatan: r.kecamatan,
        desa: r.desa,
        nomor: r.nomor,
        dptBefore: old.dpt,
        dptAfter: r.dpt,
      })
    else unchanged++
  }
  for (const [key, t] of before) {
    if (!seen.has(key))
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
    unchanged,
    fingerprint,
  }
}

const SAMPLE_LIMIT = 500

export async function pratinjauImpor(ctx: ServiceContext, fileName: string, bytes: Uint8Array) {
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
    fingerprint: p.fingerprint,
  }
}

/**
 * Writes a previewed file: the whole file or nothing. Kecamatan, desa and TPS keep their ids across
 * re-imports (they are matched by name and number), so ledger places that name them stay valid.
 */
export async function impor(ctx: ServiceContext, who: Actor, fileName: string, bytes: Uint8Array, fingerprint: string) {
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
  const db = ctx.db
  const result = writeTx(ctx, who, 'wilayah.impor', () => {
    const findKec = db.prepare('SELECT id FROM kecamatan WHERE nama_key = ?')
    const insertKec = db.prepare('INSERT INTO kecamatan (kode, nama, nama_key) VALUES (?, ?, ?)')
    const updateKec = db.prepare('UPDATE kecamatan SET kode = coalesce(?, kode), nama = ? WHERE id = ?')
    const findDesa = db.prepare('SELECT id FROM desa WHERE kecamatan_id = ? AND nama_key = ?')
    const insertDesa = db.prepare('INSERT INTO desa (kecamatan_id, kode, nama, nama_key) VALUES (?, ?, ?, ?)')
    const updateDesa = db.prepare('UPDATE desa SET kode = coalesce(?, kode), nama = ? WHERE id = ?')
    // Every TPS in one statement, in file order, from a JSON array of [desa_id, nomor, dpt]: 15,000
    // separate calls cost more than the inserts themselves. (WHERE true: an upsert after a SELECT needs one.)
    const upsertTps = db.prepare(
      `INSERT INTO tps (desa_id, nomor, dpt)
       SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?) WHERE true ORDER BY key
       ON CONFLICT (desa_id, nomor) DO UPDATE SET dpt = excluded.dpt`,
    )
    const tpsRows: [number, number, number][] = []
    const kecIds = new Map<string, number>()
    const desaIds = new Map<string, number>()
    const keepTps = new Set<string>()
    const norm = memoized(normalizeName)
    for (const r of p.rows) {
      const kk = norm(r.kecamatan)
      let kecId = kecIds.get(kk)
      if (kecId === undefined) {
        const found = findKec.get(kk) as { id: number } | undefined
        if (found) updateKec.run(r.kodeKecamatan, r.kecamatan.trim(), found.id)
        kecId = found?.id ?? Number(insertKec.run(r.kodeKecamatan, r.kecamatan.trim(), kk).lastInsertRowid)
        kecIds.set(kk, kecId)
      }
      const dn = norm(r.desa)
      const dk = `${kecId}\u0000${dn}`
      let desaId = desaIds.get(dk)
      if (desaId === undefined) {
        const found = findDesa.get(kecId, dn) as { id: number } | undefined
        if (found) updateDesa.run(r.kodeDesa, r.desa.trim(), found.id)
        desaId = found?.id ?? Number(insertDesa.run(kecId, r.kodeDesa, r.desa.trim(), dn).lastInsertRowid)
        desaIds.set(dk, desaId)
      }
      tpsRows.push([desaId, r.nomor, r.dpt])
      keepTps.add(`${desaId}:${r.nomor}`)
    }
    upsertTps.run(JSON.stringify(tpsRows))
    removeMissing(ctx, keepTps, new Set(desaIds.values()), new Set(kecIds.values()))
    mapNewKecamatanToDefaultDapil(ctx)
    const counts = {
      added: p.changes.filter((c) => c.kind === 'added').length,
      removed: p.changes.filter((c) => c.kind === 'removed').length,
      changed: p.changes.filter((c) => c.kind === 'changed').length,
      unchanged: p.unchanged,
    }
    return { result: counts, detail: { fileName, format: p.format, ...counts, changes: p.changes.slice(0, 2000) } }
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
  const count = (db.prepare('SELECT count(*) AS n FROM tps').get() as { n: number }).n
  const all =
    count === keepTps.size
      ? []
      : (db.prepare('SELECT id, desa_id AS desaId, nomor FROM tps').all() as {
          id: number
          desaId: number
          nomor: number
        }[])
  // Every packing and handover place the ledger ever named, read in one pass over the ledger the first
  // time something is to be removed (the places are not indexed; one pass per TPS would read a
  // million-row ledger once for each).
  let usedPlaces: Set<string> | undefined
  const used = (place: string): boolean => {
    usedPlaces ??= new Set(
      db
        .prepare(
          `SELECT from_place FROM ledger WHERE from_place LIKE 'DIKEMAS:%' OR from_place LIKE 'DIKIRIM:%'
           UNION SELECT to_place FROM ledger WHERE to_place LIKE 'DIKEMAS:%' OR to_place LIKE 'DIKIRIM:%'`,
        )
        .pluck()
        .all() as string[],
    )
    return usedPlaces.has(place)
  }
  const deleteTps = db.prepare('DELETE FROM tps WHERE id = ?')
  const blocked: Issue[] = []
  for (const t of all) {
    if (keepTps.has(`${t.desaId}:${t.nomor}`)) continue
    if (used(`DIKEMAS:${t.id}`)) {
      blocked.push({
        message: `TPS ${t.nomor} (id ${t.id}) sudah memiliki catatan pengemasan dan tidak dapat dihapus lewat impor`,
      })
      continue
    }
    deleteTps.run(t.id)
  }
  if (blocked.length) throw refused('Impor akan menghapus TPS yang sudah dikemas; tidak ada yang disimpan', blocked)
  const tpsIn = db.prepare('SELECT 1 FROM tps WHERE desa_id = ?')
  const deleteDesa = db.prepare('DELETE FROM desa WHERE id = ?')
  for (const d of db.prepare('SELECT id FROM desa').all() as { id: number }[]) {
    if (!keepDesa.has(d.id) && !tpsIn.get(d.id)) deleteDesa.run(d.id)
  }
  const desaIn = db.prepare('SELECT 1 FROM desa WHERE kecamatan_id = ?')
  const deleteMapping = db.prepare('DELETE FROM dapil_kecamatan WHERE kecamatan_id = ?')
  const deleteKec = db.prepare('DELETE FROM kecamatan WHERE id = ?')
  for (const k of db.prepare('SELECT id FROM kecamatan').all() as { id: number }[]) {
    if (keepKec.has(k.id)) continue
    if (used(`DIKIRIM:${k.id}`))
      throw refused(`Kecamatan id ${k.id} sudah menerima serah terima dan tidak dapat dihapus lewat impor`)
    if (!desaIn.get(k.id)) {
      deleteMapping.run(k.id)
      deleteKec.run(k.id)
    }
  }
}
