import * as barang from '../../services/barang'
import type { HandlerContext, NamespaceHandlers } from './context'

export function barangHandlers({ ctx }: HandlerContext): NamespaceHandlers<'barang'> {
  return {
    'barang.daftar': () => barang.daftar(ctx),
    'barang.tambah': (i, m) => barang.tambah(ctx, m, i),
    'barang.ubah': (i, m) => barang.ubah(ctx, m, i),
    'barang.daftarVarian': () => barang.daftarVarian(ctx),
  }
}
