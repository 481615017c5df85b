import type { z } from 'zod'
import { PenerimaanInput } from '../../src/api/contract/penerimaan'
import { ShiftInput } from '../../src/api/contract/shift'

/*
 * Inputs with only what a test or bench cares about; the contract fills the rest with its own defaults, as
 * it does for what the forms send, so a service called directly gets exactly what the dispatcher would give it.
 */

/** A delivery: when, from whom, the surat jalan and the lines as counted. */
export const delivery = (d: z.input<typeof PenerimaanInput>): PenerimaanInput => PenerimaanInput.parse(d)

/** A shift to open: its kind, day, hours, variants and teams. */
export const shiftInput = (s: z.input<typeof ShiftInput>): ShiftInput => ShiftInput.parse(s)

type ShiftOpen = z.input<typeof ShiftInput>

/**
 * A shift to open on `tanggal` as most tests open one: 08:00 to 16:00 unless `more` says otherwise, the
 * whole of each team (by id) present.
 */
export const dayShift = (
  kind: ShiftOpen['kind'],
  tanggal: string,
  variantIds: number[],
  teamIds: number[],
  more: Partial<ShiftOpen> = {},
): ShiftOpen => ({
  kind,
  tanggal,
  mulai: '08:00',
  selesai: '16:00',
  variantIds,
  teams: teamIds.map((teamId) => ({ teamId })),
  ...more,
})
