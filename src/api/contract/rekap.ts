import { z } from 'zod'
import { longRead } from './define'
import { Download, IsoDate } from './common'

export const rekapMethods = {
  'rekap.eksporHarian': longRead(
    z.object({ tanggal: IsoDate, format: z.enum(['xlsx', 'csv']).default('xlsx') }).strict(),
    Download,
    'Rekap harian sortir-lipat dan penerimaan (XLSX: ringkasan, per shift, per regu, per alasan rusak, kolom Silog; CSV: kolom Silog)',
  ),
}
