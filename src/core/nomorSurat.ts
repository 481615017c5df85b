import { refused } from './errors'
import { bulanRomawi, parseTanggal } from './tanggal'

/**
 * Document numbers ("nomor surat") from a pattern the satker configures, because every KPU office
 * follows its own tata naskah: "{no}/PP.09.4-BA/{kode_wilayah}/{tahun}" → "514/PP.09.4-BA/1219/2024".
 */

export const NOMOR_PLACEHOLDERS = ['no', 'kode_wilayah', 'tahun', 'bulan', 'bulan_romawi', 'kode_dokumen'] as const
export type NomorPlaceholder = (typeof NOMOR_PLACEHOLDERS)[number]

export interface NomorValues {
  /** The sequence number in the register (1, 2, …). */
  no: number
  /** Kode wilayah of the satker, e.g. "1219" for Kabupaten Batu Bara. */
  kodeWilayah?: string
  tahun?: number
  /** 1–12. */
  bulan?: number
  /** Short code of the document type, e.g. "BA-PNR". */
  kodeDokumen?: string
  /** ISO date of the document; supplies tahun and bulan when those are not given. */
  tanggal?: string
}

type Token = { kind: 'text'; text: string } | { kind: 'field'; name: NomorPlaceholder; pad: number | null }

interface Parsed {
  tokens: Token[]
  errors: string[]
}

const MAX_PAD = 10

function parse(pattern: string): Parsed {
  const tokens: Token[] = []
  const errors: string[] = []
  let i = 0
  while (i < pattern.length) {
    const open = pattern.indexOf('{', i)
    const close = pattern.indexOf('}', i)
    if (close !== -1 && (open === -1 || close < open)) {
      errors.push(`Kurung kurawal tutup "}" pada posisi ${close + 1} tanpa pasangan "{"`)
      i = close + 1
      continue
    }
    if (open === -1) {
      tokens.push({ kind: 'text', text: pattern.slice(i) })
      break
    }
    if (open > i) tokens.push({ kind: 'text', text: pattern.slice(i, open) })
    const end = pattern.indexOf('}', open)
    const nextOpen = pattern.indexOf('{', open + 1)
    if (end === -1 || (nextOpen !== -1 && nextOpen < end)) {
      errors.push(`Kurung kurawal "{" pada posisi ${open + 1} tidak ditutup dengan "}"`)
      i = nextOpen === -1 ? pattern.length : nextOpen
      continue
    }
    const inner = pattern.slice(open + 1, end).trim()
    const [name = '', padText, ...extra] = inner.split(':')
    if (!(NOMOR_PLACEHOLDERS as readonly string[]).includes(name)) {
      errors.push(
        `Kode {${inner}} tidak dikenal; yang dapat dipakai: ${NOMOR_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
      )
    } else if (padText !== undefined && name !== 'no') {
      errors.push(`Kode {${inner}} tidak boleh diberi lebar angka; hanya {no} yang boleh, misalnya {no:3}`)
    } else if (
      padText !== undefined &&
      (extra.length > 0 || !/^\d+$/.test(padText) || Number(padText) < 1 || Number(padText) > MAX_PAD)
    ) {
      errors.push(`Lebar angka pada {${inner}} harus bilangan 1–${MAX_PAD}, misalnya {no:3}`)
    } else {
      tokens.push({
        kind: 'field',
        name: name as NomorPlaceholder,
        pad: padText === undefined ? null : Number(padText),
      })
    }
    i = end + 1
  }
  if (pattern.trim() === '') errors.push('Pola nomor tidak boleh kosong')
  else if (!tokens.some((t) => t.kind === 'field' && t.name === 'no')) {
    errors.push('Pola nomor harus memuat {no} (nomor urut register), agar setiap dokumen bernomor berbeda')
  }
  return { tokens, errors }
}

/** Problems with a pattern, in Bahasa Indonesia, for the settings form; empty when the pattern is usable. */
export function validateNomorPattern(pattern: string): string[] {
  return parse(pattern).errors
}

/** The placeholders a pattern uses, so a caller knows which values it must supply. */
export function nomorPlaceholders(pattern: string): NomorPlaceholder[] {
  const names = parse(pattern).tokens.flatMap((t) => (t.kind === 'field' ? [t.name] : []))
  return [...new Set(names)]
}

function missing(name: NomorPlaceholder): never {
  throw refused(`Nilai untuk {${name}} dalam pola nomor belum diisi`)
}

function fieldValue(name: NomorPlaceholder, pad: number | null, v: NomorValues): string {
  const date = v.tanggal ? parseTanggal(v.tanggal) : null
  const bulan = v.bulan ?? date?.month
  switch (name) {
    case 'no':
      if (!Number.isInteger(v.no) || v.no < 1) throw refused(`Nomor urut harus bilangan bulat positif, bukan ${v.no}`)
      return pad ? String(v.no).padStart(pad, '0') : String(v.no)
    case 'kode_wilayah':
      return v.kodeWilayah?.trim() || missing(name)
    case 'kode_dokumen':
      return v.kodeDokumen?.trim() || missing(name)
    case 'tahun': {
      const tahun = v.tahun ?? date?.year
      return tahun === undefined ? missing(name) : String(tahun)
    }
    case 'bulan':
      if (bulan === undefined) missing(name)
      bulanRomawi(bulan) // range check
      return String(bulan).padStart(2, '0')
    case 'bulan_romawi':
      return bulan === undefined ? missing(name) : bulanRomawi(bulan)
  }
}

/**
 * The number of one document. Throws AppError REFUSED (message in Bahasa Indonesia) when the pattern
 * is invalid or a value it uses is missing.
 */
export function formatNomor(pattern: string, values: NomorValues): string {
  const { tokens, errors } = parse(pattern)
  if (errors.length > 0) throw refused(`Pola nomor "${pattern}" tidak dapat dipakai: ${errors.join('; ')}`)
  return tokens.map((t) => (t.kind === 'text' ? t.text : fieldValue(t.name, t.pad, values))).join('')
}
