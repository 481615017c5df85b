import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { windowShot } from './support/browser'
import { useBrowserApp } from './support/app'

/**
 * The floor's two reference screens in a real Chromium against browser mode and a real SQLite file:
 * workers and teams (import, a refused file, a day's target) and receiving from the printer (the form
 * driven by keyboard, the kurang settled, the tertukar returned), checked against the database.
 */

const FULL_NIK = '1219010101900001'

const app = useBrowserApp({ signIn: 'Koordinator' })

/** Success toasts fade after 6 s; close them so the screenshot shows the page (a modal dialog makes them inert). */
async function shot(name: string) {
  const close = app.page.locator('.toast-success .toast-close')
  if ((await app.page.locator('dialog[open]').count()) === 0)
    while ((await close.count()) > 0) await close.first().click()
  await windowShot(app.page, name)
}
const base = () => app.url().replace(/\?.*$/, '')
/** The aria-label of whatever has keyboard focus. */
async function focused(): Promise<string | null> {
  const el = app.page.locator(':focus')
  return (await el.getAttribute('aria-label')) ?? (await el.textContent())
}

beforeAll(async () => {
  // The token is taken out of the address bar on the first load; later navigations use the hash only.
  await app.page.goto(app.url())
  await app.page.getByRole('heading', { name: 'Beranda' }).waitFor()
})

describe('Pekerja & Regu', () => {
  it('imports workers, refuses a bad file with row and column, and sets a day’s target', async () => {
    const good = join(app.dir, 'pekerja.csv')
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

    await app.page.goto(base() + '#/pekerja')
    await app.page.getByRole('heading', { name: 'Pekerja & Regu' }).waitFor()
    await app.page.getByRole('button', { name: 'Impor pekerja…' }).first().click()
    const dialog = app.page.getByRole('dialog', { name: 'Impor pekerja' })
    await dialog.waitFor()
    await dialog.locator('input[type=file]').setInputFiles(good)
    const result = dialog.getByTestId('import-result')
    await result.waitFor()
    expect(await result.locator('dd').allTextContents()).toEqual(['5', '0', '2'])
    await dialog.getByRole('button', { name: 'Selesai' }).click()
    await dialog.waitFor({ state: 'hidden' })

    const grid = app.page.getByTestId('worker-grid')
    await expect.poll(() => app.page.getByText('Menampilkan 5 dari 5 pekerja').isVisible()).toBe(true)
    const ahmad = grid.locator('.ag-row', { hasText: 'Ahmad Siregar' })
    // The count comes from the grid model; AG Grid draws the cells (the Ketua badge is a React renderer) afterwards.
    await expect.poll(() => ahmad.locator('[col-id=nikMasked]').textContent()).toBe('1219********0001')
    await expect.poll(() => ahmad.locator('[col-id=ketua]').textContent()).toBe('Ketua')
    // The NIK is never on screen whole.
    expect(await app.page.content()).not.toContain(FULL_NIK)

    const mawar = app.page.getByTestId('team-Regu Mawar')
    expect(await mawar.locator('td').first().textContent()).toBe('Ahmad Siregar')
    expect(await mawar.locator('td').nth(1).textContent()).toBe('3')

    // The regu filter narrows the grid to one team.
    await app.page.getByLabel('Regu', { exact: true }).selectOption({ label: 'Regu Melati (2)' })
    await expect.poll(() => app.page.getByText('Menampilkan 2 dari 5 pekerja').isVisible()).toBe(true)
    await app.page.getByLabel('Regu', { exact: true }).selectOption({ label: 'Semua regu' })

    // Keyboard: Enter on a row opens the worker; move Eka to Regu Mawar and deactivate.
    await grid.locator('.ag-row', { hasText: 'Eka Pane' }).locator('[col-id=nama]').click()
    await app.page.keyboard.press('Enter')
    const edit = app.page.getByRole('dialog', { name: 'Ubah pekerja: Eka Pane' })
    await edit.waitFor()
    await edit.getByLabel('Regu', { exact: true }).selectOption({ label: 'Regu Mawar' })
    await edit.getByLabel(/^Aktif/).uncheck()
    await edit.getByRole('button', { name: 'Simpan' }).click()
    await edit.waitFor({ state: 'hidden' })
    const eka = grid.locator('.ag-row', { hasText: 'Eka Pane' })
    await expect.poll(() => eka.locator('[col-id=status]').textContent()).toBe('Tidak aktif')
    await expect.poll(() => eka.locator('[col-id=team]').textContent()).toBe('Regu Mawar')
    expect((await app.call('pekerja.daftar', {})).find((w) => w.nama === 'Eka Pane')).toMatchObject({
      team: 'Mawar',
      active: false,
    })
    // Eka joined Mawar but is no longer active: the team still counts its three active members.
    await expect.poll(() => mawar.locator('td').nth(1).textContent()).toBe('3')

    // A bad file: a 15-digit NIK and an empty name; both named by row and column, nothing saved.
    const bad = join(app.dir, 'pekerja-salah.csv')
    writeFileSync(bad, ['nama,nik,regu', 'Fajar Tanjung,121901010190000,Regu Mawar', ',,Regu Melati', ''].join('\n'))
    await app.page.getByRole('button', { name: 'Impor pekerja…' }).first().click()
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
    await app.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect((await app.call('pekerja.daftar', {})).map((w) => w.nama).sort()).toEqual([
      'Ahmad Siregar',
      'Budi Nasution',
      'Cici Lubis',
      'Dedi Harahap',
      'Eka Pane',
    ])

    // A target for one day, typed and confirmed with Enter.
    await app.page.getByLabel('Tanggal', { exact: true }).fill('10/11/2024')
    const input = app.page.getByLabel('Target Regu Mawar pada tanggal ini')
    await input.click()
    await app.page.keyboard.type('2500')
    await app.page.keyboard.press('Enter')
    await app.page.getByTestId('target-Regu Mawar').getByText('khusus tanggal ini').waitFor()
    await expect.poll(() => app.page.getByTestId('target-total').textContent()).toBe('2.500')
    // Focus stays in the field after saving, for the next team.
    expect(await focused()).toBe('Target Regu Mawar pada tanggal ini')
    const targets = await app.call('regu.lihatTarget', { tanggal: '2024-11-10' })
    expect(targets.find((t) => t.team === 'Mawar')).toMatchObject({ target: 2500, override: true })
    expect(targets.find((t) => t.team === 'Melati')).toMatchObject({ target: 0, override: false })
    // Another date keeps the daily target.
    expect((await app.call('regu.lihatTarget', { tanggal: '2024-11-11' })).every((t) => !t.override)).toBe(true)
    await shot('pp-02-pekerja')

    expect(app.errors).toEqual([])
  })
})

describe('Penerimaan', () => {
  it('records a delivery by keyboard, shows and settles the kurang, and returns the tertukar', async () => {
    const gubernur = (await app.call('barang.daftarVarian', {})).find((v) => v.itemCode === 'GUBERNUR')!
    expect(gubernur).toBeDefined()

    await app.page.goto(base() + '#/penerimaan')
    await app.page.getByRole('heading', { name: 'Penerimaan dari penyedia' }).waitFor()
    await app.page.getByRole('button', { name: 'Catat penerimaan…' }).first().click()
    const form = app.page.getByTestId('penerimaan-form')
    await form.waitFor()

    await form.getByLabel('Tanggal diterima').fill('01/11/2024')
    await form.getByLabel('Jam diterima').fill('09.00')
    await form.getByLabel('Penyedia', { exact: true }).fill('PT Percetakan Sumut Jaya')
    await form.getByLabel('Nomor surat jalan').fill('SJ/001/XI/2024')
    await form.getByLabel('Nomor BTTB').fill('BTTB-001')
    await form.getByLabel('Baris 1: barang').selectOption(String(gubernur.variantId))

    // The numbers by keyboard: Enter moves from field to field as on a tally sheet.
    // Each step: what is typed into the field with the keyboard (nothing: the figure the form worked out
    // stands), then Enter, the field the keyboard lands on, and the typed field as it then reads.
    await form.getByLabel('Baris 1: jumlah dus').focus()
    const steps: [typed: string, field: string, next: string, reads: string][] = [
      ['100', 'jumlah dus', 'isi per dus', '100'],
      ['2000', 'isi per dus', 'jumlah menurut surat jalan', '2.000'],
      ['', 'jumlah menurut surat jalan', 'jumlah terhitung', '200.000'],
      ['199500', 'jumlah terhitung', 'jumlah tertukar', '199.500'],
      ['300', 'jumlah tertukar', 'tertukar milik siapa', '300'],
    ]
    for (const [typed, field, next, reads] of steps) {
      if (typed) await app.page.keyboard.type(typed)
      await app.page.keyboard.press('Enter')
      expect(await focused()).toBe(`Baris 1: ${next}`)
      await expect.poll(() => form.getByLabel(`Baris 1: ${field}`).inputValue()).toBe(reads)
    }
    await expect.poll(() => form.getByTestId('selisih-1').textContent()).toBe('KURANG 500')

    // Saving without saying whose the tertukar are: the service's refusal lands on that field of line 1.
    await app.page.keyboard.press('Control+Enter')
    const noteField = form.getByLabel('Baris 1: tertukar milik siapa')
    await expect.poll(() => noteField.getAttribute('aria-invalid')).toBe('true')
    await form.getByTestId('line-1').getByText('Tulis milik siapa surat suara yang tertukar').waitFor()
    // The form moves the focus to the refused field in an effect after the refusal has rendered.
    await expect.poll(focused).toBe('Baris 1: tertukar milik siapa')
    expect(await app.call('penerimaan.daftar', {})).toEqual([])

    // Kept as a draft while typing (issue 14): a reload finds the form as it was, with a notice.
    await form
      .getByTestId('penerimaan-draf')
      .getByText(/Draf tersimpan/)
      .waitFor()
    await app.page.reload()
    await app.page.getByTestId('penerimaan-draf-dipulihkan').waitFor()
    await expect.poll(() => form.getByLabel('Nomor surat jalan').inputValue()).toBe('SJ/001/XI/2024')
    await expect.poll(() => form.getByLabel('Baris 1: jumlah terhitung').inputValue()).toBe('199.500')
    await expect.poll(() => form.getByTestId('selisih-1').textContent()).toBe('KURANG 500')
    await shot('pp-02b-penerimaan-draf')
    await form.getByLabel('Baris 1: tertukar milik siapa').focus()

    await app.page.keyboard.type('milik KPU Kab. Asahan')
    await shot('pp-03-penerimaan-form')
    await app.page.keyboard.press('Enter') // to the delivery note
    await app.page.keyboard.press('Enter') // to the save button
    expect(await focused()).toBe('Simpan penerimaan')
    await app.page.keyboard.press('Enter')

    await app.page.getByRole('heading', { name: /^Penerimaan #\d+$/ }).waitFor()
    expect((await app.call('draf.lihat', { jenis: 'penerimaan', kunci: 'baru' })).bagian).toEqual({})
    const id = Number(new URL(app.page.url()).hash.split('/')[2])
    expect(id).toBeGreaterThan(0)
    const line = app.page.getByTestId(`delivery-line-${gubernur.variantId}`)
    expect(await line.getByTestId('stated').textContent()).toBe('200.000')
    expect(await line.getByTestId('counted').textContent()).toBe('199.500')
    expect(await line.getByTestId('selisih').textContent()).toBe('KURANG 500 lembar')
    expect(await line.getByTestId('tertukar').textContent()).toContain('milik KPU Kab. Asahan')

    // The counted number opens its ledger rows.
    await line.getByTestId('counted').getByRole('button').click()
    const history = app.page.getByRole('dialog', { name: /^Riwayat:/ })
    await history.getByTestId('history-table').waitFor()
    expect(await history.getByTestId('history-table').locator('tbody tr').count()).toBe(1)
    await app.page.keyboard.press('Escape')
    await history.waitFor({ state: 'hidden' })

    // Settle the kurang with a note.
    await line.getByRole('button', { name: 'Nyatakan selisih selesai…' }).click()
    const settle = app.page.getByRole('dialog', { name: 'Nyatakan selisih selesai' })
    await settle.waitFor()
    // The dialog focuses its field in an effect after it opens; keys typed before that would be lost.
    await settle.getByLabel('Keterangan penyelesaian').and(app.page.locator(':focus')).waitFor()
    await app.page.keyboard.type('Kekurangan 500 lembar dikirim dengan surat jalan berikutnya')
    await app.page.keyboard.press('Enter')
    await settle.waitFor({ state: 'hidden' })
    await line.getByTestId('selesai').waitFor()
    expect(await line.getByTestId('selisih').textContent()).toBe('KURANG 500 lembar ✓ selesai')

    // Back on the list: settled, so no open-selisih warning; the tertukar wait to be returned.
    await app.page.getByRole('link', { name: '← Daftar penerimaan' }).click()
    const row = app.page.getByTestId(`delivery-${id}`)
    await row.waitFor()
    expect(await row.textContent()).toContain('SJ/001/XI/2024')
    expect(await row.textContent()).toContain('KURANG 500 ✓ selesai')
    expect(await app.page.getByTestId('open-selisih').count()).toBe(0)
    const held = app.page.getByTestId(`tertukar-${gubernur.variantId}`)
    expect(await held.getByTestId('held').textContent()).toBe('300')

    await app.page.getByRole('button', { name: 'Kembalikan ke penyedia…' }).click()
    const retur = app.page.getByRole('dialog', { name: 'Kembalikan surat suara tertukar' })
    await retur.waitFor()
    expect(await retur.getByLabel('Penyedia').inputValue()).toBe('PT Percetakan Sumut Jaya')
    expect(await retur.getByLabel(/^Jumlah .* yang dikembalikan$/).inputValue()).toBe('300')
    await retur.getByRole('button', { name: 'Catat pengembalian' }).click()
    await retur.waitFor({ state: 'hidden' })
    await expect.poll(() => held.getByTestId('held').textContent()).toBe('0')
    expect(await held.getByTestId('returned').textContent()).toBe('300')
    expect(await app.page.getByTestId('retur-table').textContent()).toContain('PT Percetakan Sumut Jaya')
    await shot('pp-04-penerimaan-daftar')

    // The database holds what the screens said.
    const d = await app.call('penerimaan.lihat', { id })
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
    const recon = (await app.call('rekonsiliasi.lihat', {})).find((r) => r.variantId === gubernur.variantId)!
    expect(recon).toMatchObject({ diterima: 199500, tertukar: 0, tertukarDikembalikan: 300, selisihTerbuka: 0 })
    const returs = await app.call('penerimaan.daftarRetur', {})
    expect(returs).toHaveLength(1)
    expect(returs[0]!.lines).toEqual([expect.objectContaining({ variantId: gubernur.variantId, qty: 300 })])
    const chain = await app.call('ledger.periksa', {})
    expect(chain.ok).toBe(true)
    expect(chain.balancesMatch).toBe(true)

    expect(app.errors).toEqual([])
  })
})
