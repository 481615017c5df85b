import type { Pemilihan, Barang } from '../api/contract'
import { parseCount } from '../core/count'
import { JENIS_LABEL } from '../core/presets'

const integer = new Intl.NumberFormat('id-ID')
const decimal = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 })

/** Every number on screen goes through here: Indonesian grouping (1.446, 1.234.567). */
export function fmt(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  return Number.isInteger(n) ? integer.format(n) : decimal.format(n)
}

/** A count a form read (core/count.ts): null when empty, 'invalid' when it is not a whole number of sheets. */
export function readCount(text: string): number | null | 'invalid' {
  const p = parseCount(text)
  return p.ok ? p.value : 'invalid'
}

/** A file's size as people read it: 512 B, 340 KB, 12,5 MB. */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${fmt(n)} B`
  if (n < 1024 * 1024) return `${fmt(Math.round(n / 1024))} KB`
  return `${fmt(Math.round((n / (1024 * 1024)) * 10) / 10)} MB`
}

/** "Diterima PPK" -> "diterima PPK": a label inside a sentence; acronyms keep their capitals. */
export const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1)

export function fmtPercent(n: number): string {
  return decimal.format(n) + '%'
}

/** Today on this PC's calendar, which is the warehouse's: 'YYYY-MM-DD'. */
export function todayIso(): string {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** "Selasa, 5 November 2024" */
export function fmtTanggal(iso: string, style: 'long' | 'short' = 'long'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return style === 'long'
    ? d.toLocaleDateString('id-ID', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    : d.toLocaleDateString('id-ID', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
}

/** A clock time as the floor reads it in Indonesian: "08:00" (how it is stored and typed) -> "08.00". */
export function fmtJam(hhmm: string): string {
  return hhmm.replace(':', '.')
}

/** A shift's hours: "08.00–16.00". */
export const fmtJamRentang = (mulai: string, selesai: string): string => `${fmtJam(mulai)}–${fmtJam(selesai)}`

/** A stored instant (UTC ISO) as the local time a coordinator reads: "23 Nov 2026 15.44". */
export function fmtWaktu(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('id-ID', { dateStyle: 'medium', timeStyle: 'short' })
}

/**
 * A wall-clock time stored without a zone ('YYYY-MM-DDTHH:mm', a delivery's; with seconds, a backup file's)
 * read as this PC's own time, never shifted: "1 Nov 2024 08.30", or in the given parts. Anything else as it came.
 */
export function fmtWaktuLokal(
  text: string,
  parts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text)
  if (!m) return text
  const [y, mo, d, h, mi, sec] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  return new Date(y, mo - 1, d, h, mi, sec).toLocaleString('id-ID', parts)
}

export { JENIS_LABEL }

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

export { shortItemName } from '../core/itemName'
export { formatTpsNumber } from '../core/tps'
