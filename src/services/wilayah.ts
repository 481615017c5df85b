import { createHash } from 'node:crypto'
import { AppError, refused, type Issue } from '../core/errors'
import { normalizeName } from '../core/text'
import { parseWilayahTable, type ParsedTps } from '../core/wilayahImport'
import { writeTx, type Actor, type ServiceContext } from './context'
import { mapNewKecamatanToDefaultDapil } from './dapil'
import { requireElection } from './election'
import { readTable } from './tableFile'

export function wilayahSummary(ctx: ServiceContext) {
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
  const r = ctx.db.prepare('SELECT max_voters_per_tps AS m FROM election WHERE id = 1').get() as { m: number } | undefined
  return r?.m ?? Number.MAX_SAFE_INTEGER
}

export function listKecamatan(ctx: ServiceContext) {
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
export function listTps(ctx: ServiceContext): TpsRow[] {
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

const tpsKey = (kec: string, desa: string, nomor: number) => `${normalizeName(kec)}\u0000${normalizeName(desa)}\u0000${nomor}`

async function plan(ctx: ServiceContext, fileName: string, bytes: Uint8Array): Promise<Plan> {
  const election = requireElection(ctx)
  const table = await readTable(fileName, bytes)
  const parsed = parseWilayahTable(table.rows, { maxVotersPerTps: election.maxVotersPerTps })
  const current = listTps(ctx)
  const before = new Map(current.map((t) => [tpsKey(t.kecamatan, t.desa, t.nomor), t]))
  const changes: Change[] = []
  let unchanged = 0
  const seen = new Set<string>()
  for (const r of parsed.tps) {
    const key = tpsKey(r.kecamatan, r.desa, r.nomor)
    seen.add(key)
    const old = before.get(key)
    if (!old) changes.push({ kind: 'added', kecamatan: r.kecamatan, desa: r.desa, nomor: r.nomor, dptBefore: null, dptAfter: r.dpt })
    else if (old.dpt !== r.dpt) changes.push({ kind: 'changed', kecamatan: r.kecamatan, desa: r.desa, nomor: r.nomor, dptBefore: old.dpt, dptAfter: r.dpt })
    else unchanged++
  }
  for (const [key, t] of before) {
    if (!seen.has(key)) changes.push({ kind: 'removed', kecamatan: t.kecamatan, desa: t.desa, nomor: t.nomor, dptBefore: t.dpt, dptAfter: null })
  }
  // The fingerprint binds a preview to this file AND to the data it was compared against.
  const state = createHash('sha256')
  for (const t of current) state.update(`${t.id}|${t.kecamatan}|${t.desa}|${t.nomor}|${t.dpt}\n`)
  const fingerprint = createHash('sha256').update(bytes).update(state.digest()).digest('hex')
  return { format: table.format, columns: parsed.columns, errors: parsed.errors, warnings: parsed.warnings, rows: parsed.tps, changes, unchanged, fingerprint }
}

const SAMPLE_LIMIT = 500

export async function previewImport(ctx: ServiceContext, fileName: string, bytes: Uint8Array) {
  const p = await plan(ctx, fileName, bytes)
  const count = (k: ChangeKind) => p.changes.filter((c) => c.kind === k).length
  return {
    ok: p.errors.length === 0 && p.rows.length > 0,
    errors: p.errors,
    warnings: p.warnings,
    format: p.format,
    columns: p.columns,
    totals: {
      kecamatan: new Set(p.rows.map((r) => normalizeName(r.kecamatan))).size,
      desa: new Set(p.rows.map((r) => `${normalizeName(r.kecamatan)}\u0000${normalizeName(r.desa)}`)).size,
      tps: p.rows.length,
      dpt: p.rows.reduce((s, r) => s + r.dpt, 0),
    },
    changes: { added: count('added'), removed: count('removed'), changed: count('changed'), unchanged: p.unchanged, sample: p.changes.slice(0, SAMPLE_LIMIT) },
    fingerprint: p.fingerprint,
  }
}

/**
 * Writes a previewed file: the whole file or nothing. Kecamatan, desa and TPS keep their ids across
 * re-imports (they are matched by name and number), so ledger places that name them stay valid.
 */
export async function applyImport(ctx: ServiceContext, who: Actor, fileName: string, bytes: Uint8Array, fingerprint: string) {
  const p = await plan(ctx, fileName, bytes)
  if (p.errors.length) throw refused(`Berkas ${fileName} berisi ${p.errors.length} galat; tidak ada yang disimpan`, p.errors)
  if (p.rows.length === 0) throw refused(`Berkas ${fileName} tidak berisi TPS; tidak ada yang disimpan`)
  if (p.fingerprint !== fingerprint) {
    throw new AppError('CONFLICT', 'Berkas atau data wilayah berubah sejak pratinjau dibuat; buat pratinjau lagi sebelum menyimpan')
  }
  const db = ctx.db
  return writeTx(ctx, who, 'wilayah.import', () => {
    const findKec = db.prepare('SELECT id FROM kecamatan WHERE nama_key = ?')
    const insertKec = db.prepare('INSERT INTO kecamatan (kode, nama, nama_key) VALUES (?, ?, ?)')
    const updateKec = db.prepare('UPDATE kecamatan SET kode = coalesce(?, kode), nama = ? WHERE id = ?')
    const findDesa = db.prepare('SELECT id FROM desa WHERE kecamatan_id = ? AND nama_key = ?')
    const insertDesa = db.prepare('INSERT INTO desa (kecamatan_id, kode, nama, nama_key) VALUES (?, ?, ?, ?)')
    const updateDesa = db.prepare('UPDATE desa SET kode = coalesce(?, kode), nama = ? WHERE id = ?')
    const upsertTps = db.prepare(
      `INSERT INTO tps (desa_id, nomor, dpt) VALUES (?, ?, ?) ON CONFLICT (desa_id, nomor) DO UPDATE SET dpt = excluded.dpt`,
    )
    const kecIds = new Map<string, number>()
    const desaIds = new Map<string, number>()
    const keepTps = new Set<string>()
    for (const r of p.rows) {
      const kk = normalizeName(r.kecamatan)
      let kecId = kecIds.get(kk)
      if (kecId === undefined) {
        const found = findKec.get(kk) as { id: number } | undefined
        if (found) updateKec.run(r.kodeKecamatan, r.kecamatan.trim(), found.id)
        kecId = found?.id ?? Number(insertKec.run(r.kodeKecamatan, r.kecamatan.trim(), kk).lastInsertRowid)
        kecIds.set(kk, kecId)
      }
      const dk = `${kecId}\u0000${normalizeName(r.desa)}`
      let desaId = desaIds.get(dk)
      if (desaId === undefined) {
        const found = findDesa.get(kecId, normalizeName(r.desa)) as { id: number } | undefined
        if (found) updateDesa.run(r.kodeDesa, r.desa.trim(), found.id)
        desaId = found?.id ?? Number(insertDesa.run(kecId, r.kodeDesa, r.desa.trim(), normalizeName(r.desa)).lastInsertRowid)
        desaIds.set(dk, desaId)
      }
      upsertTps.run(desaId, r.nomor, r.dpt)
      keepTps.add(`${desaId}:${r.nomor}`)
    }
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
}

/** Drops TPS, desa and kecamatan the new file no longer has, unless the ledger already holds stock for them. */
function removeMissing(ctx: ServiceContext, keepTps: Set<string>, keepDesa: Set<number>, keepKec: Set<number>): void {
  const db = ctx.db
  const all = db.prepare('SELECT id, desa_id AS desaId, nomor FROM tps').all() as { id: number; desaId: number; nomor: number }[]
  const used = db.prepare(`SELECT 1 FROM ledger WHERE from_place = ? OR to_place = ? LIMIT 1`)
  const blocked: Issue[] = []
  for (const t of all) {
    if (keepTps.has(`${t.desaId}:${t.nomor}`)) continue
    const place = `DIKEMAS:${t.id}`
    if (used.get(place, place)) {
      blocked.push({ message: `TPS ${t.nomor} (id ${t.id}) sudah memiliki catatan pengemasan dan tidak dapat dihapus lewat impor` })
      continue
    }
    db.prepare('DELETE FROM tps WHERE id = ?').run(t.id)
  }
  if (blocked.length) throw refused('Impor akan menghapus TPS yang sudah dikemas; tidak ada yang disimpan', blocked)
  for (const d of db.prepare('SELECT id FROM desa').all() as { id: number }[]) {
    if (!keepDesa.has(d.id) && !db.prepare('SELECT 1 FROM tps WHERE desa_id = ?').get(d.id)) db.prepare('DELETE FROM desa WHERE id = ?').run(d.id)
  }
  for (const k of db.prepare('SELECT id FROM kecamatan').all() as { id: number }[]) {
    if (keepKec.has(k.id)) continue
    const place = `DIKIRIM:${k.id}`
    if (used.get(place, place)) throw refused(`Kecamatan id ${k.id} sudah menerima serah terima dan tidak dapat dihapus lewat impor`)
    if (!db.prepare('SELECT 1 FROM desa WHERE kecamatan_id = ?').get(k.id)) {
      db.prepare('DELETE FROM dapil_kecamatan WHERE kecamatan_id = ?').run(k.id)
      db.prepare('DELETE FROM kecamatan WHERE id = ?').run(k.id)
    }
  }
}
