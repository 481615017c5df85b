import * as pekerja from '../../services/pekerja'
import { type HandlerContext, type NamespaceHandlers } from './context'

export function pekerjaHandlers({ ctx }: HandlerContext): NamespaceHandlers<'pekerja'> {
  return {
    'pekerja.daftar': () => pekerja.daftar(ctx),
    'pekerja.tambah': (i, m) => pekerja.tambah(ctx, m, i),
    'pekerja.ubah': (i, m) => pekerja.ubah(ctx, m, i),
    'pekerja.impor': (i, m) => pekerja.impor(ctx, m, i.fileName, i.contentBase64),
  }
}
