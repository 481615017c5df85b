import { z } from 'zod'
import { longRead, read, write } from './define'
import { KIT_STATUSES } from '../../core/kit'
import { Count, counts, Download, FileOutput, Filter, Id, NoInput, RequiredText, VariantLine } from './common'
import { TpsTempat } from './wilayah'

export const KitStatus = z.enum(KIT_STATUSES)

/** The TPS a kit is for, as every kit list and the kit itself name it. */
export const KitTps = TpsTempat.extend({ tpsId: Id })

/** A kit as every view of it states it: its TPS, its status and handover, and what cannot be packed yet. */
const KitState = KitTps.extend({
  status: KitStatus,
  handoverId: Id.nullable(),
  /**
   * The ballot types of this kit whose dapil is not yet mapped for its kecamatan (short names, "DPR RI"):
   * those lines cannot be packed nor the kit labelled until the dapil file is imported.
   */
  belumDipetakan: z.array(z.string()),
})

/** What a kit needs and holds: `need` and `packed` add units of every kind (a rough size only). */
const kitQty = counts('need', 'packed')

/** A TPS kit with its status: the row of every kit list; linesDone/linesTotal measure its progress. */
export const Kit = KitState.extend({
  ...kitQty,
  ...counts('linesDone', 'linesTotal'),
  baNomor: z.string().nullable(),
})

export const KitDetail = KitState.extend({
  exception: z.string().nullable(),
  /**
   * Why a kit is "perlu diperiksa" and what settles it: each line whose packing no longer matches its need
   * (lebih: take the excess out by a correction; kurang: pack the shortfall), and sheets of a variant the
   * kit does not need. Null for every other kit.
   */
  periksa: z
    .object({
      alasan: z.string(),
      lines: z.array(z.object({ variantId: Id, label: z.string(), ...kitQty, kind: z.enum(['lebih', 'kurang']) })),
      foreign: z.number().int(),
    })
    .nullable(),
  lines: z.array(
    VariantLine.extend({
      label: z.string(),
      ...kitQty,
      ...counts('remaining', 'stock'),
      source: z.string(),
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

export type KitTps = z.infer<typeof KitTps>
export type Kit = z.infer<typeof Kit>
export type KitDetail = z.infer<typeof KitDetail>

/** Kit statuses counted for one kecamatan or desa. */
export const KitProgress = z.object({
  id: Id,
  nama: z.string(),
  kecamatan: z.string(),
  ...counts('tps', ...KIT_STATUSES),
})

export type KitProgress = z.infer<typeof KitProgress>

/** One kecamatan, one desa, or a list of TPS: what a print job covers. */
export const KitScope = z
  .object({ kecamatanId: Id.optional(), desaId: Id.optional(), tpsIds: z.array(Id).min(1).max(20_000).optional() })
  .strict()
  .refine(
    (s) => [s.kecamatanId, s.desaId, s.tpsIds].filter((x) => x !== undefined).length === 1,
    'Pilih satu cakupan: kecamatan, desa/kelurahan, atau daftar TPS',
  )

export type KitScope = z.infer<typeof KitScope>

/** The grid of kotak labels on an A4 sticker sheet: every office buys different label paper. */
export const LabelGrid = z
  .object({
    rows: z.number().int().min(1, 'Minimal 1 baris').max(12, 'Paling banyak 12 baris'),
    cols: z.number().int().min(1, 'Minimal 1 kolom').max(6, 'Paling banyak 6 kolom'),
    /** Millimetres from the sheet's edges to the first label. */
    marginTop: z.number().min(0).max(60),
    marginLeft: z.number().min(0).max(60),
    marginRight: z.number().min(0).max(60),
    marginBottom: z.number().min(0).max(60),
    /** Millimetres between labels. */
    gapX: z.number().min(0).max(30),
    gapY: z.number().min(0).max(30),
    /** Print a thin cutting outline (for plain paper instead of sticker sheets). */
    outline: z.boolean(),
  })
  .strict()

export type LabelGrid = z.infer<typeof LabelGrid>

export const ScanCode = z.string().trim().min(1, 'Kode kosong').max(200, 'Kode terlalu panjang')

/** A scanned kotak label: the TPS and kotak it belongs to. */
export const KotakScan = z.object({
  tpsId: Id,
  kecamatanId: Id,
  kotakNo: z.number().int(),
  kotakOf: z.number().int(),
  variantId: Id.nullable(),
  tps: z.string(),
  /** Said beside an accepted scan: a label of the old format (internal ids) asks for a reprint. */
  catatan: z.string().nullable(),
})

export type KotakScan = z.infer<typeof KotakScan>

/** Packing one TPS kit: the lines to pack now, or with `sisa` everything the kit still lacks. */
export const KemasInput = z
  .object({
    shiftId: Id,
    tpsId: Id,
    lines: z
      .array(z.object({ variantId: Id, qty: Count.min(1, 'Jumlah minimal 1') }).strict())
      .max(100)
      .default([]),
    sisa: z.boolean().default(false),
  })
  .strict()

export type KemasInput = z.infer<typeof KemasInput>

/** The kit after packing; with `sisa`, what the kit still lacks because it is not ready to pack, and why. */
export const KemasHasil = KitDetail.extend({
  missing: z.array(z.object({ variantId: Id, label: z.string(), qty: z.number().int(), message: z.string() })),
})

export type KemasHasil = z.infer<typeof KemasHasil>

export const kemasMethods = {
  'kemas.lihatKemajuan': read(
    z
      .object({ level: z.enum(['kecamatan', 'desa']).default('kecamatan') })
      .strict()
      .default({ level: 'kecamatan' }),
    z.array(KitProgress),
    'Kemajuan pengemasan dan serah terima kit TPS per kecamatan atau desa/kelurahan',
  ),
  'kemas.daftarKit': read(
    Filter({ kecamatanId: Id.optional(), desaId: Id.optional() }),
    z.array(Kit),
    'Kit setiap TPS dengan statusnya (belum, sebagian, lengkap, diserahkan, diterima PPK)',
  ),
  'kemas.lihatKit': read(
    z.object({ tpsId: Id }).strict(),
    KitDetail,
    'Isi kit satu TPS: kebutuhan, sudah dikemas, sisa, stok, kotak dan nomor segel',
  ),
  'kemas.periksaScan': read(
    z.object({ code: ScanCode }).strict(),
    KotakScan,
    'Membaca label kotak yang dipindai dan menunjukkan TPS-nya; label asing atau salah dapil ditolak',
  ),
  'kemas.catat': write(
    KemasInput,
    KemasHasil,
    'Mengemas kit satu TPS (BAIK/SIAP/DITERIMA → DIKEMAS); salah dapil, melebihi kit atau stok ditolak. Dengan sisa: semua yang siap dikemas, dan yang masih kurang disebutkan',
  ),
  'kemas.catatSegel': write(
    z.object({ tpsId: Id, kotakNo: z.number().int().min(1), nomor: RequiredText('Nomor segel', 40) }).strict(),
    KitDetail,
    'Mencatat nomor segel satu kotak',
  ),
  'kemas.cetakLabel': longRead(
    KitScope,
    Download.extend({ count: z.number().int() }),
    'Label setiap kotak (PDF lembar stiker A4) untuk satu TPS, desa atau kecamatan',
  ),
  'kemas.cetakDaftarIsi': longRead(
    z.object({ scope: KitScope, ringkas: z.boolean().default(false) }).strict(),
    Download.extend({ count: z.number().int() }),
    'Daftar isi kit per TPS (PDF, satu TPS per halaman atau ringkas) untuk satu TPS, desa atau kecamatan',
  ),
  'kemas.cetakSatker': longRead(
    z
      .object({
        jenis: z.enum(['label', 'daftarIsi'], { error: 'Pilih label atau daftar isi' }),
        ringkas: z.boolean().default(false),
      })
      .strict(),
    FileOutput.extend({ count: z.number().int(), files: z.number().int() }),
    'Label setiap kotak atau daftar isi setiap TPS satu kabupaten/kota: satu PDF per kecamatan dalam satu ZIP',
  ),
  'kemas.lihatSusunanLabel': read(
    NoInput,
    LabelGrid,
    'Susunan label pada lembar stiker A4 (baris, kolom, margin dalam mm)',
  ),
  'kemas.aturSusunanLabel': write(LabelGrid, LabelGrid, 'Mengatur susunan label pada lembar stiker A4', 'koordinator'),
}
