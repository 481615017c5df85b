import * as rekonsiliasi from '../../services/rekonsiliasi'
import type { HandlerContext, NamespaceHandlers } from './context'

export function rekonsiliasiHandlers({ ctx }: HandlerContext): NamespaceHandlers<'rekonsiliasi'> {
  return {
    'rekonsiliasi.lihat': (i) => rekonsiliasi.lihat(ctx, i.tanggal ? { tanggal: i.tanggal } : undefined),
    'rekonsiliasi.lihatKemajuan': (i) => rekonsiliasi.lihatKemajuan(ctx, i),
  }
}
