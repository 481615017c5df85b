import * as kemas from '../../services/kemas'
import * as kemasCetak from '../../services/kemasCetak'
import * as kemasCetakSatker from '../../services/kemasCetakSatker'
import { download, type HandlerContext, type LongHandlers, type NamespaceHandlers } from './context'
import type { ReadContext } from '../../services/context'

export function kemasHandlers({ ctx }: HandlerContext): NamespaceHandlers<'kemas'> {
  return {
    'kemas.lihatKemajuan': (i) => kemas.lihatKemajuan(ctx, i.level),
    'kemas.daftarKit': (i) => kemas.daftarKit(ctx, i),
    'kemas.lihatKit': (i) => kemas.lihatKit(ctx, i.tpsId),
    'kemas.periksaScan': (i) => kemas.periksaScan(ctx, i.code),
    'kemas.catat': (i, m) => kemas.catat(ctx, m, i),
    'kemas.catatSegel': (i, m) => kemas.catatSegel(ctx, m, i.tpsId, i.kotakNo, i.nomor),
    'kemas.lihatSusunanLabel': () => kemasCetak.lihatSusunanLabel(ctx),
    'kemas.aturSusunanLabel': (i, m) => kemasCetak.aturSusunanLabel(ctx, m, i),
  }
}

/** The long methods: run in a job's worker on a read-only connection (src/api/jobWorker.ts). */
export function kemasLongHandlers(ctx: ReadContext): LongHandlers<'kemas'> {
  return {
    'kemas.cetakLabel': async (i) => download(await kemasCetak.cetakLabel(ctx, i)),
    'kemas.cetakDaftarIsi': async (i) => download(await kemasCetak.cetakDaftarIsi(ctx, i.scope, i.ringkas)),
    'kemas.cetakSatker': (i, m) => kemasCetakSatker.cetakSatker(ctx, i.jenis, i.ringkas, m.progress),
  }
}
