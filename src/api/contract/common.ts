import { z } from 'zod'

export const Id = z.number().int().positive()
export const Jenis = z.enum(['pemilu', 'pilkada'])
/** How the per-TPS reserve is rounded: up (KPU practice), nearest, down, or up to an even number ("digenapkan"). */
export const Rounding = z.enum(['up', 'nearest', 'down', 'up_even'])
export const Rule = z.enum(['ballot', 'per_tps', 'per_dpt', 'per_desa', 'per_kecamatan'])
export const ItemKind = z.enum(['ballot', 'logistics'])

export const Issue = z.object({
  row: z.number().int().optional(),
  column: z.string().optional(),
  message: z.string(),
})

export const NoInput = z.object({}).strict().default({})

/** An uploaded file travels as base64 so one JSON contract serves IPC, HTTP and the CLI. */
export const UploadedFile = z.object({
  fileName: z.string().min(1, 'Nama berkas wajib diisi').max(255, 'Nama berkas terlalu panjang'),
  contentBase64: z
    .string()
    .max(70_000_000, 'Berkas terlalu besar (maksimum 50 MB)')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Isi berkas bukan base64 yang sah'),
})

export const Download = z.object({
  fileName: z.string(),
  mime: z.string(),
  contentBase64: z.string(),
})
export type Download = z.infer<typeof Download>

/** A count of sheets or units: whole, not negative, not absurd. */
export const Count = z
  .number({ error: 'Jumlah harus angka' })
  .int('Jumlah harus bilangan bulat')
  .min(0, 'Jumlah tidak boleh negatif')
  .max(100_000_000, 'Jumlah terlalu besar')
export const PositiveCount = Count.min(1, 'Jumlah minimal 1')
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal ditulis TTTT-BB-HH, mis. 2024-11-05')
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Jam ditulis JJ:MM, mis. 08:00')
export const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'Waktu ditulis TTTT-BB-HHTJJ:MM')
export const ShortText = (label: string, max = 200) => z.string().trim().max(max, `${label} terlalu panjang (maksimum ${max} karakter)`)
export const RequiredText = (label: string, max = 200) => ShortText(label, max).min(1, `${label} wajib diisi`)
export const Note = ShortText('Catatan', 500).default('')

/** A variant as the floor names it: ballot type and dapil, or a logistics item. */
export const VariantInfo = z.object({
  variantId: Id,
  itemId: Id,
  itemCode: z.string(),
  itemName: z.string(),
  kind: ItemKind,
  assembled: z.boolean(),
  unit: z.string(),
  colorHex: z.string().nullable(),
  dapilId: Id.nullable(),
  dapil: z.string().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  label: z.string(),
})
export type VariantInfo = z.infer<typeof VariantInfo>
