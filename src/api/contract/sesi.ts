import { z } from 'zod'
import { read, write } from './define'
import { Id, NoInput } from './common'
import { Pengguna, Pin } from './pengguna'

export const Sesi = z.object({
  /** The chosen user of this window or browser tab; null when nobody is chosen (or the session lapsed). */
  user: Pengguna.nullable(),
  sessionId: z.string().nullable(),
  /** When an elevated session lapses if idle (ISO time); null for operators, who do not lapse. */
  expiresAt: z.string().nullable(),
  /** No active admin yet: the app asks for one before anything else is written. */
  needsFirstAdmin: z.boolean(),
  /** Minutes a koordinator or admin stays signed in without using the app. */
  idleMinutes: z.number().int(),
  /**
   * The demo election only: its users whose PIN is still the one README.md publishes, so a newcomer can
   * sign in. Empty for every other file, and for a demo user once the PIN is changed: no other PIN ever
   * leaves the server.
   */
  demoPins: z.array(z.object({ userId: Id, pin: z.string() })),
})

export type Sesi = z.infer<typeof Sesi>

export const sesiMethods = {
  'sesi.lihat': read(NoInput, Sesi, 'Siapa yang sedang memakai jendela ini, dan kapan sesinya berakhir'),
  'sesi.masuk': write(
    z
      .object({
        userId: Id,
        pin: Pin.optional(),
        /**
         * A helping PIN: a koordinator or admin signs in for one action of the person at the window, whose
         * session is kept (not ended) so the window returns to it once the action is done.
         */
        bantu: z.boolean().optional(),
      })
      .strict(),
    Sesi,
    'Memilih pengguna untuk jendela ini: operator cukup memilih nama, koordinator dan admin dengan PIN',
    'semua',
  ),
  'sesi.keluar': write(NoInput, Sesi, 'Mengakhiri sesi pengguna jendela ini', 'semua'),
}
