import { jumlahTerbilang } from '../../core/terbilang'
import type { ItemKind } from '../../core/presets'

/**
 * Small pieces of how a KPU paper writes things, shared by the document modules: lists in prose, place
 * names in one case, totals that never add different items, seal numbers as ranges.
 */

/** "a", "a dan b", "a, b, dan c" — a list in a sentence, with the serial comma of formal Indonesian. */
export function daftarKalimat(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? ''
  if (parts.length === 2) return `${parts[0]} dan ${parts[1]}`
  return `${parts.slice(0, -1).join(', ')}, dan ${parts.at(-1)}`
}

const ROMAN = /^(?=[IVXLC]+$)C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/

/**
 * A place name as the papers print it: "DATUK LIMA PULUH" and "datuk lima puluh" both become "Datuk
 * Lima Puluh", so "Kecamatan Datuk Lima Puluh" never stands beside "DATUK LIMA PULUH". Roman numerals
 * (Pulau Rakyat II) stay capitals. Titles of lampiran are set in capitals as a whole.
 */
export function namaTempat(name: string): string {
  return name
    .trim()
    .replace(/\s+/g, ' ')
    .split(' ')
    .map((w) => (ROMAN.test(w.toUpperCase()) && w.length > 0 && w === w.toUpperCase() ? w : capitalise(w)))
    .join(' ')
}

const capitalise = (w: string) =>
  w.toLowerCase().replace(/(^|[-/(.'])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase())

/**
 * The group a quantity belongs to when totals are made: every ballot type is "surat suara" counted in
 * lembar, and may be added up; each logistics item is its own group (kotak and bilik are both "buah",
 * but eight buah of what?).
 */
export function totalGroup(line: { kind?: ItemKind | undefined; item: string; unit: string }): string {
  const ballot = line.kind ? line.kind === 'ballot' : /^surat suara/i.test(line.item)
  return ballot ? `SURAT SUARA (${line.unit})` : `${line.item.toUpperCase()} (${line.unit})`
}

/**
 * Quantities in a sentence, one per group, with their words: "480.265 (…) lembar surat suara, 2.040
 * (…) buah kotak suara, dan 816 (…) botol tinta".
 */
export function jumlahPerBarang(
  lines: readonly { kind?: ItemKind | undefined; item: string; unit: string; qty: number }[],
): string {
  const groups = new Map<string, { unit: string; what: string; qty: number }>()
  for (const l of lines) {
    const ballot = l.kind ? l.kind === 'ballot' : /^surat suara/i.test(l.item)
    const key = totalGroup(l)
    const g = groups.get(key) ?? { unit: l.unit, what: ballot ? 'surat suara' : l.item.toLowerCase(), qty: 0 }
    g.qty += l.qty
    groups.set(key, g)
  }
  return daftarKalimat(
    [...groups.values()].filter((g) => g.qty > 0).map((g) => `${jumlahTerbilang(g.qty)} ${g.unit} ${g.what}`),
  )
}

/**
 * Seal numbers of a kit, consecutive ones as a range: "SGL-1220-000001 s.d. 000005, SGL-1220-000009".
 * The number part is the trailing digits; a range needs the same prefix and width.
 */
export function segelRingkas(nomor: readonly string[]): string {
  const parsed = [...nomor].sort().map((n) => {
    const m = /^(.*?)(\d+)$/.exec(n)
    return m ? { n, prefix: m[1]!, digits: m[2]!, value: Number(m[2]) } : { n, prefix: n, digits: '', value: NaN }
  })
  const out: string[] = []
  for (let i = 0; i < parsed.length;) {
    let j = i
    while (
      j + 1 < parsed.length &&
      parsed[j + 1]!.prefix === parsed[i]!.prefix &&
      parsed[j + 1]!.digits.length === parsed[i]!.digits.length &&
      parsed[j + 1]!.value === parsed[j]!.value + 1
    )
      j++
    out.push(
      j > i + 1
        ? `${parsed[i]!.n} s.d. ${parsed[j]!.digits}`
        : parsed
            .slice(i, j + 1)
            .map((p) => p.n)
            .join(', '),
    )
    i = j + 1
  }
  return out.join(', ')
}

/** A criterion as printed: "Lainnya: tinta luntur di kolom foto" when notes were written with it. */
export const reasonLabel = (label: string, notes: readonly string[] | undefined): string =>
  notes?.length ? `${label}: ${notes.join('; ')}` : label
