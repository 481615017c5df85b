import { z } from 'zod'
import { longRead, read } from './define'
import { Download, Id, NoInput } from './common'

export const NeedColumn = z.object({
  itemId: Id,
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  kind: z.enum(['ballot', 'logistics']),
})

export type NeedColumn = z.infer<typeof NeedColumn>

/** One TPS with the quantity of every item its kit needs; ballots carry the dapil of that TPS. */
export const TpsNeedRow = z.object({
  tpsId: Id,
  kecamatan: z.string(),
  desa: z.string(),
  nomor: z.number().int(),
  dpt: z.number().int(),
  qty: z.record(z.string(), z.number().int()),
  dapil: z.record(z.string(), z.string()),
})

export const AreaNeedRow = z.object({
  level: z.enum(['desa', 'kecamatan', 'satker']),
  kecamatan: z.string().nullable(),
  desa: z.string().nullable(),
  tps: z.number().int(),
  dpt: z.number().int(),
  /** Kit contents summed over the TPS of the area, plus items whose rule is per desa or per kecamatan. */
  qty: z.record(z.string(), z.number().int()),
})

export type AreaNeedRow = z.infer<typeof AreaNeedRow>

/** Ballots per type x dapil: the kits, the reserve inside them, and the PSU reserve held at the satker. */
export const VariantNeedRow = z.object({
  variantId: Id,
  itemCode: z.string(),
  itemName: z.string(),
  dapil: z.string(),
  tps: z.number().int(),
  dpt: z.number().int(),
  reserve: z.number().int(),
  kits: z.number().int(),
  psu: z.number().int(),
  total: z.number().int(),
})

export const NeedLevel = z.enum(['tps', 'desa', 'kecamatan', 'dapil'])
export type NeedLevel = z.infer<typeof NeedLevel>

export const kebutuhanMethods = {
  'kebutuhan.daftarTps': read(
    z.object({ kecamatanId: Id.optional() }).strict().default({}),
    z.object({ columns: z.array(NeedColumn), rows: z.array(TpsNeedRow) }),
    'Kebutuhan setiap TPS per barang (surat suara sesuai dapil TPS itu)',
  ),
  'kebutuhan.lihatRekap': read(
    z.object({ level: z.enum(['desa', 'kecamatan', 'satker']) }).strict(),
    z.object({ columns: z.array(NeedColumn), rows: z.array(AreaNeedRow) }),
    'Rekap kebutuhan per desa/kelurahan, kecamatan atau satker',
  ),
  'kebutuhan.daftarDapil': read(
    NoInput,
    z.array(VariantNeedRow),
    'Kebutuhan surat suara per jenis dan dapil, termasuk cadangan 2%/2,5% dan cadangan PSU',
  ),
  'kebutuhan.ekspor': longRead(
    z.object({ format: z.enum(['xlsx', 'csv']), level: NeedLevel }).strict(),
    Download,
    'Mengekspor kebutuhan (per TPS, desa, kecamatan atau dapil) sebagai XLSX atau CSV',
  ),
}
