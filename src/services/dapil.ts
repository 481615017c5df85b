import { AppError, refused, type Issue } from '../core/errors'
import { ballotCodeFromText } from '../core/presets'
import { lookKey, nameIndex, sameNameMessage } from '../core/names'
import { normalizeName } from '../core/text'
import { parseDapilTable } from '../core/wilayahImport'
import { writeTx, type Actor, type ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { readTable } from './tableFile'

export interface DapilOfBallot {
  itemId: number
  itemCode: string
  itemName: string
  dapil: { id: number; name: string; kecamatanIds: number[]; inUse: boolean }[]
}

export function daftar(ctx: ServiceContext): DapilOfBallot[] {
  const items = ctx.db
    .prepare(`SELECT id, code, name FROM item WHERE kind = 'ballot' ORDER BY sort_order, id`)
    .all() as { id: number; code: string; name: string }[]
  const dapil = ctx.db
    .prepare(
      `SELECT d.id, d.item_id AS itemId, d.name,
              EXISTS (SELECT 1 FROM item_variant v JOIN balance b ON b.variant_id = v.id WHERE v.dapil_id = d.id) AS inUse
       FROM dapil d ORDER BY d.item_id, d.name_key`,
    )
    .all() as { id: number; itemId: number; name: string; inUse: number }[]
  const members = ctx.db
    .prepare('SELECT dapil_id AS dapilId, kecamatan_id AS kecamatanId FROM dapil_kecamatan ORDER BY kecamatan_id')
    .all() as {
    dapilId: number
    kecamatanId: number
  }[]
  const byDapil = new Map<number, number[]>()
  for (const m of members) byDapil.set(m.dapilId, [...(byDapil.get(m.dapilId) ?? []), m.kecamatanId])
  return items.map((i) => ({
    itemId: i.id,
    itemCode: i.code,
    itemName: i.name,
    dapil: dapil
      .filter((d) => d.itemId === i.id)
      .map((d) => ({ id: d.id, name: d.name, kecamatanIds: byDapil.get(d.id) ?? [], inUse: d.inUse === 1 })),
  }))
}

/** New kecamatan join the first dapil of every ballot type until the satker maps them. Runs inside the caller's transaction. */
export function mapNewKecamatanToDefaultDapil(ctx: ServiceContext): void {
  ctx.db
    .prepare(
      `INSERT INTO dapil_kecamatan (item_id, kecamatan_id, dapil_id)
       SELECT i.id, k.id, (SELECT min(d.id) FROM dapil d WHERE d.item_id = i.id)
       FROM item i CROSS JOIN kecamatan k
       WHERE i.kind = 'ballot' AND NOT EXISTS (SELECT 1 FROM dapil_kecamatan x WHERE x.item_id = i.id AND x.kecamatan_id = k.id)`,
    )
    .run()
}

interface MappingEntry {
  kecamatanId: number
  dapil: string
}

/** Applies a mapping inside the caller's transaction: creates dapil (and their variants) by name, drops emptied unused ones. */
function applyMapping(ctx: ServiceContext, itemId: number, mapping: readonly MappingEntry[]): void {
  const db = ctx.db
  const findDapil = db.prepare('SELECT id FROM dapil WHERE item_id = ? AND name_key = ?')
  const insertDapil = db.prepare('INSERT INTO dapil (item_id, name, name_key) VALUES (?, ?, ?)')
  const insertVariant = db.prepare('INSERT INTO item_variant (item_id, dapil_id) VALUES (?, ?)')
  const upsert = db.prepare(
    `INSERT INTO dapil_kecamatan (item_id, kecamatan_id, dapil_id) VALUES (?, ?, ?)
     ON CONFLICT (item_id, kecamatan_id) DO UPDATE SET dapil_id = excluded.dapil_id`,
  )
  for (const m of mapping) {
    const name = m.dapil.trim().replace(/\s+/g, ' ')
    const key = normalizeName(name)
    let row = findDapil.get(itemId, key) as { id: number } | undefined
    if (!row) {
      const id = Number(insertDapil.run(itemId, name, key).lastInsertRowid)
      insertVariant.run(itemId, id)
      row = { id }
    }
    upsert.run(itemId, m.kecamatanId, row.id)
  }
  // A dapil left without kecamatan disappears unless the ledger already counts sheets of it.
  const empty = db
    .prepare(
      `SELECT d.id FROM dapil d WHERE d.item_id = ?
       AND NOT EXISTS (SELECT 1 FROM dapil_kecamatan x WHERE x.dapil_id = d.id)
       AND NOT EXISTS (SELECT 1 FROM item_variant v JOIN ledger l ON l.variant_id = v.id WHERE v.dapil_id = d.id)`,
    )
    .all(itemId) as { id: number }[]
  for (const d of empty) {
    db.prepare('DELETE FROM item_variant WHERE dapil_id = ?').run(d.id)
    db.prepare('DELETE FROM dapil WHERE id = ?').run(d.id)
  }
}

/**
 * A dapil name that only looks like an existing dapil of the same ballot type ("BATU BARA I" beside
 * "BATU BARA 1") would be a second dapil printing the same on labels and berita acara.
 */
function dapilNameIssues(
  ctx: ServiceContext,
  itemId: number,
  names: readonly { dapil: string; row: number }[],
  column: string,
): Issue[] {
  const existing = ctx.db.prepare('SELECT name FROM dapil WHERE item_id = ?').pluck().all(itemId) as string[]
  const index = nameIndex([...existing, ...names.map((n) => n.dapil)])
  return names.flatMap(({ dapil, row }) => {
    const twin = index.lookAlike(dapil)
    return twin === undefined ? [] : [{ row, column, message: sameNameMessage('Nama dapil', dapil, twin) }]
  })
}

function checkKecamatan(ctx: ServiceContext, mapping: readonly MappingEntry[]): void {
  const known = new Set((ctx.db.prepare('SELECT id FROM kecamatan').all() as { id: number }[]).map((r) => r.id))
  const issues: Issue[] = []
  const seen = new Set<number>()
  mapping.forEach((m, i) => {
    if (!known.has(m.kecamatanId))
      issues.push({ row: i + 1, column: 'kecamatanId', message: `Kecamatan dengan id ${m.kecamatanId} tidak ada` })
    if (seen.has(m.kecamatanId))
      issues.push({ row: i + 1, column: 'kecamatanId', message: 'Kecamatan yang sama disebut dua kali' })
    seen.add(m.kecamatanId)
  })
  if (issues.length) throw refused('Pemetaan dapil ditolak; tidak ada yang diubah', issues)
}

/**
 * A kecamatan's dapil cannot change under packed or delivered kits: the sheets in them are of the old
 * dapil, and the packing guard would no longer see them as wrong (DOMAIN.md §9, tertukar).
 */
function checkNotPacked(ctx: ServiceContext, itemId: number, mapping: readonly MappingEntry[]): void {
  const current = new Map(
    (
      ctx.db.prepare('SELECT kecamatan_id AS k, dapil_id AS d FROM dapil_kecamatan WHERE item_id = ?').all(itemId) as {
        k: number
        d: number
      }[]
    ).map((r) => [r.k, r.d]),
  )
  const dapilName = ctx.db.prepare('SELECT name FROM dapil WHERE id = ?')
  const packed = ctx.db.prepare(
    `SELECT count(DISTINCT b.place) AS n FROM balance b JOIN item_variant v ON v.id = b.variant_id
     WHERE v.item_id = @item AND b.qty > 0 AND (
       b.place IN (SELECT 'DIKEMAS:' || t.id FROM tps t JOIN desa d ON d.id = t.desa_id WHERE d.kecamatan_id = @kec)
       OR b.place = 'DIKIRIM:' || @kec)`,
  )
  const issues: Issue[] = []
  mapping.forEach((m, i) => {
    const before = current.get(m.kecamatanId)
    if (before === undefined) return
    const name = (dapilName.get(before) as { name: string }).name
    if (normalizeName(name) === normalizeName(m.dapil)) return
    const n = (packed.get({ item: itemId, kec: m.kecamatanId }) as { n: number }).n
    if (n > 0) {
      const kec = (ctx.db.prepare('SELECT nama FROM kecamatan WHERE id = ?').get(m.kecamatanId) as { nama: string })
        .nama
      issues.push({
        row: i + 1,
        column: 'dapil',
        message: `Kecamatan ${kec} sudah memiliki kit berisi surat suara Dapil ${name}; keluarkan dulu dari kit (koreksi) sebelum mengubah dapilnya`,
      })
    }
  })
  if (issues.length)
    throw refused('Pemetaan dapil ditolak: kit yang sudah dikemas memakai dapil lama; tidak ada yang diubah', issues)
}

export function aturPemetaan(
  ctx: ServiceContext,
  who: Actor,
  itemId: number,
  mapping: readonly MappingEntry[],
): DapilOfBallot[] {
  requireElection(ctx)
  const item = ctx.db.prepare('SELECT code, kind FROM item WHERE id = ?').get(itemId) as
    { code: string; kind: string } | undefined
  if (!item) throw new AppError('NOT_FOUND', `Jenis surat suara dengan id ${itemId} tidak ditemukan`)
  if (item.kind !== 'ballot') throw refused(`${item.code} bukan surat suara; dapil hanya berlaku untuk surat suara`)
  checkKecamatan(ctx, mapping)
  const names = dapilNameIssues(
    ctx,
    itemId,
    mapping.map((m, i) => ({ dapil: m.dapil, row: i + 1 })),
    'dapil',
  )
  if (names.length) throw refused('Pemetaan dapil ditolak; tidak ada yang diubah', names)
  checkNotPacked(ctx, itemId, mapping)
  writeTx(ctx, who, 'dapil.aturPemetaan', () => {
    applyMapping(ctx, itemId, mapping)
    return { result: null, detail: { item: item.code, mapping } }
  })
  return daftar(ctx)
}

/** Imports a kecamatan -> dapil file for any number of ballot types, all in one transaction. */
export async function impor(
  ctx: ServiceContext,
  who: Actor,
  fileName: string,
  bytes: Uint8Array,
): Promise<{ updated: number }> {
  requireElection(ctx)
  const table = await readTable(fileName, bytes)
  const parsed = parseDapilTable(table.rows)
  const issues: Issue[] = [...parsed.errors]
  const items = ctx.db.prepare(`SELECT id, code FROM item WHERE kind = 'ballot'`).all() as {
    id: number
    code: string
  }[]
  const kecamatan = new Map(
    (
      ctx.db.prepare('SELECT id, nama_key AS key, kode FROM kecamatan').all() as {
        id: number
        key: string
        kode: string | null
      }[]
    ).flatMap((k) => (k.kode ? [[k.key, k.id] as const, [k.kode, k.id] as const] : [[k.key, k.id] as const])),
  )
  // A kecamatan written with a look-alike character (0 for O) is still that kecamatan: it is only looked up.
  const kecamatanByLook = new Map(
    (ctx.db.prepare('SELECT id, nama FROM kecamatan').all() as { id: number; nama: string }[]).map(
      (k) => [lookKey(k.nama), k.id] as const,
    ),
  )
  const byItem = new Map<number, MappingEntry[]>()
  const rows = new Map<number, { dapil: string; row: number }[]>()
  for (const e of parsed.entries) {
    const code = ballotCodeFromText(e.ballot)
    const item = items.find((i) => i.code === code || i.code === e.ballot.trim().toUpperCase())
    if (!item) {
      issues.push({
        row: e.line,
        column: 'surat_suara',
        message: `Jenis surat suara "${e.ballot}" tidak ada dalam pemilihan ini (tersedia: ${items.map((i) => i.code).join(', ')})`,
      })
      continue
    }
    const kecId =
      kecamatan.get(normalizeName(e.kecamatan)) ??
      kecamatan.get(e.kecamatan.trim()) ??
      kecamatanByLook.get(lookKey(e.kecamatan))
    if (kecId === undefined) {
      issues.push({
        row: e.line,
        column: 'kecamatan',
        message: `Kecamatan "${e.kecamatan}" tidak ada dalam data wilayah; impor TPS dulu`,
      })
      continue
    }
    byItem.set(item.id, [...(byItem.get(item.id) ?? []), { kecamatanId: kecId, dapil: e.dapil }])
    rows.set(item.id, [...(rows.get(item.id) ?? []), { dapil: e.dapil, row: e.line }])
  }
  for (const [itemId, names] of rows)
    issues.push(...dapilNameIssues(ctx, itemId, names, parsed.columns.dapil ?? 'dapil'))
  if (issues.length) throw refused(`Berkas dapil ${fileName} ditolak; tidak ada yang diubah`, issues)
  if (byItem.size === 0) throw refused(`Berkas dapil ${fileName} tidak berisi baris pemetaan`)
  for (const [itemId, mapping] of byItem) checkNotPacked(ctx, itemId, mapping)
  return writeTx(ctx, who, 'dapil.impor', () => {
    let updated = 0
    for (const [itemId, mapping] of byItem) {
      applyMapping(ctx, itemId, mapping)
      updated += mapping.length
    }
    return { result: { updated }, detail: { fileName, updated } }
  })
}
