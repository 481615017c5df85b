import { z } from 'zod'
import { method } from './define'
import { Id, NameText, NoInput, UploadedFile } from './common'

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
  'dapil.impor': method({
    input: UploadedFile,
    output: z.object({ updated: z.number().int() }),
    description: 'Mengimpor pemetaan kecamatan ke dapil dari CSV/XLSX (kolom: surat_suara, kecamatan, dapil)',
    writes: true,
    access: 'koordinator',
  }),
}
