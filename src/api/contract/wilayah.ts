import { z } from 'zod'
import { list, longRead, read, write } from './define'
import { counts, Filter, Id, Issue, NameText, NoInput, UploadedFile } from './common'

/** How many kecamatan, desa/kelurahan, TPS and voters: of the satker, or of a file to import. */
const Jumlah = z.object(counts('kecamatan', 'desa', 'tps', 'dpt'))

/** With the TPS above the satker's limit of voters per TPS. */
export const WilayahSummary = Jumlah.extend(counts('tpsOverMax'))

/** A TPS as people name it: its kecamatan, its desa/kelurahan and its number ("TPS 001"). */
export const TpsNama = z.object({ kecamatan: z.string(), desa: z.string(), nomor: z.number().int() })

/** A TPS in its place: its name, the ids of its kecamatan and desa, and its DPT. */
export const TpsTempat = TpsNama.extend({ kecamatanId: Id, desaId: Id, dpt: z.number().int() })

/** A kecamatan or desa/kelurahan: its code and name, and how many TPS and voters it has. */
const Wilayah = z.object({ id: Id, kode: z.string().nullable(), nama: z.string(), ...counts('tps', 'dpt') })

export const KecamatanRow = Wilayah.extend(counts('desa'))

export const DesaRow = Wilayah.extend({ kecamatanId: Id })

export const TpsRow = TpsTempat.extend({ id: Id, kodeDesa: z.string().nullable() })

export type TpsRow = z.infer<typeof TpsRow>

export const ChangeRow = TpsNama.extend({
  kind: z.enum(['added', 'removed', 'changed']),
  dptBefore: z.number().int().nullable(),
  dptAfter: z.number().int().nullable(),
})

export type ChangeRow = z.infer<typeof ChangeRow>

/** How many TPS an import adds, removes, changes and leaves as they were. */
const Perubahan = z.object(counts('added', 'removed', 'changed', 'unchanged'))

/**
 * What an import would do to one kit already packed or handed over: lebih (packed beyond its new need:
 * the excess to take out), kurang (a complete line now short), dihapus (the TPS would go while its kit
 * holds sheets), bertentangan (the PPK holds the kit: it contradicts the handover, whose BA is named).
 */
export const KitAkibat = TpsNama.extend({
  tpsId: Id,
  dptBefore: z.number().int(),
  dptAfter: z.number().int().nullable(),
  kind: z.enum(['lebih', 'kurang', 'dihapus', 'bertentangan']),
  baNomor: z.string().nullable(),
  lines: z.array(
    z.object({
      variantId: Id,
      label: z.string(),
      needBefore: z.number().int(),
      needAfter: z.number().int().nullable(),
      packed: z.number().int(),
    }),
  ),
  message: z.string(),
})

export type KitAkibat = z.infer<typeof KitAkibat>

/** The coordinator's word that a kecamatan the file names `baru` is the one now called `lama`. */
const GantiNama = z
  .array(
    z
      .object({
        lama: NameText('Nama kecamatan lama', 'kecamatan', 100),
        baru: NameText('Nama kecamatan baru', 'kecamatan', 100),
      })
      .strict(),
  )
  .max(100)
  .default([])

export const ImportPreview = z.object({
  ok: z.boolean(),
  errors: z.array(Issue),
  warnings: z.array(Issue),
  format: z.string(),
  columns: z.record(z.string(), z.string()),
  totals: Jumlah,
  changes: Perubahan.extend({ sample: z.array(ChangeRow) }),
  /**
   * Kits the import would touch. Bertentangan and dihapus refuse the import; lebih and kurang need the
   * decision `terapkanPadaKit` in wilayah.impor, which marks those kits "perlu diperiksa".
   */
  kits: z.array(KitAkibat),
  /** Kecamatan and desa the file calls by a new name: the same kode, or the coordinator's gantiNama. */
  renames: z.array(
    z.object({
      tingkat: z.enum(['kecamatan', 'desa']),
      kode: z.string().nullable(),
      lama: z.string(),
      baru: z.string(),
    }),
  ),
  /** In a file without codes: a kecamatan gone and one new with as many TPS and a similar name. */
  likelyRenames: z.array(
    z.object({ tingkat: z.literal('kecamatan'), lama: z.string(), baru: z.string(), tps: z.number().int() }),
  ),
  /** Identifies this file against the current data; importApply refuses when either changed since. */
  fingerprint: z.string(),
})

export type ImportPreview = z.infer<typeof ImportPreview>

export const wilayahMethods = {
  'wilayah.lihatRingkasan': read(NoInput, WilayahSummary, 'Jumlah kecamatan, desa/kelurahan, TPS dan DPT'),
  'wilayah.daftarKecamatan': list(KecamatanRow, 'Daftar kecamatan (PPK) dengan jumlah desa, TPS dan DPT'),
  'wilayah.daftarDesa': read(
    Filter({ kecamatanId: Id.optional() }),
    z.array(DesaRow),
    'Desa/kelurahan (PPS) dengan jumlah TPS dan DPT, seluruhnya atau satu kecamatan',
  ),
  'wilayah.daftarTps': list(TpsRow, 'Semua TPS dengan kecamatan, desa/kelurahan dan DPT'),
  // A satker's XLSX of 15,000 rows takes seconds to read: not on the thread that answers the window.
  'wilayah.pratinjauImpor': longRead(
    UploadedFile.extend({ gantiNama: GantiNama }).strict(),
    ImportPreview,
    'Membaca berkas wilayah/TPS (CSV atau XLSX) dan menunjukkan galat serta perubahan tanpa menyimpan apa pun',
  ),
  'wilayah.impor': write(
    UploadedFile.extend({
      fingerprint: z.string().min(1, 'Pratinjau impor wajib dibuat dulu'),
      /** The coordinator's decision to change the needs of kits already packed (they become "perlu diperiksa"). */
      terapkanPadaKit: z.boolean().default(false),
      gantiNama: GantiNama,
    }).strict(),
    Perubahan,
    'Menyimpan berkas wilayah/TPS yang sudah dipratinjau, seluruhnya atau tidak sama sekali',
    'koordinator',
  ),
}
