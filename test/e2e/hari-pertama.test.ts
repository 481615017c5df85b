import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pdfTextFolded } from '../support/pdf'
import { ROOT } from '../support/paths'
import { useBrowserApp } from './support/app'
import { clearToasts, downloadTo, fmtNum, menuLink } from './support/browser'
import { confirmIssue, confirmPaperDialog } from './support/confirm'
import { answerLeave, leaveQuestion } from './support/leave'
import { TODAY } from './support/dates'
import { openSoFar, paste, pressTo, tallyCells, tallyGrid } from './support/tally'

/**
 * A coordinator's first day, through the UI only, on the demo election at 1366 × 768: sign in as README
 * says, record a delivery, bring in the workers, open a sortir-lipat shift, type and paste the tally,
 * leave and come back (the draft is restored), reload (restored again), save, close, issue the BA hasil
 * sortir dan lipat, pack a kit and hand it over to its PPK. Nothing is seeded: every row in the file
 * was written by the screens. One app and one browser for the whole day; each step is its own test and
 * checks what a coordinator would look at, and the real state behind it through the API.
 */

const app = useBrowserApp({
  // The demo (default) with nobody signed in: the newcomer signs in through the header.
  // The paste goes through the real system clipboard and Ctrl+V, as from Excel.
  permissions: ['clipboard-read', 'clipboard-write'],
})

/** What README says about signing in to the demo: the users' PINs, from its table. */
function readmeDemoPin(user: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  expect(readme, 'README tells how to sign in to the demo').toContain('click *Pilih pengguna* in the header')
  const row = readme.split('\n').find((l) => l.startsWith(`| ${user} |`))
  expect(row, `README names ${user}'s demo PIN`).toBeDefined()
  const pin = row!.split('|')[3]!.trim()
  expect(pin).toMatch(/^\d{4,8}$/)
  return pin
}

const KOORDINATOR = 'Kasubbag Logistik'
const KETUA_PPK = 'Syahrial Siregar, S.Pd.'
const EXCEPTION = 'Surat suara Bupati, kotak, bilik dan perlengkapan lain menyusul'
/** What the day fills in, for the steps after: the delivery, the shift, the BA, the kit. */
const day = { gubernur: 0, deliveryId: 0, shiftId: 0, nomorBa: '', tpsId: 0, tpsName: '', need: 0, kecamatan: '' }

/** A screenshot of the step, the toasts closed, in test-results/e2e/hari-pertama-*.png. */
async function shot(name: string): Promise<void> {
  await clearToasts(app.page)
  await app.screenshot(`hari-pertama-${name}`, { fullPage: false })
}

const cell = (row: number | 'total', col: string) => tallyCells(app.page, day.gubernur)(row, col)

describe('a coordinator’s first day on the demo, through the UI only', () => {
  it('signs in to the demo as README says', async () => {
    const pin = readmeDemoPin(KOORDINATOR)
    const page = app.page
    // A step that cannot be done says which control it waited for, well inside the test's 30 s.
    page.setDefaultTimeout(10_000)
    await page.goto(app.url('#/beranda'))
    await page.getByRole('heading', { name: 'Beranda' }).waitFor()
    await page.getByTestId('user-chip').getByText('Pilih pengguna').click()
    const dialog = page.getByRole('dialog', { name: 'Ganti pengguna' })
    const koordinator = dialog.getByRole('button', { name: new RegExp(KOORDINATOR) })
    // The PIN on screen is README's.
    await expect.poll(() => koordinator.textContent()).toContain(`PIN demo ${pin}`)
    await koordinator.click()
    await dialog.getByLabel(`PIN ${KOORDINATOR}`).fill(pin)
    await dialog.getByLabel(`PIN ${KOORDINATOR}`).press('Enter')
    await expect.poll(() => page.getByTestId('user-chip').textContent()).toContain(KOORDINATOR)
    await shot('01-masuk')
    expect(app.errors).toEqual([])
  })

  it('records a delivery of Gubernur ballots from the printer', async () => {
    const page = app.page
    await menuLink(page, 'Penerimaan').click()
    await page.getByRole('button', { name: 'Catat penerimaan…' }).first().click()
    const form = page.getByTestId('penerimaan-form')
    await form.waitFor()
    await form.getByLabel('Penyedia', { exact: true }).fill('PT Pura Barutama')
    await form.getByLabel('Nomor surat jalan').fill('SJ/GUB/001')
    const barang = form.getByLabel('Baris 1: barang')
    day.gubernur = Number(await barang.locator('option', { hasText: 'Surat suara Gubernur' }).getAttribute('value'))
    await barang.selectOption(String(day.gubernur))
    await form.getByLabel('Baris 1: jumlah dus').fill('10')
    await form.getByLabel('Baris 1: isi per dus').fill('2000')
    await form.getByLabel('Baris 1: jumlah terhitung').fill('20000')
    await expect.poll(() => form.getByLabel('Baris 1: jumlah menurut surat jalan').inputValue()).toBe('20.000')
    await shot('02-penerimaan')
    await form.getByRole('button', { name: 'Simpan penerimaan' }).click()
    await page.getByRole('heading', { name: /^Penerimaan #\d+$/ }).waitFor()
    day.deliveryId = Number(new URL(page.url()).hash.split('/')[2])
    const line = page.getByTestId(`delivery-line-${day.gubernur}`)
    expect(await line.getByTestId('counted').textContent()).toBe('20.000')
    const d = await app.call('penerimaan.lihat', { id: day.deliveryId })
    expect(d).toMatchObject({ penyedia: 'PT Pura Barutama', suratJalan: 'SJ/GUB/001' })
    expect(d.lines).toEqual([
      expect.objectContaining({ variantId: day.gubernur, statedQty: 20_000, countedQty: 20_000 }),
    ])
    // Signed in through the header: the ledger names the coordinator.
    const rows = (await app.call('ledger.lihatRiwayat', { variantId: day.gubernur, limit: 10 })).rows
    expect(rows.map((r) => [r.to, r.qty, r.actor])).toEqual([['DITERIMA', 20_000, KOORDINATOR]])
    expect(app.errors).toEqual([])
  })

  it('brings in the workers of Regu Mawar from a CSV', async () => {
    const page = app.page
    const csv = join(app.dir, 'pekerja.csv')
    writeFileSync(csv, 'nama,regu,ketua\nSiti Aminah,Regu Mawar,ya\nBudi Santoso,Regu Mawar,\nRina Wati,Regu Mawar,\n')
    await menuLink(page, 'Pekerja & Regu').click()
    await page.getByRole('button', { name: 'Impor pekerja…' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Impor pekerja' })
    await dialog.locator('input[type=file]').setInputFiles(csv)
    await dialog.getByTestId('import-result').waitFor()
    await dialog.getByRole('button', { name: 'Selesai' }).click()
    await expect.poll(() => page.getByTestId('team-Regu Mawar').locator('td').nth(1).textContent()).toBe('3')
    expect((await app.call('regu.daftar', {})).map((t) => [t.nama, t.members])).toEqual([['Mawar', 3]])
    expect(app.errors).toEqual([])
  })

  it('opens a sortir-lipat shift, types and pastes the tally', async () => {
    const page = app.page
    await menuLink(page, 'Sortir & Rakit').click()
    await page.getByRole('button', { name: 'Buka shift…' }).first().click()
    const dlg = page.getByRole('dialog', { name: 'Buka shift' })
    await dlg.getByTestId('variant-picker').getByText('Surat suara Gubernur').click()
    await dlg.getByText('Regu Mawar').click()
    await dlg.getByRole('button', { name: 'Buka shift' }).click()
    await page.waitForURL(/#\/shift\/\d+$/)
    day.shiftId = Number(/#\/shift\/(\d+)$/.exec(page.url())![1])
    expect(await app.call('shift.lihat', { id: day.shiftId })).toMatchObject({ status: 'open', tanggal: TODAY })

    // Serahkan typed; Baik and two damage reasons pasted from Excel.
    await tallyGrid(page, day.gubernur)
    await page.keyboard.type('3000', { delay: 15 })
    await pressTo(page, ['Tab'], { row: '0', col: 'hasil' })
    await paste(page, '2.990\t8\t2')
    await expect.poll(() => cell(0, 'rusak.KUSUT_SOBEK').textContent()).toBe('2')
    await expect.poll(() => cell('total', 'serahkan').textContent()).toBe('3.000')
    await expect.poll(() => cell('total', 'hasil').textContent()).toBe('2.990')
    await expect.poll(() => cell('total', 'rusak.CETAK').textContent()).toBe('8')
    // Kept as a draft, not in the ledger.
    await page
      .getByTestId('tally-draf')
      .getByText(/^Draf tersimpan/)
      .waitFor()
    expect((await app.call('ledger.lihatRiwayat', { shiftId: day.shiftId, limit: 10 })).rows).toEqual([])
    await shot('03-tally-diketik')
    expect(app.errors).toEqual([])
  })

  it('leaves the page and comes back, then reloads: the typed tally is restored both times', async () => {
    const page = app.page
    // Still typed and unsaved on the sheet (its tab says so) when the coordinator goes: if the page then
    // does not ask, the guard failed, not the sheet.
    expect(await cell(0, 'serahkan').textContent()).toBe('3.000')
    await page.locator('.shift-tab-dirty').waitFor()
    await menuLink(page, 'Beranda').click()
    await leaveQuestion(page).waitFor()
    await shot('04-tanya-tinggalkan')
    // The app's own question, in Indonesian, not the browser's confirm box.
    expect(await answerLeave(page, 'leave')).toMatch(
      /^Isian tally .* belum disimpan\. Isian tetap disimpan sebagai draf/,
    )
    await page.waitForURL(/#\/beranda$/)
    await menuLink(page, 'Sortir & Rakit').click()
    await page.getByRole('link', { name: `Shift #${day.shiftId}`, exact: true }).click()
    await page.getByTestId('tally-draf-dipulihkan').waitFor()
    await expect.poll(() => cell(0, 'serahkan').textContent()).toBe('3.000')
    await expect.poll(() => cell(0, 'hasil').textContent()).toBe('2.990')
    await shot('04b-draf-dipulihkan')

    await page.reload()
    await page.getByTestId('tally-draf-dipulihkan').waitFor()
    await expect.poll(() => cell(0, 'hasil').textContent()).toBe('2.990')
    await expect.poll(() => cell(0, 'rusak.CETAK').textContent()).toBe('8')
    await expect.poll(() => cell(0, 'rusak.KUSUT_SOBEK').textContent()).toBe('2')
    expect(app.errors).toEqual([])
  })

  it('saves the tally and closes the shift', async () => {
    const page = app.page
    await tallyGrid(page, day.gubernur)
    await page.keyboard.press('Control+s')
    await page.getByText('Tally tersimpan: 4 baris buku besar').waitFor()
    await openSoFar(page, day.gubernur)
    await expect.poll(() => cell(0, 'soFar.hasil').textContent()).toBe('2.990')
    await expect.poll(() => cell(0, 'soFar.proses').textContent()).toBe('0')
    const rows = (await app.call('ledger.lihatRiwayat', { shiftId: day.shiftId, limit: 10 })).rows
    // Handed to the team (its own place in the shift), then out of it as good and damaged sheets.
    expect(rows.map((r) => [r.to.replace(/^PROSES:.*/, 'PROSES (regu)'), r.qty]).sort()).toEqual(
      [
        ['BAIK', 2_990],
        ['PROSES (regu)', 3_000],
        ['RUSAK:CETAK', 8],
        ['RUSAK:KUSUT_SOBEK', 2],
      ].sort(),
    )

    await page.getByRole('button', { name: 'Tutup shift…' }).click()
    const tutup = page.getByRole('dialog', { name: /^Tutup shift/ })
    await tutup.getByRole('button', { name: 'Tutup shift' }).click()
    await tutup.waitFor({ state: 'hidden' })
    await page.getByText('Shift sudah ditutup').waitFor()
    const s = await app.call('shift.lihat', { id: day.shiftId })
    expect(s.status).toBe('closed')
    expect(s.teams[0]!.tallies[0]).toMatchObject({ serah: 3_000, hasil: 2_990, rusakTotal: 10, proses: 0 })
    expect((await app.call('draf.lihat', { jenis: 'tally', kunci: `${day.shiftId}:${day.gubernur}` })).bagian).toEqual(
      {},
    )
    await shot('05-shift-ditutup')
    expect(app.errors).toEqual([])
  })

  it('issues the BA hasil sortir dan lipat after one confirmation, naming its signers first', async () => {
    const page = app.page
    await menuLink(page, 'Dokumen').click()
    const card = page.locator('form[data-doc-type="BA_SORTIR"]')
    // The card says before the click that the parties' names are missing, not that they print as dots.
    await expect
      .poll(() => card.getByTestId('ttd-kurang-BA_SORTIR').textContent())
      .toContain('Belum dapat diterbitkan: Nama Yang Membuat, Kepala Subbagian')
    expect(await card.textContent()).not.toContain('akan dicetak sebagai garis titik-titik')
    await card.getByRole('button', { name: 'Terbitkan BA hasil sortir dan lipat' }).click()
    await confirmIssue(page, 'Terbitkan BA hasil sortir dan lipat')
    // The demo's signers have no names yet: refused, pointing at Pengaturan.
    const refusal = page.locator('.toast-error').last()
    await expect.poll(() => refusal.textContent()).toContain('lengkapi penanda tangan di Pengaturan')
    // Its table names the field as a person reads it, never the input's path ("signers.nama").
    const kolom = await refusal.locator('table.issue-table tbody td:nth-child(2)').allTextContents()
    expect(kolom.length).toBeGreaterThan(0)
    for (const k of kolom) expect(k).toMatch(/^Nama( penanda tangan)?\b/)
    expect(await refusal.textContent()).not.toContain('signers')
    expect(await app.call('dokumen.daftar', {})).toEqual([])
    await shot('06-ba-ditolak-ttd')

    await card.getByRole('link', { name: 'Atur penanda tangan' }).click()
    const ttd = page.getByRole('region', { name: 'Penanda tangan per jenis dokumen' })
    for (const [tab, names] of [
      ['BA hasil sortir dan lipat', ['Rahmat Hidayat, S.E.', 'Drs. Zulkifli Nasution']],
      ['BA serah terima ke PPK', ['Drs. Zulkifli Nasution']],
    ] as const) {
      await ttd.getByRole('tab', { name: tab }).click()
      const panel = ttd.getByRole('tabpanel', { name: tab })
      for (const [i, nama] of names.entries())
        await panel.getByLabel(`Nama penanda tangan ${i + 1}`, { exact: true }).fill(nama)
      await panel.getByRole('button', { name: `Simpan ${tab}` }).click()
      await page.getByText(`Penanda tangan dan pola nomor ${tab} tersimpan`).waitFor()
    }

    await menuLink(page, 'Dokumen').click()
    // Named now: only the witnesses left blank print as dots.
    await expect.poll(() => card.textContent()).toContain('2 dari 4 penanda tangan belum diisi namanya')
    expect(await card.getByTestId('ttd-kurang-BA_SORTIR').count()).toBe(0)
    await card.getByRole('button', { name: 'Terbitkan BA hasil sortir dan lipat' }).click()
    const ask = page.getByRole('dialog', { name: 'Terbitkan BA hasil sortir dan lipat?' })
    await expect.poll(() => ask.getByTestId('confirm-paper').textContent()).toContain('Rahmat Hidayat, S.E.')
    await shot('07-ba-konfirmasi')
    await confirmIssue(page, 'Terbitkan BA hasil sortir dan lipat')
    const issued = card.getByTestId('issued-BA_SORTIR')
    day.nomorBa = (await issued.getByTestId('issued-nomor').textContent())!.trim()
    const [doc] = await app.call('dokumen.daftar', { type: 'BA_SORTIR' })
    expect(doc).toMatchObject({ nomor: day.nomorBa, ref: `SORTIR:${TODAY}:${TODAY}`, issuedBy: KOORDINATOR })
    const row = page.getByTestId('register-table').locator(`tr[data-document="${doc!.id}"]`)
    await expect.poll(() => row.textContent()).toContain(day.nomorBa)

    const pdf = await downloadTo(page, app.dir, () => issued.getByRole('button', { name: 'Unduh PDF' }).click())
    const text = pdfTextFolded(pdf.path).flat
    expect(text).toContain(`Nomor: ${day.nomorBa}`)
    expect(text).toContain('dalam keadaan baik sebanyak 2.990 (dua ribu sembilan ratus sembilan puluh) lembar')
    expect(text).toContain('10 (sepuluh) lembar')
    expect(text).toContain('Rahmat Hidayat, S.E.')
    await shot('08-ba-terbit')
    expect(app.errors).toEqual([])
  })

  it('opens a packing shift and packs the Gubernur ballots of one TPS kit', async () => {
    const page = app.page
    await menuLink(page, 'Pengemasan').click()
    await page.getByRole('button', { name: 'Buka shift pengemasan…' }).click()
    const dlg = page.getByRole('dialog', { name: 'Buka shift pengemasan' })
    await dlg.getByTestId('kemas-team-picker').getByText('Regu Mawar').click()
    await dlg.getByRole('button', { name: 'Buka shift' }).click()
    await dlg.waitFor({ state: 'hidden' })

    // The first kecamatan's bar, then its first TPS.
    const bar = page.getByTestId('kec-bars').getByRole('button').first()
    day.kecamatan = (await bar.getAttribute('aria-label'))!.split(':')[0]!
    await bar.click()
    await page.getByTestId('kit-grid').locator('.ag-row[row-index="0"]').click()
    await page.waitForURL(/#\/kemas\/\d+$/)
    day.tpsId = Number(/#\/kemas\/(\d+)$/.exec(page.url())![1])
    const kit = await app.call('kemas.lihatKit', { tpsId: day.tpsId })
    day.tpsName = `TPS ${String(kit.nomor).padStart(3, '0')} ${kit.desa}`
    day.need = kit.lines.find((l) => l.variantId === day.gubernur)!.need
    const gub = page.getByTestId('kit-lines').locator(`tr[data-variant="${day.gubernur}"]`)
    await expect.poll(() => gub.locator('td').first().textContent()).toContain(fmtNum(day.need))

    // Only the Gubernur ballots are ready: they go in, and the rest is named as missing.
    await page.getByRole('button', { name: /^Kemas semua sisa/ }).click()
    await expect.poll(() => gub.locator('td').nth(1).textContent()).toBe(fmtNum(day.need))
    const packed = await app.call('kemas.lihatKit', { tpsId: day.tpsId })
    expect(packed.status).toBe('sebagian')
    expect(packed.lines.find((l) => l.variantId === day.gubernur)).toMatchObject({ packed: day.need, remaining: 0 })
    const balances = await app.call('ledger.daftarSaldo', {})
    expect(balances.find((b) => b.variantId === day.gubernur && b.place === `DIKEMAS:${day.tpsId}`)?.qty).toBe(day.need)
    expect(balances.find((b) => b.variantId === day.gubernur && b.place === 'BAIK')?.qty).toBe(2_990 - day.need)
    await shot('09-kemas')
    expect(app.errors).toEqual([])
  })

  it('hands the kit over to the PPK after one confirmation showing the paper', async () => {
    const page = app.page
    await menuLink(page, 'Serah Terima').click()
    await page.getByTestId('serah-terima-progress').getByRole('link', { name: day.kecamatan, exact: true }).click()
    const row = page.getByTestId(`tps-${day.tpsId}`)
    await row.getByRole('checkbox', { name: `Serahkan ${day.tpsName}` }).check()
    await row.getByRole('checkbox', { name: 'Serahkan dengan pengecualian' }).check()
    await row.getByLabel(`Alasan pengecualian ${day.tpsName}`).fill(EXCEPTION)
    const form = page.getByRole('region', { name: 'Berita acara serah terima' })
    await form.getByLabel('Nama Ketua PPK (PIHAK KEDUA)').fill(KETUA_PPK)
    await form.getByLabel('Kendaraan').fill('Pikap BK 8123 XY')
    await form.getByRole('button', { name: 'Serahkan dan terbitkan BA…' }).click()
    const ask = confirmPaperDialog(page)
    await expect.poll(() => ask.getByTestId('confirm-paper').textContent()).toContain(KETUA_PPK)
    expect(await ask.getByTestId('confirm-paper').textContent()).toContain('Dengan pengecualian')
    // Nothing is recorded until the question is answered.
    expect(await app.call('serahTerima.daftar', {})).toEqual([])
    await shot('10-serah-terima-konfirmasi')
    await ask.getByRole('button', { name: 'Serahkan dan terbitkan BA' }).click()
    const done = page.getByTestId('serah-terima-done')
    await done.waitFor()
    const nomor = (await page.getByTestId('serah-terima-done-nomor').textContent())!
    expect(nomor).not.toBe(day.nomorBa)
    const [handover] = await app.call('serahTerima.daftar', {})
    expect(handover).toMatchObject({ ppkNama: KETUA_PPK, tps: 1, exceptions: 1, nomor, confirmed: null })
    expect((await app.call('kemas.lihatKit', { tpsId: day.tpsId })).handoverId).toBe(handover!.id)
    const balances = await app.call('ledger.daftarSaldo', {})
    expect(balances.find((b) => b.variantId === day.gubernur && b.place === `DIKEMAS:${day.tpsId}`)?.qty ?? 0).toBe(0)

    const pdf = pdfTextFolded(
      (await downloadTo(page, app.dir, () => done.getByRole('button', { name: 'Unduh BA (PDF)' }).click())).path,
    )
    expect(pdf.flat).toContain(nomor)
    expect(pdf.flat).toContain(KETUA_PPK)
    expect(pdf.flat).toContain(EXCEPTION)
    const gubLine = pdf.layout.split('\n').find((l) => /Surat suara Gubernur/i.test(l) && /\d/.test(l))!
    expect(gubLine.trim().split(/\s+/).at(-1)).toBe(fmtNum(day.need))
    await shot('11-serah-terima')
    expect(await app.call('ledger.periksa', {})).toMatchObject({ ok: true, balancesMatch: true })
    expect(app.errors).toEqual([])
  })
})
