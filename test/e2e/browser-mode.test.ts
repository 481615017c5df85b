import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEMO_CSV, menuLink, num, windowShot } from './support/browser'
import { useBrowserApp } from './support/app'

/**
 * The real UI in a real Chromium against the real browser-mode server and a real SQLite file:
 * first run (setup form) -> TPS import through the dialog -> needs that match the API -> XLSX
 * download, plus a bad file whose errors must be shown with row and column.
 */

const app = useBrowserApp({ demo: false })

const nav = (name: string) => menuLink(app.page, name)

describe('browser mode, end to end', () => {
  it('sets up an election, imports TPS, shows needs equal to the API and downloads XLSX', async () => {
    await app.page.goto(app.url())
    await expect
      .poll(() => app.page.getByRole('heading', { name: 'Siapkan basis data pemilihan' }).isVisible())
      .toBe(true)
    // The token must leave the address bar (bookmarks, history, screenshots).
    expect(app.page.url()).not.toContain('token=')
    await windowShot(app.page, '01-setup')

    await app.page.getByLabel('Nama satker', { exact: true }).fill('Kabupaten Batu Bara')
    await app.page.getByLabel('Provinsi', { exact: true }).fill('Sumatera Utara')
    await app.page.getByLabel('Kode wilayah', { exact: true }).fill('1219')
    await app.page.getByRole('button', { name: 'Siapkan basis data' }).click()
    await app.page.getByText('Pilkada 2024 · Kabupaten Batu Bara').waitFor()

    // A new file has nobody who may write: the app asks for its first admin at once.
    const first = app.page.getByRole('dialog', { name: 'Buat admin pertama' })
    await first.waitFor()
    await first.getByLabel('Nama admin').fill('Rahmat Hidayat')
    await first.getByLabel('PIN', { exact: true }).fill('1234')
    await first.getByLabel('Ulangi PIN').fill('1234')
    await first.getByRole('button', { name: 'Buat admin dan masuk' }).click()
    // A guessable PIN is refused on its field, and nothing is created.
    await first.getByText('PIN tidak boleh angka berurutan (mis. 1234)').waitFor()
    expect((await app.call('pengguna.daftar', {})).length).toBe(0)
    await first.getByLabel('PIN', { exact: true }).fill('250913')
    await first.getByLabel('Ulangi PIN').fill('250913')
    await windowShot(app.page, '02a-admin-pertama')
    await first.getByRole('button', { name: 'Buat admin dan masuk' }).click()
    await first.waitFor({ state: 'hidden' })
    await expect.poll(() => app.page.getByTestId('user-chip').textContent()).toContain('Rahmat Hidayat')
    expect(await app.call('pengguna.daftar', {})).toEqual([
      expect.objectContaining({ nama: 'Rahmat Hidayat', role: 'admin', active: true, hasPin: true }),
    ])

    await app.page.getByRole('heading', { name: 'Langkah berikutnya' }).waitFor()
    await windowShot(app.page, '02-beranda-kosong')

    // Keyboard: the skip link, then the navigation; the current page is marked for screen readers.
    await app.page.keyboard.press('Tab')
    expect(await app.page.locator(':focus').textContent()).toBe('Lompat ke konten')
    await app.page.keyboard.press('Tab')
    expect(await app.page.locator(':focus').getAttribute('data-testid')).toBe('user-chip')
    await app.page.keyboard.press('Tab')
    expect(await app.page.locator(':focus').getAttribute('aria-current')).toBe('page')

    // Import through the dialog, as a coordinator would.
    await nav('Wilayah & TPS').click()
    // The hash route changes after the click returns; wait for React to mark the link.
    await expect.poll(() => nav('Wilayah & TPS').getAttribute('aria-current')).toBe('page')
    await app.page.getByRole('button', { name: 'Impor TPS…' }).first().click()
    const dialog = app.page.getByRole('dialog', { name: 'Impor TPS' })
    await dialog.waitFor()
    await dialog.locator('input[type=file]').setInputFiles(DEMO_CSV)
    await expect.poll(() => dialog.getByTestId('import-total-tps').textContent(), { timeout: 15_000 }).toBe('1.446')
    await dialog.getByText('Berkas dapat disimpan').waitFor()
    const save = dialog.getByRole('button', { name: 'Simpan impor' })
    expect(await save.isEnabled()).toBe(true)
    await windowShot(app.page, '03-impor-pratinjau')
    await save.click()
    await dialog.waitFor({ state: 'hidden' })

    await expect
      .poll(() => app.page.getByTestId('kecamatan-total-tps').textContent(), { timeout: 15_000 })
      .toBe('1.446')
    const grid = app.page.getByTestId('tps-grid')
    await grid.locator('.ag-row').first().waitFor()
    // AG Grid may fill a row's cells in a later animation frame than the row element itself.
    await expect
      .poll(() => grid.locator('.ag-row[row-index="0"]:not(.ag-row-pinned)').textContent())
      .toContain('TPS 001')
    // Virtualised: 1.446 TPS, only a screenful of row elements.
    expect(await grid.locator('.ag-row:not(.ag-row-pinned)').count()).toBeLessThan(80)
    await expect.poll(() => app.page.getByText('Menampilkan 1.446 dari 1.446 TPS').isVisible()).toBe(true)
    await windowShot(app.page, '04-wilayah')

    // The quick filter narrows the grid.
    await app.page.getByRole('searchbox', { name: /Cari kecamatan/ }).fill('TALAWI')
    const talawi = (await app.call('wilayah.daftarKecamatan', {})).find((k) => k.nama === 'TALAWI')!
    await expect.poll(() => app.page.getByText(`Menampilkan ${talawi.tps} dari 1.446 TPS`).isVisible()).toBe(true)

    // Needs on the page equal the API's numbers.
    await nav('Kebutuhan').click()
    const totals = app.page.getByTestId('satker-totals')
    await totals.waitFor()
    const perDapil = await app.call('kebutuhan.daftarDapil', {})
    const ballotCodes = [...new Set(perDapil.map((r) => r.itemCode))]
    expect(ballotCodes.length).toBeGreaterThan(0)
    for (const code of ballotCodes) {
      const expected = perDapil.filter((r) => r.itemCode === code).reduce((s, r) => s + r.total, 0)
      expect(expected).toBeGreaterThan(0)
      expect(num(await totals.getByTestId(`satker-total-${code}`).locator('[data-value]').textContent())).toBe(expected)
    }
    const satker = (await app.call('kebutuhan.lihatRekap', { level: 'satker' })).rows[0]!
    for (const [code, qty] of Object.entries(satker.qty)) {
      expect(num(await totals.getByTestId(`satker-total-${code}`).locator('[data-value]').textContent())).toBe(qty)
    }
    // The pinned total row of the per-TPS grid sums the same DPT the summary reports.
    const summary = await app.call('wilayah.lihatRingkasan', {})
    const pinnedDpt = app.page.getByTestId('grid-tps').locator('.ag-row-pinned [col-id=dpt]')
    await expect.poll(() => pinnedDpt.textContent()).toBe(new Intl.NumberFormat('id-ID').format(summary.dpt))
    await windowShot(app.page, '05-kebutuhan')

    await app.page.getByRole('tab', { name: 'Per dapil' }).click()
    await app.page.getByTestId('grid-dapil').locator('.ag-row').first().waitFor()
    await windowShot(app.page, '06-kebutuhan-dapil')

    const [download] = await Promise.all([
      app.page.waitForEvent('download'),
      app.page.getByRole('button', { name: 'Unduh XLSX' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const saved = await download.path()
    expect(readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK') // an XLSX is a zip

    // Settings: an API refusal lands under the field it names.
    await nav('Pengaturan').click()
    const reserve = app.page.getByLabel('Cadangan surat suara (%)')
    await reserve.fill('150')
    await app.page.getByRole('button', { name: 'Simpan pengaturan' }).click()
    await app.page.getByText('Persentase cadangan paling besar 100').waitFor()
    expect(await reserve.getAttribute('aria-invalid')).toBe('true')
    await windowShot(app.page, '07-pengaturan-galat')
    await app.page.getByRole('button', { name: 'Batalkan perubahan' }).first().click()

    await nav('Beranda').click()
    await app.page.getByTestId('ballot-need-table').waitFor()
    await windowShot(app.page, '08-beranda')

    expect(app.errors).toEqual([])
  })

  it('shows a bad file’s errors with row and column and keeps Simpan disabled', async () => {
    const csv = [
      'kode_kecamatan,kecamatan,kode_desa,desa,no_tps,dpt',
      '121901,MEDANG DERAS,1219011001,PANGKALAN DODEK,1,240',
      '121901,MEDANG DERAS,1219011001,PANGKALAN DODEK,2,dua ratus',
      '',
    ].join('\n')
    const buffer = Buffer.from(csv, 'utf8')
    // Independent of the first case: a database without an election gets one through the API.
    if ((await app.call('pemilihan.lihat', {})) === null) {
      await app.call('pemilihan.buat', { jenis: 'pilkada', satker: 'Kabupaten Batu Bara', provinsi: 'Sumatera Utara' })
      await app.page.goto(app.url())
    }
    const tpsBefore = (await app.call('wilayah.lihatRingkasan', {})).tps
    const expected = await app.call('wilayah.pratinjauImpor', {
      fileName: 'tps-salah.csv',
      contentBase64: buffer.toString('base64'),
    })
    expect(expected.ok).toBe(false)
    const issue = expected.errors.find((e) => e.row !== undefined && e.column !== undefined)!
    expect(issue).toBeDefined()

    await nav('Wilayah & TPS').click()
    await app.page.getByRole('button', { name: 'Impor TPS…' }).first().click()
    const dialog = app.page.getByRole('dialog', { name: 'Impor TPS' })
    await dialog.waitFor()
    await dialog.locator('input[type=file]').setInputFiles({ name: 'tps-salah.csv', mimeType: 'text/csv', buffer })

    const table = dialog.locator('table.issue-table')
    await table.waitFor()
    const headers = await table.locator('thead th').allTextContents()
    expect(headers).toEqual(['Baris', 'Kolom', 'Pesan'])
    const cells = await table.locator('tbody tr').first().locator('td').allTextContents()
    expect(cells[0]).toBe(new Intl.NumberFormat('id-ID').format(issue.row!))
    expect(cells[1]).toBe(issue.column)
    expect(cells[2]).toBe(issue.message)
    expect(await dialog.getByRole('button', { name: 'Simpan impor' }).isDisabled()).toBe(true)
    await windowShot(app.page, '09-impor-galat')

    await app.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    // Nothing was written.
    expect((await app.call('wilayah.lihatRingkasan', {})).tps).toBe(tpsBefore)
    expect(app.errors).toEqual([])
  })
})
