import * as rekonsiliasi from '../../services/rekonsiliasi'
import type { HandlerContext, NamespaceHandlers } from './context'

export function rekonsiliasiHandlers({ ctx }: HandlerContext): NamespaceHandlers<'rekonsiliasi'> {
  return {
    'rekonsiliasi.lihat': () => rekonsiliasi.lihat(ctx),
    'rekonsiliasi.lihatKemajuan': (i) => rekonsiliasi.lihatKemajuan(ctx, i),
  }
}
