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
