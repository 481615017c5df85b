import { z } from 'zod'
import { method } from './define'
import { Count, Download, FileOutput, Id, IsoDate, NameText, NoInput, Note, RequiredText, ShortText } from './common'
import { DocumentInfo } from './dokumen'

const KitStatus = z.enum(['belum', 'sebagian', 'lengkap', 'diserahkan', 'diterima'])

export const KitSummary = z.object({
  tpsId: Id,
  kecamatanId: Id,
  kecamatan: z.string(),
  desaId: Id,
  desa: z.string(),
  nomor: z.number().int(),
  dpt: z.number().int(),
  status: KitStatus,
  /** Units of every kind added together: a rough size only; use linesDone/linesTotal for progress. */
  need: z.number().int(),
  packed: z.number().int(),
  linesDone: z.number().int(),
  linesTotal: z.number().int(),
  handoverId: Id.nullable(),
  baNomor: z.string().nullable(),
})

export const KitDetail = z.object({
  tpsId: Id,
  kecamatanId: Id,
  kecamatan: z.string(),
  desaId: Id,
  desa: z.string(),
  nomor: z.number().int(),
  dpt: z.number().int(),
  status: KitStatus,
  handoverId: Id.nullable(),
  exception: z.string().nullable(),
  lines: z.array(
    z.object({
      variantId: Id,
      label: z.string(),
      itemName: z.string(),
      itemCode: z.string(),
      kind: z.enum(['ballot', 'logistics']),
      unit: z.string(),
      colorHex: z.string().nullable(),
      dapil: z.string().nullable(),
      need: z.number().int(),
      packed: z.number().int(),
      remaining: z.number().int(),
      source: z.string(),
      stock: z.number().int(),
    }),
  ),
  kotak: z.array(
    z.object({
      no: z.number().int(),
      of: z.number().int(),
      variantId: Id.nullable(),
      label: z.string().nullable(),
      segel: z.string().nullable(),
    }),
  ),
})
export type KitDetail = z.infer<typeof KitDetail>

const Progress = z.object({
  id: Id,
  nama: z.string(),
  kecamatan: z.string(),
  tps: z.number().int(),
  belum: z.number().int(),
  sebagian: z.number().int(),
  lengkap: z.number().int(),
  diserahkan: z.number().int(),
  diterima: z.number().int(),
})

/** One kecamatan, one desa, or a list of TPS: what a print job covers. */
const Scope = z
  .object({ kecamatanId: Id.optional(), desaId: Id.optional(), tpsIds: z.array(Id).min(1).max(20_000).optional() })
  .strict()
  .refine(
    (s) => [s.kecamatanId, s.desaId, s.tpsIds].filter((x) => x !== undefined).length === 1,
    'Pilih satu cakupan: kecamatan, desa/kelurahan, atau daftar TPS',
  )

export const LabelGrid = z
  .object({
    rows: z.number().int().min(1, 'Minimal 1 baris').max(12, 'Paling banyak 12 baris'),
    cols: z.number().int().min(1, 'Minimal 1 kolom').max(6, 'Paling banyak 6 kolom'),
    marginTop: z.number().min(0).max(60),
    marginLeft: z.number().min(0).max(60),
    marginRight: z.number().min(0).max(60),
    marginBottom: z.number().min(0).max(60),
    gapX: z.number().min(0).max(30),
    gapY: z.number().min(0).max(30),
    outline: z.boolean(),
  })
  .strict()

const Handover = z.object({
  id: Id,
  kecamatanId: Id,
  kecamatan: z.string(),
  at: z.string(),
  actor: z.string(),
  tanggal: z.string(),
  ppkNama: z.string(),
  ppkJabatan: z.string(),
  kendaraan: z.string(),
  note: z.string(),
  tps: z.number().int(),
  exceptions: z.number().int(),
  confirmed: z.object({ at: z.string(), actor: z.string(), note: z.string() }).nullable(),
  documentId: Id.nullable(),
  nomor: z.string().nullable(),
})

const ScanCode = z.string().trim().min(1, 'Kode kosong').max(200, 'Kode terlalu panjang')

export const distribusiMethods = {
  'kemas.status': method({
    input: z
      .object({ level: z.enum(['kecamatan', 'desa']).default('kecamatan') })
      .strict()
      .default({ level: 'kecamatan' }),
    output: z.array(Progress),
    description: 'Kemajuan pengemasan dan distribusi kit TPS per kecamatan atau desa/kelurahan',
    writes: false,
  }),
  'kemas.daftar': method({
    input: z.object({ kecamatanId: Id.optional(), desaId: Id.optional() }).strict().default({}),
    output: z.array(KitSummary),
    description: 'Kit setiap TPS dengan statusnya (belum, sebagian, lengkap, diserahkan, diterima PPK)',
    writes: false,
  }),
  'kemas.kit': method({
    input: z.object({ tpsId: Id }).strict(),
    output: KitDetail,
    description: 'Isi kit satu TPS: kebutuhan, sudah dikemas, sisa, stok, kotak dan nomor segel',
    writes: false,
  }),
  'kemas.scan': method({
    input: z.object({ code: ScanCode }).strict(),
    output: z.object({
      tpsId: Id,
      kecamatanId: Id,
      kotakNo: z.number().int(),
      kotakOf: z.number().int(),
      variantId: Id.nullable(),
      tps: z.string(),
    }),
    description: 'Membaca label kotak yang dipindai dan menunjukkan TPS-nya; label asing atau salah dapil ditolak',
    writes: false,
  }),
  'kemas.simpan': method({
    input: z
      .object({
        shiftId: Id,
        tpsId: Id,
        lines: z
          .array(z.object({ variantId: Id, qty: Count.min(1, 'Jumlah minimal 1') }).strict())
          .max(100)
          .default([]),
        sisa: z.boolean().default(false),
      })
      .strict(),
    output: KitDetail,
    description: 'Mengemas kit satu TPS (BAIK/SIAP/DITERIMA → DIKEMAS); salah dapil, melebihi kit atau stok ditolak',
    writes: true,
  }),
  'kemas.segel': method({
    input: z.object({ tpsId: Id, kotakNo: z.number().int().min(1), nomor: RequiredText('Nomor segel', 40) }).strict(),
    output: KitDetail,
    description: 'Mencatat nomor segel satu kotak',
    writes: true,
  }),
  'kemas.label': method({
    input: Scope,
    output: Download.extend({ count: z.number().int() }),
    description: 'Label setiap kotak (PDF lembar stiker A4) untuk satu TPS, desa atau kecamatan',
    writes: false,
    long: true,
  }),
  'kemas.daftarIsi': method({
    input: z.object({ scope: Scope, ringkas: z.boolean().default(false) }).strict(),
    output: Download.extend({ count: z.number().int() }),
    description: 'Daftar isi kit per TPS (PDF, satu TPS per halaman atau ringkas) untuk satu TPS, desa atau kecamatan',
    writes: false,
    long: true,
  }),
  'kemas.cetakSatker': method({
    input: z
      .object({
        jenis: z.enum(['label', 'daftarIsi'], { error: 'Pilih label atau daftar isi' }),
        ringkas: z.boolean().default(false),
      })
      .strict(),
    output: FileOutput.extend({ count: z.number().int(), files: z.number().int() }),
    description:
      'Label setiap kotak atau daftar isi setiap TPS satu kabupaten/kota: satu PDF per kecamatan dalam satu ZIP',
    writes: false,
    long: true,
  }),
  'label.grid': method({
    input: NoInput,
    output: LabelGrid,
    description: 'Susunan label pada lembar stiker A4 (baris, kolom, margin dalam mm)',
    writes: false,
  }),
  'label.aturGrid': method({
    input: LabelGrid,
    output: LabelGrid,
    description: 'Mengatur susunan label pada lembar stiker A4',
    writes: true,
    access: 'koordinator',
  }),
  'distribusi.kecamatan': method({
    input: z.object({ kecamatanId: Id }).strict(),
    output: z.object({
      kecamatanId: Id,
      kecamatan: z.string(),
      tps: z.array(
        KitSummary.extend({
          statusLabel: z.string(),
          missing: z.array(
            z.object({ variantId: Id, label: z.string(), remaining: z.number().int(), unit: z.string() }),
          ),
        }),
      ),
      handovers: z.array(Handover),
    }),
    description: 'Satu kecamatan: kit setiap TPS, yang belum lengkap, dan serah terima yang sudah terjadi',
    writes: false,
  }),
  'distribusi.pratinjau': method({
    input: z.object({ kecamatanId: Id, tpsIds: z.array(Id).max(5_000) }).strict(),
    output: z.array(z.object({ variantId: Id, label: z.string(), unit: z.string(), qty: z.number().int() })),
    description: 'Yang akan diserahkan bila TPS ini diserahkan sekarang, per barang, seperti yang akan tertulis di BA',
    writes: false,
  }),
  'distribusi.list': method({
    input: NoInput,
    output: z.array(Handover),
    description: 'Semua serah terima ke PPK (Panitia Pemilihan Kecamatan)',
    writes: false,
  }),
  'distribusi.serahkan': method({
    input: z
      .object({
        kecamatanId: Id,
        tpsIds: z.array(Id).min(1, 'Pilih sedikitnya satu TPS').max(5_000),
        exceptions: z
          .array(z.object({ tpsId: Id, reason: RequiredText('Alasan pengecualian', 300) }).strict())
          .default([]),
        tanggal: IsoDate.optional(),
        ppkNama: NameText('Nama Ketua PPK', 'Ketua PPK', 100),
        ppkJabatan: RequiredText('Jabatan penerima', 100),
        kendaraan: ShortText('Kendaraan', 100).default(''),
        note: Note,
      })
      .strict(),
    output: z.object({ handoverId: Id, document: DocumentInfo }),
    description: 'Menyerahkan kit TPS ke PPK (DIKEMAS → DIKIRIM) dan menerbitkan BA serah terima dalam satu transaksi',
    writes: true,
    access: 'koordinator',
  }),
  'distribusi.konfirmasi': method({
    input: z.object({ handoverId: Id, note: RequiredText('Keterangan konfirmasi', 300) }).strict(),
    output: Handover,
    description: 'Mencatat bahwa PPK telah menerima logistik sesuai BA serah terima',
    writes: true,
    access: 'koordinator',
  }),
  'distribusi.periksaScan': method({
    input: z.object({ kecamatanId: Id, code: ScanCode }).strict(),
    output: z.object({
      tpsId: Id,
      kecamatanId: Id,
      kotakNo: z.number().int(),
      kotakOf: z.number().int(),
      variantId: Id.nullable(),
      tps: z.string(),
      status: KitStatus,
    }),
    description: 'Memeriksa label kotak yang dipindai saat serah terima: kecamatan, dapil dan status kit harus sesuai',
    writes: false,
  }),
  'distribusi.pengembalian': method({
    input: z
      .object({
        kecamatanId: Id,
        note: RequiredText('Keterangan pengembalian', 300),
        lines: z
          .array(
            z
              .object({
                variantId: Id,
                qty: Count.min(1, 'Jumlah minimal 1'),
                ke: z.enum(['stok', 'rusak']),
                reason: z.string().optional(),
              })
              .strict(),
          )
          .min(1, 'Isi sedikitnya satu barang'),
      })
      .strict(),
    output: z.object({ id: Id }),
    description: 'Mencatat logistik yang dikembalikan PPK ke gudang (DIKIRIM → stok atau RUSAK)',
    writes: true,
    access: 'koordinator',
  }),
  'distribusi.diPpk': method({
    input: z.object({ kecamatanId: Id }).strict(),
    output: z.array(z.object({ variantId: Id, qty: z.number().int(), label: z.string() })),
    description: 'Logistik yang sedang dipegang PPK satu kecamatan',
    writes: false,
  }),
  'pemusnahan.kandidat': method({
    input: NoInput,
    output: z.array(
      z.object({
        variantId: Id,
        label: z.string(),
        itemName: z.string(),
        dapil: z.string().nullable(),
        rusak: z.array(z.object({ reason: z.string(), label: z.string(), qty: z.number().int() })),
        baik: z.number().int(),
        kitSisa: z.number().int(),
        psu: z.number().int(),
        surplus: z.number().int(),
      }),
    ),
    description: 'Surat suara yang dapat dimusnahkan: yang rusak per alasan, dan kelebihan surat suara baik',
    writes: false,
  }),
  'pemusnahan.catat': method({
    input: z
      .object({
        tanggal: IsoDate.optional(),
        metode: RequiredText('Cara pemusnahan', 100),
        tempat: RequiredText('Tempat pemusnahan', 200),
        note: Note,
        lines: z
          .array(
            z
              .object({
                variantId: Id,
                from: z.string().regex(/^(BAIK|RUSAK:[A-Z_]{2,40})$/, 'Asal harus BAIK atau RUSAK:<alasan>'),
                qty: Count.min(1, 'Jumlah minimal 1'),
              })
              .strict(),
          )
          .min(1, 'Isi sedikitnya satu jenis surat suara'),
      })
      .strict(),
    output: z.object({ pemusnahanId: Id, document: DocumentInfo }),
    description:
      'Memusnahkan surat suara rusak dan lebih (→ DIMUSNAHKAN) dan menerbitkan BA pemusnahan dalam satu transaksi',
    writes: true,
    access: 'koordinator',
  }),
  'pemusnahan.list': method({
    input: NoInput,
    output: z.array(
      z.object({
        id: Id,
        tanggal: z.string(),
        at: z.string(),
        actor: z.string(),
        metode: z.string(),
        tempat: z.string(),
        note: z.string(),
        documentId: Id.nullable(),
        nomor: z.string().nullable(),
        qty: z.number().int(),
      }),
    ),
    description: 'Pemusnahan yang sudah dilaksanakan',
    writes: false,
  }),
}
