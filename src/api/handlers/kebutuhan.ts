import * as kebutuhan from '../../services/kebutuhan'
import * as kebutuhanEkspor from '../../services/kebutuhanEkspor'
import type { HandlerContext, LongHandlers, NamespaceHandlers } from './context'
import type { ReadContext } from '../../services/context'

export function kebutuhanHandlers({ ctx }: HandlerContext): NamespaceHandlers<'kebutuhan'> {
  return {
    'kebutuhan.daftarTps': (i) => kebutuhan.daftarTps(ctx, i),
    'kebutuhan.lihatRekap': (i) => kebutuhan.lihatRekap(ctx, i.level),
    'kebutuhan.daftarDapil': () => kebutuhan.daftarDapil(ctx),
  }
}

/** The long methods: run in a job's worker on a read-only connection (src/api/jobWorker.ts). */
export function kebutuhanLongHandlers(ctx: ReadContext): LongHandlers<'kebutuhan'> {
  return {
    'kebutuhan.ekspor': (i) => kebutuhanEkspor.ekspor(ctx, i.format, i.level),
  }
}
