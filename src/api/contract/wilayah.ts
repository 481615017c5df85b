import { z } from 'zod'
import { longRead, read, write } from './define'
import { Id, Issue, NameText, NoInput, UploadedFile } from './common'

export const WilayahSummary = z.object({
  kecamatan: z.number().int(),
  desa: z.number().int(),
  tps: z.number().int(),
  dpt: z.number().int(),
  tpsOverMax: z.number().int(),
})

export const KecamatanRow = z.object({
  id: Id,
  kode: z.string().nullable(),
  nama: z.string(),
  desa: z.number().int(),
  tps: z.number().int(),
  dpt: z.number().int(),
})

export const TpsRow = z.object({
  id: Id,
  kecamatanId: Id,
  kecamatan: z.string(),
  desaId: Id,
  desa: z.string(),
  kodeDesa: z.string().nullable(),
  nomor: z.number().int(),
  dpt: z.number().int(),
})

export type TpsRow = z.infer<typeof TpsRow>

export const ChangeRow = z.object({
  kind: z.enum(['added', 'removed', 'changed']),
  kecamatan: z.string(),
  desa: z.string(),
  nomor: z.number().int(),
  dptBefore: z.number().int().nullable(),
  dptAfter: z.number().int().nullable(),
})

export type ChangeRow = z.infer<typeof ChangeRow>

/**
 * What an import would do to one kit already packed or handed over: lebih (packed beyond its new need:
 * the excess to take out), kurang (a complete line now short), dihapus (the TPS would go while its kit
 * holds sheets), bertentangan (the PPK holds the kit: it contradicts the handover, whose BA is named).
 */
export const KitAkibat = z.object({
  tpsId: Id,
  kecamatan: z.string(),
  desa: z.string(),
  nomor: z.number().int(),
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
  totals: z.object({
    kecamatan: z.number().int(),
    desa: z.number().int(),
    tps: z.number().int(),
    dpt: z.number().int(),
  }),
  changes: z.object({
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    sample: z.array(ChangeRow),
  }),
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
  'wilayah.daftarKecamatan': read(
    NoInput,
    z.array(KecamatanRow),
    'Daftar kecamatan (PPK) dengan jumlah desa, TPS dan DPT',
  ),
  'wilayah.daftarDesa': read(
    z.object({ kecamatanId: Id.optional() }).strict().default({}),
    z.array(
      z.object({
        id: Id,
        kecamatanId: Id,
        kode: z.string().nullable(),
        nama: z.string(),
        tps: z.number().int(),
        dpt: z.number().int(),
      }),
    ),
    'Desa/kelurahan (PPS) dengan jumlah TPS dan DPT, seluruhnya atau satu kecamatan',
  ),
  'wilayah.daftarTps': read(NoInput, z.array(TpsRow), 'Semua TPS dengan kecamatan, desa/kelurahan dan DPT'),
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
    z.object({
      added: z.number().int(),
      removed: z.number().int(),
      changed: z.number().int(),
      unchanged: z.number().int(),
    }),
    'Menyimpan berkas wilayah/TPS yang sudah dipratinjau, seluruhnya atau tidak sama sekali',
    'koordinator',
  ),
}
