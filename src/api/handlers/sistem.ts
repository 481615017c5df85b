import * as sistem from '../../services/sistem'
import type { HandlerContext, NamespaceHandlers } from './context'

export function sistemHandlers({ ctx, appVersion, state }: HandlerContext): NamespaceHandlers<'sistem'> {
  return {
    'sistem.lihatStatus': () => sistem.lihatStatus(ctx, state),
    'sistem.lihatInfo': () => sistem.lihatInfo(ctx, appVersion),
  }
}
