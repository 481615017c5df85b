import type { Pemilihan, Barang } from '../api/contract'

const integer = new Intl.NumberFormat('id-ID')
const decimal = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 })

/** Every number on screen goes through here: Indonesian grouping (1.446, 1.234.567). */
export function fmt(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  return Number.isInteger(n) ? integer.format(n) : decimal.format(n)
}

/** A file's size as people read it: 512 B, 340 KB, 12,5 MB. */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${fmt(n)} B`
  if (n < 1024 * 1024) return `${fmt(Math.round(n / 1024))} KB`
  return `${fmt(Math.round((n / (1024 * 1024)) * 10) / 10)} MB`
}

export function fmtPercent(n: number): string {
  return decimal.format(n) + '%'
}

/** TPS numbers are printed three digits wide on KPU forms and box labels: "TPS 001". */
export function tpsLabel(nomor: number): string {
  return 'TPS ' + String(nomor).padStart(3, '0')
}

export const JENIS_LABEL: Record<Pemilihan['jenis'], string> = { pemilu: 'Pemilu', pilkada: 'Pilkada' }

export function electionTitle(e: Pick<Pemilihan, 'jenis' | 'tahun' | 'satker'>): string {
  return `${JENIS_LABEL[e.jenis]} ${e.tahun} · ${e.satker}`
}

export const RULE_LABEL: Record<Barang['rule'], string> = {
  ballot: 'DPT + cadangan',
  per_tps: 'Per TPS',
  per_dpt: 'Per jumlah pemilih (DPT)',
  per_desa: 'Per desa/kelurahan',
  per_kecamatan: 'Per kecamatan',
}

/** The rule read as a sentence a coordinator can check against the juknis: "2 buah per TPS". */
export function ruleSentence(item: Pick<Barang, 'rule' | 'qty' | 'per' | 'unit'>): string {
  switch (item.rule) {
    case 'ballot':
      return 'DPT + cadangan per TPS'
    case 'per_tps':
      return `${fmt(item.qty)} ${item.unit} per TPS`
    case 'per_dpt':
      return `${fmt(item.qty)} ${item.unit} per ${fmt(item.per)} pemilih`
    case 'per_desa':
      return `${fmt(item.qty)} ${item.unit} per desa/kelurahan`
    case 'per_kecamatan':
      return `${fmt(item.qty)} ${item.unit} per kecamatan`
  }
}

export { shortItemName } from '../core/text'
