import * as penerimaan from '../../services/penerimaan'
import type { HandlerContext, NamespaceHandlers } from './context'

export function penerimaanHandlers({ ctx }: HandlerContext): NamespaceHandlers<'penerimaan'> {
  return {
    'penerimaan.daftar': () => penerimaan.daftar(ctx),
    'penerimaan.lihat': (i) => penerimaan.lihat(ctx, i.id),
    'penerimaan.catat': (i, m) => penerimaan.lihat(ctx, penerimaan.catat(ctx, m, i)),
    'penerimaan.selesaikanSelisih': (i, m) => penerimaan.selesaikanSelisih(ctx, m, i.lineId, i.note),
    'penerimaan.catatRetur': (i, m) => penerimaan.catatRetur(ctx, m, i),
    'penerimaan.selesaikanKiriman': (i, m) => penerimaan.selesaikanKiriman(ctx, m, i),
    'penerimaan.daftarKiriman': () => penerimaan.daftarKiriman(ctx),
    'penerimaan.daftarRetur': () => penerimaan.daftarRetur(ctx),
  }
}
