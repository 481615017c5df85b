import { z } from 'zod'
import { method } from './define'
import { Count, Id, IsoDate, NameText, NoInput, Note, RequiredText, ShortText } from './common'
import { DocumentInfo } from './dokumen'
import { Kit, KitStatus, KotakScan, ScanCode } from './kemas'

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

export const serahTerimaMethods = {
  'serahTerima.lihatKecamatan': method({
    input: z.object({ kecamatanId: Id }).strict(),
    output: z.object({
      kecamatanId: Id,
      kecamatan: z.string(),
      tps: z.array(
        Kit.extend({
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
  'serahTerima.pratinjau': method({
    input: z.object({ kecamatanId: Id, tpsIds: z.array(Id).max(5_000) }).strict(),
    output: z.array(z.object({ variantId: Id, label: z.string(), unit: z.string(), qty: z.number().int() })),
    description: 'Yang akan diserahkan bila TPS ini diserahkan sekarang, per barang, seperti yang akan tertulis di BA',
    writes: false,
  }),
  'serahTerima.daftar': method({
    input: NoInput,
    output: z.array(Handover),
    description: 'Semua serah terima ke PPK (Panitia Pemilihan Kecamatan)',
    writes: false,
  }),
  'serahTerima.serahkan': method({
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
  'serahTerima.konfirmasi': method({
    input: z.object({ handoverId: Id, note: RequiredText('Keterangan konfirmasi', 300) }).strict(),
    output: Handover,
    description: 'Mencatat bahwa PPK telah menerima logistik sesuai BA serah terima',
    writes: true,
    access: 'koordinator',
  }),
  'serahTerima.periksaScan': method({
    input: z.object({ kecamatanId: Id, code: ScanCode }).strict(),
    output: KotakScan.extend({ status: KitStatus }),
    description: 'Memeriksa label kotak yang dipindai saat serah terima: kecamatan, dapil dan status kit harus sesuai',
    writes: false,
  }),
  'serahTerima.catatPengembalian': method({
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
  'serahTerima.lihatDiPpk': method({
    input: z.object({ kecamatanId: Id }).strict(),
    output: z.array(z.object({ variantId: Id, qty: z.number().int(), label: z.string() })),
    description: 'Logistik yang sedang dipegang PPK satu kecamatan',
    writes: false,
  }),
}
