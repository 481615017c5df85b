import { z } from 'zod'
import { method } from './define'
import { Count, Id, LocalDateTime, NameText, NoInput, Note, OptionalName, RequiredText, ShortText } from './common'

const DeliveryLineInput = z
  .object({
    variantId: Id,
    dus: Count.nullable().optional(),
    isiPerDus: Count.min(1, 'Isi per dus minimal 1').nullable().optional(),
    statedQty: Count.nullable().optional(),
    countedQty: Count,
    tertukarQty: Count.default(0),
    tertukarNote: ShortText('Keterangan tertukar').default(''),
  })
  .strict()

export const DeliveryInput = z
  .object({
    kind: z.enum(['biasa', 'pengganti']).default('biasa'),
    receivedAt: LocalDateTime,
    penyedia: NameText('Nama penyedia', 'penyedia', 150),
    suratJalan: RequiredText('Nomor surat jalan', 100),
    bttb: ShortText('Nomor BTTB', 100).default(''),
    kendaraan: ShortText('Kendaraan', 100).default(''),
    pengemudi: ShortText('Pengemudi', 100).default(''),
    wakilNama: OptionalName('Nama wakil penyedia', 100).default(''),
    wakilJabatan: ShortText('Jabatan wakil penyedia', 100).default(''),
    penggantiUntuk: ShortText('Keterangan penggantian', 200).default(''),
    note: Note,
    lines: z
      .array(DeliveryLineInput)
      .min(1, 'Isi sedikitnya satu barang yang diterima')
      .max(200, 'Terlalu banyak baris'),
  })
  .strict()

export const DeliveryLine = z.object({
  lineId: Id,
  variantId: Id,
  label: z.string(),
  unit: z.string(),
  dus: z.number().int().nullable(),
  isiPerDus: z.number().int().nullable(),
  statedQty: z.number().int(),
  countedQty: z.number().int(),
  tertukarQty: z.number().int(),
  tertukarNote: z.string(),
  selisih: z.number().int(),
  selesai: z.object({ at: z.string(), actor: z.string(), note: z.string() }).nullable(),
})

export const Delivery = z.object({
  id: Id,
  kind: z.enum(['biasa', 'pengganti']),
  receivedAt: z.string(),
  penyedia: z.string(),
  suratJalan: z.string(),
  bttb: z.string(),
  kendaraan: z.string(),
  pengemudi: z.string(),
  wakilNama: z.string(),
  wakilJabatan: z.string(),
  penggantiUntuk: z.string(),
  note: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  lines: z.array(DeliveryLine),
  baNomor: z.string().nullable(),
  baDocumentId: Id.nullable(),
})

export type Delivery = z.infer<typeof Delivery>

export const penerimaanMethods = {
  'penerimaan.daftar': method({
    input: NoInput,
    output: z.array(Delivery),
    description: 'Semua penerimaan dari penyedia, terbaru dahulu, dengan selisih dan tertukar',
    writes: false,
  }),
  'penerimaan.lihat': method({
    input: z.object({ id: Id }).strict(),
    output: Delivery,
    description: 'Satu penerimaan dengan rinciannya',
    writes: false,
  }),
  'penerimaan.catat': method({
    input: DeliveryInput,
    output: Delivery,
    description:
      'Mencatat satu pengiriman dari penyedia: jumlah menurut surat jalan, hasil hitung (PENYEDIA → DITERIMA) dan yang tertukar',
    writes: true,
  }),
  'penerimaan.selesaikanSelisih': method({
    input: z.object({ lineId: Id, note: RequiredText('Keterangan penyelesaian', 300) }).strict(),
    output: Delivery,
    description: 'Menyatakan selisih kurang/lebih satu baris penerimaan sudah selesai, dengan keterangan',
    writes: true,
    access: 'koordinator',
  }),
  'penerimaan.catatRetur': method({
    input: z
      .object({
        penyedia: NameText('Nama penyedia', 'penyedia', 150),
        note: RequiredText('Keterangan pengembalian', 300),
        lines: z
          .array(z.object({ variantId: Id, qty: Count.min(1, 'Jumlah minimal 1') }).strict())
          .min(1, 'Isi sedikitnya satu barang'),
      })
      .strict(),
    output: z.object({ id: Id }),
    description: 'Mengembalikan surat suara tertukar kepada penyedia (TERTUKAR → PENYEDIA) dengan nota pengembalian',
    writes: true,
    access: 'koordinator',
  }),
  'penerimaan.daftarRetur': method({
    input: NoInput,
    output: z.array(
      z.object({
        id: Id,
        at: z.string(),
        actor: z.string(),
        penyedia: z.string(),
        note: z.string(),
        lines: z.array(z.object({ variantId: Id, qty: z.number().int(), label: z.string() })),
        /** The nota pengembalian once issued. */
        notaDocumentId: Id.nullable(),
        notaNomor: z.string().nullable(),
      }),
    ),
    description: 'Pengembalian surat suara tertukar yang sudah dicatat',
    writes: false,
  }),
}
