import { z } from 'zod'
import { method } from './define'
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
  'kebutuhan.daftarTps': method({
    input: z.object({ kecamatanId: Id.optional() }).strict().default({}),
    output: z.object({ columns: z.array(NeedColumn), rows: z.array(TpsNeedRow) }),
    description: 'Kebutuhan setiap TPS per barang (surat suara sesuai dapil TPS itu)',
    writes: false,
  }),
  'kebutuhan.lihatRekap': method({
    input: z.object({ level: z.enum(['desa', 'kecamatan', 'satker']) }).strict(),
    output: z.object({ columns: z.array(NeedColumn), rows: z.array(AreaNeedRow) }),
    description: 'Rekap kebutuhan per desa/kelurahan, kecamatan atau satker',
    writes: false,
  }),
  'kebutuhan.daftarDapil': method({
    input: NoInput,
    output: z.array(VariantNeedRow),
    description: 'Kebutuhan surat suara per jenis dan dapil, termasuk cadangan 2%/2,5% dan cadangan PSU',
    writes: false,
  }),
  'kebutuhan.ekspor': method({
    input: z.object({ format: z.enum(['xlsx', 'csv']), level: NeedLevel }).strict(),
    output: Download,
    description: 'Mengekspor kebutuhan (per TPS, desa, kecamatan atau dapil) sebagai XLSX atau CSV',
    writes: false,
    long: true,
  }),
}
