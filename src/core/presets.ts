/**
 * Defaults per election kind, from DOMAIN.md §2–§3. Logistics quantities are marked as presets the
 * satker must confirm: several are only derived from published totals, not from a regulation.
 */
export const JENIS = ['pemilu', 'pilkada'] as const
export type Jenis = (typeof JENIS)[number]

export const JENIS_LABEL: Record<Jenis, string> = { pemilu: 'Pemilu', pilkada: 'Pilkada' }
/** Ballots follow DPT + reserve; a logistics item follows one of the per-place rules. */
export const RULES = ['ballot', 'per_tps', 'per_dpt', 'per_desa', 'per_kecamatan'] as const
export type Rule = (typeof RULES)[number]
export const RULE_LABEL: Record<Rule, string> = {
  ballot: 'DPT + cadangan',
  per_tps: 'Per TPS',
  per_dpt: 'Per jumlah pemilih (DPT)',
  per_desa: 'Per desa/kelurahan',
  per_kecamatan: 'Per kecamatan',
}
export const ITEM_KINDS = ['ballot', 'logistics'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]

export interface ItemPreset {
  code: string
  name: string
  kind: ItemKind
  unit: string
  color: string | null
  colorHex: string | null
  rule: Rule
  qty: number
  per: number
  psuPerDapil: number
  /** Arrives flat and is assembled in a rakit shift (DITERIMA -> SIAP). */
  assembled: boolean
  /** True when the app ships a guess the satker must confirm before relying on it. */
  needsConfirmation: boolean
}

export interface ElectionDefaults {
  reservePercent: number
  maxVotersPerTps: number
}

export const ELECTION_DEFAULTS: Record<Jenis, ElectionDefaults> = {
  pemilu: { reservePercent: 2, maxVotersPerTps: 300 },
  pilkada: { reservePercent: 2.5, maxVotersPerTps: 600 },
}

const ballot = (code: string, name: string, color: string, colorHex: string, psu: number): ItemPreset => ({
  code,
  name,
  kind: 'ballot',
  unit: 'lembar',
  color,
  colorHex,
  rule: 'ballot',
  qty: 0,
  per: 1,
  psuPerDapil: psu,
  assembled: false,
  needsConfirmation: false,
})

const logistics = (code: string, name: string, unit: string, qty: number, assembled = false): ItemPreset => ({
  code,
  name,
  kind: 'logistics',
  unit,
  color: null,
  colorHex: null,
  rule: 'per_tps',
  qty,
  per: 1,
  psuPerDapil: 0,
  assembled,
  needsConfirmation: true,
})

/** Pemilu 2024: five ballots; 1,000 PSU ballots per dapil per type are required by law (UU 7/2017 Pasal 344). */
export const PEMILU_BALLOTS: ItemPreset[] = [
  ballot('PPWP', 'Surat Suara Presiden dan Wakil Presiden (PPWP)', 'abu-abu', '#8c8c8c', 1000),
  ballot('DPR', 'Surat Suara DPR RI', 'kuning', '#e0b000', 1000),
  ballot('DPD', 'Surat Suara DPD RI', 'merah', '#c62828', 1000),
  ballot('DPRD_PROV', 'Surat Suara DPRD Provinsi', 'biru', '#1e63b5', 1000),
  ballot('DPRD_KAB', 'Surat Suara DPRD Kabupaten/Kota', 'hijau', '#2e7d32', 1000),
]

/** Pilkada 2024 (Kep. KPU 1337/2024 colours). PSU reserve has no confirmed legal basis: 2,000 was common practice. */
export const PILKADA_BALLOTS = {
  gubernur: ballot('GUBERNUR', 'Surat Suara Pemilihan Gubernur dan Wakil Gubernur', 'merah marun', '#800020', 2000),
  bupati: ballot('BUPATI', 'Surat Suara Pemilihan Bupati dan Wakil Bupati', 'biru muda', '#5bb5e8', 2000),
  walikota: ballot('WALIKOTA', 'Surat Suara Pemilihan Wali Kota dan Wakil Wali Kota', 'hijau tosca', '#1aa39a', 2000),
}

export function logisticsPresets(jenis: Jenis): ItemPreset[] {
  return [
    logistics('KOTAK', 'Kotak suara', 'buah', jenis === 'pemilu' ? 5 : 2, true),
    logistics('BILIK', 'Bilik suara', 'buah', 4, true),
    logistics('TINTA', 'Tinta', 'botol', 2),
    logistics('TEMPLATE_BRAILLE', 'Alat bantu tunanetra (template braille)', 'set', 1),
    logistics('SEGEL', 'Segel', 'set', 1),
    logistics('SAMPUL', 'Sampul', 'set', 1),
    logistics('FORMULIR', 'Formulir', 'set', 1),
  ]
}

export interface PilkadaChoice {
  gubernur: boolean
  bupatiWalikota: 'bupati' | 'walikota' | 'none'
}

/** A satker named "Kota …" runs a wali kota election, a "Kabupaten …" a bupati election. */
export function defaultPilkadaChoice(satker: string): PilkadaChoice {
  return { gubernur: true, bupatiWalikota: /^\s*kota\b/i.test(satker) ? 'walikota' : 'bupati' }
}

export function ballotPresets(jenis: Jenis, pilkada: PilkadaChoice): ItemPreset[] {
  if (jenis === 'pemilu') return PEMILU_BALLOTS
  const list: ItemPreset[] = []
  if (pilkada.gubernur) list.push(PILKADA_BALLOTS.gubernur)
  if (pilkada.bupatiWalikota !== 'none') list.push(PILKADA_BALLOTS[pilkada.bupatiWalikota])
  return list
}

/**
 * Ballot types whose dapil the app cannot know: the DPR and DPRD Provinsi dapil a satker lies in (one or
 * several: Kabupaten Bogor is in two DPR dapil) and the DPRD Kabupaten/Kota dapil its kecamatan are split
 * into. They stay "belum dipetakan" until the satker imports its dapil mapping. Every other type has one
 * dapil per satker (Presiden, DPD, a pilkada) and is mapped when the election is made.
 */
const MAPPED_BY_FILE = new Set(['DPR', 'DPRD_PROV', 'DPRD_KAB'])

export const dapilNeedsMapping = (code: string): boolean => MAPPED_BY_FILE.has(code)

/**
 * What a ballot type's kecamatan without a dapil show where a dapil would be (needs, kits, exports): it
 * is never a dapil's name (a dapil file naming it is refused), so no paper can present it as one.
 */
export const BELUM_DIPETAKAN = 'Belum dipetakan'

/** The one dapil of a single-dapil ballot type, made with the election. */
export function defaultDapilName(code: string, satker: string, provinsi: string): string {
  if (code === 'PPWP') return 'Nasional'
  if (code === 'DPD' || code === 'GUBERNUR') return provinsi ? provinsi.toUpperCase() : 'Provinsi'
  return satker.toUpperCase()
}

/** Reads a ballot type as a satker writes it in a spreadsheet ("DPRD Kab/Kota", "Pilbup", "dprd_prov") into its code. */
export function ballotCodeFromText(text: string): string | null {
  const t = text.toUpperCase().replace(/[^A-Z]/g, '')
  if (!t) return null
  const table: [RegExp, string][] = [
    [/^(PPWP|PILPRES|PRESIDEN|PRESIDENDANWAKILPRESIDEN|SURATSUARAPRESIDEN.*)$/, 'PPWP'],
    [/^(DPRDKAB|DPRDKABUPATEN|DPRDKOTA|DPRDKABKOTA|DPRDKABUPATENKOTA|SURATSUARADPRDKAB.*)$/, 'DPRD_KAB'],
    [/^(DPRDPROV|DPRDPROVINSI|SURATSUARADPRDPROV.*)$/, 'DPRD_PROV'],
    [/^(DPR|DPRRI|SURATSUARADPR|SURATSUARADPRRI)$/, 'DPR'],
    [/^(DPD|DPDRI|SURATSUARADPD.*)$/, 'DPD'],
    [/^(GUBERNUR|PILGUB|GUBERNURDANWAKILGUBERNUR|SURATSUARA.*GUBERNUR.*)$/, 'GUBERNUR'],
    [/^(BUPATI|PILBUP|BUPATIDANWAKILBUPATI|SURATSUARA.*BUPATI.*)$/, 'BUPATI'],
    [/^(WALIKOTA|PILWALKOT|WALIKOTADANWAKILWALIKOTA|SURATSUARA.*WALIKOTA.*)$/, 'WALIKOTA'],
  ]
  return table.find(([re]) => re.test(t))?.[1] ?? null
}
