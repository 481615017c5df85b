import { z } from 'zod'
import { read, write } from './define'
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
  'dapil.daftar': read(
    NoInput,
    z.array(DapilOfBallot),
    'Daerah pemilihan per jenis surat suara dan kecamatan anggotanya',
  ),
  'dapil.aturPemetaan': write(
    DapilMapping,
    z.array(DapilOfBallot),
    'Menetapkan dapil setiap kecamatan untuk satu jenis surat suara',
    'koordinator',
  ),
  'dapil.pratinjauImpor': read(
    UploadedFile,
    z.object({
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
    'Memeriksa berkas pemetaan dapil tanpa menyimpan: galat, dapil baru yang perlu dikonfirmasi, kecamatan yang tidak disebut',
  ),
  'dapil.impor': write(
    UploadedFile.extend({
      /** The new dapil names the coordinator confirmed (as dapil.pratinjauImpor listed them). */
      dapilBaru: z
        .array(NameText('Nama dapil baru', 'dapil', 60))
        .max(200)
        .default([]),
    }).strict(),
    z.object({ updated: z.number().int() }),
    'Mengimpor pemetaan kecamatan ke dapil dari CSV/XLSX (kolom: surat_suara, kecamatan, dapil)',
    'koordinator',
  ),
}
