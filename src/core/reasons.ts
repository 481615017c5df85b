/**
 * Why a sheet or a unit is set apart as rusak. Ballots: the eight kriteria of Kep. KPU 1395/2023
 * (DOMAIN.md §4) plus "lainnya", which needs a note. Assembled items (kotak, bilik) have their own
 * short list. The code is the ref of the ledger place RUSAK:<code>, so it never changes once used.
 */
import type { ItemKind } from './presets'
export interface DamageReason {
  code: string
  /** Short column header for tally grids and tables. */
  short: string
  /**
   * A narrower header where `short` has a word too wide for the tally grid's narrow damage column (which
   * must not break it inside the word); the screen only — papers keep `short` and `label`.
   */
  narrow?: string
  /** The criterion as the regulation words it, for berita acara. */
  label: string
  appliesTo: 'ballot' | 'assembled' | 'all'
  /** "Lainnya": the ledger row must carry a note saying what was wrong. */
  needsNote: boolean
}

export const DAMAGE_REASONS: readonly DamageReason[] = [
  {
    code: 'CETAK',
    short: 'Cetak tidak jelas',
    label: 'Hasil cetak tidak sempurna, tidak jelas, tidak terbaca atau banyak noda',
    appliesTo: 'ballot',
    needsNote: false,
  },
  {
    code: 'KUSUT_SOBEK',
    short: 'Kusut/sobek',
    label: 'Kusut, mengkerut atau sobek',
    appliesTo: 'ballot',
    needsNote: false,
  },
  {
    code: 'WARNA_PENANDA',
    short: 'Warna penanda salah',
    label: 'Warna penanda tidak sesuai dengan jenis surat suara',
    appliesTo: 'ballot',
    needsNote: false,
  },
  {
    code: 'NAMA_LOGO',
    short: 'Nama/logo partai',
    label: 'Nama atau logo partai politik tidak lengkap atau tidak jelas',
    appliesTo: 'ballot',
    needsNote: false,
  },
  { code: 'LOGO_KPU', short: 'Logo KPU', label: 'Logo KPU tidak jelas', appliesTo: 'ballot', needsNote: false },
  {
    code: 'BERLUBANG',
    short: 'Berlubang',
    narrow: 'Lubang',
    label: 'Terdapat lubang pada kolom nomor, foto atau nama',
    appliesTo: 'ballot',
    needsNote: false,
  },
  {
    code: 'FOTO',
    short: 'Foto kabur/ganda',
    label: 'Foto calon kabur atau ganda',
    appliesTo: 'ballot',
    needsNote: false,
  },
  {
    code: 'WARNA_PARTAI',
    short: 'Warna partai',
    label: 'Warna partai politik tidak sesuai spesifikasi',
    appliesTo: 'ballot',
    needsNote: false,
  },
  {
    code: 'CACAT_BAHAN',
    short: 'Cacat bahan',
    label: 'Cacat bahan atau cacat produksi',
    appliesTo: 'assembled',
    needsNote: false,
  },
  {
    code: 'RUSAK_RAKIT',
    short: 'Rusak saat dirakit',
    label: 'Rusak (sobek, penyok, patah) saat perakitan',
    appliesTo: 'assembled',
    needsNote: false,
  },
  { code: 'LAINNYA', short: 'Lainnya', label: 'Lainnya (dengan keterangan)', appliesTo: 'all', needsNote: true },
]

const BY_CODE = new Map(DAMAGE_REASONS.map((r) => [r.code, r]))

export function damageReason(code: string): DamageReason | undefined {
  return BY_CODE.get(code)
}

/** The reasons that apply to an item: ballots use the KPU criteria, assembled items their own list. */
export function reasonsFor(kind: 'ballot' | 'assembled'): DamageReason[] {
  return DAMAGE_REASONS.filter((r) => r.appliesTo === kind || r.appliesTo === 'all')
}

/** The reasons that apply to an item of this kind: a ballot's, or (kotak, bilik and the rest) an assembled item's. */
export const reasonsForItem = (item: { kind: ItemKind }): DamageReason[] =>
  reasonsFor(item.kind === 'ballot' ? 'ballot' : 'assembled')

export const rusakPlace = (code: string): string => `RUSAK:${code}`
