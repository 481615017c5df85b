import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp, type OpenedApp } from '../../src/api/app'
import { startHttpServer, type RunningHttpServer } from '../../src/server/http'
import { apiOf, DEMO_CSV, ensureBuiltUi, launchChromium, STATIC_DIR, watchPage, windowShot } from './support/browser'
import { signInContext } from './support/session'

/**
 * The floor's two reference screens in a real Chromium against browser mode and a real SQLite file:
 * workers and teams (import, a refused file, a day's target) and receiving from the printer (the form
 * driven by keyboard, the kurang settled, the tertukar returned), checked against the database.
 */

const FULL_NIK = '1219010101900001'

let dir: string
let app: OpenedApp
let server: RunningHttpServer
let browser: Browser
let page: Page
const pageErrors: string[] = []
const api = apiOf(() => app)

/** Success toasts fade after 6 s; close them so the screenshot shows the page (a modal dialog makes them inert). */
async function shot(name: string) {
  const close = page.locator('.toast-success .toast-close')
  if ((await page.locator('dialog[open]').count()) === 0) while ((await close.count()) > 0) await close.first().click()
  await windowShot(page, name)
}
const base = () => server.url.replace(/\?.*$/, '')
/** The aria-label of whatever has keyboard focus. */
async function focused(): Promise<string | null> {
  const el = page.locator(':focus')
  return (await el.getAttribute('aria-label')) ?? (await el.textContent())
}

beforeAll(async () => {
  ensureBuiltUi()
  dir = mkdtempSync(join(tmpdir(), 'gudang-e2e-pp-'))
  app = await openApp({
    dbPath: join(dir, 'e2e.sqlite'),
    demoCsvPath: DEMO_CSV,
    onInternalError: (m, e) => pageErrors.push(`[server] ${m}: ${String(e)}`),
  })
  server = await startHttpServer({ dispatcher: app.dispatcher, staticDir: STATIC_DIR, port: 0 })
  browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' })
  await signInContext(context, app, server)
  page = await context.newPage()
  watchPage(page, pageErrors)
  // The token is taken out of the address bar on the first load; later navigations use the hash only.
  await page.goto(server.url)
  await page.getByRole('heading', { name: 'Beranda' }).waitFor()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  app?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('Pekerja & Regu', () => {
  it('imports workers, refuses a bad file with row and column, and sets a day’s target', async () => {
    const good = join(dir, 'pekerja.csv')
    writeFileSync(
      good,
      [
        'nama,nik,no_hp,regu,ketua',
        `Ahmad Siregar,${FULL_NIK},081234567890,Regu Mawar,ya`,
        'Budi Nasution,,081200000001,Regu Mawar,',
        'Cici Lubis,,,Regu Mawar,',
        'Dedi Harahap,,081300000002,Regu Melati,ketua',
        'Eka Pane,,,Regu Melati,',
        '',
      ].join('\n'),
    )

    await page.goto(base() + '#/pekerja')
    await page.getByRole('heading', { name: 'Pekerja & Regu' }).waitFor()
    await page.getByRole('button', { name: 'Impor pekerja…' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Impor pekerja' })
    await dialog.waitFor()
    await dialog.locator('input[type=file]').setInputFiles(good)
    const result = dialog.getByTestId('import-result')
    await result.waitFor()
    expect(await result.locator('dd').allTextContents()).toEqual(['5', '0', '2'])
    await dialog.getByRole('button', { name: 'Selesai' }).click()
    await dialog.waitFor({ state: 'hidden' })

    const grid = page.getByTestId('worker-grid')
    await expect.poll(() => page.getByText('Menampilkan 5 dari 5 pekerja').isVisible()).toBe(true)
    const ahmad = grid.locator('.ag-row', { hasText: 'Ahmad Siregar' })
    // The count comes from the grid model; AG Grid draws the cells (the Ketua badge is a React renderer) afterwards.
    await expect.poll(() => ahmad.locator('[col-id=nikMasked]').textContent()).toBe('1219********0001')
    await expect.poll(() => ahmad.locator('[col-id=ketua]').textContent()).toBe('Ketua')
    // The NIK is never on screen whole.
    expect(await page.content()).not.toContain(FULL_NIK)

    const mawar = page.getByTestId('team-Regu Mawar')
    expect(await mawar.locator('td').first().textContent()).toBe('Ahmad Siregar')
    expect(await mawar.locator('td').nth(1).textContent()).toBe('3')

    // The regu filter narrows the grid to one team.
    await page.getByLabel('Regu', { exact: true }).selectOption({ label: 'Regu Melati (2)' })
    await expect.poll(() => page.getByText('Menampilkan 2 dari 5 pekerja').isVisible()).toBe(true)
    await page.getByLabel('Regu', { exact: true }).selectOption({ label: 'Semua regu' })

    // Keyboard: Enter on a row opens the worker; move Eka to Regu Mawar and deactivate.
    await grid.locator('.ag-row', { hasText: 'Eka Pane' }).locator('[col-id=nama]').click()
    await page.keyboard.press('Enter')
    const edit = page.getByRole('dialog', { name: 'Ubah pekerja: Eka Pane' })
    await edit.waitFor()
    await edit.getByLabel('Regu', { exact: true }).selectOption({ label: 'Regu Mawar' })
    await edit.getByLabel(/^Aktif/).uncheck()
    await edit.getByRole('button', { name: 'Simpan' }).click()
    await edit.waitFor({ state: 'hidden' })
    const eka = grid.locator('.ag-row', { hasText: 'Eka Pane' })
    await expect.poll(() => eka.locator('[col-id=status]').textContent()).toBe('Tidak aktif')
    await expect.poll(() => eka.locator('[col-id=team]').textContent()).toBe('Regu Mawar')
    expect((await api('pekerja.daftar', {})).find((w) => w.nama === 'Eka Pane')).toMatchObject({
      team: 'Regu Mawar',
      active: false,
    })
    // Eka joined Mawar but is no longer active: the team still counts its three active members.
    await expect.poll(() => mawar.locator('td').nth(1).textContent()).toBe('3')

    // A bad file: a 15-digit NIK and an empty name; both named by row and column, nothing saved.
    const bad = join(dir, 'pekerja-salah.csv')
    writeFileSync(bad, ['nama,nik,regu', 'Fajar Tanjung,121901010190000,Regu Mawar', ',,Regu Melati', ''].join('\n'))
    await page.getByRole('button', { name: 'Impor pekerja…' }).first().click()
    await dialog.waitFor()
    await dialog.locator('input[type=file]').setInputFiles(bad)
    const issues = dialog.locator('table.issue-table')
    await issues.waitFor()
    expect(await issues.locator('thead th').allTextContents()).toEqual(['Baris', 'Kolom', 'Pesan'])
    const rows = await issues
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)))
    expect(rows).toHaveLength(2)
    expect(rows[0]!.slice(0, 2)).toEqual(['2', 'nik'])
    expect(rows[0]![2]).toContain('NIK harus 16 angka')
    expect(rows[1]!.slice(0, 2)).toEqual(['3', 'nama'])
    await dialog.getByText('tidak diimpor; tidak ada yang disimpan').waitFor()
    await shot('pp-01-impor-pekerja-galat')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect((await api('pekerja.daftar', {})).map((w) => w.nama).sort()).toEqual([
      'Ahmad Siregar',
      'Budi Nasution',
      'Cici Lubis',
      'Dedi Harahap',
      'Eka Pane',
    ])

    // A target for one day, typed and confirmed with Enter.
    await page.getByLabel('Tanggal', { exact: true }).fill('2024-11-10')
    const input = page.getByLabel('Target Regu Mawar pada tanggal ini')
    await input.click()
    await page.keyboard.type('2500')
    await page.keyboard.press('Enter')
    await page.getByTestId('target-Regu Mawar').getByText('khusus tanggal ini').waitFor()
    await expect.poll(() => page.getByTestId('target-total').textContent()).toBe('2.500')
    // Focus stays in the field after saving, for the next team.
    expect(await focused()).toBe('Target Regu Mawar pada tanggal ini')
    const targets = await api('regu.lihatTarget', { tanggal: '2024-11-10' })
    expect(targets.find((t) => t.team === 'Regu Mawar')).toMatchObject({ target: 2500, override: true })
    expect(targets.find((t) => t.team === 'Regu Melati')).toMatchObject({ target: 0, override: false })
    // Another date keeps the daily target.
    expect((await api('regu.lihatTarget', { tanggal: '2024-11-11' })).every((t) => !t.override)).toBe(true)
    await shot('pp-02-pekerja')

    expect(pageErrors).toEqual([])
  })
})

describe('Penerimaan', () => {
  it('records a delivery by keyboard, shows and settles the kurang, and returns the tertukar', async () => {
    const gubernur = (await api('barang.daftarVarian', {})).find((v) => v.itemCode === 'GUBERNUR')!
    expect(gubernur).toBeDefined()

    await page.goto(base() + '#/penerimaan')
    await page.getByRole('heading', { name: 'Penerimaan dari penyedia' }).waitFor()
    await page.getByRole('button', { name: 'Catat penerimaan…' }).first().click()
    const form = page.getByTestId('penerimaan-form')
    await form.waitFor()

    await form.getByLabel('Waktu diterima').fill('2024-11-01T09:00')
    await form.getByLabel('Penyedia', { exact: true }).fill('PT Percetakan Sumut Jaya')
    await form.getByLabel('Nomor surat jalan').fill('SJ/001/XI/2024')
    await form.getByLabel('Nomor BTTB').fill('BTTB-001')
    await form.getByLabel('Baris 1: barang').selectOption(String(gubernur.variantId))

    // The numbers by keyboard: Enter moves from field to field as on a tally sheet.
    await form.getByLabel('Baris 1: jumlah dus').focus()
    await page.keyboard.type('100')
    await page.keyboard.press('Enter')
    expect(await focused()).toBe('Baris 1: isi per dus')
    await page.keyboard.type('2000')
    await page.keyboard.press('Enter')
    expect(await focused()).toBe('Baris 1: jumlah menurut surat jalan')
    await expect.poll(() => form.getByLabel('Baris 1: jumlah menurut surat jalan').inputValue()).toBe('200.000')
    await page.keyboard.press('Enter')
    expect(await focused()).toBe('Baris 1: jumlah terhitung')
    await page.keyboard.type('199500')
    await page.keyboard.press('Enter')
    expect(await focused()).toBe('Baris 1: jumlah tertukar')
    await expect.poll(() => form.getByLabel('Baris 1: jumlah terhitung').inputValue()).toBe('199.500')
    await page.keyboard.type('300')
    await page.keyboard.press('Enter')
    expect(await focused()).toBe('Baris 1: tertukar milik siapa')
    await expect.poll(() => form.getByTestId('selisih-1').textContent()).toBe('KURANG 500')

    // Saving without saying whose the tertukar are: the service's refusal lands on that field of line 1.
    await page.keyboard.press('Control+Enter')
    const noteField = form.getByLabel('Baris 1: tertukar milik siapa')
    await expect.poll(() => noteField.getAttribute('aria-invalid')).toBe('true')
    await form.getByTestId('line-1').getByText('Tulis milik siapa surat suara yang tertukar').waitFor()
    // The form moves the focus to the refused field in an effect after the refusal has rendered.
    await expect.poll(focused).toBe('Baris 1: tertukar milik siapa')
    expect(await api('penerimaan.daftar', {})).toEqual([])

    await page.keyboard.type('milik KPU Kab. Asahan')
    await shot('pp-03-penerimaan-form')
    await page.keyboard.press('Enter') // to the delivery note
    await page.keyboard.press('Enter') // to the save button
    expect(await focused()).toBe('Simpan penerimaan')
    await page.keyboard.press('Enter')

    await page.getByRole('heading', { name: /^Penerimaan #\d+$/ }).waitFor()
    const id = Number(new URL(page.url()).hash.split('/')[2])
    expect(id).toBeGreaterThan(0)
    const line = page.getByTestId(`delivery-line-${gubernur.variantId}`)
    expect(await line.getByTestId('stated').textContent()).toBe('200.000')
    expect(await line.getByTestId('counted').textContent()).toBe('199.500')
    expect(await line.getByTestId('selisih').textContent()).toBe('KURANG 500 lembar')
    expect(await line.getByTestId('tertukar').textContent()).toContain('milik KPU Kab. Asahan')

    // The counted number opens its ledger rows.
    await line.getByTestId('counted').getByRole('button').click()
    const history = page.getByRole('dialog', { name: /^Riwayat:/ })
    await history.getByTestId('history-table').waitFor()
    expect(await history.getByTestId('history-table').locator('tbody tr').count()).toBe(1)
    await page.keyboard.press('Escape')
    await history.waitFor({ state: 'hidden' })

    // Settle the kurang with a note.
    await line.getByRole('button', { name: 'Nyatakan selisih selesai…' }).click()
    const settle = page.getByRole('dialog', { name: 'Nyatakan selisih selesai' })
    await settle.waitFor()
    // The dialog focuses its field in an effect after it opens; keys typed before that would be lost.
    await settle.getByLabel('Keterangan penyelesaian').and(page.locator(':focus')).waitFor()
    await page.keyboard.type('Kekurangan 500 lembar dikirim dengan surat jalan berikutnya')
    await page.keyboard.press('Enter')
    await settle.waitFor({ state: 'hidden' })
    await line.getByTestId('selesai').waitFor()
    expect(await line.getByTestId('selisih').textContent()).toBe('KURANG 500 lembar ✓ selesai')

    // Back on the list: settled, so no open-selisih warning; the tertukar wait to be returned.
    await page.getByRole('link', { name: '← Daftar penerimaan' }).click()
    const row = page.getByTestId(`delivery-${id}`)
    await row.waitFor()
    expect(await row.textContent()).toContain('SJ/001/XI/2024')
    expect(await row.textContent()).toContain('KURANG 500 ✓ selesai')
    expect(await page.getByTestId('open-selisih').count()).toBe(0)
    const held = page.getByTestId(`tertukar-${gubernur.variantId}`)
    expect(await held.getByTestId('held').textContent()).toBe('300')

    await page.getByRole('button', { name: 'Kembalikan ke penyedia…' }).click()
    const retur = page.getByRole('dialog', { name: 'Kembalikan surat suara tertukar' })
    await retur.waitFor()
    expect(await retur.getByLabel('Penyedia').inputValue()).toBe('PT Percetakan Sumut Jaya')
    expect(await retur.getByLabel(/^Jumlah .* yang dikembalikan$/).inputValue()).toBe('300')
    await retur.getByRole('button', { name: 'Catat pengembalian' }).click()
    await retur.waitFor({ state: 'hidden' })
    await expect.poll(() => held.getByTestId('held').textContent()).toBe('0')
    expect(await held.getByTestId('returned').textContent()).toBe('300')
    expect(await page.getByTestId('retur-table').textContent()).toContain('PT Percetakan Sumut Jaya')
    await shot('pp-04-penerimaan-daftar')

    // The database holds what the screens said.
    const d = await api('penerimaan.lihat', { id })
    expect(d.lines).toHaveLength(1)
    expect(d.lines[0]).toMatchObject({
      variantId: gubernur.variantId,
      dus: 100,
      isiPerDus: 2000,
      statedQty: 200000,
      countedQty: 199500,
      tertukarQty: 300,
      selisih: -500,
    })
    expect(d.lines[0]!.tertukarNote).toBe('milik KPU Kab. Asahan')
    expect(d.lines[0]!.selesai?.note).toBe('Kekurangan 500 lembar dikirim dengan surat jalan berikutnya')
    expect(d).toMatchObject({
      penyedia: 'PT Percetakan Sumut Jaya',
      suratJalan: 'SJ/001/XI/2024',
      bttb: 'BTTB-001',
      receivedAt: '2024-11-01T09:00',
      kind: 'biasa',
    })
    const recon = (await api('rekonsiliasi.lihat', {})).find((r) => r.variantId === gubernur.variantId)!
    expect(recon).toMatchObject({ diterima: 199500, tertukar: 0, tertukarDikembalikan: 300, selisihTerbuka: 0 })
    const returs = await api('penerimaan.daftarRetur', {})
    expect(returs).toHaveLength(1)
    expect(returs[0]!.lines).toEqual([expect.objectContaining({ variantId: gubernur.variantId, qty: 300 })])
    const chain = await api('ledger.periksa', {})
    expect(chain.ok).toBe(true)
    expect(chain.balancesMatch).toBe(true)

    expect(pageErrors).toEqual([])
  })
})
