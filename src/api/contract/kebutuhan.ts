import { z } from 'zod'
import { list, longRead, read } from './define'
import { counts, Download, Filter, Id, VariantName } from './common'
import { BarangNama } from './barang'
import { TpsNama } from './wilayah'

export const NeedColumn = BarangNama.extend({ itemId: Id })

export type NeedColumn = z.infer<typeof NeedColumn>

/** The quantity of each item, by item code. */
const ItemQty = z.record(z.string(), z.number().int())

/** One TPS with the quantity of every item its kit needs; ballots carry the dapil of that TPS. */
export const TpsNeedRow = TpsNama.extend({
  tpsId: Id,
  dpt: z.number().int(),
  qty: ItemQty,
  dapil: z.record(z.string(), z.string()),
})

export const AreaNeedRow = z.object({
  level: z.enum(['desa', 'kecamatan', 'satker']),
  kecamatan: z.string().nullable(),
  desa: z.string().nullable(),
  ...counts('tps', 'dpt'),
  /** Kit contents summed over the TPS of the area, plus items whose rule is per desa or per kecamatan. */
  qty: ItemQty,
})

export type AreaNeedRow = z.infer<typeof AreaNeedRow>

/** Ballots per type x dapil: the kits, the reserve inside them, and the PSU reserve held at the satker. */
export const VariantNeedRow = VariantName.extend({
  dapil: z.string(),
  ...counts('tps', 'dpt', 'reserve', 'kits', 'psu', 'total'),
})

export const NeedLevel = z.enum(['tps', 'desa', 'kecamatan', 'dapil'])
export type NeedLevel = z.infer<typeof NeedLevel>

export const kebutuhanMethods = {
  'kebutuhan.daftarTps': read(
    Filter({ kecamatanId: Id.optional() }),
    z.object({ columns: z.array(NeedColumn), rows: z.array(TpsNeedRow) }),
    'Kebutuhan setiap TPS per barang (surat suara sesuai dapil TPS itu)',
  ),
  'kebutuhan.lihatRekap': read(
    z.object({ level: z.enum(['desa', 'kecamatan', 'satker']) }).strict(),
    z.object({ columns: z.array(NeedColumn), rows: z.array(AreaNeedRow) }),
    'Rekap kebutuhan per desa/kelurahan, kecamatan atau satker',
  ),
  'kebutuhan.daftarDapil': list(
    VariantNeedRow,
    'Kebutuhan surat suara per jenis dan dapil, termasuk cadangan 2%/2,5% dan cadangan PSU',
  ),
  'kebutuhan.ekspor': longRead(
    z.object({ format: z.enum(['xlsx', 'csv']), level: NeedLevel }).strict(),
    Download,
    'Mengekspor kebutuhan (per TPS, desa, kecamatan atau dapil) sebagai XLSX atau CSV',
  ),
}
