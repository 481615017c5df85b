import * as rekap from '../../services/rekap'
import { download, type HandlerContext, type NamespaceHandlers } from './context'

export function rekapHandlers({ ctx }: HandlerContext): NamespaceHandlers<'rekap'> {
  return {
    'rekap.eksporHarian': async (i) => download(await rekap.eksporHarian(ctx, i.tanggal, i.format)),
  }
}
