import { z } from 'zod'
import { method } from './define'
import { Count, Id, IsoDate, NoInput, Note, RequiredText } from './common'
import { Dokumen } from './dokumen'

export const pemusnahanMethods = {
  'pemusnahan.daftarKandidat': method({
    input: NoInput,
    output: z.array(
      z.object({
        variantId: Id,
        label: z.string(),
        itemName: z.string(),
        dapil: z.string().nullable(),
        rusak: z.array(z.object({ reason: z.string(), label: z.string(), qty: z.number().int() })),
        baik: z.number().int(),
        kitSisa: z.number().int(),
        psu: z.number().int(),
        surplus: z.number().int(),
      }),
    ),
    description: 'Surat suara yang dapat dimusnahkan: yang rusak per alasan, dan kelebihan surat suara baik',
    writes: false,
  }),
  'pemusnahan.catat': method({
    input: z
      .object({
        tanggal: IsoDate.optional(),
        metode: RequiredText('Cara pemusnahan', 100),
        tempat: RequiredText('Tempat pemusnahan', 200),
        note: Note,
        lines: z
          .array(
            z
              .object({
                variantId: Id,
                from: z.string().regex(/^(BAIK|RUSAK:[A-Z_]{2,40})$/, 'Asal harus BAIK atau RUSAK:<alasan>'),
                qty: Count.min(1, 'Jumlah minimal 1'),
              })
              .strict(),
          )
          .min(1, 'Isi sedikitnya satu jenis surat suara'),
      })
      .strict(),
    output: z.object({ pemusnahanId: Id, document: Dokumen }),
    description:
      'Memusnahkan surat suara rusak dan lebih (→ DIMUSNAHKAN) dan menerbitkan BA pemusnahan dalam satu transaksi',
    writes: true,
    access: 'koordinator',
  }),
  'pemusnahan.daftar': method({
    input: NoInput,
    output: z.array(
      z.object({
        id: Id,
        tanggal: z.string(),
        at: z.string(),
        actor: z.string(),
        metode: z.string(),
        tempat: z.string(),
        note: z.string(),
        documentId: Id.nullable(),
        nomor: z.string().nullable(),
        qty: z.number().int(),
      }),
    ),
    description: 'Pemusnahan yang sudah dilaksanakan',
    writes: false,
  }),
}
