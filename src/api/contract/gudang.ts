import { z } from 'zod'
import { method } from './define'
import { Count, Id, IsoDate, NoInput, RequiredText, VariantInfo } from './common'

/** Reference data and the ledger views the floor screens share: variants, damage reasons, reconciliation, history. */
export const DamageReason = z.object({
  code: z.string(),
  short: z.string(),
  label: z.string(),
  appliesTo: z.enum(['ballot', 'assembled', 'all']),
  needsNote: z.boolean(),
})

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

export const Progress = z.object({
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
export type Progress = z.infer<typeof Progress>

export const HistoryRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  variantId: Id,
  variant: z.string(),
  from: z.string(),
  to: z.string(),
  fromLabel: z.string(),
  toLabel: z.string(),
  qty: z.number().int(),
  note: z.string().nullable(),
  shiftId: z.number().int().nullable(),
  documentId: z.string().nullable(),
  reason: z.string().nullable(),
  correctsSeq: z.number().int().nullable(),
  reversedBy: z.number().int().nullable(),
  worker: z.string().nullable(),
})
export type HistoryRow = z.infer<typeof HistoryRow>

const PlaceText = z.string().regex(/^[A-Z]+(:[A-Za-z0-9_]{1,40}){0,2}:?$/, 'Tempat tidak sah')

export const gudangMethods = {
  'barang.varian': method({
    input: NoInput,
    output: z.array(VariantInfo),
    description: 'Semua varian barang: jenis surat suara per dapil dan barang logistik',
    writes: false,
  }),
  'rusak.alasan': method({
    input: NoInput,
    output: z.array(DamageReason),
    description: 'Kriteria surat suara rusak (Kep. KPU 1395/2023) dan alasan rusak kotak/bilik',
    writes: false,
  }),
  'rekonsiliasi.get': method({
    input: NoInput,
    output: z.array(ReconRow),
    description:
      'Per jenis dan dapil: kebutuhan, diterima, dalam proses, baik, rusak per alasan, tertukar dan kekurangan',
    writes: false,
  }),
  'rekonsiliasi.progres': method({
    input: z.object({ from: IsoDate.optional(), to: IsoDate.optional() }).strict().default({}),
    output: Progress,
    description: 'Kemajuan sortir-lipat per hari terhadap target, rusak per alasan dan hasil per regu',
    writes: false,
  }),
  'ledger.riwayat': method({
    input: z
      .object({
        variantId: Id.optional(),
        place: PlaceText.optional(),
        placePrefix: PlaceText.optional(),
        shiftId: Id.optional(),
        documentId: z.string().max(60).optional(),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    output: z.object({ truncated: z.boolean(), rows: z.array(HistoryRow) }),
    description: 'Baris buku besar di balik sebuah angka: setiap perpindahan masuk/keluar suatu tempat, terbaru dahulu',
    writes: false,
  }),
  'ledger.koreksi': method({
    input: z
      .object({ seq: z.number().int().positive(), qty: Count, note: RequiredText('Alasan koreksi', 300) })
      .strict(),
    output: z.object({ seqs: z.array(z.number().int()) }),
    description: 'Mengoreksi satu baris buku besar: baris pembatalan dan baris dengan jumlah yang benar (0 = batal)',
    writes: true,
    access: 'koordinator',
  }),
}
