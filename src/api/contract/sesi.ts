import { z } from 'zod'
import { method } from './define'
import { Id, NoInput } from './common'
import { Pin, User } from './pengguna'

export const SessionStatus = z.object({
  /** The chosen user of this window or browser tab; null when nobody is chosen (or the session lapsed). */
  user: User.nullable(),
  sessionId: z.string().nullable(),
  /** When an elevated session lapses if idle (ISO time); null for operators, who do not lapse. */
  expiresAt: z.string().nullable(),
  /** No active admin yet: the app asks for one before anything else is written. */
  needsFirstAdmin: z.boolean(),
  /** Minutes a koordinator or admin stays signed in without using the app. */
  idleMinutes: z.number().int(),
})

export const sesiMethods = {
  'sesi.lihat': method({
    input: NoInput,
    output: SessionStatus,
    description: 'Siapa yang sedang memakai jendela ini, dan kapan sesinya berakhir',
    writes: false,
  }),
  'sesi.masuk': method({
    input: z.object({ userId: Id, pin: Pin.optional() }).strict(),
    output: SessionStatus,
    description: 'Memilih pengguna untuk jendela ini: operator cukup memilih nama, koordinator dan admin dengan PIN',
    writes: true,
    access: 'semua',
  }),
  'sesi.keluar': method({
    input: NoInput,
    output: SessionStatus,
    description: 'Mengakhiri sesi pengguna jendela ini',
    writes: true,
    access: 'semua',
  }),
}
