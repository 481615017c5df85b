import * as wilayah from '../../services/wilayah'
import { bytesOf, type HandlerContext, type NamespaceHandlers } from './context'

export function wilayahHandlers({ ctx }: HandlerContext): NamespaceHandlers<'wilayah'> {
  return {
    'wilayah.lihatRingkasan': () => wilayah.lihatRingkasan(ctx),
    'wilayah.daftarKecamatan': () => wilayah.daftarKecamatan(ctx),
    'wilayah.daftarDesa': (i) => wilayah.daftarDesa(ctx, i.kecamatanId),
    'wilayah.daftarTps': () => wilayah.daftarTps(ctx),
    'wilayah.pratinjauImpor': (i) => wilayah.pratinjauImpor(ctx, i.fileName, bytesOf(i.contentBase64), i.gantiNama),
    'wilayah.impor': (i, m) =>
      wilayah.impor(ctx, m, i.fileName, bytesOf(i.contentBase64), i.fingerprint, {
        terapkanPadaKit: i.terapkanPadaKit,
        gantiNama: i.gantiNama,
      }),
  }
}
