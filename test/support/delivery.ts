import type { z } from 'zod'
import { PenerimaanInput } from '../../src/api/contract/penerimaan'

/**
 * A delivery with only what a test or bench cares about (when, from whom, the surat jalan, the lines as
 * counted); the contract fills the rest with its own defaults, as it does for the form.
 */
export const delivery = (d: z.input<typeof PenerimaanInput>): PenerimaanInput => PenerimaanInput.parse(d)
