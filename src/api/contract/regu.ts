import { z } from 'zod'
import { list, read, write } from './define'
import { changesOf, Count, Id, IsoDate, NameText } from './common'

export const Regu = z.object({
  id: Id,
  nama: z.string(),
  leaderId: Id.nullable(),
  leader: z.string().nullable(),
  dailyTarget: z.number().int(),
  active: z.boolean(),
  /** Active members only. */
  members: z.number().int(),
})

export type Regu = z.infer<typeof Regu>

export const ReguInput = z
  .object({
    nama: NameText('Nama regu', 'regu', 60),
    leaderId: Id.nullable().default(null),
    dailyTarget: Count.default(0),
  })
  .strict()

export type ReguInput = z.output<typeof ReguInput>

export const ReguUpdate = z.object({ id: Id, ...changesOf(ReguInput), active: z.boolean().optional() }).strict()

export type ReguUpdate = z.output<typeof ReguUpdate>

/** A team's target on one date: the day's override, or its daily target. */
export const ReguTarget = z.object({ teamId: Id, team: z.string(), target: z.number().int(), override: z.boolean() })

export type ReguTarget = z.infer<typeof ReguTarget>

export const reguMethods = {
  'regu.daftar': list(Regu, 'Daftar regu dengan ketua, jumlah anggota dan target harian'),
  'regu.tambah': write(ReguInput, Regu, 'Menambah regu'),
  'regu.ubah': write(ReguUpdate, Regu, 'Mengubah nama, ketua, target harian atau status regu', 'koordinator'),
  'regu.lihatTarget': read(
    z.object({ tanggal: IsoDate }).strict(),
    z.array(ReguTarget),
    'Target setiap regu aktif pada satu tanggal',
  ),
  'regu.aturTarget': write(
    z.object({ teamId: Id, tanggal: IsoDate, qty: Count.nullable() }).strict(),
    z.array(ReguTarget),
    'Menetapkan target regu untuk satu tanggal (kosong: kembali ke target harian)',
    'koordinator',
  ),
}
