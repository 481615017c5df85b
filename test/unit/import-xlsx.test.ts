import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, it, expect } from 'vitest'
import { AppError } from '../../src/core/errors'
import { parseWilayahTable } from '../../src/core/wilayahImport'
import { readTable } from '../../src/services/tableFile'

const OPTS = { maxVotersPerTps: 300 }

async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    return e as AppError
  }
  throw new Error('expected a refusal')
}

/** A workbook as a kabupaten office makes one: a hidden lookup sheet, a title block, merged kecamatan cells, formulas. */
async function satkerWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const lookup = wb.addWorksheet('Referensi')
  lookup.state = 'hidden'
  lookup.addRow(['kode', 'nama'])
  lookup.addRow([121905, 'TALAWI'])

  const ws = wb.addWorksheet('TPS Talawi')
  ws.getCell('A1').value = 'DAFTAR TPS KECAMATAN TALAWI'
  ws.mergeCells('A1:F1')
  // Row 2 left empty, as title blocks usually are.
  ws.getRow(3).values = ['Kode Kec', 'Kecamatan', 'Kode Desa', 'Desa/Kelurahan', 'No. TPS', 'Jumlah DPT']
  ws.getRow(4).values = [121905, 'TALAWI', 1219052001, 'PAHANG', 1, 240]
  ws.getRow(5).values = [121905, null, 1219052001, 'PAHANG', 2, { formula: 'F4-21', result: 219 }]
  ws.getRow(6).values = [
    121905,
    null,
    1219052002,
    { richText: [{ text: 'SUKA ' }, { text: 'MAJU', font: { bold: true } }] },
    'TPS 001',
    1234,
  ]
  ws.getRow(7).values = [121905, null, 1219052002, 'SUKA MAJU', 2, 240.00000000000003]
  ws.mergeCells('B4:B7') // the kecamatan name written once for the block
  ws.getCell('F6').numFmt = '#,##0' // displayed "1.234" in an Indonesian Excel; the value is still 1234
  ws.getCell('F7').numFmt = '0.00'
  ws.getRow(8).values = [121905, 'TALAWI', 1219052003, 'BANGUN', 1, { formula: 'SUM(F4:F5)' }] // no cached result
  ws.getRow(9).values = [null, null, null, null, null, null] // formatted but empty
  ws.getRow(9).getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } }
  ws.getRow(10).values = [121905, 'TALAWI', 1219052003, 'BANGUN', 2, 0]
  ws.getRow(11).values = ['Dicetak', new Date(Date.UTC(2024, 1, 14))]
  return toBytes(wb)
}

describe('readTable: XLSX', () => {
  it('reads the first visible sheet with data, using worksheet row numbers as lines', async () => {
    const t = await readTable('tps-talawi.xlsx', await satkerWorkbook())
    expect(t.format).toBe('XLSX (lembar "TPS Talawi")')
    expect(t.rows.map((r) => r.line)).toEqual([1, 3, 4, 5, 6, 7, 8, 10, 11])
    expect(t.rows[1]!.cells).toEqual(['Kode Kec', 'Kecamatan', 'Kode Desa', 'Desa/Kelurahan', 'No. TPS', 'Jumlah DPT'])
  })

  it('converts cells to plain text: digits without locale formatting, cached formula results, rich text, merged cells, ISO dates', async () => {
    const t = await readTable('tps-talawi.xlsx', await satkerWorkbook())
    const byLine = new Map(t.rows.map((r) => [r.line, r.cells]))
    expect(byLine.get(4)).toEqual(['121905', 'TALAWI', '1219052001', 'PAHANG', '1', '240'])
    expect(byLine.get(5)).toEqual(['121905', 'TALAWI', '1219052001', 'PAHANG', '2', '219'])
    expect(byLine.get(6)).toEqual(['121905', 'TALAWI', '1219052002', 'SUKA MAJU', 'TPS 001', '1234'])
    expect(byLine.get(7)![5]).toBe('240') // binary noise rounded to Excel's 15 digits
    expect(byLine.get(8)![5]).toBe('=SUM(F4:F5)') // no cached result: surfaced as a formula, not as an empty cell
    expect(byLine.get(11)).toEqual(['Dicetak', '2024-02-14'])
  })

  it('feeds parseWilayahTable, which finds the header under the title and reports the formula cell', async () => {
    const t = await readTable('tps-talawi.xlsx', await satkerWorkbook())
    const r = parseWilayahTable(t.rows, OPTS)
    expect(r.columns.dpt).toBe('Jumlah DPT')
    expect(r.tps.map((x) => [x.line, x.kecamatan, x.desa, x.nomor, x.dpt])).toEqual([
      [4, 'TALAWI', 'PAHANG', 1, 240],
      [5, 'TALAWI', 'PAHANG', 2, 219],
      [6, 'TALAWI', 'SUKA MAJU', 1, 1234],
      [7, 'TALAWI', 'SUKA MAJU', 2, 240],
      [10, 'TALAWI', 'BANGUN', 2, 0],
    ])
    // Line 11 ("Dicetak", a date) is not a TPS either.
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [8, 'Jumlah DPT'],
      [11, 'Desa/Kelurahan'],
      [11, 'Kode Kec'],
      [11, 'No. TPS'],
      [11, 'Jumlah DPT'],
    ])
    expect(r.errors[0]!.message).toMatch(/^DPT "=SUM\(F4:F5\)" berisi rumus, bukan angka/)
    expect(r.warnings).toEqual([
      {
        row: 6,
        column: 'Jumlah DPT',
        message: 'DPT 1234 melebihi batas 300 pemilih per TPS; periksa kembali angkanya',
      },
      {
        row: 10,
        column: 'Jumlah DPT',
        message: 'DPT 0: TPS ini tidak akan mendapat surat suara; periksa kembali angkanya',
      },
    ])
  })

  it('reads the real Batu Bara data the same from XLSX (numbers stored as numbers) as from CSV', async () => {
    const csvBytes = new Uint8Array(readFileSync(join(__dirname, '../../resources/demo/tps-batubara-2024.csv')))
    const fromCsv = parseWilayahTable((await readTable('tps.csv', csvBytes)).rows, OPTS)
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Sheet1')
    const lines = new TextDecoder().decode(csvBytes).trim().split(/\r?\n/)
    ws.addRow(lines[0]!.split(','))
    for (const l of lines.slice(1)) ws.addRow(l.split(',').map((c) => (/^\d+$/.test(c) ? Number(c) : c)))
    expect(typeof ws.getCell('F2').value).toBe('number')
    const fromXlsx = parseWilayahTable((await readTable('tps.xlsx', await toBytes(wb))).rows, OPTS)
    expect(fromXlsx.errors).toEqual([])
    expect(fromXlsx.tps).toEqual(fromCsv.tps)
    expect(fromXlsx.tps).toHaveLength(1446)
  })

  it('sniffs a workbook by its content whatever the extension says', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Data').addRow(['kecamatan', 'desa', 'tps', 'dpt'])
    const bytes = await toBytes(wb)
    expect((await readTable('unduhan', bytes)).format).toBe('XLSX (lembar "Data", berekstensi .(tanpa ekstensi))')
    expect((await readTable('tps.csv', bytes)).rows).toEqual([{ line: 1, cells: ['kecamatan', 'desa', 'tps', 'dpt'] }])
  })

  it('refuses a corrupt .xlsx, a non-zip .xlsx, an old .xls and an encrypted workbook with a clear message', async () => {
    const good = await satkerWorkbook()
    const truncated = good.slice(0, Math.floor(good.length / 2))
    const e1 = await refusal(readTable('tps.xlsx', truncated))
    expect(e1.code).toBe('REFUSED')
    expect(e1.message).toBe(
      'Berkas "tps.xlsx" tidak dapat dibuka sebagai buku kerja XLSX: berkasnya rusak atau bukan buku kerja Excel. Buka berkas di Excel lalu simpan sebagai "Excel Workbook (.xlsx)" atau "CSV UTF-8".',
    )
    expect(e1.stack ?? '').not.toContain('jszip')

    const e2 = await refusal(readTable('tps.xlsx', new TextEncoder().encode('kecamatan,desa,tps,dpt\n')))
    expect(e2.message).toContain('bukan buku kerja XLSX yang sah')

    const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)])
    expect((await refusal(readTable('tps.xls', ole2))).message).toContain('format Excel lama (.xls)')
    expect((await refusal(readTable('tps.xls', new TextEncoder().encode('a,b')))).message).toContain('.xls')
    expect((await refusal(readTable('tps.xlsx', ole2))).message).toContain('kata sandi')
  })
})

describe('readTable: text', () => {
  it('describes delimiter and encoding in the format', async () => {
    const bom = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode('kecamatan;desa;tps;dpt\r\nTALAWI;PAHANG;TPS 001;200\r\n'),
    ])
    const t = await readTable('tps.csv', bom)
    expect(t.format).toBe('CSV (titik koma, UTF-8 (BOM))')
    expect(t.rows).toEqual([
      { line: 1, cells: ['kecamatan', 'desa', 'tps', 'dpt'] },
      { line: 2, cells: ['TALAWI', 'PAHANG', 'TPS 001', '200'] },
    ])
    expect((await readTable('tps.txt', new TextEncoder().encode('a\tb\tc\n'))).format).toBe('Teks (tab, UTF-8)')
  })

  it('refuses binary junk under a .csv name', async () => {
    const junk = new Uint8Array(256).map((_, i) => (i * 37) % 256)
    const e = await refusal(readTable('tps.csv', junk))
    expect(e.code).toBe('REFUSED')
    expect(e.message).toMatch(/^Berkas "tps\.csv" bukan teks CSV/)
  })

  it('returns no rows for an empty file (the importer then says the file is empty)', async () => {
    const t = await readTable('kosong.csv', new Uint8Array())
    expect(t.rows).toEqual([])
    expect(parseWilayahTable(t.rows, OPTS).errors).toEqual([
      { message: 'Berkas kosong: tidak ada baris yang berisi data.' },
    ])
  })
})
