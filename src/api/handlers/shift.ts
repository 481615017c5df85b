import * as shift from '../../services/shift'
import type { HandlerContext, NamespaceHandlers } from './context'

export function shiftHandlers({ ctx }: HandlerContext): NamespaceHandlers<'shift'> {
  return {
    'shift.daftar': (i) => shift.daftar(ctx, i),
    'shift.lihat': (i) => shift.lihat(ctx, i.id),
    'shift.buka': (i, m) => shift.buka(ctx, m, i),
    'shift.aturKehadiran': (i, m) => shift.aturKehadiran(ctx, m, i.shiftId, i.teams, i.variantIds),
    'shift.tutup': (i, m) => shift.tutup(ctx, m, i.shiftId, i.note),
    'shift.bukaKembali': (i, m) => shift.bukaKembali(ctx, m, i.shiftId, i.note),
  }
}
