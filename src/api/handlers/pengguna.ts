import * as pengguna from '../../services/pengguna'
import type { HandlerContext, NamespaceHandlers } from './context'

/** A wrong PIN answers no sooner than this: guessing costs time on top of the lockout. */
const WRONG_PIN_DELAY_MS = 1000

export function penggunaHandlers({ ctx, sessions }: HandlerContext): NamespaceHandlers<'pengguna'> {
  return {
    'pengguna.daftar': () => pengguna.daftar(ctx),
    'pengguna.tambahAdminPertama': (i, m) => pengguna.tambahAdminPertama(ctx, m, i),
    'pengguna.tambah': (i, m) => pengguna.tambah(ctx, m, i),
    'pengguna.ubah': (i, m) => pengguna.ubah(ctx, m, i),
    'pengguna.gantiPin': async (i, m) => {
      try {
        return pengguna.gantiPin(ctx, m, m.userId, i.pinLama, i.pinBaru, (user, pin) =>
          sessions.guardPin(user, pin, m.transport, m.stasiun?.id ?? null),
        )
      } catch (err) {
        if (m.transport !== 'test' && m.transport !== 'cli')
          await new Promise((resolve) => setTimeout(resolve, WRONG_PIN_DELAY_MS))
        throw err
      }
    },
  }
}
