import { z } from 'zod'
import { list, write } from './define'
import { changesOf, Id, ItemKind, NameText, RequiredText, Rule, VariantInfo } from './common'

export const Barang = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  kind: ItemKind,
  unit: z.string(),
  color: z.string().nullable(),
  colorHex: z.string().nullable(),
  rule: Rule,
  qty: z.number().int(),
  per: z.number().int(),
  psuPerDapil: z.number().int(),
  preset: z.boolean(),
  confirmed: z.boolean(),
  assembled: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  payRate: z.number().int().nullable(),
})

export type Barang = z.infer<typeof Barang>

/** An item as a column of the needs table or a line of a BA names it. */
export const BarangNama = Barang.pick({ code: true, name: true, kind: true, unit: true })

const Qty = z
  .number()
  .int('Jumlah harus bilangan bulat')
  .min(0, 'Jumlah tidak boleh negatif')
  .max(1_000_000, 'Jumlah terlalu besar')

const Per = z
  .number()
  .int('Pembagi harus bilangan bulat')
  .min(1, 'Pembagi minimal 1')
  .max(100_000, 'Pembagi terlalu besar')

/** An item's name is printed on labels, kit lists and berita acara: a name like any other (core/names.ts). */
const ItemName = NameText('Nama barang', 'barang', 100).refine((s) => s.length >= 2, 'Nama barang wajib diisi')

export const BarangCreate = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9_]{2,30}$/, 'Kode barang 2–30 huruf besar, angka atau garis bawah, mis. KABEL_TIES'),
    name: ItemName,
    unit: RequiredText('Satuan', 30),
    rule: Rule.exclude(['ballot']),
    qty: Qty,
    per: Per.default(1),
    assembled: z.boolean().default(false),
  })
  .strict()

export type BarangCreate = z.output<typeof BarangCreate>

export const BarangUpdate = z
  .object({
    id: Id,
    ...changesOf(BarangCreate.omit({ code: true, assembled: true })),
    psuPerDapil: Qty.optional(),
    confirmed: z.boolean().optional(),
    active: z.boolean().optional(),
    payRate: z
      .number()
      .int('Upah dalam rupiah bulat')
      .min(0, 'Upah tidak boleh negatif')
      .max(1_000_000, 'Upah terlalu besar')
      .nullable()
      .optional(),
  })
  .strict()

export type BarangUpdate = z.output<typeof BarangUpdate>

export const barangMethods = {
  'barang.daftar': list(Barang, 'Jenis surat suara dan barang logistik beserta aturan kebutuhannya'),
  'barang.tambah': write(
    BarangCreate,
    Barang,
    'Menambah barang logistik lain dengan aturan kebutuhannya',
    'koordinator',
  ),
  'barang.ubah': write(
    BarangUpdate,
    Barang,
    'Mengubah aturan, jumlah, cadangan PSU atau konfirmasi satu barang',
    'koordinator',
  ),
  'barang.daftarVarian': list(VariantInfo, 'Semua varian barang: jenis surat suara per dapil dan barang logistik'),
}
