import { z } from 'zod'
import { method } from './define'
import { Id, Issue, NameText, NoInput, UploadedFile } from './common'

export const DapilOfBallot = z.object({
  itemId: Id,
  itemCode: z.string(),
  itemName: z.string(),
  dapil: z.array(z.object({ id: Id, name: z.string(), kecamatanIds: z.array(Id), inUse: z.boolean() })),
})

export type DapilOfBallot = z.infer<typeof DapilOfBallot>

export const DapilMapping = z
  .object({
    itemId: Id,
    mapping: z
      .array(
        z
          .object({
            kecamatanId: Id,
            dapil: NameText('Nama dapil', 'dapil', 60),
          })
          .strict(),
      )
      .min(1, 'Pemetaan dapil kosong'),
  })
  .strict()

export const dapilMethods = {
  'dapil.daftar': method({
    input: NoInput,
    output: z.array(DapilOfBallot),
    description: 'Daerah pemilihan per jenis surat suara dan kecamatan anggotanya',
    writes: false,
  }),
  'dapil.aturPemetaan': method({
    input: DapilMapping,
    output: z.array(DapilOfBallot),
    description: 'Menetapkan dapil setiap kecamatan untuk satu jenis surat suara',
    writes: true,
    access: 'koordinator',
  }),
  'dapil.pratinjauImpor': method({
    input: UploadedFile,
    output: z.object({
      ok: z.boolean(),
      errors: z.array(Issue),
      updated: z.number().int(),
      /** Dapil names the file would create: dapil.impor creates them only when dapilBaru names them. */
      dapilBaru: z.array(
        z.object({
          itemCode: z.string(),
          nama: z.string(),
          baris: z.array(z.number().int()),
          mirip: z.array(z.string()),
        }),
      ),
      /** Kecamatan the file leaves out, per ballot type it names. */
      tanpaDapil: z.array(z.object({ itemCode: z.string(), kecamatan: z.array(z.string()) })),
    }),
    description:
      'Memeriksa berkas pemetaan dapil tanpa menyimpan: galat, dapil baru yang perlu dikonfirmasi, kecamatan yang tidak disebut',
    writes: false,
  }),
  'dapil.impor': method({
    input: UploadedFile.extend({
      /** The new dapil names the coordinator confirmed (as dapil.pratinjauImpor listed them). */
      dapilBaru: z
        .array(NameText('Nama dapil baru', 'dapil', 60))
        .max(200)
        .default([]),
    }).strict(),
    output: z.object({ updated: z.number().int() }),
    description: 'Mengimpor pemetaan kecamatan ke dapil dari CSV/XLSX (kolom: surat_suara, kecamatan, dapil)',
    writes: true,
    access: 'koordinator',
  }),
}
