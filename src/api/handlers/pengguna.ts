import * as pengguna from '../../services/pengguna'
import type { HandlerContext, NamespaceHandlers } from './context'

export function penggunaHandlers({ ctx }: HandlerContext): NamespaceHandlers<'pengguna'> {
  return {
    'pengguna.daftar': () => pengguna.daftar(ctx),
    'pengguna.tambahAdminPertama': (i, m) => pengguna.tambahAdminPertama(ctx, m, i),
    'pengguna.tambah': (i, m) => pengguna.tambah(ctx, m, i),
    'pengguna.ubah': (i, m) => pengguna.ubah(ctx, m, i),
    'pengguna.gantiPin': (i, m) => pengguna.gantiPin(ctx, m, m.userId, i.pinLama, i.pinBaru),
  }
}
