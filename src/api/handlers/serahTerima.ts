import * as serahTerima from '../../services/serahTerima'
import type { HandlerContext, NamespaceHandlers } from './context'

export function serahTerimaHandlers({ ctx }: HandlerContext): NamespaceHandlers<'serahTerima'> {
  return {
    'serahTerima.lihatKecamatan': (i) => serahTerima.lihatKecamatan(ctx, i.kecamatanId),
    'serahTerima.pratinjau': (i) => serahTerima.pratinjau(ctx, i.kecamatanId, i.tpsIds),
    'serahTerima.daftar': () => serahTerima.daftar(ctx),
    'serahTerima.serahkan': (i, m) => serahTerima.serahkan(ctx, m, i),
    'serahTerima.konfirmasi': (i, m) => serahTerima.konfirmasi(ctx, m, i.handoverId, i.note),
    'serahTerima.periksaScan': (i) => serahTerima.periksaScan(ctx, i.kecamatanId, i.code),
    'serahTerima.catatPengembalian': (i, m) => serahTerima.catatPengembalian(ctx, m, i),
    'serahTerima.lihatDiPpk': (i) => serahTerima.lihatDiPpk(ctx, i.kecamatanId),
  }
}
