import { z } from 'zod'
import { SHIFT_KIND_CODES } from '../../core/shifts'
import { read, write } from './define'
import { Rusak } from './rusak'
import {
  Catatan,
  ClockTime,
  counts,
  Id,
  IsoDate,
  Note,
  OptionalName,
  Rentang,
  RequiredText,
  ShortText,
  VariantInfo,
} from './common'

export const ShiftKind = z.enum(SHIFT_KIND_CODES)

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
export const Tally = Rusak.extend({ variantId: Id, ...counts('serah', 'hasil', 'kembali', 'proses') })

export type Tally = z.infer<typeof Tally>

/** A shift as every view of it names it: its work, its date and hours, its place and its state. */
const Shift = z.object({
  id: Id,
  kind: ShiftKind,
  kindLabel: z.string(),
  tanggal: z.string(),
  mulai: z.string(),
  selesai: z.string(),
  lokasi: z.string(),
  pengawas: z.string(),
  status: z.enum(['open', 'closed']),
  /** Sheets handed to teams and neither returned as result, damaged nor given back yet. */
  inProcess: z.number().int(),
})

export const ShiftDetail = Shift.extend({
  unit: z.string(),
  note: z.string(),
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
  /** The last ledger row of this shift: send it back as tally.simpan's basisSeq (optimistic concurrency). */
  versi: z.number().int(),
  events: z.array(Catatan.extend({ event: z.enum(['buka', 'tutup', 'buka_kembali']) })),
})

export type ShiftDetail = z.infer<typeof ShiftDetail>

/** A shift in the list: how many teams and workers, what it works on, and its totals. */
export const ShiftSummary = Shift.extend({
  ...counts('teams', 'workers'),
  variants: z.array(z.string()),
  ...counts('serah', 'hasil', 'rusak', 'kembali'),
})

export type ShiftSummary = z.infer<typeof ShiftSummary>

export const shiftMethods = {
  'shift.daftar': read(Rentang, z.array(ShiftSummary), 'Daftar shift sortir-lipat dan rakit dengan jumlah hasil'),
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
