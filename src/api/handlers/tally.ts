import * as tally from '../../services/tally'
import type { HandlerContext, NamespaceHandlers } from './context'

export function tallyHandlers({ ctx }: HandlerContext): NamespaceHandlers<'tally'> {
  return {
    'tally.simpan': (i, m) => tally.simpan(ctx, m, i),
  }
}
