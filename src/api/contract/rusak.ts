import { z } from 'zod'
import { method } from './define'
import type { DamageReason as CoreDamageReason } from '../../core/reasons'
import { Count, Id, NoInput, RequiredText } from './common'

/**
 * A reason a sheet is damaged: the kriteria of Kep. KPU 1395/2023 for ballots, their own list for kotak and
 * bilik. The shape is core's (core/reasons.ts), whose rules use it; this schema checks the answer against it.
 */
export const DamageReason = z.object({
  code: z.string(),
  short: z.string(),
  label: z.string(),
  appliesTo: z.enum(['ballot', 'assembled', 'all']),
  needsNote: z.boolean(),
}) satisfies z.ZodType<CoreDamageReason>

export const rusakMethods = {
  'rusak.daftarAlasan': method({
    input: NoInput,
    output: z.array(DamageReason),
    description: 'Kriteria surat suara rusak (Kep. KPU 1395/2023) dan alasan rusak kotak/bilik',
    writes: false,
  }),
  'rusak.reklasifikasi': method({
    input: z
      .object({
        variantId: Id,
        reason: z.string().regex(/^[A-Z_]{2,40}$/),
        qty: Count.min(1, 'Jumlah minimal 1'),
        note: RequiredText('Alasan reklasifikasi', 300),
        shiftId: Id.nullable().optional(),
      })
      .strict(),
    output: z.object({ seq: z.number().int() }),
    description:
      'Menyatakan surat suara rusak layak pakai (RUSAK → BAIK) dengan alasan; tetap tercatat sebagai reklasifikasi',
    writes: true,
    access: 'koordinator',
  }),
}
