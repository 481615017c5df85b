import type ExcelJS from 'exceljs'

/** A plain table, the shape every tally and needs export takes before it becomes XLSX or CSV. */
export interface Table {
  /** Sheet name (max 31 chars in Excel). */
  sheet: string
  /** Lines printed above the table in XLSX: title, satker, data note. */
  heading: string[]
  columns: { label: string; numeric: boolean; width?: number }[]
  rows: (string | number)[][]
  /** Optional totals row, bold in XLSX. */
  totals?: (string | number)[]
}

/** A totals row: the label in the first column, every numeric column summed. */
export function sumRow(columns: Table['columns'], rows: Table['rows'], label = 'JUMLAH'): (string | number)[] {
  return columns.map((c, i) =>
    i === 0 ? label : c.numeric ? rows.reduce((s, r) => s + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0) : '',
  )
}

/**
 * CSV for Excel in an Indonesian locale: semicolon separated, UTF-8 with BOM, CRLF. Cells that a
 * spreadsheet would run as a formula are prefixed with an apostrophe (CSV injection).
 */
export function tableToCsv(t: Table): Buffer {
  const cell = (v: string | number) => {
    if (typeof v === 'number') return String(v)
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
    return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
  }
  const lines = [
    t.columns.map((c) => cell(c.label)),
    ...t.rows.map((r) => r.map(cell)),
    ...(t.totals ? [t.totals.map(cell)] : []),
  ]
  return Buffer.from('\ufeff' + lines.map((l) => l.join(';')).join('\r\n') + '\r\n', 'utf8')
}

export async function tableToXlsx(t: Table): Promise<Buffer> {
  return tablesToXlsx([t])
}

/**
 * One workbook, one sheet per table. Text is always written as text cells, never formulas, so a name
 * like "=HYPERLINK(…)" from an imported file is shown, not run, in Excel and LibreOffice alike.
 */
export async function tablesToXlsx(tables: readonly Table[]): Promise<Buffer> {
  // Loaded here, not with the module: exceljs takes 0.3 s to load, which a CSV export must not pay.
  const { default: Excel } = await import('exceljs')
  const wb = new Excel.Workbook()
  wb.creator = 'Gudang Pemilu'
  wb.created = new Date(0) // stable output: the same data gives the same file
  for (const t of tables) addSheet(wb, t)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

function addSheet(wb: ExcelJS.Workbook, t: Table): void {
  const ws = wb.addWorksheet(t.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: t.heading.length + 2 }] })
  t.heading.forEach((h, i) => {
    const row = ws.addRow([h])
    if (i === 0) row.font = { bold: true, size: 13 }
  })
  ws.addRow([])
  const header = ws.addRow(t.columns.map((c) => c.label))
  header.font = { bold: true }
  header.alignment = { vertical: 'middle', wrapText: true }
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFE7E7' } }
    c.border = { bottom: { style: 'thin' } }
  })
  for (const r of t.rows) ws.addRow(r)
  if (t.totals) {
    const tr = ws.addRow(t.totals)
    tr.font = { bold: true }
    tr.eachCell((c) => (c.border = { top: { style: 'thin' } }))
  }
  t.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1)
    col.width = c.width ?? (c.numeric ? 14 : 24)
    if (c.numeric) col.numFmt = '#,##0'
  })
  ws.pageSetup = {
    orientation: t.columns.length > 7 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    paperSize: 9,
  }
}
