import { z } from 'zod'
import type { DamageReason as CoreDamageReason } from '../../core/reasons'
import { list, write } from './define'
import { Count, Id, RequiredText } from './common'

/**
 * A reason a sheet is damaged: the kriteria of Kep. KPU 1395/2023 for ballots, their own list for kotak
 * and bilik. core/reasons.ts owns the list and its shape.
 */
export const DamageReason = z.object({
  code: z.string(),
  short: z.string(),
  narrow: z.string().optional(),
  label: z.string(),
  appliesTo: z.enum(['ballot', 'assembled', 'all']),
  needsNote: z.boolean(),
}) satisfies z.ZodType<CoreDamageReason>

/** Damaged sheets: how many for each reason (by code), and in all. */
export const Rusak = z.object({ rusak: z.record(z.string(), z.number().int()), rusakTotal: z.number().int() })

export const ReklasifikasiInput = z
  .object({
    variantId: Id,
    reason: z.string().regex(/^[A-Z_]{2,40}$/),
    qty: Count.min(1, 'Jumlah minimal 1'),
    note: RequiredText('Alasan reklasifikasi', 300),
    shiftId: Id.nullable().optional(),
  })
  .strict()

export type ReklasifikasiInput = z.output<typeof ReklasifikasiInput>

export const rusakMethods = {
  'rusak.daftarAlasan': list(
    DamageReason,
    'Kriteria surat suara rusak (Kep. KPU 1395/2023) dan alasan rusak kotak/bilik',
  ),
  'rusak.reklasifikasi': write(
    ReklasifikasiInput,
    z.object({ seq: z.number().int() }),
    'Menyatakan surat suara rusak layak pakai (RUSAK → BAIK) dengan alasan; tetap tercatat sebagai reklasifikasi',
    'koordinator',
  ),
}
