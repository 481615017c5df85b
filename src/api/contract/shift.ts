import { z } from 'zod'
import { read, write } from './define'
import { ClockTime, Id, IsoDate, Note, OptionalName, RequiredText, ShortText, VariantInfo } from './common'

export const ShiftKind = z.enum(['sortir_lipat', 'rakit_kotak', 'rakit_bilik', 'packing'])

const Attendance = z
  .array(z.object({ teamId: Id, workerIds: z.array(Id).optional() }).strict())
  .min(1, 'Pilih sedikitnya satu regu')

export const ShiftInput = z
  .object({
    kind: ShiftKind,
    tanggal: IsoDate,
    mulai: ClockTime,
    selesai: ClockTime,
    lokasi: ShortText('Lokasi/meja', 100).default(''),
    pengawas: OptionalName('Nama pengawas', 100).default(''),
    note: Note,
    /** What the shift works on; a packing shift packs whole TPS kits and may leave this empty. */
    variantIds: z.array(Id).default([]),
    teams: Attendance,
  })
  .strict()

export type ShiftInput = z.output<typeof ShiftInput>

/** What a team (or one of its workers) has done so far with one variant in a shift. */
export const Tally = z.object({
  variantId: Id,
  serah: z.number().int(),
  hasil: z.number().int(),
  rusak: z.record(z.string(), z.number().int()),
  rusakTotal: z.number().int(),
  kembali: z.number().int(),
  proses: z.number().int(),
})

export type Tally = z.infer<typeof Tally>

export const ShiftDetail = z.object({
  id: Id,
  kind: ShiftKind,
  kindLabel: z.string(),
  unit: z.string(),
  tanggal: z.string(),
  mulai: z.string(),
  selesai: z.string(),
  lokasi: z.string(),
  pengawas: z.string(),
  note: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  createdBy: z.string(),
  variants: z.array(VariantInfo),
  teams: z.array(
    z.object({
      teamId: Id,
      nama: z.string(),
      workers: z.array(z.object({ workerId: Id, nama: z.string(), tallies: z.array(Tally) })),
      tallies: z.array(Tally),
    }),
  ),
  inProcess: z.number().int(),
  /** The last ledger row of this shift: send it back as tally.simpan's basisSeq (optimistic concurrency). */
  versi: z.number().int(),
  events: z.array(
    z.object({ at: z.string(), actor: z.string(), event: z.enum(['buka', 'tutup', 'buka_kembali']), note: z.string() }),
  ),
})

export type ShiftDetail = z.infer<typeof ShiftDetail>

export const ShiftSummary = z.object({
  id: Id,
  kind: ShiftKind,
  kindLabel: z.string(),
  tanggal: z.string(),
  mulai: z.string(),
  selesai: z.string(),
  lokasi: z.string(),
  pengawas: z.string(),
  status: z.enum(['open', 'closed']),
  teams: z.number().int(),
  workers: z.number().int(),
  variants: z.array(z.string()),
  serah: z.number().int(),
  hasil: z.number().int(),
  rusak: z.number().int(),
  kembali: z.number().int(),
  inProcess: z.number().int(),
})

export type ShiftSummary = z.infer<typeof ShiftSummary>

export const shiftMethods = {
  'shift.daftar': read(
    z.object({ from: IsoDate.optional(), to: IsoDate.optional() }).strict().default({}),
    z.array(ShiftSummary),
    'Daftar shift sortir-lipat dan rakit dengan jumlah hasil',
  ),
  'shift.lihat': read(
    z.object({ id: Id }).strict(),
    ShiftDetail,
    'Satu shift: regu, pekerja hadir, barang yang dikerjakan dan tally per regu',
  ),
  'shift.buka': write(
    ShiftInput,
    ShiftDetail,
    'Membuka shift baru dengan regu, pekerja hadir dan barang yang dikerjakan',
  ),
  'shift.aturKehadiran': write(
    z.object({ shiftId: Id, teams: Attendance, variantIds: z.array(Id).optional() }).strict(),
    ShiftDetail,
    'Mengubah daftar hadir (dan barang yang dikerjakan) selama shift terbuka',
  ),
  'shift.tutup': write(
    z.object({ shiftId: Id, note: Note }).strict(),
    ShiftDetail,
    'Menutup shift; ditolak bila masih ada yang dalam proses',
    'koordinator',
  ),
  'shift.bukaKembali': write(
    z.object({ shiftId: Id, note: RequiredText('Alasan membuka kembali', 300) }).strict(),
    ShiftDetail,
    'Membuka kembali shift yang sudah ditutup, dengan alasan (mis. untuk koreksi)',
    'koordinator',
  ),
}
