/**
 * Indonesian number words ("terbilang") as written on berita acara, where every count that matters is
 * also spelled out so a changed digit shows.
 */

const SATUAN = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'] as const

/** 10^3 steps, smallest first. Beyond triliun the words are not used on KPU papers, so the range stops there. */
const SKALA = ['', 'ribu', 'juta', 'miliar', 'triliun'] as const

export const TERBILANG_MAX = 999_999_999_999_999

function assertWhole(n: number): void {
  if (typeof n !== 'number' || !Number.isFinite(n) || !Number.isInteger(n)) {
    throw new RangeError(`Terbilang hanya untuk bilangan bulat, bukan ${String(n)}`)
  }
  if (n < 0) throw new RangeError(`Terbilang hanya untuk bilangan tidak negatif, bukan ${n}`)
  if (n > TERBILANG_MAX) throw new RangeError(`Terbilang hanya sampai ${formatAngka(TERBILANG_MAX)}, bukan ${n}`)
}

/** 1–999 in words; the "se-" forms (sebelas, seratus) are Indonesian's own, not "satu ratus". */
function ratusan(n: number): string[] {
  const words: string[] = []
  const r = Math.floor(n / 100)
  const rest = n % 100
  if (r === 1) words.push('seratus')
  else if (r > 1) words.push(SATUAN[r]!, 'ratus')
  if (rest === 0) return words
  if (rest < 10) words.push(SATUAN[rest]!)
  else if (rest === 10) words.push('sepuluh')
  else if (rest === 11) words.push('sebelas')
  else if (rest < 20) words.push(SATUAN[rest - 10]!, 'belas')
  else {
    words.push(SATUAN[Math.floor(rest / 10)]!, 'puluh')
    if (rest % 10) words.push(SATUAN[rest % 10]!)
  }
  return words
}

/**
 * 0 … 999.999.999.999.999 in lowercase words: 312448 → "tiga ratus dua belas ribu empat ratus empat
 * puluh delapan". Throws RangeError for negative, fractional, NaN or larger numbers.
 */
export function terbilang(n: number): string {
  assertWhole(n)
  if (n === 0) return 'nol'
  const groups: number[] = []
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000)
  const words: string[] = []
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!
    if (g === 0) continue
    // 1000 is "seribu", but 1.000.000 is "satu juta": only the thousands take the "se-" form.
    if (i === 1 && g === 1) words.push('seribu')
    else words.push(...ratusan(g), ...(SKALA[i] ? [SKALA[i]!] : []))
  }
  return words.join(' ')
}

/**
 * Indonesian digit grouping with dots: 1234567 → "1.234.567". Done by hand rather than with
 * Intl('id-ID') so a build without full ICU prints the same digits.
 */
export function formatAngka(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  const negative = n < 0
  const [int, frac] = Math.abs(n).toString().split('.') as [string, string | undefined]
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
  return (negative ? '-' : '') + grouped + (frac ? ',' + frac : '')
}

/** "312.448 (tiga ratus dua belas ribu empat ratus empat puluh delapan)", the way a BA states a count. */
export function jumlahTerbilang(n: number): string {
  return `${formatAngka(n)} (${terbilang(n)})`
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
]

/** 1 … 3999 in Roman numerals: month numbers in document registers, "LAMPIRAN II". */
export function romawi(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`Angka Romawi hanya untuk 1–3999, bukan ${n}`)
  let rest = n
  let out = ''
  for (const [value, numeral] of ROMAN) {
    while (rest >= value) {
      out += numeral
      rest -= value
    }
  }
  return out
}

/** "tiga ratus dua belas" → "Tiga Ratus Dua Belas", for headings and "Tahun Dua Ribu Dua Puluh Empat". */
export function kapitalKata(text: string): string {
  return text.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase())
}
