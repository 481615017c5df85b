import type { Pemilihan } from '../api/contract/pemilihan'
import type { Jenis } from '../core/presets'
import type { Rounding } from '../core/reserve'
import { asZona, type ZonaWaktu } from '../core/zonaWaktu'
import type { ReadableDB, WritableDB } from './handles'
import { schemaVersion } from './open'
import type { PaperName } from '../core/documents'
import type { Pph21Metode } from '../core/pay'

/** The election of this file and its satker: the one row of `election` (id 1). */

interface PemilihanRow {
  jenis: Jenis
  tahun: number
  provinsi: string
  satker: string
  kode_wilayah: string
  alamat: string
  reserve_bp: number
  rounding: Rounding
  max_voters_per_tps: number
  data_note: string
  kota_ttd: string
  kontak: string
  paper: PaperName
  nomor_pattern: string
  nomor_start: number
  tax_bp: number
  /** Absent in a file before migration 0013. */
  pph21_metode?: Pph21Metode
  has_logo: number
}

export function readPemilihan(db: ReadableDB): Pemilihan | undefined {
  const r = db.prepare('SELECT *, logo IS NOT NULL AS has_logo FROM pemilihan WHERE id = 1').get() as
    PemilihanRow | undefined
  if (!r) return undefined
  return {
    jenis: r.jenis,
    tahun: r.tahun,
    provinsi: r.provinsi,
    satker: r.satker,
    kodeWilayah: r.kode_wilayah,
    alamat: r.alamat,
    reservePercent: r.reserve_bp / 100,
    rounding: r.rounding,
    maxVotersPerTps: r.max_voters_per_tps,
    dataNote: r.data_note,
    kotaTtd: r.kota_ttd,
    kontak: r.kontak,
    paper: r.paper,
    nomorPattern: r.nomor_pattern,
    nomorStart: r.nomor_start,
    taxPercent: r.tax_bp / 100,
    pph21Metode: r.pph21_metode ?? (r.tax_bp > 0 ? 'persen' : 'ter_harian'),
    hasLogo: r.has_logo === 1,
    zonaWaktu: asZona(zonaSetting(db)),
    schemaVersion: schemaVersion(db),
  }
}

/** The stored zona_waktu (migration 0011), or undefined in a file from before it. */
function zonaSetting(db: ReadableDB): string | undefined {
  if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pengaturan'`).get()) return undefined
  return db.prepare(`SELECT value FROM pengaturan WHERE key = 'zona_waktu'`).pluck().get() as string | undefined
}

export function setZonaWaktu(db: WritableDB, zona: ZonaWaktu): void {
  db.prepare(
    `INSERT INTO pengaturan (key, value) VALUES ('zona_waktu', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(zona)
}

export function insertPemilihan(
  db: WritableDB,
  e: {
    jenis: Jenis
    tahun: number
    provinsi: string
    satker: string
    kodeWilayah: string
    reserveBp: number
    maxVotersPerTps: number
    dataNote: string
    createdAt: string
  },
): void {
  db.prepare(
    `INSERT INTO pemilihan (id, jenis, tahun, provinsi, satker, kode_wilayah, reserve_bp, rounding, max_voters_per_tps, data_note, created_at)
       VALUES (1, ?, ?, ?, ?, ?, ?, 'up', ?, ?, ?)`,
  ).run(e.jenis, e.tahun, e.provinsi, e.satker, e.kodeWilayah, e.reserveBp, e.maxVotersPerTps, e.dataNote, e.createdAt)
}

/** The settings a coordinator may change, by the column each is stored in (percentages in basis points). */
const COLUMN = {
  tahun: 'tahun',
  provinsi: 'provinsi',
  satker: 'satker',
  kodeWilayah: 'kode_wilayah',
  alamat: 'alamat',
  reserveBp: 'reserve_bp',
  rounding: 'rounding',
  maxVotersPerTps: 'max_voters_per_tps',
  dataNote: 'data_note',
  kotaTtd: 'kota_ttd',
  pph21Metode: 'pph21_metode',
  kontak: 'kontak',
  paper: 'paper',
  nomorPattern: 'nomor_pattern',
  nomorStart: 'nomor_start',
  taxBp: 'tax_bp',
} as const

export type PemilihanSetting = keyof typeof COLUMN

export function updatePemilihan(db: WritableDB, setting: PemilihanSetting, value: string | number): void {
  db.prepare(`UPDATE pemilihan SET ${COLUMN[setting]} = ? WHERE id = 1`).run(value)
}

export function setLogo(db: WritableDB, logo: Buffer | null, mime: 'image/png' | 'image/jpeg' | null): void {
  db.prepare('UPDATE pemilihan SET logo = ?, logo_mime = ? WHERE id = 1').run(logo, mime)
}

export function logo(db: ReadableDB): { mime: 'image/png' | 'image/jpeg'; data: Buffer } | null {
  const r = db.prepare('SELECT logo, logo_mime AS mime FROM pemilihan WHERE id = 1').get() as
    { logo: Buffer | null; mime: 'image/png' | 'image/jpeg' | null } | undefined
  return r?.logo && r.mime ? { mime: r.mime, data: r.logo } : null
}

/** The satker's name, or undefined in a file with no election yet. */
export function satkerName(db: ReadableDB): string | undefined {
  // Also read from backups and files to restore, which may predate 0015 and call the table `election`.
  // A file with neither is no Gudang Pemilu file: the query's "no such table" says so to the caller.
  const old = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'election'`).get()
  return (
    db.prepare(`SELECT satker FROM ${old ? 'election' : 'pemilihan'} WHERE id = 1`).get() as
      { satker: string } | undefined
  )?.satker
}

/** The most voters a TPS may have; undefined in a file with no election yet. */
export function maxVotersPerTps(db: ReadableDB): number | undefined {
  return (db.prepare('SELECT max_voters_per_tps AS m FROM pemilihan WHERE id = 1').get() as { m: number } | undefined)
    ?.m
}
