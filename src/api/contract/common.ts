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
