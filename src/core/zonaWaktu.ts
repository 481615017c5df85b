/**
 * The satker's time zone (issue 15, "dates in one time zone"): WIB, WITA or WIT, a setting of the election
 * (setting 'zona_waktu'). Every date derived from an instant — the day a ledger row belongs to, the date a
 * BA takes, the time on a paper — is read on the warehouse wall in this zone, never in the zone of the PC
 * that happens to open the file. Indonesia keeps no daylight saving, so each zone is a fixed offset.
 */
export const ZONA_WAKTU = ['WIB', 'WITA', 'WIT'] as const
export type ZonaWaktu = (typeof ZONA_WAKTU)[number]

/** Hours ahead of UTC. The SQL twin is db/ledgerCategories.ts#ZONE. */
export const JAM_ZONA: Record<ZonaWaktu, number> = { WIB: 7, WITA: 8, WIT: 9 }

/** The zone by its IANA name, for Intl (the screen's clock: ui/format.ts aturZonaTampil). */
export const IANA_ZONA: Record<ZonaWaktu, string> = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
}

/** The zone as Pengaturan names it (short: a select of a form column). */
export const NAMA_ZONA: Record<ZonaWaktu, string> = {
  WIB: 'WIB (UTC+7)',
  WITA: 'WITA (UTC+8)',
  WIT: 'WIT (UTC+9)',
}

/** A stored value read as a zone; anything else (a file from before the setting) is WIB. */
export const asZona = (v: string | null | undefined): ZonaWaktu =>
  (ZONA_WAKTU as readonly string[]).includes(v ?? '') ? (v as ZonaWaktu) : 'WIB'

// Provinces by their Kemendagri code (the first two digits of a kode wilayah), as Keppres 41/1987 and the
// new Papua provinces (2022) place them; every other province keeps WIB.
const WITA_PROVINSI = ['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']
const WIT_PROVINSI = ['81', '82', '91', '92', '93', '94', '95', '96']
const WITA_NAMA = [
  'bali',
  'nusa tenggara barat',
  'nusa tenggara timur',
  'kalimantan selatan',
  'kalimantan timur',
  'kalimantan utara',
  'sulawesi utara',
  'sulawesi tengah',
  'sulawesi selatan',
  'sulawesi tenggara',
  'gorontalo',
  'sulawesi barat',
]
const WIT_NAMA = [
  'maluku',
  'maluku utara',
  'papua',
  'papua barat',
  'papua selatan',
  'papua tengah',
  'papua pegunungan',
  'papua barat daya',
]

/**
 * The zone of a satker by its kode wilayah ("7371" → WITA) or, without one, its province's name; null
 * when neither says (the caller keeps what it has).
 */
export function zonaDariWilayah(kodeWilayah: string, provinsi: string): ZonaWaktu | null {
  const kode = /^\d{2}/.exec(kodeWilayah.trim())?.[0]
  if (kode) return WITA_PROVINSI.includes(kode) ? 'WITA' : WIT_PROVINSI.includes(kode) ? 'WIT' : 'WIB'
  const nama = provinsi
    .toLowerCase()
    .replace(/^provinsi\s+/, '')
    .replace(/\s+/g, ' ')
    .trim()
  if (!nama) return null
  return WITA_NAMA.includes(nama) ? 'WITA' : WIT_NAMA.includes(nama) ? 'WIT' : 'WIB'
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The wall clock of the zone at instant d, as UTC fields of a shifted Date. */
const wall = (d: Date, zona: ZonaWaktu) => new Date(d.getTime() + JAM_ZONA[zona] * 3_600_000)

/** 'YYYY-MM-DD' on the warehouse wall. */
export function tanggalDi(d: Date, zona: ZonaWaktu): string {
  const w = wall(d, zona)
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`
}

/** 'YYYY-MM-DDTHH:mm' on the warehouse wall. */
export function tanggalJamDi(d: Date, zona: ZonaWaktu): string {
  const w = wall(d, zona)
  return `${tanggalDi(d, zona)}T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`
}

/** 'YYYYMMDD-HHMMSS' on the warehouse wall: the stamp in a backup's or an output's file name. */
export function stempelDi(d: Date, zona: ZonaWaktu): string {
  const w = wall(d, zona)
  return `${tanggalDi(d, zona).replaceAll('-', '')}-${pad(w.getUTCHours())}${pad(w.getUTCMinutes())}${pad(w.getUTCSeconds())}`
}
