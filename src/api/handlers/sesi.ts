import type { HandlerContext, NamespaceHandlers } from './context'

export function sesiHandlers({ sessions }: HandlerContext): NamespaceHandlers<'sesi'> {
  return {
    'sesi.lihat': (_i, m) => sessions.lihat(m.session),
    'sesi.masuk': (i, m) => sessions.masuk(m.session, i.userId, i.pin, m.transport),
    'sesi.keluar': (_i, m) => sessions.keluar(m.session),
  }
}
