import * as draf from '../../services/draf'
import type { HandlerContext, NamespaceHandlers } from './context'

export function drafHandlers({ ctx }: HandlerContext): NamespaceHandlers<'draf'> {
  return {
    'draf.lihat': (i) => draf.lihat(ctx, i),
    'draf.simpan': (i, m) => draf.simpan(ctx, m, i),
    'draf.hapus': (i, m) => draf.hapus(ctx, m, i),
  }
}
