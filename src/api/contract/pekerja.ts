import { z } from 'zod'
import { read, write } from './define'
import { Id, NameText, NoInput, UploadedFile } from './common'

/** Written as on the KTP or as a spreadsheet keeps it: spaces, dots and dashes between the digits are dropped. */
const Nik = z
  .string()
  .transform((s) => s.replace(/[\s.-]/g, ''))
  .pipe(z.string().regex(/^\d{16}$/, 'NIK harus 16 angka'))

const Telepon = z
  .string()
  .trim()
  .regex(/^(\+?[\d\s\-()]{6,20})?$/, 'Nomor telepon hanya berisi angka, mis. 081234567890')

export const Pekerja = z.object({
  id: Id,
  nama: z.string(),
  /** Never the whole NIK: "3201********0001". */
  nikMasked: z.string().nullable(),
  hasNik: z.boolean(),
  telepon: z.string(),
  teamId: Id.nullable(),
  team: z.string().nullable(),
  isLeader: z.boolean(),
  active: z.boolean(),
})

export type Pekerja = z.infer<typeof Pekerja>

export const PekerjaInput = z
  .object({
    nama: NameText('Nama pekerja', 'pekerja', 100),
    nik: Nik.nullable().default(null),
    telepon: Telepon.default(''),
    teamId: Id.nullable().default(null),
  })
  .strict()

export type PekerjaInput = z.output<typeof PekerjaInput>

export const PekerjaUpdate = z
  .object({
    id: Id,
    nama: NameText('Nama pekerja', 'pekerja', 100).optional(),
    /** A new NIK; null removes it; left out keeps it. */
    nik: Nik.nullable().optional(),
    telepon: Telepon.optional(),
    teamId: Id.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict()

export type PekerjaUpdate = z.output<typeof PekerjaUpdate>

export const pekerjaMethods = {
  'pekerja.daftar': read(NoInput, z.array(Pekerja), 'Daftar pekerja sortir-lipat dan rakit (NIK disamarkan)'),
  'pekerja.tambah': write(PekerjaInput, Pekerja, 'Menambah pekerja'),
  'pekerja.ubah': write(PekerjaUpdate, Pekerja, 'Mengubah data pekerja, regunya, atau menonaktifkannya'),
  'pekerja.impor': write(
    UploadedFile,
    z.object({
      added: z.number().int(),
      updated: z.number().int(),
      teamsAdded: z.number().int(),
      format: z.string(),
    }),
    'Mengimpor daftar pekerja dari CSV/XLSX (kolom: nama; opsional: nik, telepon, regu, ketua)',
    'koordinator',
  ),
}
