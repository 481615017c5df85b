import ExcelJS from 'exceljs'

/** Workbooks read back as a bendahara or Silog opens them: with exceljs, cell values as stored. */

/** The sheets of the rekap harian, in order: the summary, the floor's views, then what Silog takes. */
export const REKAP_HARIAN_SHEETS = [
  'Ringkasan',
  'Per Shift',
  'Per Regu',
  'Per Alasan Rusak',
  'Penerimaan',
  'Kemas dan Serah Terima',
  'Silog',
]

export async function readWorkbook(bytes: Buffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  return wb
}

/** A sheet's rows, each the values of its cells from column A (exceljs counts from 1). */
export function sheetRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = []
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)))
  return rows
}
