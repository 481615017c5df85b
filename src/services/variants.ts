import type { VariantInfo } from '../api/contract/common'
import { AppError } from '../core/errors'
import { variantById, variantList } from '../db/barang'
import type { ReadContext } from './context'

export type { VariantInfo }

export function listVariants(ctx: ReadContext): VariantInfo[] {
  return variantList(ctx.db)
}

export function getVariant(ctx: ReadContext, variantId: number, column = 'variantId'): VariantInfo {
  const v = variantById(ctx.db, variantId)
  if (!v)
    throw new AppError('NOT_FOUND', `Barang dengan id varian ${variantId} tidak dikenal`, [
      { column, message: 'Tidak dikenal' },
    ])
  return v
}

/** Where a variant becomes usable: ballots once sorted, kotak and bilik once assembled, the rest as received. */
export const usablePlace = (v: Pick<VariantInfo, 'kind' | 'assembled'>): 'BAIK' | 'SIAP' | 'DITERIMA' =>
  v.kind === 'ballot' ? 'BAIK' : v.assembled ? 'SIAP' : 'DITERIMA'
