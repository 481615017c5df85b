import { z } from 'zod'
import { read, write } from './define'
import { checkName, foldName } from '../../core/names'
import { ZONA_WAKTU } from '../../core/zonaWaktu'
import { checked, Jenis, NoInput, OptionalName, Paper, Pph21Metode, Rounding, ShortText } from './common'

const KodeWilayah = z
  .string()
  .trim()
  .regex(/^(\d{2}|\d{4}|\d{2}\.\d{2})?$/, 'Kode wilayah berisi 2 atau 4 angka, mis. 12 atau 1219')

/** The satker's name heads every berita acara and names the default dapil: a name like any other. */
const Satker = (blank: string) =>
  checked((raw) => (foldName(raw).length < 3 ? { ok: false, message: blank } : checkName(raw, 'Nama satker', 100)))

export const Pemilihan = z.object({
  jenis: Jenis,
  tahun: z.number().int(),
  provinsi: z.string(),
  satker: z.string(),
  kodeWilayah: z.string(),
  alamat: z.string(),
  reservePercent: z.number(),
  rounding: Rounding,
  maxVotersPerTps: z.number().int(),
  dataNote: z.string(),
  kotaTtd: z.string(),
  kontak: z.string(),
  paper: Paper,
  nomorPattern: z.string(),
  nomorStart: z.number().int(),
  taxPercent: z.number(),
  /** PPh 21 on the rekap upah: the daily rule for pegawai tidak tetap (PMK 168/2023) or taxPercent flat. */
  pph21Metode: Pph21Metode,
  hasLogo: z.boolean(),
  /** The satker's zone: every date derived from an instant is read in it (core/zonaWaktu.ts). */
  zonaWaktu: z.enum(ZONA_WAKTU),
  schemaVersion: z.number().int(),
})

export type Pemilihan = z.infer<typeof Pemilihan>

export const PemilihanInit = z
  .object({
    jenis: Jenis,
    tahun: z
      .number()
      .int('Tahun harus bilangan bulat')
      .min(2000, 'Tahun minimal 2000')
      .max(2100, 'Tahun maksimal 2100')
      .default(2024),
    provinsi: OptionalName('Nama provinsi', 100).default(''),
    satker: Satker('Nama satker wajib diisi, mis. "Kabupaten Batu Bara"'),
    kodeWilayah: KodeWilayah.default(''),
    /** Pilkada only: which elections this satker runs (default: gubernur and bupati/walikota by the satker's name). */
    pilkada: z
      .object({ gubernur: z.boolean(), bupatiWalikota: z.enum(['bupati', 'walikota', 'none']) })
      .strict()
      .optional(),
  })
  .strict()

/** What pemilihan.buat receives, defaults filled in. */
export type PemilihanInit = z.output<typeof PemilihanInit>

export const PemilihanUpdate = z
  .object({
    tahun: z
      .number()
      .int('Tahun harus bilangan bulat')
      .min(2000, 'Tahun minimal 2000')
      .max(2100, 'Tahun maksimal 2100'),
    provinsi: OptionalName('Nama provinsi', 100),
    satker: Satker('Nama satker wajib diisi'),
    kodeWilayah: KodeWilayah,
    alamat: ShortText('Alamat', 300),
    reservePercent: z
      .number()
      .min(0, 'Persentase cadangan tidak boleh negatif')
      .max(100, 'Persentase cadangan paling besar 100')
      .refine(
        (v) => Number.isInteger(Math.round(v * 100)) && Math.abs(Math.round(v * 100) - v * 100) < 1e-9,
        'Persentase cadangan paling banyak dua angka desimal',
      ),
    rounding: Rounding,
    maxVotersPerTps: z
      .number()
      .int('Batas pemilih per TPS harus bilangan bulat')
      .min(1, 'Batas pemilih per TPS minimal 1')
      .max(10_000, 'Batas pemilih per TPS terlalu besar'),
    dataNote: ShortText('Catatan data', 500),
    kotaTtd: OptionalName('Nama tempat penandatanganan', 60),
    kontak: ShortText('Baris kontak', 200),
    paper: Paper,
    nomorPattern: z.string().trim().min(1, 'Pola nomor wajib diisi').max(120, 'Pola nomor terlalu panjang'),
    nomorStart: z
      .number()
      .int('Nomor awal harus bilangan bulat')
      .min(1, 'Nomor awal minimal 1')
      .max(1_000_000, 'Nomor awal terlalu besar'),
    taxPercent: z
      .number()
      .min(0, 'Persentase pajak tidak boleh negatif')
      .max(100, 'Persentase pajak paling besar 100')
      .refine(
        (v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-9,
        'Persentase pajak paling banyak dua angka desimal',
      ),
    zonaWaktu: z.enum(ZONA_WAKTU, 'Zona waktu harus WIB, WITA atau WIT'),
    pph21Metode: Pph21Metode,
  })
  .partial()
  .strict()

export type PemilihanUpdate = z.infer<typeof PemilihanUpdate>

export const pemilihanMethods = {
  'pemilihan.lihat': read(
    NoInput,
    Pemilihan.nullable(),
    'Pengaturan pemilihan dan satker (null bila basis data belum disiapkan)',
  ),
  'pemilihan.buat': write(
    PemilihanInit,
    Pemilihan,
    'Menyiapkan basis data baru untuk satu pemilihan: pengaturan, jenis surat suara dan logistik bawaan',
    'admin',
  ),
  'pemilihan.ubah': write(
    PemilihanUpdate,
    Pemilihan,
    'Mengubah pengaturan pemilihan (cadangan, pembulatan, batas pemilih per TPS, kop satker)',
    'koordinator',
  ),
  'pemilihan.lihatLogo': read(
    NoInput,
    z.object({ mime: z.enum(['image/png', 'image/jpeg']), contentBase64: z.string() }).nullable(),
    'Logo kop surat (PNG/JPEG) atau null',
  ),
  'pemilihan.aturLogo': write(
    z
      .object({
        contentBase64: z
          .string()
          .max(1_500_000, 'Logo terlalu besar (maksimum 1 MB)')
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Isi berkas bukan base64 yang sah')
          .nullable(),
      })
      .strict(),
    Pemilihan,
    'Mengganti logo kop surat (PNG/JPEG, paling besar 1 MB); null menghapusnya',
    'koordinator',
  ),
}
