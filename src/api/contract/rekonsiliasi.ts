import { z } from 'zod'
import { read } from './define'
import { Id, IsoDate } from './common'

export const ReconRow = z.object({
  variantId: Id,
  itemCode: z.string(),
  itemName: z.string(),
  kind: z.enum(['ballot', 'logistics']),
  dapil: z.string().nullable(),
  unit: z.string(),
  colorHex: z.string().nullable(),
  selisihTerbuka: z.number().int(),
  kebutuhan: z.number().int(),
  diterima: z.number().int(),
  belumDiproses: z.number().int(),
  proses: z.number().int(),
  baik: z.number().int(),
  dikemas: z.number().int(),
  dikirim: z.number().int(),
  rusak: z.record(z.string(), z.number().int()),
  rusakTotal: z.number().int(),
  tertukar: z.number().int(),
  tertukarDikembalikan: z.number().int(),
  dimusnahkan: z.number().int(),
  tersedia: z.number().int(),
  kekurangan: z.number().int(),
  kelebihan: z.number().int(),
})

export type ReconRow = z.infer<typeof ReconRow>

/** The sortir-lipat floor's progress for the Beranda charts. */
export const KemajuanSortir = z.object({
  days: z.array(
    z.object({ tanggal: z.string(), baik: z.number().int(), rusak: z.number().int(), target: z.number().int() }),
  ),
  byReason: z.array(z.object({ code: z.string(), label: z.string(), qty: z.number().int() })),
  damageRate: z.number(),
  teams: z.array(
    z.object({
      teamId: Id,
      nama: z.string(),
      hari: z.number().int(),
      baik: z.number().int(),
      rusak: z.number().int(),
      target: z.number().int(),
    }),
  ),
})

export type KemajuanSortir = z.infer<typeof KemajuanSortir>

export const rekonsiliasiMethods = {
  /** Without a date: now, from the balances. With one: the ledger as of the end of that day. */
  'rekonsiliasi.lihat': read(
    z.object({ tanggal: IsoDate.optional() }).strict().default({}),
    z.array(ReconRow),
    'Per jenis dan dapil: kebutuhan, diterima, dalam proses, baik, rusak per alasan, tertukar dan kekurangan',
  ),
  'rekonsiliasi.lihatKemajuan': read(
    z.object({ from: IsoDate.optional(), to: IsoDate.optional() }).strict().default({}),
    KemajuanSortir,
    'Kemajuan sortir-lipat per hari terhadap target, rusak per alasan dan hasil per regu',
  ),
}
