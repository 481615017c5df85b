import { refused } from '../core/errors'
import {
  computeNeeds,
  MissingDapilError,
  type NeedItem,
  type NeedLine,
  type Needs,
  type NeedsInput,
} from '../core/needs'
import { percentToBasisPoints } from '../core/reserve'
import type { AreaNeedRow, NeedColumn } from '../api/contract/kebutuhan'
import type { Pemilihan } from '../api/contract/pemilihan'
import type { TpsRow } from '../api/contract/wilayah'
import { dapilVariants, needItems } from '../db/barang'
import { kecamatanBallotVariants } from '../db/dapil'
import { masterDataVersion } from '../db/sistem'
import { desaWithKecamatan, kecamatanNames, tpsList } from '../db/wilayah'
import type { ReadContext } from './context'
import { requireElection } from './pemilihan'

interface Loaded {
  election: Pemilihan
  items: (NeedItem & { name: string; unit: string })[]
  tps: TpsRow[]
  desa: { id: number; kecamatanId: number; nama: string; kecamatan: string }[]
  kecamatan: { id: number; nama: string }[]
  variantDapil: Map<number, { itemId: number; dapil: string; placeholder: boolean }>
  needs: Needs
  /** The needs rules as computed, for one TPS with another DPT (a re-import's preview). */
  input: NeedsInput
  /** Each TPS's kit: the TPS and its need lines (ballots in the TPS's dapil variant), by TPS id. */
  kits: Map<number, { tps: TpsRow; lines: NeedLine[] }>
}

/**
 * Needs change only when master data does (TPS, DPT, items, dapil, the reserve): the data_version
 * counter, bumped by triggers on those tables, says when. Until then every screen and document of a
 * Bogor-size satker reuses one computation instead of redoing 15,000 TPS kits per request.
 */
const cache = new WeakMap<object, { version: number; loaded: Loaded }>()

function load(ctx: ReadContext): Loaded {
  const version = masterDataVersion(ctx.db)
  const hit = cache.get(ctx.db)
  if (hit && version !== undefined && hit.version === version) return hit.loaded
  const loaded = compute(ctx)
  if (version !== undefined) cache.set(ctx.db, { version, loaded })
  return loaded
}

function compute(ctx: ReadContext): Loaded {
  const election = requireElection(ctx)
  const items = needItems(ctx.db)
  const tps = tpsList(ctx.db)
  const desa = desaWithKecamatan(ctx.db)
  const kecamatan = kecamatanNames(ctx.db)
  const byKec = new Map(kecamatanBallotVariants(ctx.db).map((m) => [`${m.itemId}:${m.kecamatanId}`, m.variantId]))
  const variants = dapilVariants(ctx.db)
  const variantDapil = new Map(
    variants.map((v) => [v.id, { itemId: v.itemId, dapil: v.dapil, placeholder: v.placeholder }]),
  )
  let needs: Needs
  const input: NeedsInput = {
    reserveBasisPoints: percentToBasisPoints(election.reservePercent),
    rounding: election.rounding,
    items,
    tps: tps.map((t) => ({ id: t.id, desaId: t.desaId, kecamatanId: t.kecamatanId, dpt: t.dpt })),
    desa,
    kecamatan,
    ballotVariant: (itemId, kecamatanId) => byKec.get(`${itemId}:${kecamatanId}`),
    ballotVariants: (itemId) =>
      variants.filter((v) => v.itemId === itemId).map((v) => ({ variantId: v.id, psu: v.psu })),
  }
  try {
    needs = computeNeeds(input)
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
  return { election, items, tps, desa, kecamatan, variantDapil, needs, input, kits }
}

const columnsOf = (items: Loaded['items'], pred: (i: Loaded['items'][number]) => boolean): NeedColumn[] =>
  items
    .filter((i) => i.active && pred(i))
    .map((i) => ({ itemId: i.id, code: i.code, name: i.name, unit: i.unit, kind: i.kind }))

const isKitItem = (i: { rule: string }) => i.rule === 'ballot' || i.rule === 'per_tps' || i.rule === 'per_dpt'

/** The needs of every TPS, or of one kecamatan's (a handover shows only its own: no need to send 15,000 rows). */
export function daftarTps(ctx: ReadContext, filter: { kecamatanId?: number | undefined } = {}) {
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

type Level = AreaNeedRow['level']

export function lihatRekap(ctx: ReadContext, level: Level) {
  const l = load(ctx)
  const codeOf = new Map(l.items.map((i) => [i.id, i.code]))
  const groups = new Map<string, AreaNeedRow>()
  const group = (key: string, init: () => AreaNeedRow) => {
    let g = groups.get(key)
    if (!g) groups.set(key, (g = init()))
    return g
  }
  const add = (acc: AreaNeedRow, itemId: number, qty: number) => {
    const code = codeOf.get(itemId) as string
    acc.qty[code] = (acc.qty[code] ?? 0) + qty
  }
  const keyFor = (kecamatanId: number, desaId: number | null) =>
    level === 'satker' ? 'satker' : level === 'kecamatan' ? `k${kecamatanId}` : `d${desaId}`
  const desaById = new Map(l.desa.map((d) => [d.id, d]))
  const kecById = new Map(l.kecamatan.map((k) => [k.id, k]))
  const init = (kecamatanId: number, desaId: number | null) => (): AreaNeedRow => ({
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

export function daftarDapil(ctx: ReadContext) {
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
export function tpsKits(ctx: ReadContext): ReadonlyMap<number, { tps: TpsRow; lines: readonly NeedLine[] }> {
  return load(ctx).kits
}

/** The lines a TPS's kit would need with another DPT, by the same rules (what a re-import would change). */
export function kitLinesWithDpt(ctx: ReadContext, tps: TpsRow, dpt: number): readonly NeedLine[] {
  const l = load(ctx)
  const one = { id: tps.id, desaId: tps.desaId, kecamatanId: tps.kecamatanId, dpt }
  return computeNeeds({ ...l.input, tps: [one], desa: [], kecamatan: [] }).tps[0]?.lines ?? []
}

/**
 * The ballot variants that stand for kecamatan not yet mapped to a dapil (the placeholder of a DPR or
 * DPRD type): their needs are counted and shown as "belum dipetakan", but nothing is packed or labelled.
 */
export function unmappedVariants(ctx: ReadContext): ReadonlySet<number> {
  const l = load(ctx)
  return new Set([...l.variantDapil].filter(([, v]) => v.placeholder).map(([id]) => id))
}

/** Kit totals per variant over all TPS (the part of the needs that is packed, without the PSU reserve). */
export function kitTotals(ctx: ReadContext): Map<number, number> {
  const out = new Map<number, number>()
  for (const k of load(ctx).kits.values())
    for (const l of k.lines) out.set(l.variantId, (out.get(l.variantId) ?? 0) + l.qty)
  return out
}
