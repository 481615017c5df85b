import * as dokumen from '../../services/dokumen'
import * as dokumenJenis from '../../services/dokumenJenis'
import * as dokumenPeriksa from '../../services/dokumenPeriksa'
import { download, type HandlerContext, type NamespaceHandlers } from './context'

export function dokumenHandlers({ ctx }: HandlerContext): NamespaceHandlers<'dokumen'> {
  return {
    'dokumen.daftarJenis': () => dokumenJenis.daftarJenis(ctx),
    'dokumen.aturJenis': (i, m) => dokumenJenis.aturJenis(ctx, m, i.type, i.nomorPattern, i.signers),
    'dokumen.terbitkan': (i, m) => dokumen.terbitkan(ctx, m, i),
    'dokumen.daftar': (i) => dokumen.daftar(ctx, i.type),
    'dokumen.cetak': async (i, m) => download(await dokumen.cetak(ctx, m, i.id, i.format, i.paper)),
    'dokumen.periksa': (i) => dokumenPeriksa.periksa(ctx, i.kode),
  }
}
