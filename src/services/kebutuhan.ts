import { refused } from '../core/errors'
import { computeNeeds, MissingDapilError, type NeedItem, type NeedLine, type Needs } from '../core/needs'
import { percentToBasisPoints } from '../core/reserve'
import type { ServiceContext } from './context'
import type { Pemilihan } from '../api/contract/pemilihan'
import { requireElection } from './pemilihan'
import * as wilayah from './wilayah'
import type { TpsRow } from './wilayah'

export interface NeedColumn {
  itemId: number
  code: string
  name: string
  unit: string
  kind: 'ballot' | 'logistics'
}

interface Loaded {
  election: Pemilihan
  items: (NeedItem & { name: string; unit: string })[]
  tps: TpsRow[]
  desa: { id: number; kecamatanId: number; nama: string; kecamatan: string }[]
  kecamatan: { id: number; nama: string }[]
  variantDapil: Map<number, { itemId: number; dapil: string }>
  needs: Needs
  /** Each TPS's kit: the TPS and its need lines (ballots in the TPS's dapil variant), by TPS id. */
  kits: Map<number, { tps: TpsRow; lines: NeedLine[] }>
}

/**
 * Needs change only when master data does (TPS, DPT, items, dapil, the reserve): the data_version
 * counter, bumped by triggers on those tables, says when. Until then every screen and document of a
 * Bogor-size satker reuses one computation instead of redoing 15,000 TPS kits per request.
 */
const cache = new WeakMap<object, { version: number; loaded: Loaded }>()

function load(ctx: ServiceContext): Loaded {
  const version = (
    ctx.db.prepare(`SELECT version FROM data_version WHERE name = 'master'`).get() as { version: number } | undefined
  )?.version
  const hit = cache.get(ctx.db)
  if (hit && version !== undefined && hit.version === version) return hit.loaded
  const loaded = compute(ctx)
  if (version !== undefined) cache.set(ctx.db, { version, loaded })
  return loaded
}

function compute(ctx: ServiceContext): Loaded {
  const election = requireElection(ctx)
  const db = ctx.db
  const items = (
    db
      .prepare(
        `SELECT i.id, i.code, i.name, i.unit, i.kind, i.rule, i.qty, i.per, i.psu_per_dapil AS psuPerDapil, i.active,
                (SELECT v.id FROM item_variant v WHERE v.item_id = i.id AND v.dapil_id IS NULL) AS variantId
         FROM item i ORDER BY i.sort_order, i.id`,
      )
      .all() as (Omit<NeedItem, 'active'> & { active: number; name: string; unit: string })[]
  ).map((i) => ({ ...i, active: i.active === 1 }))
  const tps = wilayah.daftarTps(ctx)
  const desa = db
    .prepare(
      `SELECT d.id, d.kecamatan_id AS kecamatanId, d.nama, k.nama AS kecamatan FROM desa d JOIN kecamatan k ON k.id = d.kecamatan_id
       ORDER BY coalesce(k.kode, ''), k.nama_key, coalesce(d.kode, ''), d.nama_key`,
    )
    .all() as Loaded['desa']
  const kecamatan = db
    .prepare(`SELECT id, nama FROM kecamatan ORDER BY coalesce(kode, ''), nama_key`)
    .all() as Loaded['kecamatan']
  const mapping = db
    .prepare(
      `SELECT x.item_id AS itemId, x.kecamatan_id AS kecamatanId, v.id AS variantId
       FROM dapil_kecamatan x JOIN item_variant v ON v.item_id = x.item_id AND v.dapil_id = x.dapil_id`,
    )
    .all() as { itemId: number; kecamatanId: number; variantId: number }[]
  const byKec = new Map(mapping.map((m) => [`${m.itemId}:${m.kecamatanId}`, m.variantId]))
  const variants = db
    .prepare(
      `SELECT v.id, v.item_id AS itemId, d.name AS dapil FROM item_variant v JOIN dapil d ON d.id = v.dapil_id ORDER BY v.item_id, d.name_key`,
    )
    .all() as { id: number; itemId: number; dapil: string }[]
  const variantDapil = new Map(variants.map((v) => [v.id, { itemId: v.itemId, dapil: v.dapil }]))
  let needs: Needs
  try {
    needs = computeNeeds({
      reserveBasisPoints: percentToBasisPoints(election.reservePercent),
      rounding: election.rounding,
      items,
      tps: tps.map((t) => ({ id: t.id, desaId: t.desaId, kecamatanId: t.kecamatanId, dpt: t.dpt })),
      desa,
      kecamatan,
      ballotVariant: (itemId, kecamatanId) => byKec.get(`${itemId}:${kecamatanId}`),
      ballotVariants: (itemId) => variants.filter((v) => v.itemId === itemId).map((v) => v.id),
    })
  } catch (err) {
    if (err instanceof MissingDapilError) {
      const kec = kecamatan.find((k) => k.id === err.kecamatanId)?.nama ?? String(err.kecamatanId)
      throw refused(
        `Kecamatan ${kec} belum dipetakan ke dapil surat suara ${err.itemCode}; tetapkan di Pengaturan › Dapil`,
      )
    }
    throw err
  }
  const kits = new Map(tps.map((t, i) => [t.id, { tps: t, lines: needs.tps[i]?.lines ?? [] }]))
  return { election, items, tps, desa, kecamatan, variantDapil, needs, kits }
}

const columnsOf = (items: Loaded['items'], pred: (i: Loaded['items'][number]) => boolean): NeedColumn[] =>
  items
    .filter((i) => i.active && pred(i))
    .map((i) => ({ itemId: i.id, code: i.code, name: i.name, unit: i.unit, kind: i.kind }))

const isKitItem = (i: { rule: string }) => i.rule === 'ballot' || i.rule === 'per_tps' || i.rule === 'per_dpt'

/** The needs of every TPS, or of one kecamatan's (a handover shows only its own: no need to send 15,000 rows). */
export function daftarTps(ctx: ServiceContext, filter: { kecamatanId?: number | undefined } = {}) {
  const l = load(ctx)
  const codeOf = new Map(l.items.map((i) => [i.id, i.code]))
  const picked = l.tps.flatMap((t, idx) =>
    filter.kecamatanId === undefined || t.kecamatanId === filter.kecamatanId ? [idx] : [],
  )
  const rows = picked.map((idx) => {
    const t = l.tps[idx]!
    const kit = l.needs.tps[idx]
    const qty: Record<string, number> = {}
    const dapil: Record<string, string> = {}
    for (const line of kit?.lines ?? []) {
      const code = codeOf.get(line.itemId) as string
      qty[code] = line.qty
      const d = l.variantDapil.get(line.variantId)
      if (d) dapil[code] = d.dapil
    }
    return { tpsId: t.id, kecamatan: t.kecamatan, desa: t.desa, nomor: t.nomor, dpt: t.dpt, qty, dapil }
  })
  return { columns: columnsOf(l.items, isKitItem), rows }
}

type Level = 'desa' | 'kecamatan' | 'satker'

export function lihatRekap(ctx: ServiceContext, level: Level) {
  const l = load(ctx)
  const codeOf = new Map(l.items.map((i) => [i.id, i.code]))
  interface Acc {
    level: Level
    kecamatan: string | null
    desa: string | null
    tps: number
    dpt: number
    qty: Record<string, number>
  }
  const groups = new Map<string, Acc>()
  const group = (key: string, init: () => Acc) => {
    let g = groups.get(key)
    if (!g) groups.set(key, (g = init()))
    return g
  }
  const add = (acc: Acc, itemId: number, qty: number) => {
    const code = codeOf.get(itemId) as string
    acc.qty[code] = (acc.qty[code] ?? 0) + qty
  }
  const keyFor = (kecamatanId: number, desaId: number | null) =>
    level === 'satker' ? 'satker' : level === 'kecamatan' ? `k${kecamatanId}` : `d${desaId}`
  const desaById = new Map(l.desa.map((d) => [d.id, d]))
  const kecById = new Map(l.kecamatan.map((k) => [k.id, k]))
  const init = (kecamatanId: number, desaId: number | null) => (): Acc => ({
    level,
    kecamatan: level === 'satker' ? null : (kecById.get(kecamatanId)?.nama ?? null),
    desa: level === 'desa' && desaId !== null ? (desaById.get(desaId)?.nama ?? null) : null,
    tps: 0,
    dpt: 0,
    qty: {},
  })
  // Seed groups in wilayah order so areas without TPS still appear.
  if (level === 'satker') group('satker', init(0, null))
  else if (level === 'kecamatan') l.kecamatan.forEach((k) => group(`k${k.id}`, init(k.id, null)))
  else l.desa.forEach((d) => group(`d${d.id}`, init(d.kecamatanId, d.id)))

  l.tps.forEach((t, idx) => {
    const acc = group(keyFor(t.kecamatanId, t.desaId), init(t.kecamatanId, t.desaId))
    acc.tps++
    acc.dpt += t.dpt
    for (const line of l.needs.tps[idx]?.lines ?? []) add(acc, line.itemId, line.qty)
  })
  for (const d of l.needs.desa) {
    const desa = desaById.get(d.desaId)
    if (!desa) continue
    const acc = group(keyFor(desa.kecamatanId, d.desaId), init(desa.kecamatanId, d.desaId))
    for (const line of d.lines) add(acc, line.itemId, line.qty)
  }
  if (level !== 'desa') {
    for (const k of l.needs.kecamatan) {
      const acc = group(keyFor(k.kecamatanId, null), init(k.kecamatanId, null))
      for (const line of k.lines) add(acc, line.itemId, line.qty)
    }
  }
  if (level === 'satker') {
    const acc = group('satker', init(0, null))
    for (const line of l.needs.psu) add(acc, line.itemId, line.qty)
  }
  const rows = [...groups.values()].map((g) => ({
    ...g,
    qty: Object.fromEntries(l.items.filter((i) => i.active).map((i) => [i.code, g.qty[i.code] ?? 0])),
  }))
  const columns = columnsOf(l.items, (i) => level !== 'desa' || i.rule !== 'per_kecamatan')
  return { columns, rows }
}

export function daftarDapil(ctx: ServiceContext) {
  const l = load(ctx)
  const byVariant = new Map<number, { tps: number; dpt: number; reserve: number; kits: number; psu: number }>()
  const acc = (variantId: number) => {
    let a = byVariant.get(variantId)
    if (!a) byVariant.set(variantId, (a = { tps: 0, dpt: 0, reserve: 0, kits: 0, psu: 0 }))
    return a
  }
  const ballotIds = new Set(l.items.filter((i) => i.kind === 'ballot' && i.active).map((i) => i.id))
  l.tps.forEach((t, idx) => {
    for (const line of l.needs.tps[idx]?.lines ?? []) {
      if (!ballotIds.has(line.itemId)) continue
      const a = acc(line.variantId)
      a.tps++
      a.dpt += t.dpt
      a.reserve += line.reserve
      a.kits += line.qty
    }
  })
  for (const line of l.needs.psu) acc(line.variantId).psu += line.qty
  const rows = []
  for (const item of l.items.filter((i) => ballotIds.has(i.id))) {
    for (const [variantId, v] of l.variantDapil) {
      if (v.itemId !== item.id) continue
      const a = byVariant.get(variantId) ?? { tps: 0, dpt: 0, reserve: 0, kits: 0, psu: 0 }
      rows.push({ variantId, itemCode: item.code, itemName: item.name, dapil: v.dapil, ...a, total: a.kits + a.psu })
    }
  }
  return rows
}

/** Every TPS kit (cached with the needs): what each TPS must receive, ballots in its own dapil. */
export function tpsKits(ctx: ServiceContext): ReadonlyMap<number, { tps: TpsRow; lines: readonly NeedLine[] }> {
  return load(ctx).kits
}

/** Kit totals per variant over all TPS (the part of the needs that is packed, without the PSU reserve). */
export function kitTotals(ctx: ServiceContext): Map<number, number> {
  const out = new Map<number, number>()
  for (const k of load(ctx).kits.values())
    for (const l of k.lines) out.set(l.variantId, (out.get(l.variantId) ?? 0) + l.qty)
  return out
}
