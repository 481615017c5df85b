import { z } from 'zod'
import { method } from './define'
import { Count, Id, IsoDate, NameText, NoInput } from './common'

export const Team = z.object({
  id: Id,
  nama: z.string(),
  leaderId: Id.nullable(),
  leader: z.string().nullable(),
  dailyTarget: z.number().int(),
  active: z.boolean(),
  /** Active members only. */
  members: z.number().int(),
})

export type Team = z.infer<typeof Team>

const TargetRow = z.object({ teamId: Id, team: z.string(), target: z.number().int(), override: z.boolean() })

export const reguMethods = {
  'regu.daftar': method({
    input: NoInput,
    output: z.array(Team),
    description: 'Daftar regu dengan ketua, jumlah anggota dan target harian',
    writes: false,
  }),
  'regu.tambah': method({
    input: z
      .object({
        nama: NameText('Nama regu', 'regu', 60),
        leaderId: Id.nullable().default(null),
        dailyTarget: Count.default(0),
      })
      .strict(),
    output: Team,
    description: 'Menambah regu',
    writes: true,
  }),
  'regu.ubah': method({
    input: z
      .object({
        id: Id,
        nama: NameText('Nama regu', 'regu', 60).optional(),
        leaderId: Id.nullable().optional(),
        dailyTarget: Count.optional(),
        active: z.boolean().optional(),
      })
      .strict(),
    output: Team,
    description: 'Mengubah nama, ketua, target harian atau status regu',
    writes: true,
    access: 'koordinator',
  }),
  'regu.lihatTarget': method({
    input: z.object({ tanggal: IsoDate }).strict(),
    output: z.array(TargetRow),
    description: 'Target setiap regu aktif pada satu tanggal',
    writes: false,
  }),
  'regu.aturTarget': method({
    input: z.object({ teamId: Id, tanggal: IsoDate, qty: Count.nullable() }).strict(),
    output: z.array(TargetRow),
    description: 'Menetapkan target regu untuk satu tanggal (kosong: kembali ke target harian)',
    writes: true,
    access: 'koordinator',
  }),
}
