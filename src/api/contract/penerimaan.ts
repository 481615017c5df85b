import { z } from 'zod'
import { list, read, write } from './define'
import {
  Catatan,
  Count,
  dicatat,
  Id,
  IsoDate,
  LocalDateTime,
  NameText,
  Note,
  OptionalName,
  RequiredText,
  ShortText,
} from './common'

const Kind = z.enum(['biasa', 'pengganti'])

/**
 * A delivery's header as recorded: what the surat jalan says and who brought it. The one list of its
 * fields: PenerimaanInput validates them as typed (and must give exactly these), Penerimaan reads them back.
 */
export const PenerimaanHeader = z.object({
  kind: Kind,
  /** Local date and time the goods arrived: 'YYYY-MM-DDTHH:MM'. */
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
})

export type PenerimaanHeader = z.infer<typeof PenerimaanHeader>

export const PenerimaanBarisInput = z
  .object({
    variantId: Id,
    dus: Count.nullable().optional(),
    isiPerDus: Count.min(1, 'Isi per dus minimal 1').nullable().optional(),
    /** What the surat jalan/BTTB says; dus x isi per dus when left out. */
    statedQty: Count.nullable().optional(),
    countedQty: Count,
    tertukarQty: Count.default(0),
    tertukarNote: ShortText('Keterangan tertukar').default(''),
  })
  .strict()

export type PenerimaanBarisInput = z.output<typeof PenerimaanBarisInput>

export const PenerimaanInput = z
  .object({
    kind: Kind.default('biasa'),
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
      .array(PenerimaanBarisInput)
      .min(1, 'Isi sedikitnya satu barang yang diterima')
      .max(200, 'Terlalu banyak baris'),
  })
  .strict() satisfies z.ZodType<PenerimaanHeader & { lines: PenerimaanBarisInput[] }>

export type PenerimaanInput = z.output<typeof PenerimaanInput>

export const PenerimaanBaris = z.object({
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
  /** counted - stated: below zero kurang, above zero lebih. */
  selisih: z.number().int(),
  selesai: Catatan.nullable(),
})

export type PenerimaanBaris = z.infer<typeof PenerimaanBaris>

export const Penerimaan = z.object({
  id: Id,
  ...PenerimaanHeader.shape,
  recordedAt: z.string(),
  recordedBy: z.string(),
  lines: z.array(PenerimaanBaris),
  /** Nomor of the BA penerimaan once issued. */
  baNomor: z.string().nullable(),
  baDocumentId: Id.nullable(),
})

export type Penerimaan = z.infer<typeof Penerimaan>

export const ReturInput = z
  .object({
    /**
     * Local date and time the sheets left: 'YYYY-MM-DDTHH:MM'; now when left out. The nota pengembalian
     * is dated by it, in its body and above its signatures.
     */
    returnedAt: LocalDateTime.optional(),
    penyedia: NameText('Nama penyedia', 'penyedia', 150),
    note: RequiredText('Keterangan pengembalian', 300),
    lines: z
      .array(z.object({ variantId: Id, qty: Count.min(1, 'Jumlah minimal 1') }).strict())
      .min(1, 'Isi sedikitnya satu barang'),
  })
  .strict()

export type ReturInput = z.output<typeof ReturInput>

/** Tertukar sheets returned to the printer. */
export const Retur = z.object({
  id: Id,
  ...dicatat,
  penyedia: z.string(),
  note: z.string(),
  lines: z.array(z.object({ variantId: Id, qty: z.number().int(), label: z.string() })),
  /** The nota pengembalian once issued. */
  notaDocumentId: Id.nullable(),
  notaNomor: z.string().nullable(),
})

export type Retur = z.infer<typeof Retur>

/** The deliveries of a variant declared complete. */
export const KirimanLengkap = Catatan.extend({ variantId: Id, label: z.string(), tanggal: z.string() })

export type KirimanLengkap = z.infer<typeof KirimanLengkap>

export const penerimaanMethods = {
  'penerimaan.daftar': list(Penerimaan, 'Semua penerimaan dari penyedia, terbaru dahulu, dengan selisih dan tertukar'),
  'penerimaan.lihat': read(z.object({ id: Id }).strict(), Penerimaan, 'Satu penerimaan dengan rinciannya'),
  'penerimaan.catat': write(
    PenerimaanInput,
    Penerimaan,
    'Mencatat satu pengiriman dari penyedia: jumlah menurut surat jalan, hasil hitung (PENYEDIA → DITERIMA) dan yang tertukar',
  ),
  'penerimaan.selesaikanSelisih': write(
    z.object({ lineId: Id, note: RequiredText('Keterangan penyelesaian', 300) }).strict(),
    Penerimaan,
    'Menyatakan selisih kurang/lebih satu baris penerimaan sudah selesai, dengan keterangan',
    'koordinator',
  ),
  'penerimaan.catatRetur': write(
    ReturInput,
    z.object({ id: Id }),
    'Mengembalikan surat suara tertukar kepada penyedia (TERTUKAR → PENYEDIA) dengan nota pengembalian',
    'koordinator',
  ),
  'penerimaan.selesaikanKiriman': write(
    z
      .object({
        variantId: Id,
        /** The local date from which no more ordinary deliveries are expected; today when left out. */
        tanggal: IsoDate.optional(),
        note: RequiredText('Keterangan', 300),
      })
      .strict(),
    KirimanLengkap,
    'Menyatakan pengiriman satu jenis surat suara (per dapil) atau barang dari penyedia sudah lengkap: sejak tanggal itu kekurangan kirim dimintakan penggantian',
    'koordinator',
  ),
  'penerimaan.daftarKiriman': list(KirimanLengkap, 'Jenis dan dapil yang pengirimannya sudah dinyatakan lengkap'),
  'penerimaan.daftarRetur': list(Retur, 'Pengembalian surat suara tertukar yang sudah dicatat'),
}
