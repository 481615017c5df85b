import { AppError, refused } from '../core/errors'
import {
  ELECTION_DEFAULTS,
  ballotPresets,
  defaultDapilName,
  defaultPilkadaChoice,
  logisticsPresets,
  type Jenis,
  type PilkadaChoice,
} from '../core/presets'
import { percentToBasisPoints, type Rounding } from '../core/reserve'
import { normalizeName } from '../core/text'
import { validateNomorPattern } from '../core/nomorSurat'
import { schemaVersion } from '../db/open'
import { writeTx, type Actor, type ServiceContext } from './context'

export interface Election {
  jenis: Jenis
  tahun: number
  provinsi: string
  satker: string
  kodeWilayah: string
  alamat: string
  reservePercent: number
  rounding: Rounding
  maxVotersPerTps: number
  dataNote: string
  /** Where berita acara are signed ("Limapuluh"). */
  kotaTtd: string
  /** Telephone, e-mail and website line under the kop surat. */
  kontak: string
  paper: 'A4' | 'F4'
  /** Default pattern of document numbers; a document type may have its own. */
  nomorPattern: string
  /** The first number of the register each year, for a satker that already issued numbers on paper. */
  nomorStart: number
  /** Income tax withheld from worker pay, in percent. */
  taxPercent: number
  hasLogo: boolean
  schemaVersion: number
}

interface ElectionRow {
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
  paper: 'A4' | 'F4'
  nomor_pattern: string
  nomor_start: number
  tax_bp: number
  has_logo: number
}

export function lihat(ctx: ServiceContext): Election | null {
  const r = ctx.db.prepare('SELECT *, logo IS NOT NULL AS has_logo FROM election WHERE id = 1').get() as
    ElectionRow | undefined
  if (!r) return null
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
    hasLogo: r.has_logo === 1,
    schemaVersion: schemaVersion(ctx.db),
  }
}

export function requireElection(ctx: ServiceContext): Election {
  const e = lihat(ctx)
  if (!e)
    throw new AppError(
      'REFUSED',
      'Basis data ini belum disiapkan: isi dulu pengaturan pemilihan (jenis, tahun, satker)',
    )
  return e
}

export interface ElectionInit {
  jenis: Jenis
  tahun: number
  provinsi: string
  satker: string
  kodeWilayah: string
  pilkada?: PilkadaChoice | undefined
  dataNote?: string
}

/** Creates the election with its ballot types, default dapil and preset logistics items, in one transaction. */
export function buat(ctx: ServiceContext, who: Actor, input: ElectionInit): Election {
  if (lihat(ctx))
    throw refused('Basis data ini sudah berisi pemilihan; satu berkas basis data untuk satu pemilihan satu satker')
  const defaults = ELECTION_DEFAULTS[input.jenis]
  const pilkada = input.pilkada ?? defaultPilkadaChoice(input.satker)
  const ballots = ballotPresets(input.jenis, pilkada)
  if (ballots.length === 0)
    throw refused('Pilih sedikitnya satu pemilihan (gubernur, bupati atau wali kota)', [
      { column: 'pilkada', message: 'Tidak ada pemilihan yang dipilih' },
    ])
  const db = ctx.db
  writeTx(ctx, who, 'pemilihan.buat', () => {
    db.prepare(
      `INSERT INTO election (id, jenis, tahun, provinsi, satker, kode_wilayah, reserve_bp, rounding, max_voters_per_tps, data_note, created_at)
       VALUES (1, ?, ?, ?, ?, ?, ?, 'up', ?, ?, ?)`,
    ).run(
      input.jenis,
      input.tahun,
      input.provinsi,
      input.satker,
      input.kodeWilayah.replace('.', ''),
      percentToBasisPoints(defaults.reservePercent),
      defaults.maxVotersPerTps,
      input.dataNote ?? '',
      ctx.now().toISOString(),
    )
    const insertItem = db.prepare(
      `INSERT INTO item (code, name, kind, unit, color, color_hex, rule, qty, per, psu_per_dapil, preset, confirmed, assembled, sort_order)
       VALUES (@code, @name, @kind, @unit, @color, @colorHex, @rule, @qty, @per, @psuPerDapil, 1, @confirmed, @assembled, @sortOrder)`,
    )
    const insertDapil = db.prepare('INSERT INTO dapil (item_id, name, name_key) VALUES (?, ?, ?)')
    const insertVariant = db.prepare('INSERT INTO item_variant (item_id, dapil_id) VALUES (?, ?)')
    const presets = [...ballots, ...logisticsPresets(input.jenis)]
    presets.forEach((p, i) => {
      const itemId = Number(
        insertItem.run({
          ...p,
          confirmed: p.needsConfirmation ? 0 : 1,
          assembled: p.assembled ? 1 : 0,
          sortOrder: (i + 1) * 10,
        }).lastInsertRowid,
      )
      if (p.kind === 'ballot') {
        const name = defaultDapilName(p.code, input.satker, input.provinsi)
        const dapilId = Number(insertDapil.run(itemId, name, normalizeName(name)).lastInsertRowid)
        insertVariant.run(itemId, dapilId)
      } else {
        insertVariant.run(itemId, null)
      }
    })
    return { result: null, detail: { ...input, items: presets.map((p) => p.code) } }
  })
  return requireElection(ctx)
}

export type ElectionUpdate = Partial<Omit<Election, 'jenis' | 'schemaVersion' | 'hasLogo'>>

export function ubah(ctx: ServiceContext, who: Actor, patch: ElectionUpdate): Election {
  const before = requireElection(ctx)
  if (patch.nomorPattern !== undefined) {
    const problems = validateNomorPattern(patch.nomorPattern)
    if (problems.length)
      throw refused(
        'Pola nomor dokumen tidak sah',
        problems.map((message) => ({ column: 'nomorPattern', message })),
      )
  }
  const columns: Record<keyof ElectionUpdate, [string, (v: never) => unknown]> = {
    tahun: ['tahun', (v: number) => v],
    provinsi: ['provinsi', (v: string) => v],
    satker: ['satker', (v: string) => v],
    kodeWilayah: ['kode_wilayah', (v: string) => v.replace('.', '')],
    alamat: ['alamat', (v: string) => v],
    reservePercent: ['reserve_bp', (v: number) => percentToBasisPoints(v)],
    rounding: ['rounding', (v: string) => v],
    maxVotersPerTps: ['max_voters_per_tps', (v: number) => v],
    dataNote: ['data_note', (v: string) => v],
    kotaTtd: ['kota_ttd', (v: string) => v],
    kontak: ['kontak', (v: string) => v],
    paper: ['paper', (v: string) => v],
    nomorPattern: ['nomor_pattern', (v: string) => v],
    nomorStart: ['nomor_start', (v: number) => v],
    taxPercent: ['tax_bp', (v: number) => percentToBasisPoints(v)],
  }
  const entries = (Object.keys(patch) as (keyof ElectionUpdate)[]).filter((k) => patch[k] !== undefined)
  if (entries.length === 0) return before
  writeTx(ctx, who, 'pemilihan.ubah', () => {
    for (const k of entries) {
      const [col, conv] = columns[k]
      ctx.db.prepare(`UPDATE election SET ${col} = ? WHERE id = 1`).run(conv(patch[k] as never))
    }
    return { result: null, detail: { before: Object.fromEntries(entries.map((k) => [k, before[k]])), after: patch } }
  })
  return requireElection(ctx)
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]
export const MAX_LOGO_BYTES = 1024 * 1024

/** The logo on the kop surat: PNG or JPEG, told by its bytes rather than its name. null removes it. */
export function aturLogo(ctx: ServiceContext, who: Actor, bytes: Uint8Array | null): Election {
  requireElection(ctx)
  let mime: 'image/png' | 'image/jpeg' | null = null
  if (bytes) {
    const starts = (magic: number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)
    mime = starts(PNG) ? 'image/png' : starts(JPEG) ? 'image/jpeg' : null
    if (!mime) throw refused('Logo harus berkas gambar PNG atau JPEG', [{ column: 'logo', message: 'Bukan PNG/JPEG' }])
    if (bytes.length > MAX_LOGO_BYTES)
      throw refused('Logo terlalu besar (maksimum 1 MB); perkecil gambarnya', [
        { column: 'logo', message: 'Terlalu besar' },
      ])
  }
  writeTx(ctx, who, 'pemilihan.aturLogo', () => {
    ctx.db
      .prepare('UPDATE election SET logo = ?, logo_mime = ? WHERE id = 1')
      .run(bytes ? Buffer.from(bytes) : null, mime)
    return { result: null, detail: { mime, bytes: bytes?.length ?? 0 } }
  })
  return requireElection(ctx)
}

export function lihatLogo(ctx: ServiceContext): { mime: 'image/png' | 'image/jpeg'; data: Buffer } | null {
  const r = ctx.db.prepare('SELECT logo, logo_mime AS mime FROM election WHERE id = 1').get() as
    { logo: Buffer | null; mime: 'image/png' | 'image/jpeg' | null } | undefined
  return r?.logo && r.mime ? { mime: r.mime, data: r.logo } : null
}
