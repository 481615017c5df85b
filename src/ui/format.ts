import type { Pemilihan, Barang } from '../api/contract'
import { parseCount } from '../core/count'
import { JENIS_LABEL } from '../core/presets'
import { waktuDinding } from '../core/tanggal'
import { IANA_ZONA } from '../core/zonaWaktu'

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

const percent = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 2 })
const percentOne = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 })
const percentWhole = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 0 })

/** 0.0035 -> "0,35%": damage rates are small and need their decimals. */
export const fmtRate = (r: number): string => percent.format(r)

/** 0.4239 -> "42,4%": a part of a whole, where a tenth is precise enough. */
export const fmtPart = (r: number): string => percentOne.format(r)

/** 1.096 -> "110%": progress against a target reads better whole. */
export const fmtShare = (r: number): string => percentWhole.format(r)

const oneDecimal = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 })

/** A measure to a tenth: 12,5 (millimetres on a label sheet). */
export const fmtSepersepuluh = (n: number): string => oneDecimal.format(n)

/**
 * Every date and time on screen goes through here, always in id-ID ("5 Nov 2024, 08.30", 24-hour with a
 * dot) whatever the browser's or the PC's language. Two kinds of time are kept:
 * - an instant (a stored UTC ISO stamp: when a row was recorded), shown on the satker's clock: the zone
 *   given, else the one set by aturZonaTampil (the satker's zona_waktu setting), else this PC's own;
 * - a wall-clock time ('YYYY-MM-DDTHH:MM' as typed, a delivery's time; 'YYYY-MM-DD' dates; 'HH:MM' shift
 *   hours), which has no zone and is shown digit for digit, never shifted.
 */

/** The zone a satker without a setting is in. */
export const ZONA_BAKU = IANA_ZONA.WIB
let zonaTampil: string | undefined

/**
 * The satker's time zone for instants on screen, by its IANA name (core/zonaWaktu.ts IANA_ZONA): the shell
 * sets it from the election's zona_waktu when it reads the election and whenever that changes (App.tsx);
 * undefined only before the election is read (the set-up form, the recovery screen): this PC's own zone.
 */
export function aturZonaTampil(zona: string | undefined): void {
  zonaTampil = zona
}

/** The wall clock of an instant in a zone (default: the satker's, as set), as 'YYYY-MM-DDTHH:MM'. */
function dinding(d: Date, zona = zonaTampil): string {
  const f = dateFormat(
    {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: zona,
    },
    'en-CA',
  )
  const parts = f.formatToParts(d)
  const part = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`
}

/** Today on the warehouse wall (the satker's zone, not this PC's): 'YYYY-MM-DD'. */
export function todayIso(): string {
  return dinding(new Date()).slice(0, 10)
}

/** Now as a wall-clock 'YYYY-MM-DDTHH:MM' (a delivery's time as the form starts it), on the warehouse wall. */
export function nowLocal(): string {
  return dinding(new Date())
}

/** The digits of a wall-clock date or time as a Date at that moment in UTC, formatted back in UTC: no shift. */
function wallClock(text: string): Date | null {
  const w = waktuDinding(text)
  if (!w) return null
  const d = new Date(0)
  d.setUTCFullYear(w.year, w.month - 1, w.day)
  d.setUTCHours(w.hour, w.minute, w.second)
  return d
}

/**
 * One Intl.DateTimeFormat per set of options, made once: toLocaleString and its kin build a new formatter
 * on every call, which costs far more than formatting, and a Beranda of 40 working days formats a few
 * hundred dates (chart axes, tooltips, the range picker). The options given here always name the fields
 * shown, so the formatter writes exactly what toLocale*String with the same options wrote.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>()
function dateFormat(opts: Intl.DateTimeFormatOptions, locale = 'id-ID'): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(opts)}`
  let f = dateFormats.get(key)
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, opts)))
  return f
}

/**
 * A calendar date 'YYYY-MM-DD': 'long' "Selasa, 5 November 2024", 'short' "Sel, 5 Nov 2024",
 * 'date' "5 November 2024" (as papers write it), 'dayMonth' "5 Nov" (a narrow picker), 'weekday' "Sel".
 */
export function fmtTanggal(iso: string, style: 'long' | 'short' | 'date' | 'dayMonth' | 'weekday' = 'long'): string {
  const d = iso.length === 10 ? wallClock(iso) : null
  if (!d) return iso
  const opts: Record<typeof style, Intl.DateTimeFormatOptions> = {
    long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
    short: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
    date: { day: 'numeric', month: 'long', year: 'numeric' },
    dayMonth: { day: 'numeric', month: 'short' },
    weekday: { weekday: 'short' },
  }
  return dateFormat({ ...opts[style], timeZone: 'UTC' }).format(d)
}

/** A clock time as the floor reads it in Indonesian: "08:00" (how it is stored and typed) -> "08.00". */
export function fmtJam(hhmm: string): string {
  return hhmm.replace(':', '.')
}

/** A shift's hours: "08.00–16.00". */
export const fmtJamRentang = (mulai: string, selesai: string): string => `${fmtJam(mulai)}–${fmtJam(selesai)}`

const asInstant = (at: string | Date): Date | null => {
  const d = typeof at === 'string' ? new Date(at) : at
  return Number.isNaN(d.getTime()) ? null : d
}

/** An instant: "5 Nov 2024, 08.30"; panjang "5 November 2024 pukul 08.30"; detik adds the seconds. */
export function fmtWaktu(at: string | Date, opts: { panjang?: boolean; detik?: boolean; zona?: string } = {}): string {
  const d = asInstant(at)
  if (!d) return typeof at === 'string' ? at : '—'
  return dateFormat({
    dateStyle: opts.panjang ? 'long' : 'medium',
    timeStyle: opts.detik ? 'medium' : 'short',
    timeZone: opts.zona ?? zonaTampil,
  }).format(d)
}

/** The clock of an instant: "08.30", with detik "08.30.09". */
export function fmtJamDari(at: string | Date, opts: { detik?: boolean; zona?: string } = {}): string {
  const d = asInstant(at)
  if (!d) return typeof at === 'string' ? at : '—'
  return dateFormat({
    hour: '2-digit',
    minute: '2-digit',
    ...(opts.detik ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    timeZone: opts.zona ?? zonaTampil,
  }).format(d)
}

/** The calendar date 'YYYY-MM-DD' an instant falls on, on the satker's clock (a paper's date from its event). */
export function tanggalDari(at: string | Date, zona?: string): string {
  const d = asInstant(at)
  return d ? dinding(d, zona ?? zonaTampil).slice(0, 10) : ''
}

/**
 * A wall-clock 'YYYY-MM-DDTHH:MM[:SS]' digit for digit: "5 Nov 2024, 09.00"; hari adds the weekday
 * ("Sel, 5 Nov 2024, 09.00"), detik the seconds.
 */
export function fmtWaktuLokal(text: string, opts: { hari?: boolean; detik?: boolean } = {}): string {
  const d = wallClock(text)
  if (!d) return text
  return dateFormat({
    ...(opts.hari ? { weekday: 'short' } : {}),
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(opts.detik ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    timeZone: 'UTC',
  }).format(d)
}

export { JENIS_LABEL }

export function electionTitle(e: Pick<Pemilihan, 'jenis' | 'tahun' | 'satker'>): string {
  return `${JENIS_LABEL[e.jenis]} ${e.tahun} · ${e.satker}`
}

export { RULE_LABEL } from '../core/presets'

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
