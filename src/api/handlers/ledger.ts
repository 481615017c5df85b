import * as ledger from '../../services/ledger'
import * as ledgerKoreksi from '../../services/ledgerKoreksi'
import type { HandlerContext, LongHandlers, NamespaceHandlers } from './context'
import type { ReadContext } from '../../services/context'

export function ledgerHandlers({ ctx }: HandlerContext): NamespaceHandlers<'ledger'> {
  return {
    'ledger.daftarSaldo': () => ledger.daftarSaldo(ctx),
    'ledger.lihatRiwayat': (i) => ledgerKoreksi.lihatRiwayat(ctx, i),
    'ledger.koreksi': (i, m) => ledgerKoreksi.koreksi(ctx, m, i),
  }
}

/** The long methods: run in a job's worker on a read-only connection (src/api/jobWorker.ts). */
export function ledgerLongHandlers(ctx: ReadContext): LongHandlers<'ledger'> {
  return {
    'ledger.periksa': (_i, m) => ledger.periksa(ctx, m.progress),
  }
}
