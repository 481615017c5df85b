import { z } from 'zod'
import { list, write } from './define'
import { digitsOnly, nikProblem, npwpProblem, rekeningProblem } from '../../core/identitas'
import { changesOf, Id, NameText, ShortText, UploadedFile } from './common'

/** A number written as on the card or as a spreadsheet keeps it: spaces, dots and dashes between the digits are dropped. */
const Digits = (problem: (s: string) => string | null) =>
  z
    .string()
    .transform(digitsOnly)
    .superRefine((s, c) => {
      const p = problem(s)
      if (p) c.addIssue({ code: 'custom', message: p })
    })
const Nik = Digits(nikProblem)
/** Empty is none. */
const Npwp = z.union([z.literal('').transform(() => null), Digits(npwpProblem)])
const Rekening = z.union([z.literal(''), Digits(rekeningProblem)])
const Bank = ShortText('Nama bank', 60)

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
  /** Whole: a tax number, printed with the pay on the rekap upah. */
  npwp: z.string().nullable(),
  bank: z.string(),
  noRekening: z.string(),
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
    npwp: Npwp.nullable().default(null),
    bank: Bank.default(''),
    noRekening: Rekening.default(''),
    teamId: Id.nullable().default(null),
  })
  .strict()

export type PekerjaInput = z.output<typeof PekerjaInput>

/** A field given is changed (a NIK or NPWP given as null, or an NPWP as empty, is removed); one left out is kept. */
export const PekerjaUpdate = z.object({ id: Id, ...changesOf(PekerjaInput), active: z.boolean().optional() }).strict()

export type PekerjaUpdate = z.output<typeof PekerjaUpdate>

export const pekerjaMethods = {
  'pekerja.daftar': list(Pekerja, 'Daftar pekerja sortir-lipat dan rakit (NIK disamarkan)'),
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
    'Mengimpor daftar pekerja dari CSV/XLSX (kolom: nama; opsional: nik, npwp, bank, no_rekening, telepon, regu, ketua)',
    'koordinator',
  ),
}
