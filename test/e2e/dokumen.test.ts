import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { nameAllSigners } from '../support/api'
import { pdfTextFolded } from '../support/pdf'
import { clearToasts, downloadTo, sectionShot, SHOTS } from './support/browser'
import { isoDate, ketik, TODAY } from './support/dates'
import { useBrowserApp } from './support/app'
import { confirmIssue as confirmIssueOn } from './support/confirm'
import { readWorkbook, REKAP_HARIAN_SHEETS, sheetRows } from '../support/xlsx'

/**
 * Documents end to end: a coordinator fills the kop surat and the signers of the BA hasil sortir dan
 * lipat in Pengaturan (typing, as at the office), uploads a logo, issues the BA from #/dokumen, and the
 * PDF that comes down states the number the screen showed, the names that were typed and the day's
 * baik total in figures and words. A second print says SALINAN; the rekap harian XLSX has the sheets
 * Silog needs with the ledger's figures.
 *
 * The floor (seeded through the dispatcher, today):
 *   delivery: Gubernur 20 dus × 2.000 = 40.000; Bupati 10 dus × 2.000, 19.800 counted + 200 tertukar
 *   regu Melati (Siti Aminah, Rudi Hartono): Gubernur serah 5.000 → baik 4.934, rusak CETAK 40 + KUSUT_SOBEK 26
 *   regu Kenanga (Ahmad Fauzi, Budi Santoso): Bupati serah 3.000 → baik 2.980, rusak FOTO 20
 *   baik total 4.934 + 2.980 = 7.914 ("tujuh ribu sembilan ratus empat belas"), rusak 66 + 20 = 86
 *   a second sortir-lipat shift yesterday, left open, so a BA over yesterday is refused.
 */

/** A valid 1×1 PNG (one opaque pixel). */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

const app = useBrowserApp({ signIn: 'Koordinator', actor: 'Ani', seed: seedFloor })

const YESTERDAY = isoDate(new Date(Date.now() - 86_400_000))
const YEAR = Number(TODAY.slice(0, 4))

const seeded = { G: 0, B: 0, shiftId: 0, openShiftId: 0 }

const SIGNERS = {
  kasubbag: { nama: 'Rahmat Hidayat, S.E.', nip: '19750812 200212 1 003' },
  sekretaris: { nama: 'Drs. Zulkifli Nasution' },
  bawaslu: { nama: 'Maya Sari Lubis' },
  ketua: { nama: 'Ahmad Yani Harahap, S.H.' },
  polres: { peran: 'Saksi', jabatan: 'Perwakilan Polres', nama: 'AKP Darwin Siregar', instansi: 'Polres Batu Bara' },
}
const KOP = {
  alamat: 'Jl. Perintis Kemerdekaan No. 1, Limapuluh',
  kontak: 'Telp. (0622) 96123 · Surel: kab_batubara@kpu.go.id',
  kota: 'Limapuluh',
  pattern: '{no:3}/PP.09.4-BA/{kode_wilayah}/{tahun}',
  start: '7',
}

/** Types into a field as a person does: focus, select what is there, type. */
async function typeInto(field: Locator, text: string): Promise<void> {
  await field.focus()
  await app.page.keyboard.press('ControlOrMeta+a')
  if (text === '') await app.page.keyboard.press('Backspace')
  else await app.page.keyboard.type(text)
}

const toast = (kind: 'error' | 'success') => app.page.locator(`.toast-${kind}`).last()

/** The floor the tests start from, written through the dispatcher before the browser opens. */
async function seedFloor(): Promise<void> {
  const variants = await app.call('barang.daftarVarian', {})
  const variant = (code: string) => variants.find((v) => v.itemCode === code)!.variantId
  seeded.G = variant('GUBERNUR')
  seeded.B = variant('BUPATI')
  await app.call('penerimaan.catat', {
    receivedAt: `${TODAY}T08:30`,
    penyedia: 'PT Pura Barutama',
    suratJalan: 'SJ/GUB/0412',
    bttb: 'BTTB-0412',
    lines: [
      { variantId: seeded.G, dus: 20, isiPerDus: 2_000, countedQty: 40_000 },
      {
        variantId: seeded.B,
        dus: 10,
        isiPerDus: 2_000,
        countedQty: 19_800,
        tertukarQty: 200,
        tertukarNote: 'Surat suara Bupati Kabupaten Asahan',
      },
    ],
  })
  const melati = (await app.call('regu.tambah', { nama: 'Melati' })).id
  const kenanga = (await app.call('regu.tambah', { nama: 'Kenanga' })).id
  for (const nama of ['Siti Aminah', 'Rudi Hartono']) await app.call('pekerja.tambah', { nama, teamId: melati })
  for (const nama of ['Ahmad Fauzi', 'Budi Santoso']) await app.call('pekerja.tambah', { nama, teamId: kenanga })
  const shift = await app.call('shift.buka', {
    kind: 'sortir_lipat',
    tanggal: TODAY,
    mulai: '08:00',
    selesai: '16:00',
    variantIds: [seeded.G, seeded.B],
    teams: [{ teamId: melati }, { teamId: kenanga }],
  })
  seeded.shiftId = shift.id
  await app.call('tally.simpan', {
    shiftId: shift.id,
    variantId: seeded.G,
    rows: [{ teamId: melati, serahkan: 5_000, hasil: 4_934, rusak: { CETAK: 40, KUSUT_SOBEK: 26 } }],
  })
  await app.call('tally.simpan', {
    shiftId: shift.id,
    variantId: seeded.B,
    rows: [{ teamId: kenanga, serahkan: 3_000, hasil: 2_980, rusak: { FOTO: 20 } }],
  })
  await app.call('shift.tutup', { shiftId: shift.id, note: 'Selesai' })
  const open = await app.call('shift.buka', {
    kind: 'sortir_lipat',
    tanggal: YESTERDAY,
    mulai: '08:00',
    selesai: '16:00',
    variantIds: [seeded.G],
    teams: [{ teamId: melati }],
  })
  seeded.openShiftId = open.id
  const items = await app.call('barang.daftar', {})
  const item = (code: string) => items.find((i) => i.code === code)!.id
  await app.call('barang.ubah', { id: item('GUBERNUR'), payRate: 188 })
  await app.call('barang.ubah', { id: item('BUPATI'), payRate: 164 })
  await app.call('barang.ubah', { id: item('KOTAK'), payRate: 2_000 })
}

/** Answers the one question before a numbered document is issued (components/ConfirmPaper). */
const confirmIssue = (label: string) => confirmIssueOn(app.page, label)

describe('documents, end to end', () => {
  it('Pengaturan: kop surat, a refused and then a good nomor pattern, the logo and the signers of the BA hasil sortir dan lipat', async () => {
    await app.page.goto(app.url('#/pengaturan'))
    const kop = app.page.getByRole('region', { name: 'Kop surat dan dokumen' })
    await kop.waitFor()

    await typeInto(kop.getByLabel('Alamat kantor', { exact: true }), KOP.alamat)
    await typeInto(kop.getByLabel('Baris kontak', { exact: true }), KOP.kontak)
    await typeInto(kop.getByLabel('Tempat penandatanganan', { exact: true }), KOP.kota)
    await kop.getByRole('radio', { name: /F4/ }).check()
    // A pattern the service refuses: the hint warns while typing, the refusal lands under the field.
    const pattern = kop.getByLabel('Pola nomor dokumen (bawaan)', { exact: true })
    await typeInto(pattern, '{nomor}/BA/{tahun}')
    await kop.getByText('Pola ini akan ditolak').waitFor()
    await pattern.press('Enter')
    await kop.locator('.pengaturan-pattern .field-error').filter({ hasText: '{nomor} tidak dikenal' }).waitFor()
    expect(await pattern.getAttribute('aria-invalid')).toBe('true')
    expect((await app.call('pemilihan.lihat', {}))!.alamat).toBe('') // nothing was written

    await typeInto(pattern, KOP.pattern)
    const start = kop.getByLabel('Nomor awal register', { exact: true })
    await typeInto(start, KOP.start)
    // The live example is worked out on screen: {no:3} of 7, kode wilayah 1219, the election's year.
    await kop.getByText('Contoh: 007/PP.09.4-BA/1219/2024').waitFor()
    await start.press('Enter')
    await app.page.getByText('Kop surat dan pola nomor tersimpan').waitFor()
    expect(await app.call('pemilihan.lihat', {})).toMatchObject({
      alamat: KOP.alamat,
      kontak: KOP.kontak,
      kotaTtd: KOP.kota,
      paper: 'F4',
      nomorPattern: KOP.pattern,
      nomorStart: 7,
    })
    // The sketch of the kop follows what was saved.
    await expect.poll(() => kop.getByRole('figure', { name: 'Gambaran kop surat' }).textContent()).toContain(KOP.kontak)

    const logoFile = join(app.dir, 'logo-kpu.png')
    writeFileSync(logoFile, PNG_1X1)
    await kop.getByLabel(/^Logo kop surat/).setInputFiles(logoFile)
    await kop.getByTestId('logo-preview').waitFor()
    expect((await kop.getByTestId('logo-preview').getAttribute('src'))!.startsWith('data:image/png;base64,')).toBe(true)
    expect((await app.call('pemilihan.lihat', {}))!.hasLogo).toBe(true)
    expect((await app.call('pemilihan.lihatLogo', {}))!.contentBase64).toBe(PNG_1X1.toString('base64'))
    await sectionShot(app.page, kop, 'dokumen-01-pengaturan-kop', { clearToasts: true })

    // Signers of the BA hasil sortir dan lipat: the defaults name the offices; the names are typed in.
    const ttd = app.page.getByRole('region', { name: 'Penanda tangan per jenis dokumen' })
    await ttd.getByRole('tab', { name: 'BA hasil sortir dan lipat' }).click()
    const panel = ttd.getByRole('tabpanel', { name: 'BA hasil sortir dan lipat' })
    await typeInto(panel.getByLabel('Nama penanda tangan 1', { exact: true }), SIGNERS.kasubbag.nama)
    await app.page.keyboard.press('Tab')
    await app.page.keyboard.type(SIGNERS.kasubbag.nip)
    await typeInto(panel.getByLabel('Nama penanda tangan 2', { exact: true }), SIGNERS.sekretaris.nama)
    await typeInto(panel.getByLabel('Nama penanda tangan 3', { exact: true }), SIGNERS.bawaslu.nama)
    await typeInto(panel.getByLabel('Nama penanda tangan 4', { exact: true }), SIGNERS.ketua.nama)

    // A fifth signer, typed across the row with Tab, then moved above the Ketua (Mengetahui goes last).
    await panel.getByRole('button', { name: '+ Tambah penanda tangan' }).click()
    // Focus lands in the new row, ready to type.
    await expect
      .poll(() =>
        panel
          .getByLabel('Peran penanda tangan 5', { exact: true })
          .evaluate((el) => el === el.ownerDocument.activeElement),
      )
      .toBe(true)
    for (const text of [
      SIGNERS.polres.peran,
      SIGNERS.polres.jabatan,
      SIGNERS.polres.nama,
      '',
      SIGNERS.polres.instansi,
    ]) {
      if (text) await app.page.keyboard.type(text)
      await app.page.keyboard.press('Tab')
    }
    await panel.getByLabel('Posisi penanda tangan 5', { exact: true }).selectOption('saksi')
    await panel.getByRole('button', { name: `Naikkan ${SIGNERS.polres.nama}` }).click()
    // The rows swap on the render after the click.
    await expect
      .poll(() => panel.getByLabel('Nama penanda tangan 4', { exact: true }).inputValue())
      .toBe(SIGNERS.polres.nama)

    // An empty row is refused by the service, which names the row; the message shows in that row.
    await panel.getByRole('button', { name: '+ Tambah penanda tangan' }).click()
    await panel.getByRole('button', { name: 'Simpan BA hasil sortir dan lipat' }).click()
    const badRow = panel.locator('tr[data-row="6"]')
    await badRow.locator('.field-error').filter({ hasText: 'Isi nama atau jabatan penanda tangan' }).waitFor()
    await panel.getByText('Penanda tangan tidak lengkap').waitFor()
    expect(await badRow.getByLabel('Nama penanda tangan 6').getAttribute('aria-invalid')).toBe('true')
    await sectionShot(app.page, ttd, 'dokumen-02-pengaturan-ttd-galat', { clearToasts: true })
    await panel.getByRole('button', { name: 'Hapus baris 6' }).click()
    // Removing a row hands the focus to "+ Tambah penanda tangan" on the next animation frame. Enter pressed
    // in a field before that lands goes to the add button (a new empty row) instead of saving.
    await panel.locator('tr[data-row="6"]').waitFor({ state: 'detached' })
    await panel.getByRole('button', { name: '+ Tambah penanda tangan' }).and(app.page.locator(':focus')).waitFor()
    await panel.getByLabel('Nama penanda tangan 1', { exact: true }).press('Enter')
    await app.page.getByText('Penanda tangan dan pola nomor BA hasil sortir dan lipat tersimpan').waitFor()

    const sortir = (await app.call('dokumen.daftarJenis', {})).find((j) => j.type === 'BA_SORTIR')!
    expect(sortir.ownPattern).toBeNull()
    expect(sortir.nomorPattern).toBe(KOP.pattern)
    expect(sortir.signers.map((s) => [s.nama, s.posisi])).toEqual([
      [SIGNERS.kasubbag.nama, 'pihak'],
      [SIGNERS.sekretaris.nama, 'pihak'],
      [SIGNERS.bawaslu.nama, 'saksi'],
      [SIGNERS.polres.nama, 'saksi'],
      [SIGNERS.ketua.nama, 'mengetahui'],
    ])
    expect(sortir.signers[0]).toMatchObject({
      jabatan: 'Kepala Subbagian Keuangan, Umum dan Logistik',
      nip: SIGNERS.kasubbag.nip,
    })
    expect(sortir.signers[3]).toMatchObject(SIGNERS.polres)
    await sectionShot(app.page, ttd, 'dokumen-03-pengaturan-ttd', { clearToasts: true })

    // The pay recap names the Pejabat Pembuat Komitmen; the screen says which PPK that is.
    await ttd.getByRole('tab', { name: 'Rekap upah' }).click()
    await ttd.getByRole('tabpanel', { name: 'Rekap upah' }).getByText('PPK (Pejabat Pembuat Komitmen)').waitFor()
    expect(await ttd.getByRole('tabpanel', { name: 'Rekap upah' }).textContent()).toContain(
      'bukan PPK (Panitia Pemilihan Kecamatan)',
    )

    // Pay: the seeded rates show, formatted; the tax is typed and saved.
    const upah = app.page.getByRole('region', { name: 'Upah pekerja' })
    expect(await upah.getByLabel(/^Upah Kotak suara/).inputValue()).toBe('2.000')
    await typeInto(upah.getByLabel('Potongan pajak penghasilan (%)'), '6')
    await upah.getByRole('button', { name: 'Simpan upah' }).click()
    await app.page.getByText('Upah per satuan dan potongan pajak tersimpan').waitFor()
    expect((await app.call('pemilihan.lihat', {}))!.taxPercent).toBe(6)
    await sectionShot(app.page, upah, 'dokumen-04-pengaturan-upah', { clearToasts: true })
    expect(app.errors).toEqual([])
  })

  it('Dokumen: a refused BA names the open shift; the issued BA sortir states the screen’s number, the typed names and the baik total; a reprint is SALINAN', async () => {
    await clearToasts(app.page)
    await app.page.goto(`${app.url().split('?')[0]}#/dokumen`)
    const card = app.page.locator('form[data-doc-type="BA_SORTIR"]')
    await card.waitFor()
    // Defaults: today's range.
    expect(await card.getByLabel('Dari tanggal').inputValue()).toBe(ketik(TODAY))
    expect(await card.getByLabel('Sampai tanggal').inputValue()).toBe(ketik(TODAY))

    // Yesterday's shift is still open: refused, with the shift named in the toast.
    await card.getByLabel('Dari tanggal').fill(ketik(YESTERDAY))
    await card.getByRole('button', { name: 'Terbitkan BA hasil sortir dan lipat' }).click()
    await confirmIssue('Terbitkan BA hasil sortir dan lipat')
    await expect
      .poll(() => toast('error').textContent())
      .toContain(`Masih ada shift yang belum ditutup (#${seeded.openShiftId})`)
    expect(await toast('error').textContent()).toContain('BA hasil sortir dan lipat belum terbit')
    expect(await app.call('dokumen.daftar', {})).toEqual([])
    await app.page.screenshot({ path: join(SHOTS, 'dokumen-05-galat-shift-terbuka.png') })
    await toast('error').getByRole('button', { name: 'Tutup pemberitahuan' }).click()

    await card.getByLabel('Dari tanggal').fill(ketik(TODAY))
    await card.getByLabel('Dari tanggal').press('Enter')
    // One question first, naming the document, its numbering, the range and who signs; nothing taken before it.
    const ask = app.page.getByRole('dialog', { name: 'Terbitkan BA hasil sortir dan lipat?' })
    await expect.poll(() => ask.getByTestId('confirm-paper').textContent()).toContain('Nomor berikutnya menurut pola')
    expect(await app.call('dokumen.daftar', { type: 'BA_SORTIR' })).toEqual([])
    await confirmIssue('Terbitkan BA hasil sortir dan lipat')
    const issued = card.getByTestId('issued-BA_SORTIR')
    await issued.waitFor()
    const nomor = (await issued.getByTestId('issued-nomor').textContent())!.trim()
    expect(nomor).toBe(`007/PP.09.4-BA/1219/${YEAR}`)
    const [doc] = await app.call('dokumen.daftar', { type: 'BA_SORTIR' })
    expect(doc).toMatchObject({ nomor, prints: 0, ref: `SORTIR:${TODAY}:${TODAY}` })
    // The register lists it at once, with the chain head it was made from.
    const row = app.page.getByTestId('register-table').locator(`tr[data-document="${doc!.id}"]`)
    await expect.poll(() => row.textContent()).toContain(nomor)
    expect(await row.textContent()).toContain(`#${doc!.chainSeq} · ${doc!.chainHash.slice(0, 12)}`)
    expect(await row.textContent()).toContain(`oleh ${doc!.issuedBy}`)
    await clearToasts(app.page)
    await app.screenshot('dokumen-06-terbit')

    const first = await downloadTo(app.page, app.dir, () => issued.getByRole('button', { name: 'Unduh PDF' }).click())
    expect(first.name).toMatch(/\.pdf$/)
    expect(first.name).not.toContain('SALINAN')
    const text = pdfTextFolded(first.path)
    expect(text.flat).toContain(`Nomor: ${nomor}`)
    for (const s of [SIGNERS.kasubbag, SIGNERS.sekretaris, SIGNERS.bawaslu, SIGNERS.ketua, SIGNERS.polres])
      expect(text.flat).toContain(s.nama)
    expect(text.flat).toContain(`NIP. ${SIGNERS.kasubbag.nip}`)
    // 4.934 + 2.980 = 7.914 baik, in figures and in words.
    expect(text.flat).toContain('dalam keadaan baik sebanyak 7.914 (tujuh ribu sembilan ratus empat belas) lembar')
    expect(text.flat).toContain('86 (delapan puluh enam) lembar')
    expect(text.flat).toContain(KOP.alamat)
    expect(text.flat).toContain(`${KOP.kota}, `)
    expect(text.flat).not.toContain('SALINAN')
    spawnSync('pdftoppm', ['-r', '60', '-png', first.path, join(SHOTS, 'dokumen-07-ba-sortir')])

    // The register now counts one print and offers the reprint as SALINAN.
    const reprint = row.getByRole('button', { name: /^Cetak ulang \(SALINAN\)/ })
    await reprint.waitFor()
    expect(await row.locator('td.num').textContent()).toBe('1×')
    const second = await downloadTo(app.page, app.dir, () => reprint.click())
    expect(second.name).toContain('SALINAN')
    const copy = pdfTextFolded(second.path)
    expect(copy.flat).toContain('SALINAN')
    expect(copy.flat).toContain(`Nomor: ${nomor}`)
    await expect.poll(() => row.locator('td.num').textContent()).toBe('2×')
    expect((await app.call('dokumen.daftar', { type: 'BA_SORTIR' }))[0]!.prints).toBe(2)
    expect(await toast('success').textContent()).toContain('SALINAN')
    expect(app.errors).toEqual([])
  })

  it('Dokumen: the rekap upah comes without a BA number and its XLSX pays each worker their share less 6% tax', async () => {
    // The bendahara and the Pejabat Pembuat Komitmen are named, as Pengaturan would: a paper whose party
    // has no name is refused (issue 13).
    await nameAllSigners(app)
    const card = app.page.locator('form[data-doc-type="REKAP_UPAH"]')
    await card.getByRole('button', { name: 'Terbitkan rekap upah' }).click()
    await confirmIssue('Terbitkan rekap upah')
    const issued = card.getByTestId('issued-REKAP_UPAH')
    await issued.waitFor()
    const [doc] = await app.call('dokumen.daftar', { type: 'REKAP_UPAH' })
    expect(doc).toMatchObject({ nomor: null, formats: ['pdf', 'xlsx'] })
    expect((await issued.getByTestId('issued-nomor').textContent())!.trim()).toBe(`DOK-${doc!.id}`)

    const file = await downloadTo(app.page, app.dir, () => issued.getByRole('button', { name: 'Unduh XLSX' }).click())
    const wb = await readWorkbook(readFileSync(file.path))
    const rows = sheetRows(wb.worksheets[0]!).map((r) => r.map((v) => String(v ?? '')))
    const header = rows.find((r) => r.includes('Bruto (Rp)'))!
    const pay = (nama: string) => {
      const r = rows.find((x) => x[0] === nama)!
      return [r[header.indexOf('Bruto (Rp)')], r[header.indexOf('Pajak (Rp)')], r[header.indexOf('Diterima (Rp)')]].map(
        Number,
      )
    }
    // Melati: 4.934 baik + 66 rusak = 5.000 lembar × Rp188 = Rp940.000, split by the two present: 470.000; 6% = 28.200.
    expect(pay('Siti Aminah')).toEqual([470_000, 28_200, 441_800])
    // Kenanga: 2.980 + 20 = 3.000 × Rp164 = Rp492.000 / 2 = 246.000; 6% = 14.760.
    expect(pay('Budi Santoso')).toEqual([246_000, 14_760, 231_240])
    await clearToasts(app.page)
    await card.screenshot({ path: join(SHOTS, 'dokumen-08-rekap-upah.png') })
    expect(app.errors).toEqual([])
  })

  it('Dokumen: the rekap harian XLSX has the Silog sheets and the ledger’s baik per ballot type and dapil', async () => {
    const rekap = app.page.getByRole('region', { name: 'Rekap harian' })
    await rekap.getByLabel('Tanggal rekap').fill(ketik(TODAY))
    const file = await downloadTo(app.page, app.dir, () => rekap.getByRole('button', { name: 'Unduh XLSX' }).click())
    expect(file.name).toMatch(/\.xlsx$/)
    const wb = await readWorkbook(readFileSync(file.path))
    expect(wb.worksheets.map((w) => w.name)).toEqual(REKAP_HARIAN_SHEETS)

    const silog = wb.getWorksheet('Silog')!
    const rows = sheetRows(silog).map((r) => r.map((v) => String(v ?? '')))
    const header = rows.find((r) => r.includes('Baik'))!
    const col = (name: string) => header.indexOf(name)
    const recon = await app.call('rekonsiliasi.lihat', {})
    for (const variantId of [seeded.G, seeded.B]) {
      const r = recon.find((x) => x.variantId === variantId)!
      const line = rows.find((x) => x[col('Jenis Surat Suara')] === r.itemName && x[col('Dapil')] === r.dapil)
      expect(line, `${r.itemName} · ${r.dapil}`).toBeDefined()
      expect(Number(line![col('Baik')])).toBe(r.baik)
    }
    // Worked out by hand above: 4.934 Gubernur, 2.980 Bupati.
    expect(recon.find((x) => x.variantId === seeded.G)!.baik).toBe(4_934)
    expect(recon.find((x) => x.variantId === seeded.B)!.baik).toBe(2_980)

    const csv = await downloadTo(app.page, app.dir, () =>
      rekap.getByRole('button', { name: 'Unduh CSV (kolom Silog)' }).click(),
    )
    expect(csv.name).toMatch(/\.csv$/)
    expect(readFileSync(csv.path, 'utf8')).toContain('Baik')
    expect(app.errors).toEqual([])
  })
})
