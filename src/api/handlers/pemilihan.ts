import * as pemilihan from '../../services/pemilihan'
import { bytesOf, type HandlerContext, type NamespaceHandlers } from './context'

export function pemilihanHandlers({ ctx }: HandlerContext): NamespaceHandlers<'pemilihan'> {
  return {
    'pemilihan.lihat': () => pemilihan.lihat(ctx),
    'pemilihan.buat': (i, m) => pemilihan.buat(ctx, m, { ...i, pilkada: i.pilkada }),
    'pemilihan.ubah': (i, m) => pemilihan.ubah(ctx, m, i),
    'pemilihan.lihatLogo': () => {
      const logo = pemilihan.lihatLogo(ctx)
      return logo ? { mime: logo.mime, contentBase64: logo.data.toString('base64') } : null
    },
    'pemilihan.aturLogo': (i, m) =>
      pemilihan.aturLogo(ctx, m, i.contentBase64 === null ? null : bytesOf(i.contentBase64)),
  }
}
