import * as rekap from '../../services/rekap'
import { download, type LongHandlers } from './context'
import type { ReadContext } from '../../services/context'

/** The rekap's methods are all long: run in a job's worker on a read-only connection (src/api/jobWorker.ts). */
export function rekapLongHandlers(ctx: ReadContext): LongHandlers<'rekap'> {
  return {
    'rekap.eksporHarian': async (i) => download(await rekap.eksporHarian(ctx, i.tanggal, i.format)),
  }
}
