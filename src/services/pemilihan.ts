import { AppError, refused } from '../core/errors'
import {
  BELUM_DIPETAKAN,
  ELECTION_DEFAULTS,
  ballotPresets,
  dapilNeedsMapping,
  defaultDapilName,
  defaultPilkadaChoice,
  logisticsPresets,
} from '../core/presets'
import { percentToBasisPoints } from '../core/reserve'
import { normalizeName } from '../core/text'
import { validateNomorPattern } from '../core/nomorSurat'
import type { Pemilihan, PemilihanInit, PemilihanUpdate } from '../api/contract/pemilihan'
import { insertPresetBarang, insertVariant } from '../db/barang'
import { insertDapil } from '../db/dapil'
import {
  insertPemilihan,
  logo,
  readPemilihan,
  setLogo,
  setZonaWaktu,
  updatePemilihan,
  type PemilihanSetting,
} from '../db/pemilihan'
import { rebuildFloorFlow } from '../db/floorFlows'
import { zonaDariWilayah } from '../core/zonaWaktu'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'

export function lihat(ctx: ReadContext): Pemilihan | null {
  return readPemilihan(ctx.db) ?? null
}

export function requireElection(ctx: ReadContext): Pemilihan {
  const e = lihat(ctx)
  if (!e)
    throw new AppError(
      'REFUSED',
      'Basis data ini belum disiapkan: isi dulu pengaturan pemilihan (jenis, tahun, satker)',
    )
  return e
}

/**
 * Creates the election with its ballot types and preset logistics items, in one transaction. A
 * single-dapil ballot type gets its one dapil; a type the satker maps by file (DPR, DPRD) starts "belum
 * dipetakan": its kecamatan wait in the placeholder row until the dapil file is imported.
 */
export function buat(
  ctx: ServiceContext,
  who: Actor,
  input: PemilihanInit & { dataNote?: string | undefined },
): Pemilihan {
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
    insertPemilihan(db, {
      jenis: input.jenis,
      tahun: input.tahun,
      provinsi: input.provinsi,
      satker: input.satker,
      kodeWilayah: input.kodeWilayah.replace('.', ''),
      reserveBp: percentToBasisPoints(defaults.reservePercent),
      maxVotersPerTps: defaults.maxVotersPerTps,
      dataNote: input.dataNote ?? '',
      createdAt: ctx.now().toISOString(),
    })
    // The satker's own region says its zone; the PC's zone (migration 0011's default) only when it does not.
    const zona = zonaDariWilayah(input.kodeWilayah, input.provinsi)
    if (zona) setZonaWaktu(db, zona)
    const presets = [...ballots, ...logisticsPresets(input.jenis)]
    presets.forEach((p, i) => {
      const itemId = insertPresetBarang(db, { ...p, confirmed: !p.needsConfirmation, sortOrder: (i + 1) * 10 })
      if (p.kind === 'ballot') {
        const unmapped = dapilNeedsMapping(p.code)
        const name = unmapped ? BELUM_DIPETAKAN : defaultDapilName(p.code, input.satker, input.provinsi)
        insertVariant(db, itemId, insertDapil(db, itemId, name, normalizeName(name), unmapped))
      } else {
        insertVariant(db, itemId, null)
      }
    })
    return { result: null, detail: { ...input, items: presets.map((p) => p.code) } }
  })
  return requireElection(ctx)
}

/** Where each setting is stored, and how: percentages in basis points, the kode wilayah without its dot. */
const SETTING: Record<
  Exclude<keyof PemilihanUpdate, 'zonaWaktu'>,
  [PemilihanSetting, (v: never) => string | number]
> = {
  tahun: ['tahun', (v: number) => v],
  provinsi: ['provinsi', (v: string) => v],
  satker: ['satker', (v: string) => v],
  kodeWilayah: ['kodeWilayah', (v: string) => v.replace('.', '')],
  alamat: ['alamat', (v: string) => v],
  reservePercent: ['reserveBp', (v: number) => percentToBasisPoints(v)],
  rounding: ['rounding', (v: string) => v],
  maxVotersPerTps: ['maxVotersPerTps', (v: number) => v],
  dataNote: ['dataNote', (v: string) => v],
  kotaTtd: ['kotaTtd', (v: string) => v],
  kontak: ['kontak', (v: string) => v],
  paper: ['paper', (v: string) => v],
  nomorPattern: ['nomorPattern', (v: string) => v],
  nomorStart: ['nomorStart', (v: number) => v],
  taxPercent: ['taxBp', (v: number) => percentToBasisPoints(v)],
  pph21Metode: ['pph21Metode', (v: string) => v],
}

export function ubah(ctx: ServiceContext, who: Actor, patch: PemilihanUpdate): Pemilihan {
  const before = requireElection(ctx)
  if (patch.nomorPattern !== undefined) {
    const problems = validateNomorPattern(patch.nomorPattern)
    if (problems.length)
      throw refused(
        'Pola nomor dokumen tidak sah',
        problems.map((message) => ({ column: 'nomorPattern', message })),
      )
  }
  const entries = (Object.keys(patch) as (keyof PemilihanUpdate)[]).filter((k) => patch[k] !== undefined)
  if (entries.length === 0) return before
  writeTx(ctx, who, 'pemilihan.ubah', () => {
    for (const k of entries) {
      if (k === 'zonaWaktu') continue
      const [setting, conv] = SETTING[k]
      updatePemilihan(ctx.db, setting, conv(patch[k] as never))
    }
    // Another zone moves the rows without a shift to the day they fall on there.
    if (patch.zonaWaktu !== undefined && patch.zonaWaktu !== before.zonaWaktu) {
      setZonaWaktu(ctx.db, patch.zonaWaktu)
      rebuildFloorFlow(ctx.db)
    }
    return { result: null, detail: { before: Object.fromEntries(entries.map((k) => [k, before[k]])), after: patch } }
  })
  return requireElection(ctx)
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]
export const MAX_LOGO_BYTES = 1024 * 1024

/** The logo on the kop surat: PNG or JPEG, told by its bytes rather than its name. null removes it. */
export function aturLogo(ctx: ServiceContext, who: Actor, bytes: Uint8Array | null): Pemilihan {
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
    setLogo(ctx.db, bytes ? Buffer.from(bytes) : null, mime)
    return { result: null, detail: { mime, bytes: bytes?.length ?? 0 } }
  })
  return requireElection(ctx)
}

export function lihatLogo(ctx: ReadContext): { mime: 'image/png' | 'image/jpeg'; data: Buffer } | null {
  return logo(ctx.db)
}
