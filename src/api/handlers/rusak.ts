import * as rusak from '../../services/rusak'
import type { HandlerContext, NamespaceHandlers } from './context'

export function rusakHandlers({ ctx }: HandlerContext): NamespaceHandlers<'rusak'> {
  return {
    'rusak.daftarAlasan': () => rusak.daftarAlasan(),
    'rusak.reklasifikasi': (i, m) => rusak.reklasifikasi(ctx, m, i),
  }
}
