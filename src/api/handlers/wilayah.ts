import * as wilayah from '../../services/wilayah'
import { bytesOf, type HandlerContext, type LongHandlers, type NamespaceHandlers } from './context'
import type { ReadContext } from '../../services/context'

export function wilayahHandlers({ ctx }: HandlerContext): NamespaceHandlers<'wilayah'> {
  return {
    'wilayah.lihatRingkasan': () => wilayah.lihatRingkasan(ctx),
    'wilayah.daftarKecamatan': () => wilayah.daftarKecamatan(ctx),
    'wilayah.daftarDesa': (i) => wilayah.daftarDesa(ctx, i.kecamatanId),
    'wilayah.daftarTps': () => wilayah.daftarTps(ctx),
    'wilayah.impor': (i, m) =>
      wilayah.impor(ctx, m, i.fileName, bytesOf(i.contentBase64), i.fingerprint, {
        terapkanPadaKit: i.terapkanPadaKit,
        gantiNama: i.gantiNama,
      }),
  }
}

/** The long methods: run in a job's worker on a read-only connection (src/api/jobWorker.ts). */
export function wilayahLongHandlers(ctx: ReadContext): LongHandlers<'wilayah'> {
  return {
    'wilayah.pratinjauImpor': (i) => wilayah.pratinjauImpor(ctx, i.fileName, bytesOf(i.contentBase64), i.gantiNama),
  }
}
