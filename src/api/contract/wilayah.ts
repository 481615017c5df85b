import { z } from 'zod'
import { method } from './define'
import { Id, Issue, NoInput, UploadedFile } from './common'

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
  /** Identifies this file against the current data; importApply refuses when either changed since. */
  fingerprint: z.string(),
})

export type ImportPreview = z.infer<typeof ImportPreview>

export const wilayahMethods = {
  'wilayah.lihatRingkasan': method({
    input: NoInput,
    output: WilayahSummary,
    description: 'Jumlah kecamatan, desa/kelurahan, TPS dan DPT',
    writes: false,
  }),
  'wilayah.daftarKecamatan': method({
    input: NoInput,
    output: z.array(KecamatanRow),
    description: 'Daftar kecamatan (PPK) dengan jumlah desa, TPS dan DPT',
    writes: false,
  }),
  'wilayah.daftarDesa': method({
    input: z.object({ kecamatanId: Id.optional() }).strict().default({}),
    output: z.array(
      z.object({
        id: Id,
        kecamatanId: Id,
        kode: z.string().nullable(),
        nama: z.string(),
        tps: z.number().int(),
        dpt: z.number().int(),
      }),
    ),
    description: 'Desa/kelurahan (PPS) dengan jumlah TPS dan DPT, seluruhnya atau satu kecamatan',
    writes: false,
  }),
  'wilayah.daftarTps': method({
    input: NoInput,
    output: z.array(TpsRow),
    description: 'Semua TPS dengan kecamatan, desa/kelurahan dan DPT',
    writes: false,
  }),
  'wilayah.pratinjauImpor': method({
    input: UploadedFile,
    output: ImportPreview,
    description:
      'Membaca berkas wilayah/TPS (CSV atau XLSX) dan menunjukkan galat serta perubahan tanpa menyimpan apa pun',
    writes: false,
    // A satker's XLSX of 15,000 rows takes seconds to read: not on the thread that answers the window.
    long: true,
  }),
  'wilayah.impor': method({
    input: UploadedFile.extend({ fingerprint: z.string().min(1, 'Pratinjau impor wajib dibuat dulu') }).strict(),
    output: z.object({
      added: z.number().int(),
      removed: z.number().int(),
      changed: z.number().int(),
      unchanged: z.number().int(),
    }),
    description: 'Menyimpan berkas wilayah/TPS yang sudah dipratinjau, seluruhnya atau tidak sama sekali',
    writes: true,
    access: 'koordinator',
  }),
}
