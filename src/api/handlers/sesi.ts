import type { HandlerContext, NamespaceHandlers } from './context'

export function sesiHandlers({ sessions }: HandlerContext): NamespaceHandlers<'sesi'> {
  return {
    'sesi.lihat': (_i, m) => sessions.lihat(m.session, m.stasiun?.id ?? null),
    'sesi.masuk': (i, m) =>
      sessions.masuk(
        // Helping with one action: the window's own session stays, and the window goes back to it after.
        i.bantu ? undefined : m.session,
        i.userId,
        i.pin,
        m.stasiun ? `Stasiun ${m.stasiun.nama}` : m.transport,
        m.stasiun?.id ?? null,
      ),
    'sesi.keluar': (_i, m) => sessions.keluar(m.session, m.stasiun?.id ?? null),
  }
}
