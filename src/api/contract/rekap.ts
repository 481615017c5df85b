import { z } from 'zod'
import { method } from './define'
import { Download, IsoDate } from './common'

export const rekapMethods = {
  'rekap.eksporHarian': method({
    input: z.object({ tanggal: IsoDate, format: z.enum(['xlsx', 'csv']).default('xlsx') }).strict(),
    output: Download,
    description:
      'Rekap harian sortir-lipat dan penerimaan (XLSX: ringkasan, per shift, per regu, per alasan rusak, kolom Silog; CSV: kolom Silog)',
    writes: false,
    long: true,
  }),
}
