import * as ledger from '../../services/ledger'
import * as ledgerKoreksi from '../../services/ledgerKoreksi'
import * as saksi from '../../services/saksi'
import type { HandlerContext, NamespaceHandlers } from './context'

export function ledgerHandlers({ ctx }: HandlerContext): NamespaceHandlers<'ledger'> {
  return {
    'ledger.periksa': (_i, m) => ledger.periksa(ctx, m.progress),
    'ledger.daftarSaldo': () => ledger.daftarSaldo(ctx),
    'ledger.lihatKodeSaksi': () => saksi.lihatKode(ctx),
    'ledger.periksaKodeSaksi': (i) => saksi.periksaKode(ctx, i.kode),
    'ledger.lihatRiwayat': (i) => ledgerKoreksi.lihatRiwayat(ctx, i),
    'ledger.koreksi': (i, m) => ledgerKoreksi.koreksi(ctx, m, i),
  }
}
