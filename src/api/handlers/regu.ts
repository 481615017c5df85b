import * as regu from '../../services/regu'
import type { HandlerContext, NamespaceHandlers } from './context'

export function reguHandlers({ ctx }: HandlerContext): NamespaceHandlers<'regu'> {
  return {
    'regu.daftar': () => regu.daftar(ctx),
    'regu.tambah': (i, m) => regu.tambah(ctx, m, i),
    'regu.ubah': (i, m) => regu.ubah(ctx, m, i),
    'regu.lihatTarget': (i) => regu.lihatTarget(ctx, i.tanggal),
    'regu.aturTarget': (i, m) => regu.aturTarget(ctx, m, i.teamId, i.tanggal, i.qty),
  }
}
