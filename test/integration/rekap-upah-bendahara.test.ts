import ExcelJS from 'exceljs'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenedApp } from '../../src/api/app'
import { apiOf, nameAllSigners, openTestApp, useTempDir } from '../support/api'
import { missing, pdfTextFolded, run, saveDownload } from '../support/pdf'

/**
 * A rekap upah a bendahara accepts (issue 13): NIK, NPWP, bank and account of every worker, typed or
 * imported and checked, printed beside their pay; PPh 21 withheld day by day by the daily rule for
 * pegawai tidak tetap (PMK 168/2023, docs/pph21.md) unless the satker chose the flat percentage.
 *
 * By hand (Gubernur Rp150 a lembar; regu Melati: Siti Aminah and Rudi Hartono, split evenly):
 *   4 November: 6.400 lembar processed = Rp960.000 -> Rp480.000 each: above Rp450.000, 0,5 % = Rp2.400.
 *   5 November: 5.000 lembar = Rp750.000 -> Rp375.000 each: Rp0.
 *   Each: bruto Rp855.000, PPh 21 Rp2.400, diterima Rp852.600. Together Rp1.710.000, Rp4.800, Rp1.705.200.
 *   At a flat 6 % instead: Rp51.300 each.
 */
const OUT = resolve(__dirname, '../../test-results/rekap-upah-bendahara')
const root = useTempDir('rekap-upah')
let app: OpenedApp
const { call, refusedUnchanged } = apiOf(() => app, 'Nurhayati')

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true })
  app = await openTestApp({ dir: root, name: 'upah' })
  await nameAllSigners({ call })
  const g = (await call('barang.daftarVarian')).find((x) => x.itemCode === 'GUBERNUR')!.variantId
  const item = (await call('barang.daftar')).find((i) => i.code === 'GUBERNUR')!
  await call('barang.ubah', { id: item.id, payRate: 150 })
  await call('penerimaan.catat', {
    receivedAt: '2024-11-04T08:00',
    penyedia: 'PT Pura Barutama',
    suratJalan: 'SJ-1',
    lines: [{ variantId: g, statedQty: 20_000, countedQty: 20_000 }],
  })
  const melati = (await call('regu.tambah', { nama: 'Melati' })).id
  await call('pekerja.tambah', {
    nama: 'Siti Aminah',
    nik: '1219 0155 0790 0003',
    npwp: '09.254.294.3-407.000',
    bank: 'BRI',
    noRekening: '0123-01-000123-50-1',
    teamId: melati,
  })
  await call('pekerja.tambah', { nama: 'Rudi Hartono', nik: '1219011203850007', teamId: melati })
  for (const [tanggal, qty] of [
    ['2024-11-04', 6_400],
    ['2024-11-05', 5_000],
  ] as const) {
    const s = await call('shift.buka', {
      kind: 'sortir_lipat',
      tanggal,
      mulai: '08:00',
      selesai: '16:00',
      variantIds: [g],
      teams: [{ teamId: melati }],
    })
    await call('tally.simpan', { shiftId: s.id, variantId: g, rows: [{ teamId: melati, serahkan: qty, hasil: qty }] })
    await call('shift.tutup', { shiftId: s.id, note: 'selesai' })
  }
})
afterAll(() => app?.close())

describe('worker identity and pay details', () => {
  it('refuses a NIK whose birth date does not exist, an NPWP of the wrong length and a bad account, naming the field', async () => {
    const e = await refusedUnchanged(
      'pekerja.tambah',
      { nama: 'Dewi Lestari', nik: '1219013202900001', npwp: '1234', noRekening: '12AB' },
      'INVALID_INPUT',
    )
    expect(e.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ column: 'nik', message: 'Tanggal lahir dalam NIK (320290) bukan tanggal yang ada' }),
        expect.objectContaining({ column: 'npwp', message: 'NPWP harus 15 atau 16 angka, bukan 4' }),
        expect.objectContaining({ column: 'noRekening' }),
      ]),
    )
  })

  it('imports NPWP, bank and account from a worker list, and refuses a bad row naming it', async () => {
    const csv = (rows: string[]) => ({
      fileName: 'pekerja.csv',
      contentBase64: Buffer.from(['nama,nik,npwp,bank,no_rekening', ...rows].join('\n')).toString('base64'),
    })
    const bad = await refusedUnchanged('pekerja.impor', csv(['Eka Pane,,12.345,BNI,0987654321']))
    expect(bad.details).toEqual([expect.objectContaining({ row: 2, column: 'npwp' })])
    await call(
      'pekerja.impor',
      csv(['Eka Pane,,,BNI,0987 6543 21', 'Rudi Hartono,1219011203850007,,Mandiri,1230004567']),
    )
    const list = await call('pekerja.daftar')
    expect(list.find((w) => w.nama === 'Eka Pane')).toMatchObject({ npwp: null, bank: 'BNI', noRekening: '0987654321' })
    expect(list.find((w) => w.nama === 'Rudi Hartono')).toMatchObject({ bank: 'Mandiri', noRekening: '1230004567' })
    expect(list.find((w) => w.nama === 'Siti Aminah')).toMatchObject({
      nikMasked: '1219********0003',
      npwp: '092542943407000',
      bank: 'BRI',
      noRekening: '012301000123501',
    })
  })
})

describe('rekap upah with PPh 21 by the daily rule', () => {
  it('prints NIK, NPWP, bank and account beside the pay, and withholds day by day', async () => {
    expect((await call('pemilihan.lihat', {}))!.pph21Metode).toBe('ter_harian')
    const doc = await call('dokumen.terbitkan', {
      type: 'REKAP_UPAH',
      from: '2024-11-04',
      to: '2024-11-05',
      tanggal: '2024-11-05',
    })
    const pdf = saveDownload(OUT, await call('dokumen.cetak', { id: doc.id, format: 'pdf' }))
    run('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, `${OUT}/rekap-upah`])
    const t = pdfTextFolded(pdf).flat
    expect(
      missing(t, [
        '1219015507900003',
        '092542943407000',
        'BRI',
        '012301000123501',
        '1219011203850007',
        'PPh 21',
        'tarif efektif harian bagi pegawai tidak tetap',
        'Jumlah upah bruto Rp1.710.000, pajak dipotong Rp4.800',
      ]),
    ).toEqual([])
    // A worker's row: the name over NIK, NPWP and account (lines of one cell), then the pay.
    expect(t).toContain(
      'Siti Aminah Melati 5.700 855.000 2.400 852.600 NIK 1219015507900003 NPWP 092542943407000 BRI 012301000123501',
    )
    expect(t).toContain('Rudi Hartono Melati 5.700 855.000 2.400 852.600 NIK 1219011203850007 Mandiri 1230004567')

    const x = await call('dokumen.cetak', { id: doc.id, format: 'xlsx' })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(x.contentBase64, 'base64') as unknown as ExcelJS.Buffer)
    const rows: unknown[][] = []
    wb.getWorksheet('Rekap Upah')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)))
    const header = rows.find((r) => r[0] === 'Nama')!
    const siti = rows.find((r) => r[0] === 'Siti Aminah')!
    const at = (h: string) => siti[header.indexOf(h)]
    // The NIK as text: as a number a spreadsheet keeps 15 digits and changes the last.
    expect([at('NIK'), at('NPWP'), at('Bank'), at('No. Rekening')]).toEqual([
      '1219015507900003',
      '092542943407000',
      'BRI',
      '012301000123501',
    ])
    expect([at('Bruto (Rp)'), at('PPh 21 (Rp)'), at('Diterima (Rp)')]).toEqual([855_000, 2_400, 852_600])
  })

  it('with the flat percentage chosen in Pengaturan, 6 % of the whole gross', async () => {
    await call('pemilihan.ubah', { pph21Metode: 'persen', taxPercent: 6 })
    const doc = await call('dokumen.terbitkan', {
      type: 'REKAP_UPAH',
      from: '2024-11-04',
      to: '2024-11-05',
      tanggal: '2024-11-05',
    })
    const t = pdfTextFolded(saveDownload(OUT, await call('dokumen.cetak', { id: doc.id, format: 'pdf' }))).flat
    // 855.000 x 6 % = 51.300; 803.700 received.
    expect(t).toContain('Siti Aminah Melati 5.700 855.000 51.300 803.700 NIK 1219015507900003')
    expect(t).toContain('Pajak 6%')
    expect(t).not.toContain('PPh 21')
  })
})
