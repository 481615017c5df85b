import { AppError, refused, type Issue } from '../core/errors'
import { dikirimPlace } from '../core/places'
import { BELUM_DIPETAKAN, ballotCodeFromText, dapilNeedsMapping } from '../core/presets'
import { closestNames, lookKey, nameIndex, sameNameMessage } from '../core/names'
import { normalizeName } from '../core/text'
import { parseDapilTable } from '../core/wilayahImport'
import type { DapilOfBallot } from '../api/contract/dapil'
import { ballotBarang, barangById, insertVariant } from '../db/barang'
import {
  dapilById,
  dapilIdByKey,
  dapilList,
  dapilMembers,
  dapilName,
  dapilNamesOf,
  deleteDapil,
  emptyUnusedDapil,
  insertDapil,
  kecamatanDapil,
  handoversHoldingBallot,
  packedKitsHoldingBallot,
  firstDapil,
  kecamatanWithoutDapil,
  placeholderDapil,
  setDapilPsu,
  setKecamatanDapil,
} from '../db/dapil'
import { kecamatanIds, kecamatanKeys, kecamatanNama } from '../db/wilayah'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { readUpload, type Upload } from './tableFile'

export function daftar(ctx: ReadContext): DapilOfBallot[] {
  const items = ballotBarang(ctx.db)
  const dapil = dapilList(ctx.db)
  const byDapil = new Map<number, number[]>()
  for (const m of dapilMembers(ctx.db)) byDapil.set(m.dapilId, [...(byDapil.get(m.dapilId) ?? []), m.kecamatanId])
  return items.map((i) => {
    const own = dapil.filter((d) => d.itemId === i.id)
    const real = own.filter((d) => !d.placeholder)
    const belumDipetakan = own.filter((d) => d.placeholder).flatMap((d) => byDapil.get(d.id) ?? [])
    return {
      itemId: i.id,
      itemCode: i.code,
      itemName: i.name,
      // Mapped once it has a dapil and no kecamatan waits for one: a new election's DPR has neither.
      dipetakan: real.length > 0 && belumDipetakan.length === 0,
      belumDipetakan,
      dapil: real.map((d) => ({
        id: d.id,
        name: d.name,
        kecamatanIds: byDapil.get(d.id) ?? [],
        inUse: d.inUse,
        psu: d.psu,
        psuSendiri: d.psuReserve,
      })),
    }
  })
}

/**
 * Kecamatan new to the data (a TPS import) join the one dapil of a single-dapil ballot type, and wait
 * "belum dipetakan" for a type the satker maps by file: never silently the first dapil of a DPRD.
 * Runs inside the caller's transaction.
 */
export function mapNewKecamatanToDefaultDapil(ctx: ServiceContext): void {
  const db = ctx.db
  for (const item of ballotBarang(db)) {
    const missing = kecamatanWithoutDapil(db, item.id)
    if (missing.length === 0) continue
    let dapilId = dapilNeedsMapping(item.code) ? placeholderDapil(db, item.id) : firstDapil(db, item.id)
    if (dapilId === undefined) {
      dapilId = insertDapil(db, item.id, BELUM_DIPETAKAN, normalizeName(BELUM_DIPETAKAN), true)
      insertVariant(db, item.id, dapilId)
    }
    for (const k of missing) setKecamatanDapil(db, item.id, k, dapilId)
  }
}

/**
 * A dapil's own PSU reserve (null: its ballot type's again). A dapil shared with a neighbouring satker
 * (DPR "Jawa Timur I") may have its 1.000 PSU sheets held in one satker only: the other sets 0.
 */
export function aturPsu(ctx: ServiceContext, who: Actor, dapilId: number, psu: number | null): DapilOfBallot[] {
  requireElection(ctx)
  const d = dapilById(ctx.db, dapilId)
  if (!d || d.placeholder) throw new AppError('NOT_FOUND', `Dapil dengan id ${dapilId} tidak ditemukan`)
  const item = barangById(ctx.db, d.itemId)!
  writeTx(ctx, who, 'dapil.aturPsu', () => {
    setDapilPsu(ctx.db, dapilId, psu)
    return { result: null, detail: { item: item.code, dapil: d.name, psu } }
  })
  return daftar(ctx)
}

interface MappingEntry {
  kecamatanId: number
  dapil: string
  /** The file's line, for a mapping read from a file; otherwise the entry's place in the list (from 1). */
  row?: number
}

/** Applies a mapping inside the caller's transaction: creates dapil (and their variants) by name, drops emptied unused ones. */
function applyMapping(ctx: ServiceContext, itemId: number, mapping: readonly MappingEntry[]): void {
  const db = ctx.db
  for (const m of mapping) {
    const name = m.dapil.trim().replace(/\s+/g, ' ')
    const key = normalizeName(name)
    let dapilId = dapilIdByKey(db, itemId, key)
    if (dapilId === undefined) {
      dapilId = insertDapil(db, itemId, name, key)
      insertVariant(db, itemId, dapilId)
    }
    setKecamatanDapil(db, itemId, m.kecamatanId, dapilId)
  }
  // A dapil left without kecamatan disappears unless the ledger already counts sheets of it.
  for (const id of emptyUnusedDapil(db, itemId)) deleteDapil(db, id)
}

/**
 * A dapil name that only looks like an existing dapil of the same ballot type ("BATU BARA I" beside
 * "BATU BARA 1") would be a second dapil printing the same on labels and berita acara.
 */
function dapilNameIssues(
  ctx: ReadContext,
  itemId: number,
  names: readonly { dapil: string; row: number }[],
  column: string,
): Issue[] {
  const index = nameIndex([...dapilNamesOf(ctx.db, itemId), ...names.map((n) => n.dapil)])
  const reserved = lookKey(BELUM_DIPETAKAN)
  return names.flatMap(({ dapil, row }) => {
    if (lookKey(dapil) === reserved)
      return [
        {
          row,
          column,
          message: `"${dapil}" bukan nama dapil: aplikasi memakainya untuk kecamatan yang belum dipetakan; tulis nama dapil yang sebenarnya`,
        },
      ]
    const twin = index.lookAlike(dapil)
    return twin === undefined ? [] : [{ row, column, message: sameNameMessage('Nama dapil', dapil, twin) }]
  })
}

function checkKecamatan(ctx: ReadContext, mapping: readonly MappingEntry[]): void {
  const known = new Set(kecamatanIds(ctx.db))
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
 * dapil, and the packing guard would no longer see them as wrong (DOMAIN.md §9, tertukar). Kits the PPK
 * holds are named by their BA serah terima: only a pengembalian brings those sheets back.
 */
function checkNotPacked(ctx: ReadContext, itemId: number, mapping: readonly MappingEntry[], column = 'dapil'): void {
  const current = kecamatanDapil(ctx.db, itemId)
  const issues: Issue[] = []
  let handedOver = false
  mapping.forEach((m, i) => {
    const before = current.get(m.kecamatanId)
    if (before === undefined) return
    const name = dapilName(ctx.db, before)
    if (normalizeName(name) === normalizeName(m.dapil)) return
    const kec = kecamatanNama(ctx.db, m.kecamatanId)
    const row = m.row ?? i + 1
    const handovers = handoversHoldingBallot(ctx.db, itemId, m.kecamatanId, dikirimPlace(m.kecamatanId))
    if (handovers.length > 0) {
      handedOver = true
      const bas = handovers.map((h) => (h.nomor ? `nomor ${h.nomor}` : `#${h.id}`)).join(', ')
      issues.push({
        row,
        column,
        message: `Kecamatan ${kec}: kit berisi surat suara Dapil ${name} sudah diserahkan ke PPK (Panitia Pemilihan Kecamatan) dengan BA serah terima ${bas}; catat dulu pengembalian surat suara itu dari PPK sebelum mengubah dapilnya`,
      })
    }
    if (packedKitsHoldingBallot(ctx.db, itemId, m.kecamatanId) > 0) {
      issues.push({
        row,
        column,
        message: `Kecamatan ${kec} sudah memiliki kit berisi surat suara Dapil ${name}; keluarkan dulu dari kit (koreksi) sebelum mengubah dapilnya`,
      })
    }
  })
  if (issues.length)
    throw refused(
      handedOver
        ? 'Pemetaan dapil ditolak: surat suara dapil lama sudah diserahkan ke PPK; tidak ada yang diubah'
        : 'Pemetaan dapil ditolak: kit yang sudah dikemas memakai dapil lama; tidak ada yang diubah',
      issues,
    )
}

export function aturPemetaan(
  ctx: ServiceContext,
  who: Actor,
  itemId: number,
  mapping: readonly MappingEntry[],
): DapilOfBallot[] {
  requireElection(ctx)
  const item = barangById(ctx.db, itemId)
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

interface DapilPlan {
  issues: Issue[]
  byItem: Map<number, MappingEntry[]>
  /** Dapil names the file would create, per ballot type, with the rows that name them. */
  baru: { itemCode: string; nama: string; baris: number[]; mirip: string[] }[]
  /** Kecamatan the file leaves out, per ballot type it names: the file is refused while there are any. */
  tanpaDapil: { itemCode: string; kecamatan: string[] }[]
}

/** Reads and checks a kecamatan -> dapil file against the current data; writes nothing. */
async function planDapil(ctx: ReadContext, fileName: string, upload: Upload): Promise<DapilPlan> {
  const table = await readUpload(ctx, fileName, upload)
  const parsed = parseDapilTable(table.rows)
  const issues: Issue[] = [...parsed.errors]
  const items = ballotBarang(ctx.db)
  const kecamatanRows = kecamatanKeys(ctx.db)
  const kecamatan = new Map(
    kecamatanRows.flatMap((k) =>
      k.kode ? [[k.key, k.id] as const, [k.kode, k.id] as const] : [[k.key, k.id] as const],
    ),
  )
  // A kecamatan written with a look-alike character (0 for O) is still that kecamatan: it is only looked up.
  const kecamatanByLook = new Map(kecamatanRows.map((k) => [lookKey(k.nama), k.id] as const))
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
      const near = closestNames(
        e.kecamatan,
        kecamatanRows.map((k) => k.nama),
      )
      issues.push({
        row: e.line,
        column: 'kecamatan',
        message: near.length
          ? `Kecamatan "${e.kecamatan}" tidak ada dalam data wilayah; maksudnya ${near.join(' atau ')}?`
          : `Kecamatan "${e.kecamatan}" tidak ada dalam data wilayah; periksa ejaannya, atau impor TPS-nya dulu`,
      })
      continue
    }
    byItem.set(item.id, [...(byItem.get(item.id) ?? []), { kecamatanId: kecId, dapil: e.dapil, row: e.line }])
    rows.set(item.id, [...(rows.get(item.id) ?? []), { dapil: e.dapil, row: e.line }])
  }
  for (const [itemId, names] of rows)
    issues.push(...dapilNameIssues(ctx, itemId, names, parsed.columns.dapil ?? 'dapil'))
  const baru: DapilPlan['baru'] = []
  const tanpaDapil: DapilPlan['tanpaDapil'] = []
  for (const [itemId, mapping] of byItem) {
    const code = items.find((i) => i.id === itemId)!.code
    const existing = dapilNamesOf(ctx.db, itemId)
    const known = new Set(existing.map((n) => normalizeName(n)))
    const fresh = new Map<string, { nama: string; baris: number[] }>()
    for (const m of mapping) {
      const key = normalizeName(m.dapil)
      if (known.has(key)) continue
      const f = fresh.get(key) ?? { nama: m.dapil.trim().replace(/\s+/g, ' '), baris: [] }
      f.baris.push(m.row ?? 0)
      fresh.set(key, f)
    }
    for (const f of fresh.values()) baru.push({ itemCode: code, ...f, mirip: closestNames(f.nama, existing) })
    const named = new Set(mapping.map((m) => m.kecamatanId))
    const left = kecamatanRows.filter((k) => !named.has(k.id)).map((k) => k.nama)
    if (left.length) {
      // The KPU's dapil decision lists every kecamatan of the satker; a file that leaves one out is not it
      // (a single move is made in Pengaturan › Dapil), and the kecamatan left out would keep a stale dapil.
      left.sort()
      tanpaDapil.push({ itemCode: code, kecamatan: left })
      issues.push({
        column: parsed.columns.kecamatan ?? 'kecamatan',
        message: `${items.find((i) => i.id === itemId)!.name}: ${left.length} kecamatan tidak ada dalam berkas (${left.join(', ')}); berkas dapil harus memuat setiap kecamatan satker`,
      })
    }
  }
  if (!issues.length && byItem.size === 0)
    issues.push({ message: `Berkas dapil ${fileName} tidak berisi baris pemetaan` })
  return { issues, byItem, baru, tanpaDapil }
}

/** What a dapil file would do, without doing it: new dapil names to confirm, kecamatan it leaves out, problems. */
export async function pratinjauImpor(ctx: ReadContext, fileName: string, upload: Upload) {
  requireElection(ctx)
  const p = await planDapil(ctx, fileName, upload)
  return {
    ok: p.issues.length === 0,
    errors: p.issues,
    updated: [...p.byItem.values()].reduce((s, m) => s + m.length, 0),
    dapilBaru: p.baru,
    tanpaDapil: p.tanpaDapil,
  }
}

/**
 * Imports a kecamatan -> dapil file for any number of ballot types, all in one transaction. A dapil name
 * the ballot type does not have yet is created only when `dapilBaru` names it: a mistyped name ("Dapil 4"
 * for "Surabaya 4") would otherwise be a new dapil, silently.
 */
export async function impor(
  ctx: ServiceContext,
  who: Actor,
  fileName: string,
  upload: Upload,
  dapilBaru: readonly string[] = [],
): Promise<{ updated: number }> {
  requireElection(ctx)
  const p = await planDapil(ctx, fileName, upload)
  if (p.issues.length) throw refused(`Berkas dapil ${fileName} ditolak; tidak ada yang diubah`, p.issues)
  const confirmed = new Set(dapilBaru.map((n) => normalizeName(n)))
  const unconfirmed = p.baru.filter((b) => !confirmed.has(normalizeName(b.nama)))
  if (unconfirmed.length)
    throw refused(
      `Berkas dapil ${fileName} membuat ${unconfirmed.length} dapil baru: ${unconfirmed.map((b) => `${b.nama} (${b.itemCode})`).join(', ')}. Bila nama itu benar, konfirmasi dapil baru tersebut; bila salah ketik, pakai nama dapil yang sudah ada. Tidak ada yang diubah`,
      unconfirmed.map((b) => ({
        row: b.baris[0],
        column: 'dapil',
        message: `Dapil baru "${b.nama}" untuk ${b.itemCode}${b.mirip.length ? `; mirip dengan dapil yang sudah ada: ${b.mirip.join(', ')}` : ''}`,
      })),
    )
  for (const [itemId, mapping] of p.byItem) checkNotPacked(ctx, itemId, mapping)
  return writeTx(ctx, who, 'dapil.impor', () => {
    let updated = 0
    for (const [itemId, mapping] of p.byItem) {
      applyMapping(ctx, itemId, mapping)
      updated += mapping.length
    }
    return { result: { updated }, detail: { fileName, updated, dapilBaru: p.baru.map((b) => b.nama) } }
  })
}
