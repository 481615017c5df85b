import ExcelJS from 'exceljs'
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenedApp } from '../../src/api/app'
import { apiOf, nameAllSigners, openTestApp, useTempDir } from '../support/api'
import { missing } from '../support/pdf'
import { dayShift } from '../support/inputs'
import { readWorkbook, REKAP_HARIAN_SHEETS, sheetRows } from '../support/xlsx'

/**
 * The documents of the floor, from a scripted day on the demo election to the PDF text read back with
 * pdftotext: every figure below is worked out by hand in the comments, never taken from the code.
 */
const OUT = resolve(__dirname, '../../test-results/dokumen')
const root = useTempDir('dokumen')
let app: OpenedApp
const { call, refusal } = apiOf(() => app, 'Ani (operator)')

/** Prints a document and returns its text as pdftotext lays it out, keeping the PDF for a look. */
async function printText(id: number): Promise<{ text: string; fileName: string; pages: string[] }> {
  const d = await call('dokumen.cetak', {
    id,
    format: 'pdf',
  })
  expect(d.mime).toBe('application/pdf')
  const file = join(OUT, d.fileName)
  writeFileSync(file, Buffer.from(d.contentBase64, 'base64'))
  const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  expect(run.status, run.stderr).toBe(0)
  // pdftotext separates pages with a form feed.
  return { text: run.stdout, fileName: d.fileName, pages: run.stdout.split('\f') }
}

/** pdftotext keeps line breaks of the layout; compare on single spaces. */
const flat = (s: string) => s.replace(/\s+/g, ' ')

let gub: number
let bup: number
let melati: number
let mawar: number
let deliveryId: number
let shiftId: number

/** A paper over one day's work, dated `tanggal` (that day unless said). */
const issueForDay = (type: 'BA_SORTIR' | 'REKAP_UPAH', day: string, tanggal = day) =>
  call('dokumen.terbitkan', { type, from: day, to: day, tanggal })

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true })
  app = await openTestApp({ dir: root, name: 'batubara' })
  await nameAllSigners({ call })
  const variants = await call('barang.daftarVarian')
  gub = variants.find((v) => v.itemCode === 'GUBERNUR')!.variantId
  bup = variants.find((v) => v.itemCode === 'BUPATI')!.variantId

  await call('pemilihan.ubah', {
    alamat: 'Jl. Perintis Kemerdekaan No. 1, Limapuluh, Kabupaten Batu Bara 21255',
    kontak: 'Telepon (0622) 96123 · Pos-el kpu.batubara@kpu.go.id',
    kotaTtd: 'Limapuluh',
    taxPercent: 6,
    pph21Metode: 'persen',
    nomorStart: 514,
  })
  await call('dokumen.aturJenis', {
    type: 'BA_SORTIR',
    nomorPattern: null,
    signers: [
      {
        peran: 'Yang Membuat',
        jabatan: 'Kepala Subbagian Keuangan, Umum dan Logistik',
        nama: 'Siti Aminah, S.E.',
        nip: '19800202 200501 2 002',
        posisi: 'pihak',
      },
      {
        peran: 'Yang Memeriksa',
        jabatan: 'Sekretaris KPU Kabupaten Batu Bara',
        nama: 'Drs. Ahmad Syahputra, M.Si.',
        nip: '19700101 199503 1 001',
        posisi: 'pihak',
      },
      { peran: 'Saksi', jabatan: 'Anggota Bawaslu Kabupaten Batu Bara', nama: 'Rudi Hartono', posisi: 'saksi' },
      { peran: 'Mengetahui', jabatan: 'Ketua KPU Kabupaten Batu Bara', nama: 'Hj. Nurhayati', posisi: 'mengetahui' },
    ],
  })
  const items = await call('barang.daftar')
  await call('barang.ubah', { id: items.find((i) => i.code === 'GUBERNUR')!.id, payRate: 188 })
  await call('barang.ubah', { id: items.find((i) => i.code === 'BUPATI')!.id, payRate: 164 })

  // Delivery: Gubernur 160 dus x 2.000 = 320.000 stated, 318.000 counted (kurang 2.000), 500 tertukar;
  // Bupati 100 dus x 2.000 = 200.000 stated and counted.
  const d = await call('penerimaan.catat', {
    receivedAt: '2024-10-20T09:30',
    penyedia: 'PT Aneka Cetak Nusantara',
    suratJalan: 'SJ/0917/X/2024',
    bttb: 'BTTB-0412',
    kendaraan: 'BK 8812 TA',
    pengemudi: 'Mulyadi',
    wakilNama: 'Hendra Gunawan',
    wakilJabatan: 'Kepala Gudang PT Aneka Cetak Nusantara',
    lines: [
      {
        variantId: gub,
        dus: 160,
        isiPerDus: 2000,
        countedQty: 318_000,
        tertukarQty: 500,
        tertukarNote: 'milik KPU Kabupaten Asahan',
      },
      { variantId: bup, dus: 100, isiPerDus: 2000, countedQty: 200_000 },
    ],
  })
  deliveryId = d.id

  melati = (await call('regu.tambah', { nama: 'Melati', dailyTarget: 20_000 })).id
  mawar = (await call('regu.tambah', { nama: 'Mawar', dailyTarget: 20_000 })).id
  for (const nama of ['Siti', 'Rina', 'Dewi']) await call('pekerja.tambah', { nama, teamId: melati })
  for (const nama of ['Budi', 'Joko']) await call('pekerja.tambah', { nama, teamId: mawar })

  // Shift on 21 Oct: Melati 20.000 handed out -> 19.000 baik, 50 cetak, 20 kusut/sobek, 930 back;
  // Mawar 18.000 -> 17.000 baik, 3 lainnya, 997 back. Day: baik 36.000, rusak 73.
  const s = await call(
    'shift.buka',
    dayShift('sortir_lipat', '2024-10-21', [gub], [melati, mawar], { pengawas: 'Rahmat Hidayat' }),
  )
  shiftId = s.id
  await call('tally.simpan', {
    shiftId,
    variantId: gub,
    rows: [
      { teamId: melati, serahkan: 20_000, hasil: 19_000, rusak: { CETAK: 50, KUSUT_SOBEK: 20 }, kembali: 930 },
      {
        teamId: mawar,
        serahkan: 18_000,
        hasil: 17_000,
        rusak: { LAINNYA: 3 },
        rusakNote: 'tinta luntur',
        kembali: 997,
      },
    ],
  })
  await call('shift.tutup', { shiftId, note: 'selesai' })
})

afterAll(() => {
  app?.close()
})

describe('berita acara from the scripted day, read back from the PDF', () => {
  let sortirId: number

  it('BA hasil sortir dan lipat: the register starts at nomor awal 514; figures, terbilang and signers are on paper', async () => {
    const doc = await issueForDay('BA_SORTIR', '2024-10-21')
    sortirId = doc.id
    expect(doc.nomor).toBe('514/PP.09.4-BA/1219/2024')
    const { text, pages } = await printText(doc.id)
    const t = flat(text)
    expect(
      missing(t, [
        'BERITA ACARA',
        'HASIL SORTIR DAN LIPAT SURAT SUARA',
        'Nomor: 514/PP.09.4-BA/1219/2024',
        'KOMISI PEMILIHAN UMUM',
        'KABUPATEN BATU BARA',
        'Pada hari ini Senin tanggal dua puluh satu bulan Oktober tahun dua ribu dua puluh empat',
      ]),
    ).toEqual([])
    // 19.000 + 17.000 baik; 50 + 20 + 3 rusak; 36.073 sorted.
    expect(t).toContain('36.000 (tiga puluh enam ribu) lembar')
    expect(t).toContain('73 (tujuh puluh tiga) lembar')
    expect(t).toMatch(/JUMLAH 36\.073 36\.000 73/)
    expect(t).toMatch(/Cetak tidak jelas 50/)
    expect(t).toMatch(/Kusut\/sobek 20/)
    // A Lainnya is printed with the note written with it (issue 13).
    expect(t).toMatch(/Lainnya: tinta luntur 3/)
    expect(t).toContain('1 shift oleh 2 regu dengan 5 pekerja')
    for (const name of ['Siti Aminah, S.E.', 'Drs. Ahmad Syahputra, M.Si.', 'Rudi Hartono', 'Hj. Nurhayati'])
      expect(t).toContain(name)
    expect(t).toContain('NIP. 19800202 200501 2 002')
    expect(t).toContain('Limapuluh, 21 Oktober 2024')
    // Every page is numbered "Halaman x dari y" and carries the chain head it was made from.
    const n = pages.filter((p) => p.trim()).length
    for (let i = 1; i <= n; i++) expect(t).toContain(`Halaman ${i} dari ${n}`)
    expect(t).toContain(`Kode verifikasi: ${doc.chainSeq}:${doc.chainHash.slice(0, 16)}`)
    expect(t).not.toContain('SALINAN')
  })

  it('a reprint is the same document marked SALINAN, and the register counts both prints', async () => {
    const again = await printText(sortirId)
    expect(again.fileName).toContain('SALINAN-2')
    expect(
      missing(flat(again.text), ['SALINAN', 'Nomor: 514/PP.09.4-BA/1219/2024', '36.000 (tiga puluh enam ribu) lembar']),
    ).toEqual([])
    const list = await call('dokumen.daftar', { type: 'BA_SORTIR' })
    expect(list.find((d) => d.id === sortirId)!.prints).toBe(2)
  })

  it('BA penerimaan names both parties, the surat jalan, the kurang and the tertukar with terbilang', async () => {
    const doc = await call('dokumen.terbitkan', {
      type: 'BA_PENERIMAAN',
      deliveryId,
      tanggal: '2024-10-20',
    })
    expect(doc.nomor).toBe('515/PP.09.4-BA/1219/2024')
    const t = flat((await printText(doc.id)).text)
    expect(
      missing(t, [
        'PIHAK PERTAMA',
        'PIHAK KEDUA',
        'Hendra Gunawan',
        'Surat Jalan Nomor SJ/0917/X/2024',
        'Bukti Tanda Terima Barang (BTTB) Nomor BTTB-0412',
        '20 Oktober 2024 pukul 09.30',
      ]),
    ).toEqual([])
    // Both lines are in lembar: 318.000 + 200.000 counted.
    expect(
      missing(t, [
        '518.000 (lima ratus delapan belas ribu) lembar',
        'kurang 2.000 (dua ribu) lembar',
        '500 (lima ratus) lembar',
        'milik KPU Kabupaten Asahan',
      ]),
    ).toEqual([])
    expect(t).toMatch(/320\.000\s+318\.000\s+-2\.000\s+500/)
  })

  it('one delivery has one BA penerimaan: a second is refused and the reprint is the way', async () => {
    const before = await call('dokumen.daftar')
    const e = await refusal('dokumen.terbitkan', { type: 'BA_PENERIMAAN', deliveryId })
    expect(e.message).toContain('sudah terbit dengan nomor 515/PP.09.4-BA/1219/2024')
    expect(await call('dokumen.daftar')).toHaveLength(before.length)
  })

  it('the QR code printed in the footer decodes to the register entry and its chain head', async () => {
    const doc = (
      await call('dokumen.daftar', {
        type: 'BA_SORTIR',
      })
    )[0]!
    const d = await call('dokumen.cetak', { id: doc.id, format: 'pdf' })
    const pdf = join(OUT, `qr-${d.fileName}`)
    writeFileSync(pdf, Buffer.from(d.contentBase64, 'base64'))
    // 150 dpi is less than an office scanner or a phone camera gives.
    expect(spawnSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', pdf, join(OUT, 'qr-page')]).status).toBe(0)
    const scan = spawnSync('zbarimg', ['--quiet', '--raw', join(OUT, 'qr-page-1.png')], { encoding: 'utf8' })
    expect(scan.status, scan.stderr).toBe(0)
    expect(scan.stdout.trim()).toBe(
      `GUDANG-PEMILU|1219|DOK-${doc.id}|${doc.nomor}|${doc.chainSeq}:${doc.chainHash.slice(0, 16)}`,
    )
  })

  it('BA surat suara rusak dan kurang: damaged and undelivered per type and dapil, no request while deliveries are open', async () => {
    const doc = await call('dokumen.terbitkan', { type: 'BA_RUSAK', tanggal: '2024-10-22' })
    const t = flat((await printText(doc.id)).text)
    // Needs per dapil: 312.448 for the TPS kits + 2.000 PSU = 314.448 (Beranda, issue 2).
    // Gubernur: 318.000 received, 73 rusak, 320.000 - 318.000 = 2.000 not delivered; Bupati: 200.000, none.
    // Neither type's deliveries are declared complete: nothing is requested and nothing denied (issue 13).
    expect(t).toMatch(/SUMATERA UTARA 314\.448 318\.000 73 2\.000 Berlangsung - /)
    // (the dapil name may wrap inside its cell: the columns are sized to the page)
    expect(t).toMatch(/KABUPATEN BATU (BARA )?314\.448 200\.000 0 0 Berlangsung -/)
    expect(t).toContain('dari penyedia masih berlangsung')
    expect(t).not.toContain('mengajukan permintaan')
    expect(t).not.toContain('tidak diajukan permintaan')
  })

  it('the pay recap splits team output among those present, withholds 6% tax, as PDF and XLSX', async () => {
    const doc = await issueForDay('REKAP_UPAH', '2024-10-21', '2024-10-22')
    expect(doc.nomor).toBeNull()
    expect(doc.formats).toEqual(['pdf', 'xlsx'])
    // Melati processed 19.070 x Rp188 = 3.585.160, three ways: 1.195.054 (the first by id), 1.195.053, 1.195.053.
    // Mawar processed 17.003 x Rp188 = 3.196.564, two ways: 1.598.282 each; tax 6% = 95.897; net 1.502.385.
    const t = flat((await printText(doc.id)).text)
    expect(t).toMatch(/Budi Mawar 8\.501,5 1\.598\.282 95\.897 1\.502\.385/)
    expect(t).toMatch(/Siti Melati 6\.356,67 1\.195\.054 71\.703 1\.123\.351/)
    expect(t).toMatch(/Rina Melati 6\.356,67 1\.195\.053 71\.703 1\.123\.350/)
    // 3.585.160 + 3.196.564 gross; tax 95.897 x 2 + 71.703 x 3 = 406.903; net 6.374.821.
    expect(
      missing(t, [
        'Jumlah upah bruto Rp6.781.724, pajak dipotong Rp406.903',
        '6.374.821 (enam juta tiga ratus tujuh puluh empat ribu delapan ratus dua puluh satu) rupiah',
        'Pejabat Pembuat Komitmen (PPK)',
      ]),
    ).toEqual([])

    const x = await call('dokumen.cetak', { id: doc.id, format: 'xlsx' })
    // The spreadsheet is a format of its own, so its first print is not a SALINAN of the PDF.
    expect(x.fileName).not.toContain('SALINAN')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(x.contentBase64, 'base64') as unknown as ExcelJS.Buffer)
    const ws = wb.getWorksheet('Rekap Upah')!
    const rows: unknown[][] = []
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)))
    const joko = rows.find((r) => r[0] === 'Joko')!
    expect(joko.slice(-3)).toEqual([1_598_282, 95_897, 1_502_385])
    // The shares show the decimals the PDF shows (issue 13, item 4): 8.501,5 and 6.356,67, never 8.502 or
    // 6.357, and a whole number without a decimal tail.
    const shareCol = rows.find((r) => r[0] === 'Nama')!.findIndex((h) => String(h).includes('Gubernur')) + 1
    const cellOf = (nama: string) => {
      let found: ExcelJS.Cell | undefined
      ws.eachRow((r) => {
        if (r.getCell(1).value === nama) found = r.getCell(shareCol)
      })
      return found!
    }
    expect(cellOf('Budi').value).toBe(8_501.5)
    expect(cellOf('Budi').numFmt).toBe('#,##0.0')
    expect(cellOf('Siti').value).toBe(6_356.67)
    expect(cellOf('Siti').numFmt).toBe('#,##0.00')
    // The totals are SUM formulas carrying the sums as their cached values.
    const totals = rows.at(-1)!.slice(-3) as { formula: string; result: number }[]
    expect(totals.map((c) => c.result)).toEqual([6_781_724, 406_903, 6_374_821])
    expect(totals.every((c) => /^SUM\([A-Z]+\d+:[A-Z]+\d+\)$/.test(c.formula))).toBe(true)
  })

  it('the nota pengembalian lists the tertukar sheets going back, after which none are held', async () => {
    const r = await call('penerimaan.catatRetur', {
      penyedia: 'PT Aneka Cetak Nusantara',
      note: 'Dijemput kurir penyedia.',
      lines: [{ variantId: gub, qty: 500 }],
    })
    // Dated by the return itself (recorded now, on the machine's clock), in its body and its signature.
    const doc = await call('dokumen.terbitkan', { type: 'NOTA_RETUR', returId: r.id })
    const t = flat((await printText(doc.id)).text)
    expect(t).toContain('NOTA PENGEMBALIAN')
    expect(t).toContain('500 (lima ratus) lembar')
    // The table wraps the origin note inside its cell.
    expect(t).toMatch(/milik KPU Kabupaten .*Asahan/)
    const recon = await call('rekonsiliasi.lihat')
    expect(recon.find((x) => x.variantId === gub)).toMatchObject({ tertukar: 0, tertukarDikembalikan: 500 })
  })

  it('refuses documents that would state an unfinished day, and numbers nothing', async () => {
    const before = await call('dokumen.daftar')
    const open = await call('shift.buka', dayShift('sortir_lipat', '2024-10-23', [gub], [melati], { selesai: '12:00' }))
    expect(
      (await refusal('dokumen.terbitkan', { type: 'BA_SORTIR', from: '2024-10-23', to: '2024-10-23' })).message,
    ).toContain(`#${open.id}`)
    expect(
      (await refusal('dokumen.terbitkan', { type: 'BA_SORTIR', from: '2024-10-25', to: '2024-10-26' })).message,
    ).toContain('Tidak ada shift sortir-lipat')
    expect(
      (await refusal('dokumen.terbitkan', { type: 'REKAP_UPAH', from: '2024-10-23', to: '2024-10-23' })).message,
    ).toMatch(/Tidak ada hasil kerja|belum ditutup/)
    expect((await refusal('dokumen.terbitkan', { type: 'BA_PENERIMAAN', deliveryId: 999 })).code).toBe('NOT_FOUND')
    expect(
      (await refusal('dokumen.aturJenis', { type: 'BA_RUSAK', nomorPattern: 'BA/{tahun}', signers: [] })).details?.[0]
        ?.column,
    ).toBe('nomorPattern')
    expect(await call('dokumen.daftar')).toHaveLength(before.length)
    await call('shift.tutup', { shiftId: open.id })
  })
})

describe('rekap harian', () => {
  async function workbook(tanggal: string) {
    const d = await call('rekap.eksporHarian', { tanggal, format: 'xlsx' })
    expect(d.fileName).toBe(`rekap-harian-${tanggal}.xlsx`)
    return readWorkbook(Buffer.from(d.contentBase64, 'base64'))
  }
  const rowsOf = sheetRows

  it('holds the summary, shift, team, reason, delivery, packing and Silog sheets with the figures of the day', async () => {
    const wb = await workbook('2024-10-21')
    expect(wb.worksheets.map((w) => w.name)).toEqual(REKAP_HARIAN_SHEETS)
    const silog = rowsOf(wb.getWorksheet('Silog')!)
    const g = silog.find((r) => String(r[0]).includes('Gubernur'))!
    // Diterima 318.000, baik 36.000, rusak 73, no shortfall, 2.000 short against the surat jalan.
    expect(g.slice(2)).toEqual([318_000, 36_000, 73, 0, 2_000])
    const b = silog.find((r) => String(r[0]).includes('Bupati'))!
    expect(b.slice(2)).toEqual([200_000, 0, 0, 114_448, 0])
    const regu = rowsOf(wb.getWorksheet('Per Regu')!)
    // Melati, on Gubernur only: target 20.000, 19.070 processed (95%).
    expect(regu.find((r) => r[0] === 'Melati')!.slice(2)).toEqual([
      3,
      expect.stringContaining('Gubernur'),
      'lembar',
      20_000,
      19_000,
      70,
      19_070,
      95,
    ])
    const alasan = rowsOf(wb.getWorksheet('Per Alasan Rusak')!)
    const header = alasan.find((r) => r[0] === 'Jenis Surat Suara')!
    const gRow = alasan.find((r) => String(r[0]).includes('Gubernur'))!
    expect(gRow[header.indexOf('Cetak tidak jelas')]).toBe(50)
    expect(gRow.at(-1)).toBe(73)
  })

  it('says what was true on an earlier date: nothing sorted on the day of the delivery', async () => {
    const silog = rowsOf((await workbook('2024-10-20')).getWorksheet('Silog')!)
    expect(silog.find((r) => String(r[0]).includes('Gubernur'))!.slice(2, 5)).toEqual([318_000, 0, 0])
    const shifts = rowsOf((await workbook('2024-10-20')).getWorksheet('Per Shift')!)
    expect(shifts.filter((r) => typeof r[0] === 'number')).toHaveLength(0)
  })

  it('writes text that looks like a formula as text, never as a formula', async () => {
    await call('penerimaan.catat', {
      receivedAt: '2024-10-21T14:00',
      // A penyedia is a name and refuses a formula at the door (core/names.ts); a BTTB number is free text.
      penyedia: 'PT Pura Barutama',
      bttb: '=HYPERLINK("http://contoh.invalid","klik")',
      suratJalan: '+SJ-2',
      lines: [{ variantId: bup, statedQty: 10, countedQty: 10 }],
    })
    const ws = (await workbook('2024-10-21')).getWorksheet('Penerimaan')!
    let seen = 0
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && /^[=+]/.test(cell.value)) {
          seen++
          expect(cell.type).toBe(ExcelJS.ValueType.String)
        }
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)
      }),
    )
    expect(seen).toBe(2)
    const csv = await call('rekap.eksporHarian', { tanggal: '2024-10-21', format: 'csv' })
    const text = Buffer.from(csv.contentBase64, 'base64').toString('utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.split('\r\n')[0]).toBe(
      '\ufeffJenis Surat Suara;Dapil;Diterima;Baik;Rusak;Kurang;Kurang Kirim (thd Surat Jalan)',
    )
  })

  it('gudang rekap writes the same workbook to a file and refuses a wrong extension', async () => {
    const db = join(root, 'batubara.sqlite')
    const out = join(root, 'rekap.xlsx')
    const gudang = (...args: string[]) =>
      spawnSync(process.execPath, [resolve(__dirname, '../../src/cli/gudang.mjs'), ...args], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, GUDANG_DB: join(root, 'tidak-dipakai.sqlite') },
      })
    const ok = gudang('rekap', '--db', db, '--tanggal', '2024-10-21', '--out', out)
    expect(ok.status, ok.stderr).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    expect(wb.getWorksheet('Silog')).toBeDefined()
    const bad = gudang('rekap', '--db', db, '--tanggal', '2024-10-21', '--out', join(root, 'rekap.pdf'))
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('.xlsx atau .csv')
  })
})
