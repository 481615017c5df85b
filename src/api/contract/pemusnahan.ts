import { z } from 'zod'
import { list, write } from './define'
import { counts, Count, dicatat, Id, IsoDate, Note, RequiredText } from './common'
import { Dokumen, Terbitan } from './dokumen'

/** Per ballot variant: what may be destroyed now (every damaged sheet, and good ones beyond every need). */
export const PemusnahanKandidat = z.object({
  variantId: Id,
  label: z.string(),
  itemName: z.string(),
  dapil: z.string().nullable(),
  rusak: z.array(z.object({ reason: z.string(), label: z.string(), qty: z.number().int() })),
  /** kitSisa: kit needs not yet packed or handed over, good sheets that are still spoken for. */
  ...counts('baik', 'kitSisa', 'psu', 'surplus'),
})

export type PemusnahanKandidat = z.infer<typeof PemusnahanKandidat>

export const PemusnahanInput = z
  .object({
    tanggal: IsoDate.optional(),
    metode: RequiredText('Cara pemusnahan', 100),
    tempat: RequiredText('Tempat pemusnahan', 200),
    note: Note,
    /** from: 'BAIK' for surplus good sheets, or 'RUSAK:<reason>'. */
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
  .strict()

export type PemusnahanInput = z.infer<typeof PemusnahanInput>

/** A destruction before witnesses, with its BA and the sheets it destroyed. */
export const Pemusnahan = Terbitan.extend({
  id: Id,
  tanggal: z.string(),
  ...dicatat,
  metode: z.string(),
  tempat: z.string(),
  note: z.string(),
  qty: z.number().int(),
})

export type Pemusnahan = z.infer<typeof Pemusnahan>

export const pemusnahanMethods = {
  'pemusnahan.daftarKandidat': list(
    PemusnahanKandidat,
    'Surat suara yang dapat dimusnahkan: yang rusak per alasan, dan kelebihan surat suara baik',
  ),
  'pemusnahan.catat': write(
    PemusnahanInput,
    z.object({ pemusnahanId: Id, document: Dokumen }),
    'Memusnahkan surat suara rusak dan lebih (→ DIMUSNAHKAN) dan menerbitkan BA pemusnahan dalam satu transaksi',
    'koordinator',
  ),
  'pemusnahan.daftar': list(Pemusnahan, 'Pemusnahan yang sudah dilaksanakan'),
}
