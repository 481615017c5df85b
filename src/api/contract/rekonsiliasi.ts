import { z } from 'zod'
import { read } from './define'
import { counts, Filter, Id, IsoDate, Rentang, VariantLine } from './common'
import { Rusak } from './rusak'

/** One variant's position: where its sheets are, from need and receipt to destruction. */
export const ReconRow = VariantLine.extend({
  ...counts('selisihTerbuka', 'kebutuhan', 'diterima', 'belumDiproses', 'proses', 'baik', 'dikemas', 'dikirim'),
  ...Rusak.shape,
  ...counts('tertukar', 'tertukarDikembalikan', 'dimusnahkan', 'tersedia', 'kekurangan', 'kelebihan'),
})

export type ReconRow = z.infer<typeof ReconRow>

/** The sortir-lipat floor's progress for the Beranda charts. */
/** Good and damaged sheets against the target: of a day, or of a team over its days (`hari`). */
const hasilSortir = counts('baik', 'rusak', 'target')

export const KemajuanSortir = z.object({
  days: z.array(z.object({ tanggal: z.string(), ...hasilSortir })),
  byReason: z.array(z.object({ code: z.string(), label: z.string(), qty: z.number().int() })),
  damageRate: z.number(),
  teams: z.array(z.object({ teamId: Id, nama: z.string(), ...counts('hari'), ...hasilSortir })),
})

export type KemajuanSortir = z.infer<typeof KemajuanSortir>

export const rekonsiliasiMethods = {
  /** Without a date: now, from the balances. With one: the ledger as of the end of that day. */
  'rekonsiliasi.lihat': read(
    Filter({ tanggal: IsoDate.optional() }),
    z.array(ReconRow),
    'Per jenis dan dapil: kebutuhan, diterima, dalam proses, baik, rusak per alasan, tertukar dan kekurangan',
  ),
  'rekonsiliasi.lihatKemajuan': read(
    Rentang,
    KemajuanSortir,
    'Kemajuan sortir-lipat per hari terhadap target, rusak per alasan dan hasil per regu',
  ),
}
