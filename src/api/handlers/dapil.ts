import * as dapil from '../../services/dapil'
import { type HandlerContext, type NamespaceHandlers } from './context'

export function dapilHandlers({ ctx }: HandlerContext): NamespaceHandlers<'dapil'> {
  return {
    'dapil.daftar': () => dapil.daftar(ctx),
    'dapil.aturPemetaan': (i, m) => dapil.aturPemetaan(ctx, m, i.itemId, i.mapping),
    'dapil.aturPsu': (i, m) => dapil.aturPsu(ctx, m, i.dapilId, i.psu),
    'dapil.pratinjauImpor': (i) => dapil.pratinjauImpor(ctx, i.fileName, i.contentBase64),
    'dapil.impor': (i, m) => dapil.impor(ctx, m, i.fileName, i.contentBase64, i.dapilBaru),
  }
}
