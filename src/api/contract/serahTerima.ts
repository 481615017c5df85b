import { z } from 'zod'
import { list, read, write } from './define'
import { Catatan, Count, counts, dicatat, Id, IsoDate, NameText, Note, RequiredText, ShortText } from './common'
import { BarangNama } from './barang'
import { Dokumen, Terbitan } from './dokumen'
import { Kit, KitStatus, KotakScan, ScanCode } from './kemas'

/** A handover of TPS kits to the PPK (Panitia Pemilihan Kecamatan) of one kecamatan, with its BA. */
export const SerahTerima = Terbitan.extend({
  id: Id,
  kecamatanId: Id,
  kecamatan: z.string(),
  ...dicatat,
  tanggal: z.string(),
  ppkNama: z.string(),
  ppkJabatan: z.string(),
  kendaraan: z.string(),
  note: z.string(),
  /** How many TPS it handed over, and how many of them went incomplete with a reason. */
  ...counts('tps', 'exceptions'),
  /** The PPK's confirmation that it received what the BA states. */
  confirmed: Catatan.nullable(),
})

export type SerahTerima = z.infer<typeof SerahTerima>

export const SerahTerimaInput = z
  .object({
    kecamatanId: Id,
    tpsIds: z.array(Id).min(1, 'Pilih sedikitnya satu TPS').max(5_000),
    /** Incomplete kits go out only with a reason each. */
    exceptions: z.array(z.object({ tpsId: Id, reason: RequiredText('Alasan pengecualian', 300) }).strict()).default([]),
    tanggal: IsoDate.optional(),
    ppkNama: NameText('Nama Ketua PPK', 'Ketua PPK', 100),
    ppkJabatan: RequiredText('Jabatan penerima', 100),
    kendaraan: ShortText('Kendaraan', 100).default(''),
    note: Note,
  })
  .strict()

export type SerahTerimaInput = z.infer<typeof SerahTerimaInput>

/**
 * What a handover of the chosen TPS would send, as its BA will state it: the number of TPS and desa, every
 * item with its total (the BA's table), and the BA's sentence of totals in words.
 */
export const SerahTerimaPratinjau = z.object({
  tps: z.number().int(),
  desa: z.number().int(),
  items: z.array(BarangNama.extend({ variantId: Id, dapil: z.string().nullable(), qty: z.number().int() })),
  /** The BA's "Jumlah seluruhnya …": every total with its words, ballots added together, other items each apart. */
  jumlah: z.string(),
})

export type SerahTerimaPratinjau = z.infer<typeof SerahTerimaPratinjau>

/** Logistics a PPK brings back: to usable stock, or set apart as damaged with a reason. */
export const PengembalianInput = z
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
  .strict()

export type PengembalianInput = z.infer<typeof PengembalianInput>

/** What a PPK holds now of one variant. */
export const DiPpk = z.object({ variantId: Id, qty: z.number().int(), label: z.string() })

export const serahTerimaMethods = {
  'serahTerima.lihatKecamatan': read(
    z.object({ kecamatanId: Id }).strict(),
    z.object({
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
      handovers: z.array(SerahTerima),
    }),
    'Satu kecamatan: kit setiap TPS, yang belum lengkap, dan serah terima yang sudah terjadi',
  ),
  'serahTerima.pratinjau': read(
    z.object({ kecamatanId: Id, tpsIds: z.array(Id).max(5_000) }).strict(),
    SerahTerimaPratinjau,
    'Yang akan diserahkan bila TPS ini diserahkan sekarang, per barang, seperti yang akan tertulis di BA',
  ),
  'serahTerima.daftar': list(SerahTerima, 'Semua serah terima ke PPK (Panitia Pemilihan Kecamatan)'),
  'serahTerima.serahkan': write(
    SerahTerimaInput,
    z.object({ handoverId: Id, document: Dokumen }),
    'Menyerahkan kit TPS ke PPK (DIKEMAS → DIKIRIM) dan menerbitkan BA serah terima dalam satu transaksi',
    'koordinator',
  ),
  'serahTerima.konfirmasi': write(
    z.object({ handoverId: Id, note: RequiredText('Keterangan konfirmasi', 300) }).strict(),
    SerahTerima,
    'Mencatat bahwa PPK telah menerima logistik sesuai BA serah terima',
    'koordinator',
  ),
  'serahTerima.periksaScan': read(
    z.object({ kecamatanId: Id, code: ScanCode }).strict(),
    KotakScan.extend({ status: KitStatus }),
    'Memeriksa label kotak yang dipindai saat serah terima: kecamatan, dapil dan status kit harus sesuai',
  ),
  'serahTerima.catatPengembalian': write(
    PengembalianInput,
    z.object({ id: Id }),
    'Mencatat logistik yang dikembalikan PPK ke gudang (DIKIRIM → stok atau RUSAK)',
    'koordinator',
  ),
  'serahTerima.lihatDiPpk': read(
    z.object({ kecamatanId: Id }).strict(),
    z.array(DiPpk),
    'Logistik yang sedang dipegang PPK satu kecamatan',
  ),
}
