import { z } from 'zod'
import type { TallyRow } from '../../core/tally'
import { write } from './define'
import { Count, Id, ShortText } from './common'
import { ShiftDetail } from './shift'

/** One row of the grid (core/tally.ts owns the shape its rule checks). */
export const TallyRowInput = z
  .object({
    teamId: Id,
    workerId: Id.nullable().optional(),
    serahkan: Count.default(0),
    hasil: Count.default(0),
    rusak: z.record(z.string().regex(/^[A-Z_]{2,40}$/, 'Kode alasan rusak tidak sah'), Count).default({}),
    rusakNote: ShortText('Keterangan rusak lainnya', 300).optional(),
    kembali: Count.default(0),
  })
  .strict() satisfies z.ZodType<TallyRow>

export const TallyInput = z
  .object({
    shiftId: Id,
    variantId: Id,
    rows: z.array(TallyRowInput).min(1, 'Tidak ada baris tally').max(500, 'Terlalu banyak baris'),
    /** ShiftDetail.versi when the grid was loaded: a team changed since then is refused (CONFLICT). */
    basisSeq: z.number().int().nonnegative().optional(),
  })
  .strict()

export type TallyInput = z.output<typeof TallyInput>

/**
 * What a save answers: the saved teams as they stand now and the shift's new version, not the whole shift
 * (issue 16: ten stations saving twenty times a second each; building, checking, storing and sending the
 * whole shift was half of every save). A grid that shows the rest asks shift.lihat.
 */
export const TallySaved = z.object({
  shiftId: Id,
  variantId: Id,
  /** The shift's version after this save (ShiftDetail.versi): the next save's basisSeq. */
  versi: z.number().int(),
  /** What the whole shift still holds in process (ShiftDetail.inProcess). */
  inProcess: z.number().int(),
  /** The teams on the saved rows, in the shift's order, as ShiftDetail.teams shows them. */
  teams: ShiftDetail.shape.teams,
})

export type TallySaved = z.infer<typeof TallySaved>

export const tallyMethods = {
  'tally.simpan': write(
    TallyInput,
    TallySaved,
    'Menyimpan satu lembar tally: penyerahan ke regu, hasil baik, rusak per alasan dan yang dikembalikan, dalam satu transaksi',
  ),
}
