import { romawi, terbilang } from './terbilang'

/**
 * Indonesian dates as berita acara write them. A date is a calendar date in Indonesia, so it is read
 * from its Y-M-D digits and never passed through `new Date(iso)`, which would shift it by the
 * machine's timezone (a laptop set to UTC-x would print the day before).
 */

export const NAMA_HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const
export const NAMA_BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const

export interface TanggalParts {
  year: number
  month: number // 1–12
  day: number // 1–31
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
}

/**
 * The local calendar date of 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm…'. Any offset suffix is ignored on
 * purpose: the digits are already the time in Indonesia, which is what the paper must say.
 */
export function parseTanggal(iso: string): TanggalParts {
  const m = ISO_DATE.exec(iso.trim())
  if (!m) throw new RangeError(`Tanggal "${iso}" tidak dikenali; gunakan format TTTT-BB-HH`)
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Tanggal "${iso}" tidak ada di kalender`)
  }
  return { year, month, day }
}

/** Day of the week, 0 = Minggu. UTC arithmetic on the parsed digits, so the machine's timezone cannot move it. */
export function hariKe({ year, month, day }: TanggalParts): number {
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day) // not Date.UTC: it maps years 0–99 to 1900–1999
  return d.getUTCDay()
}

export function namaHari(iso: string): string {
  return NAMA_HARI[hariKe(parseTanggal(iso))]!
}

export function namaBulan(month: number): string {
  const name = NAMA_BULAN[month - 1]
  if (!name || !Number.isInteger(month)) throw new RangeError(`Bulan ${month} tidak ada; gunakan 1–12`)
  return name
}

/** 7 → "VII", the month as KPU document numbers and letter registers write it. */
export function bulanRomawi(month: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`Bulan ${month} tidak ada; gunakan 1–12`)
  return romawi(month)
}

/** "11 Juli 2024". */
export function tanggalPanjang(iso: string): string {
  const t = parseTanggal(iso)
  return `${t.day} ${namaBulan(t.month)} ${t.year}`
}

/** "Kamis, 11 Juli 2024". */
export function hariTanggal(iso: string): string {
  return `${namaHari(iso)}, ${tanggalPanjang(iso)}`
}

/** "11-07-2024", the digits in brackets after the spelled-out date of a BA. */
export function tanggalAngka(iso: string): string {
  const t = parseTanggal(iso)
  return `${String(t.day).padStart(2, '0')}-${String(t.month).padStart(2, '0')}-${t.year}`
}

/**
 * "Pada hari ini Kamis tanggal sebelas bulan Juli tahun dua ribu dua puluh empat", the opening of a
 * berita acara; the date in words leaves no digit to alter.
 */
export function kalimatTanggal(iso: string): string {
  const t = parseTanggal(iso)
  return `Pada hari ini ${NAMA_HARI[hariKe(t)]} tanggal ${terbilang(t.day)} bulan ${namaBulan(t.month)} tahun ${terbilang(t.year)}`
}

/**
 * "08.30": Indonesian writes the time with a dot. Accepts 'HH:mm', 'HH:mm:ss' or a full
 * 'YYYY-MM-DDTHH:mm…' local time.
 */
export function jam(iso: string): string {
  const m = /(?:^|T| )(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(iso.trim())
  const hh = m ? Number(m[1]) : NaN
  const mm = m ? Number(m[2]) : NaN
  if (!m || hh > 23 || mm > 59) throw new RangeError(`Waktu "${iso}" tidak dikenali; gunakan format JJ:MM`)
  return `${m[1]}.${m[2]}`
}

/** "11 Juli 2024 pukul 08.30" for a local 'YYYY-MM-DDTHH:mm' time stamp. */
export function tanggalJam(iso: string): string {
  return `${tanggalPanjang(iso)} pukul ${jam(iso)}`
}

/** What a person typed into a date or time box: the stored value ('' when the box is empty), or why not. */
export type Ketikan = { ok: true; value: string } | { ok: false; message: string }

const pad2 = (n: number) => String(n).padStart(2, '0')

/**
 * A date as an Indonesian office types it, day first: "05/11/2024", "5-11-2024", "5.11.24", "05112024"; or
 * year first with dashes, "2024-11-05", which no one reads the other way.
 * A two-digit year is 20xx. Answers the stored 'YYYY-MM-DD'; a month the other way round (11/05) is
 * refused by the calendar, never silently swapped.
 */
export function bacaTanggalKetik(text: string): Ketikan {
  const t = text.trim()
  if (t === '') return { ok: true, value: '' }
  // Year first ('2024-11-05', as a spreadsheet or the API writes it) cannot be misread either.
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t)
  const m = iso
    ? [t, iso[3]!, iso[2]!, iso[1]!]
    : (/^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2}|\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t))
  if (!m) return { ok: false, message: `"${t}" bukan tanggal; tulis hari/bulan/tahun, mis. 05/11/2024` }
  const day = Number(m[1])
  const month = Number(m[2])
  const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3])
  if (month < 1 || month > 12)
    return { ok: false, message: `Bulan ${month} tidak ada; tulis hari dulu, lalu bulan (01–12)` }
  if (year < 1900 || year > 2199)
    return { ok: false, message: `Tahun ${year} di luar jangkauan; tulis empat angka, mis. 2024` }
  if (day < 1 || day > daysInMonth(year, month))
    return { ok: false, message: `Tanggal ${day} ${namaBulan(month)} ${year} tidak ada di kalender` }
  return { ok: true, value: `${year}-${pad2(month)}-${pad2(day)}` }
}

/** 'YYYY-MM-DD' as the date box shows it: "05/11/2024" ('' stays ''). */
export function tanggalKetik(iso: string): string {
  if (iso === '') return ''
  const t = parseTanggal(iso)
  return `${pad2(t.day)}/${pad2(t.month)}/${t.year}`
}

/**
 * A clock time as the floor types it, 24-hour: "08.00", "8.30", "08:30", "0830", "830", "8". Answers the
 * stored 'HH:MM'. AM/PM is refused: the floor counts to 23.
 */
export function bacaJamKetik(text: string): Ketikan {
  const t = text.trim()
  if (t === '') return { ok: true, value: '' }
  const m = /^(\d{1,2})(?:\s*[.:]\s*(\d{2}))?$/.exec(t) ?? /^(\d{1,2})(\d{2})$/.exec(t)
  if (!m) return { ok: false, message: `"${t}" bukan jam; tulis jam.menit dalam 24 jam, mis. 08.00 atau 16.30` }
  const hh = Number(m[1])
  const mm = m[2] === undefined ? 0 : Number(m[2])
  if (hh > 23) return { ok: false, message: `Jam ${hh} tidak ada; jam ditulis 00–23, mis. 16.00 untuk pukul 4 sore` }
  if (mm > 59) return { ok: false, message: `Menit ${mm} tidak ada; menit ditulis 00–59` }
  return { ok: true, value: `${pad2(hh)}:${pad2(mm)}` }
}

/** 'YYYY-MM-DD' moved by whole days (a date box's arrow keys, its calendar), on the calendar's own digits. */
export function geserTanggal(iso: string, days: number): string {
  const t = parseTanggal(iso)
  const d = new Date(0)
  d.setUTCFullYear(t.year, t.month - 1, t.day + days)
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`
}

/** 'YYYY-MM-DD' a number of months on, the day kept where the month has it (31 Jan + 1 → 29 Feb). */
export function geserBulan(iso: string, months: number): string {
  const t = parseTanggal(iso)
  const index = t.year * 12 + (t.month - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  return `${year}-${pad2(month)}-${pad2(Math.min(t.day, daysInMonth(year, month)))}`
}

/** The days of a month as its calendar shows them, weeks from Senin: null where the week has no day of it. */
export function mingguBulan(year: number, month: number): (string | null)[][] {
  const first = (hariKe({ year, month, day: 1 }) + 6) % 7 // 0 = Senin
  const cells: (string | null)[] = Array.from({ length: first }, () => null)
  for (let d = 1; d <= daysInMonth(year, month); d++) cells.push(`${year}-${pad2(month)}-${pad2(d)}`)
  while (cells.length % 7 !== 0) cells.push(null)
  const weeks: (string | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

/** The digits of a wall-clock date or time ('YYYY-MM-DD', 'YYYY-MM-DDTHH:MM[:SS]', no zone), or null. */
export function waktuDinding(
  text: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text)
  if (!m) return null
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  return { year, month, day, hour, minute, second }
}
