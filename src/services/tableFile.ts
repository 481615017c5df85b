import type ExcelJS from 'exceljs'
import { refused } from '../core/errors'
import { delimiterName, parseDelimited, type TableRow } from '../core/csv'
import { decodeText } from '../core/text'
import { checkZip } from './tableZip'
import { IMPORT_LIMITS, megabyte as mb, ribuan as ribu } from '../core/importLimits'

export interface ReadTable {
  /** What was read, for the preview: e.g. 'CSV (titik koma, UTF-8 (BOM))' or 'XLSX (lembar "TPS")'. */
  format: string
  rows: TableRow[]
}

/** The worker thread that reads an upload (src/api/tableWorker.ts): its heap and its time. */
export const TABLE_READ_BOUNDS = { heapMb: 768, ms: 60_000 } as const

/**
 * An upload as its bytes, or as the base64 the contract carried it in: handed to the worker as the string
 * (a copy of one flat string), decoded there, so not even decoding runs on the serving thread.
 */
export type Upload = Uint8Array | string

/** How to read an upload: in a worker thread when the app has one (api/jobs.ts), else here (the CLI, tests). */
export type TableReader = (fileName: string, content: Upload) => Promise<ReadTable>

/** Reads an uploaded table the way the context says: never on the thread serving the UI when a worker exists. */
export function readUpload(ctx: { readTable?: TableReader | undefined }, fileName: string, content: Upload) {
  return ctx.readTable ? ctx.readTable(fileName, content) : readTable(fileName, content)
}

const SAVE_AS = 'Buka berkas di Excel lalu simpan sebagai "Excel Workbook (.xlsx)" atau "CSV UTF-8".'

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)
/** Every zip (hence every .xlsx) starts with a local file header "PK\x03\x04" (or "PK\x05\x06" when empty). */
const isZip = (bytes: Uint8Array): boolean =>
  startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])
/** Zip entry names are stored uncompressed in the archive, so a byte search finds them. */
const zipHolds = (bytes: Uint8Array, entry: string): boolean =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(entry, 0, 'latin1')
/** OLE2 compound file: old .xls, and also what Excel writes for a password-protected .xlsx. */
const isOle2 = (bytes: Uint8Array): boolean => startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

const extensionOf = (fileName: string): string => {
  const base = fileName.split(/[\\/]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}

/**
 * Reads a CSV/TSV/XLSX table a coordinator uploaded into rows with their true line numbers. The content
 * decides before the extension does (a workbook renamed to .csv is still read as a workbook), because
 * users rename files; refusals say what to do instead, never show a stack trace.
 */
export async function readTable(fileName: string, content: Upload): Promise<ReadTable> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'base64') : content
  const ext = extensionOf(fileName)
  if (bytes.length === 0) return { format: 'Berkas kosong', rows: [] }
  if (bytes.length > IMPORT_LIMITS.bytes)
    throw refused(
      `Berkas "${fileName}" berukuran ${mb(bytes.length)}, melewati batas ukuran berkas impor ${mb(IMPORT_LIMITS.bytes)}. Pisahkan menjadi beberapa berkas.`,
    )
  if (isOle2(bytes)) {
    if (ext === 'xlsx' || ext === 'xlsm') {
      throw refused(
        `Berkas "${fileName}" tidak dapat dibuka: buku kerja ini dilindungi kata sandi (terenkripsi) atau sebenarnya berformat Excel lama. Hapus kata sandinya, lalu simpan ulang sebagai "Excel Workbook (.xlsx)" atau "CSV UTF-8".`,
      )
    }
    throw refused(`Berkas "${fileName}" berformat Excel lama (.xls) yang tidak dapat dibaca. ${SAVE_AS}`)
  }
  if (ext === 'xls')
    throw refused(`Berkas "${fileName}" berekstensi .xls (format Excel lama) yang tidak dapat dibaca. ${SAVE_AS}`)
  if (ext === 'ods' || ext === 'numbers')
    throw refused(
      `Berkas "${fileName}" berformat .${ext} yang tidak didukung. Simpan ulang sebagai "Excel Workbook (.xlsx)" atau CSV.`,
    )

  if (isZip(bytes)) return readWorkbook(fileName, bytes, ext)
  if (ext === 'xlsx' || ext === 'xlsm') {
    throw refused(
      `Berkas "${fileName}" bukan buku kerja XLSX yang sah (isinya bukan arsip XLSX; mungkin rusak, terpotong saat diunduh, atau sebenarnya berkas lain yang diganti namanya). ${SAVE_AS}`,
    )
  }

  const decoded = decodeText(bytes, fileName)
  const table = parseDelimited(decoded.text, { maxRows: IMPORT_LIMITS.rows, tooMany: () => tooManyRows(fileName) })
  const kind = ext === 'tsv' || table.delimiter === '\t' ? 'Teks' : 'CSV'
  return { format: `${kind} (${delimiterName(table.delimiter)}, ${decoded.encoding})`, rows: table.rows }
}

const tooManyRows = (fileName: string) =>
  refused(
    `Berkas "${fileName}" berisi lebih dari ${ribu(IMPORT_LIMITS.rows)} baris, melewati batas jumlah baris impor. Pisahkan menjadi beberapa berkas.`,
  )

/** Refuses a workbook beyond the limits before exceljs inflates any of it. */
function checkWorkbookLimits(fileName: string, bytes: Uint8Array): void {
  const v = checkZip(bytes, IMPORT_LIMITS)
  if (v.ok || v.limit === 'rusak') return // a damaged zip is exceljs's to refuse, in its own words below
  const what = {
    zipEntries: `berisi ${ribu(v.found)} bagian, melewati batas ${ribu(IMPORT_LIMITS.zipEntries)} bagian dalam satu buku kerja XLSX`,
    uncompressedBytes: `berisi lebih dari ${mb(IMPORT_LIMITS.uncompressedBytes)} data setelah dibuka, melewati batas ukuran isi buku kerja XLSX ${mb(IMPORT_LIMITS.uncompressedBytes)}`,
    sharedStringChars: `memuat teks sel sepanjang ${ribu(v.found)} karakter, melewati batas ${ribu(IMPORT_LIMITS.sharedStringChars)} karakter per sel (batas Excel sendiri)`,
  }[v.limit]
  throw refused(`Berkas "${fileName}" ${what}. Berkas tidak dibaca dan tidak ada yang diubah.`)
}

async function readWorkbook(fileName: string, bytes: Uint8Array, ext: string): Promise<ReadTable> {
  checkWorkbookLimits(fileName, bytes)
  // Loaded here, not with the module: exceljs takes 0.3 s to load, which reading a CSV must not pay.
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.Workbook()
  try {
    // exceljs declares its own Buffer type; a Node Buffer over the same memory is what it expects at runtime.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer)
  } catch {
    // The library's message (zip internals, XML parse positions) means nothing to a coordinator.
    throw refused(
      `Berkas "${fileName}" tidak dapat dibuka sebagai buku kerja XLSX: berkasnya rusak atau bukan buku kerja Excel. ${SAVE_AS}`,
    )
  }

  // exceljs opens any zip (a Word document, an archive) as a workbook with no sheets.
  if (workbook.worksheets.length === 0) {
    const what = zipHolds(bytes, 'word/document.xml')
      ? 'dokumen Word'
      : zipHolds(bytes, 'ppt/presentation.xml')
        ? 'presentasi PowerPoint'
        : 'arsip ZIP'
    throw refused(
      `Berkas "${fileName}" adalah ${what}, bukan buku kerja Excel (tidak ada lembar kerja di dalamnya). ${SAVE_AS}`,
    )
  }

  // Visible sheets first: a hidden sheet usually holds lookup lists, not the table the user means.
  const sheets = [...workbook.worksheets].sort((a, b) => Number(a.state !== 'visible') - Number(b.state !== 'visible'))
  for (const sheet of sheets) {
    if (sheet.actualRowCount > IMPORT_LIMITS.rows) throw tooManyRows(fileName)
    const rows = sheetRows(sheet)
    if (rows.length > 0) {
      const note = ext !== 'xlsx' && ext !== 'xlsm' ? `, berekstensi .${ext || '(tanpa ekstensi)'}` : ''
      return { format: `XLSX (lembar "${sheet.name}"${note})`, rows }
    }
  }
  return { format: 'XLSX (tanpa data)', rows: [] }
}

function sheetRows(sheet: ExcelJS.Worksheet): TableRow[] {
  const rows: TableRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    const numeric: boolean[] = []
    for (let c = 1; c <= row.cellCount; c++) {
      const value = row.getCell(c).value
      cells.push(cellText(value))
      numeric.push(typeof value === 'number')
    }
    while (cells.length > 0 && cells[cells.length - 1]!.trim() === '') cells.pop()
    numeric.length = cells.length
    // Same rule as CSV: a row of blank cells (formatting only) is not data.
    if (cells.length > 0)
      rows.push(numeric.includes(true) ? { line: rowNumber, cells, numeric } : { line: rowNumber, cells })
  })
  return rows
}

/**
 * The cell's value as plain text, never its displayed text: number formats and the machine's locale
 * would turn 1446 into "1.446" or 240 into "240,00". Merged cells already yield the master's value.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return numberText(value)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return dateText(value)
  if ('richText' in value) return value.richText.map((r) => r.text).join('')
  if ('error' in value) return value.error
  if ('formula' in value || 'sharedFormula' in value) {
    // The result Excel cached when it last saved. Without one (a workbook written by a program and never
    // opened in Excel) the formula text is returned so the importer reports a formula, not an empty cell.
    const v = value as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue
    if (v.result === undefined || v.result === null)
      return `=${v.formula ?? ('sharedFormula' in v ? v.sharedFormula : '')}`
    return cellText(v.result as ExcelJS.CellValue)
  }
  if ('hyperlink' in value) {
    const text: unknown = value.text
    return typeof text === 'string' ? text : cellText(text as ExcelJS.CellValue)
  }
  return ''
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  if (Object.is(n, -0)) return '0'
  // 15 significant digits is what Excel itself shows; it hides binary noise such as 0.30000000000000004.
  const rounded = Number(n.toPrecision(15))
  if (Number.isInteger(rounded) && Math.abs(rounded) < 1e21) return BigInt(rounded).toString()
  return String(rounded)
}

function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return ''
  const iso = d.toISOString()
  // exceljs gives dates as UTC; a date without a time of day is shown as a date only.
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
}
