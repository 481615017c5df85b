import * as kebutuhan from '../../services/kebutuhan'
import * as kebutuhanEkspor from '../../services/kebutuhanEkspor'
import type { HandlerContext, NamespaceHandlers } from './context'

export function kebutuhanHandlers({ ctx }: HandlerContext): NamespaceHandlers<'kebutuhan'> {
  return {
    'kebutuhan.daftarTps': (i) => kebutuhan.daftarTps(ctx, i),
    'kebutuhan.lihatRekap': (i) => kebutuhan.lihatRekap(ctx, i.level),
    'kebutuhan.daftarDapil': () => kebutuhan.daftarDapil(ctx),
    'kebutuhan.ekspor': (i) => kebutuhanEkspor.ekspor(ctx, i.format, i.level),
  }
}
