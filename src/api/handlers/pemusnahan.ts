import * as pemusnahan from '../../services/pemusnahan'
import type { HandlerContext, NamespaceHandlers } from './context'

export function pemusnahanHandlers({ ctx }: HandlerContext): NamespaceHandlers<'pemusnahan'> {
  return {
    'pemusnahan.daftarKandidat': () => pemusnahan.daftarKandidat(ctx),
    'pemusnahan.catat': (i, m) => pemusnahan.catat(ctx, m, i),
    'pemusnahan.daftar': () => pemusnahan.daftar(ctx),
  }
}
