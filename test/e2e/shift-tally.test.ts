import type { Locator, Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { fmtNum, menuLink, windowShot } from './support/browser'
import { answerLeave } from './support/leave'
import { useBrowserApp } from './support/app'
import { openShift } from '../support/floor'
import {
  focusedCell,
  keysLand as keysLandIn,
  openSoFar as openSoFarIn,
  paste as pasteText,
  pressTo as pressKeysTo,
  selectCell as select,
  tallyCells,
  tallyGrid as gridOf,
  typeDown as typeDownTo,
  type Cell,
} from './support/tally'

/**
 * A day on the sortir-lipat floor, in a real Chromium against the real server and a real SQLite file:
 * open a shift through the dialog, fill the tally grid with the keyboard and a paste from "Excel",
 * save, be refused for handing in more than a team holds, return what is left, close the shift,
 * and find in the database exactly what was typed.
 */

const GUBERNUR = 1

const app = useBrowserApp({
  signIn: 'Koordinator',
  // The paste goes through the real system clipboard and Ctrl+V, as from Excel.
  permissions: ['clipboard-read', 'clipboard-write'],
  seed: seedFloor,
})

/** The floor the tests start from, written through the dispatcher before the browser opens. */
async function seedFloor(): Promise<void> {
  // Two teams of three, and 50.000 Gubernur sheets received so there is something to hand out.
  for (const [nama, people] of [
    ['Mawar', ['Siti Aminah', 'Budi Santoso', 'Rina Wati']],
    ['Melati', ['Joko Purnomo', 'Dewi Lestari', 'Agus Salim']],
  ] as const) {
    const team = await app.call('regu.tambah', { nama, dailyTarget: 5000 })
    for (const p of people) await app.call('pekerja.tambah', { nama: p, teamId: team.id })
  }
  await app.call('penerimaan.catat', {
    receivedAt: '2024-11-01T08:00',
    penyedia: 'PT Percetakan Contoh',
    suratJalan: 'SJ-001/XI/2024',
    lines: [{ variantId: GUBERNUR, statedQty: 50_000, countedQty: 50_000 }],
  })
}

const onPage = () => app.page
const focused = () => focusedCell(onPage())
const paste = (text: string) => pasteText(onPage(), text)
/** A cell of the Gubernur tally grid on screen: a team's row by index, or the totals row. */
const cellOf: Cell = (row, col) => tallyCells(onPage(), GUBERNUR)(row, col)
const tallyGrid = () => gridOf(onPage(), GUBERNUR)
const pressTo = (keys: string[], next: { row: string; col: string }) => pressKeysTo(onPage(), keys, next)
const typeDown = (text: string, next: { row: string; col: string }) => typeDownTo(onPage(), text, next)
const selectCell = (cell: Locator) => select(onPage(), cell)
const keysLand = (steps: [key: string, row: string, col: string][]) => keysLandIn(onPage(), steps)

const openSoFar = () => openSoFarIn(onPage(), GUBERNUR)

describe('Sortir & Rakit: shift and keyboard-first tally', () => {
  it('opens a shift, takes a keyboard and pasted tally, refuses an over-tally, closes, and stores what was typed', async () => {
    const k = app.page.keyboard
    await app.page.goto(app.url('#/shift'))
    await app.page.getByText('Belum ada shift.').waitFor()

    // Open the shift through the dialog: Gubernur, both teams, Agus Salim absent.
    await app.page.getByRole('button', { name: 'Buka shift…' }).first().click()
    const dlg = app.page.getByRole('dialog', { name: 'Buka shift' })
    await dlg.waitFor()
    expect(await dlg.getByLabel('Mulai').inputValue()).toBe('08.00')
    expect(await dlg.getByLabel('Selesai').inputValue()).toBe('16.00')
    await dlg.getByLabel('Lokasi/meja').fill('Gudang A, meja 1–4')
    await dlg.getByLabel('Pengawas').fill('Hendra Gunawan')
    await dlg.getByTestId('variant-picker').getByText('Surat suara Gubernur').click()
    // Bupati ballots exist but kotak suara is not offered for sortir-lipat.
    expect(await dlg.getByTestId('variant-picker').getByText('Kotak suara').count()).toBe(0)
    await dlg.getByText('Regu Mawar').click()
    await dlg.getByText('Regu Melati').click()
    await dlg.getByText('Pekerja hadir di regu Melati').click()
    await dlg.getByLabel('Agus Salim').uncheck()
    await dlg.getByText('2 dari 3 pekerja hadir').waitFor()
    await windowShot(app.page, 'shift-01-buka')
    await dlg.getByRole('button', { name: 'Buka shift' }).click()
    await app.page.waitForURL(/#\/shift\/\d+$/)
    const shiftId = Number(/#\/shift\/(\d+)$/.exec(app.page.url())![1])

    const opened = await app.call('shift.lihat', { id: shiftId })
    expect(opened.status).toBe('open')
    expect(opened.pengawas).toBe('Hendra Gunawan')
    expect(opened.variants.map((v) => v.variantId)).toEqual([GUBERNUR])
    expect(opened.teams.map((t) => [t.nama, t.workers.length])).toEqual([
      ['Mawar', 3],
      ['Melati', 2],
    ])

    // The grid opens ready to type in the first entry cell.
    const cell = await tallyGrid()

    // Keyboard only: Serahkan for both teams (Enter moves down), then Baik and two rusak reasons across with Tab.
    await typeDown('3000', { row: '1', col: 'serahkan' })
    await k.type('2500', { delay: 15 })
    await pressTo(['Enter', 'ArrowUp', 'ArrowUp', 'Tab'], { row: '0', col: 'hasil' })
    await k.type('1200', { delay: 15 })
    await k.press('Tab')
    await k.type('7', { delay: 15 })
    await k.press('Tab')
    await typeDown('3', { row: '1', col: 'rusak.KUSUT_SOBEK' })
    // Escape throws an edit away.
    await k.type('99', { delay: 15 })
    await k.press('Escape')
    await expect.poll(() => cell(1, 'rusak.KUSUT_SOBEK').textContent()).toBe('')
    await windowShot(app.page, 'shift-02-ketik')

    // A single value from Excel with a thousands separator, into Melati's Baik.
    await pressTo(['ArrowLeft', 'ArrowLeft'], { row: '1', col: 'hasil' })
    await paste('1.000')
    await expect.poll(() => cell(1, 'hasil').textContent()).toBe('1.000')

    // A 2×3 block from Excel (with its trailing line break) from Mawar's "Warna penanda salah".
    await pressTo(['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowUp'], { row: '0', col: 'rusak.WARNA_PENANDA' })
    await paste('2\t\t1\r\n1\t2\tdua\r\n')
    await expect.poll(() => cell(1, 'rusak.NAMA_LOGO').textContent()).toBe('2')
    await expect.poll(() => cell(0, 'rusak.WARNA_PENANDA').textContent()).toBe('2')
    await expect.poll(() => cell(0, 'rusak.NAMA_LOGO').textContent()).toBe('')
    await expect.poll(() => cell(0, 'rusak.LOGO_KPU').textContent()).toBe('1')
    await expect.poll(() => cell(1, 'rusak.WARNA_PENANDA').textContent()).toBe('1')
    // "dua" is not a number: marked at once, with the reason in the hints.
    const dua = cell(1, 'rusak.LOGO_KPU')
    await expect.poll(() => dua.textContent()).toBe('dua')
    await expect.poll(() => dua.getAttribute('class')).toContain('tally-invalid')
    await app.page.getByTestId('tally-hints').getByText('"dua" bukan angka').waitFor()
    await app.page.getByText('Ditempel 2 baris × 3 kolom').waitFor()
    await windowShot(app.page, 'shift-03-tempel')
    // Fix it by typing over it.
    await pressTo(['ArrowDown', 'ArrowRight', 'ArrowRight'], { row: '1', col: 'rusak.LOGO_KPU' })
    await k.type('1', { delay: 15 })
    await k.press('Enter')
    await expect.poll(() => dua.getAttribute('class')).not.toContain('tally-invalid')

    // The totals row sums every column as typed.
    const totals: [string, string][] = [
      ['serahkan', '5.500'],
      ['hasil', '2.200'],
      ['rusak.CETAK', '7'],
      ['rusak.KUSUT_SOBEK', '3'],
      ['rusak.WARNA_PENANDA', '3'],
      ['rusak.NAMA_LOGO', '2'],
      ['rusak.LOGO_KPU', '2'],
    ]
    for (const [col, text] of totals)
      await expect.poll(() => cell('total', col).textContent(), { message: col }).toBe(text)
    await expect.poll(() => cell('total', 'label').textContent()).toBe('Jumlah')

    // Ctrl+S saves the whole sheet in one call.
    await k.press('Control+s')
    await app.page.getByText('Tally tersimpan: 11 baris buku besar').waitFor()
    // Read-only columns follow; entry columns are empty again.
    await openSoFar()
    await expect.poll(() => cell(0, 'soFar.proses').textContent()).toBe(fmtNum(3000 - 1200 - 7 - 3 - 2 - 1))
    await expect.poll(() => cell(0, 'soFar.serah').textContent()).toBe('3.000')
    await expect.poll(() => cell(0, 'soFar.hasil').textContent()).toBe('1.200')
    await expect.poll(() => cell(0, 'soFar.rusak').textContent()).toBe('13')
    await expect.poll(() => cell(1, 'soFar.proses').textContent()).toBe(fmtNum(2500 - 1000 - 1 - 2 - 1))
    await expect.poll(() => cell(1, 'soFar.rusak').textContent()).toBe('4')
    await expect.poll(() => cell('total', 'soFar.serah').textContent()).toBe('5.500')
    await expect.poll(() => cell(0, 'serahkan').textContent()).toBe('')
    await expect.poll(() => cell(1, 'hasil').textContent()).toBe('')
    await windowShot(app.page, 'shift-04-tersimpan')

    let s = await app.call('shift.lihat', { id: shiftId })
    const tally = (team: string) => s.teams.find((t) => t.nama === team)!.tallies.find((t) => t.variantId === GUBERNUR)!
    expect(tally('Mawar')).toMatchObject({
      serah: 3000,
      hasil: 1200,
      rusak: { CETAK: 7, KUSUT_SOBEK: 3, WARNA_PENANDA: 2, LOGO_KPU: 1 },
      rusakTotal: 13,
      kembali: 0,
      proses: 1787,
    })
    expect(tally('Melati')).toMatchObject({
      serah: 2500,
      hasil: 1000,
      rusak: { WARNA_PENANDA: 1, NAMA_LOGO: 2, LOGO_KPU: 1 },
      rusakTotal: 4,
      kembali: 0,
      proses: 1496,
    })

    // A read-only number opens its ledger history.
    await cell(0, 'soFar.hasil').getByRole('button').click()
    const history = app.page.getByRole('dialog', { name: /^Riwayat: Baik/ })
    await history.getByTestId('history-table').waitFor()
    expect(await history.getByTestId('history-table').locator('tbody tr').count()).toBe(2)
    await k.press('Escape')
    await history.waitFor({ state: 'hidden' })

    // Over-tally: Melati holds 1.496, 2.000 Baik is more than that. Marked at once, then refused by the service.
    await cell(1, 'hasil').click()
    // The click opens the cell's editor, which takes the keyboard once rendered; keys typed before that are lost.
    await cell(1, 'hasil').locator('.tally-editor:focus').waitFor()
    await k.type('2000', { delay: 15 })
    await k.press('Enter')
    await expect.poll(() => cell(1, 'hasil').getAttribute('class')).toContain('tally-invalid')
    await app.page
      .getByTestId('tally-hints')
      .getByText('melebihi yang ada di tangan regu (1.496 dalam proses)')
      .waitFor()
    await windowShot(app.page, 'shift-05-melebihi')
    await app.page.getByRole('button', { name: 'Simpan tally' }).click()
    const refusal = app.page.getByTestId('tally-refusal')
    await refusal.waitFor()
    expect(await refusal.textContent()).toContain('Tally ditolak; tidak ada yang disimpan')
    expect(await refusal.textContent()).toContain(
      'Regu Melati · Baik: Regu Melati: baik + rusak + kembali = 2.000 lembar, melebihi yang ada di tangan regu (1.496 dalam proses)',
    )
    // Nothing is cleared and nothing is written.
    await expect.poll(() => cell(1, 'hasil').textContent()).toBe('2.000')
    await expect.poll(() => cell(1, 'hasil').getAttribute('class')).toContain('tally-invalid')
    await windowShot(app.page, 'shift-06-ditolak')
    s = await app.call('shift.lihat', { id: shiftId })
    expect(tally('Melati').hasil).toBe(1000)

    // Closing now is refused and names each team still holding sheets.
    await app.page.getByRole('button', { name: 'Tutup shift…' }).click()
    const tutup = app.page.getByRole('dialog', { name: /^Tutup shift/ })
    await tutup.getByRole('button', { name: 'Tutup shift' }).click()
    const tutupRefusal = tutup.getByTestId('tutup-refusal')
    await tutupRefusal.waitFor()
    expect(await tutupRefusal.textContent()).toContain('Regu Mawar: 1.787')
    expect(await tutupRefusal.textContent()).toContain('Regu Melati: 1.496')
    expect(await tutupRefusal.textContent()).toContain('Kembali (belum selesai)')
    await windowShot(app.page, 'shift-07-tutup-ditolak')
    await tutup.getByRole('button', { name: 'Batal' }).click()
    await tutup.waitFor({ state: 'hidden' })

    // Melati in fact finished 1.400 more; what remains goes back as "Kembali", typed across with Tab.
    await cell(1, 'hasil').click()
    await cell(1, 'hasil').locator('.tally-editor:focus').waitFor()
    await k.type('1400', { delay: 15 })
    await k.press('Enter')
    await expect.poll(() => cell(1, 'hasil').textContent()).toBe('1.400')
    await pressTo(['ArrowUp', 'ArrowUp'], { row: '0', col: 'hasil' })
    await pressTo(Array<string>(11).fill('Tab'), { row: '0', col: 'kembali' })
    await k.type('1787', { delay: 15 })
    await k.press('Enter')
    await k.type('96', { delay: 15 })
    await k.press('Enter')
    expect(await app.page.getByTestId('tally-hints').count()).toBe(0)
    await expect.poll(() => cell('total', 'kembali').textContent()).toBe(fmtNum(1787 + 96))
    await k.press('Control+Enter')
    await app.page.getByText('Tally tersimpan: 3 baris buku besar').waitFor()
    await expect.poll(() => cell('total', 'soFar.proses').textContent()).toBe('0')
    expect(await refusal.count()).toBe(0)

    // Close the shift.
    await app.page.getByRole('button', { name: 'Tutup shift…' }).click()
    await tutup.getByLabel('Catatan penutupan (tidak wajib)').fill('Semua regu selesai 16.05')
    await tutup.getByRole('button', { name: 'Tutup shift' }).click()
    await tutup.waitFor({ state: 'hidden' })
    await app.page.getByText('Shift sudah ditutup').waitFor()
    await app.page.getByRole('button', { name: 'Buka kembali shift…' }).first().waitFor()
    expect(await app.page.getByTestId('shift-events').textContent()).toContain('Ditutup oleh')
    // Nothing left to type into: the entry columns are gone, what went back shows instead.
    await expect.poll(() => cell(0, 'serahkan').count()).toBe(0)
    await expect.poll(() => cell(0, 'soFar.kembali').textContent()).toBe('1.787')
    await expect.poll(() => cell('total', 'soFar.rusak.WARNA_PENANDA').textContent()).toBe('3')
    // Space on a figure opens its ledger rows, keyboard only.
    // Focus the cell (its padding, not the number's button), then Space.
    await cell(1, 'soFar.rusak.NAMA_LOGO').click({ position: { x: 2, y: 2 } })
    await expect.poll(focused).toEqual({ row: '1', col: 'soFar.rusak.NAMA_LOGO' })
    await k.press(' ')
    const nameLogo = app.page.getByRole('dialog', { name: /^Riwayat: Rusak "Nama\/logo partai"/ })
    await nameLogo.getByTestId('history-table').waitFor()
    expect(await nameLogo.getByTestId('history-table').locator('tbody tr').count()).toBe(1)
    await k.press('Escape')
    await nameLogo.waitFor({ state: 'hidden' })
    await windowShot(app.page, 'shift-08-ditutup')

    // One sheet judged usable after all: re-classified with a reason, visible as such in the ledger.
    await app.page.getByRole('button', { name: 'Reklasifikasi rusak…' }).click()
    const reklas = app.page.getByRole('dialog', { name: 'Reklasifikasi rusak → layak pakai' })
    await reklas.getByLabel('Kriteria rusak semula').selectOption('WARNA_PENANDA')
    await reklas.getByLabel('Jumlah (lembar)').fill('1')
    await reklas
      .getByLabel('Alasan dinyatakan layak pakai')
      .fill('Tinta di luar kolom foto, diperiksa ulang bersama Bawaslu')
    await reklas.getByRole('button', { name: 'Simpan reklasifikasi' }).click()
    await reklas.waitFor({ state: 'hidden' })
    await app.page.getByText('1 lembar dinyatakan layak pakai').waitFor()
    const reclassified = (
      await app.call('ledger.lihatRiwayat', { variantId: GUBERNUR, place: 'BAIK', limit: 50 })
    ).rows.filter((r) => r.reason === 'REKLASIFIKASI')
    expect(reclassified.map((r) => [r.from, r.qty, r.note])).toEqual([
      ['RUSAK:WARNA_PENANDA', 1, 'Tinta di luar kolom foto, diperiksa ulang bersama Bawaslu'],
    ])

    s = await app.call('shift.lihat', { id: shiftId })
    expect(s.status).toBe('closed')
    expect(s.inProcess).toBe(0)
    expect(tally('Mawar')).toMatchObject({ serah: 3000, hasil: 1200, rusakTotal: 13, kembali: 1787, proses: 0 })
    expect(tally('Melati')).toMatchObject({
      serah: 2500,
      hasil: 2400,
      rusak: { WARNA_PENANDA: 1, NAMA_LOGO: 2, LOGO_KPU: 1 },
      kembali: 96,
      proses: 0,
    })
    expect(s.events.map((e) => [e.event, e.note])).toEqual([
      ['buka', ''],
      ['tutup', 'Semua regu selesai 16.05'],
    ])

    // The list shows it closed with its totals.
    await app.page.getByRole('link', { name: '← Semua shift' }).click()
    const row = app.page.getByTestId('shift-table').locator(`tr[data-shift="${shiftId}"]`)
    await row.waitFor()
    const rowText = await row.textContent()
    expect(rowText).toContain('Ditutup')
    expect(rowText).toContain('5.500')
    expect(rowText).toContain('3.600')

    // Beranda still renders after a day of floor work.
    await menuLink(app.page, 'Beranda').click()
    await app.page.locator('main h1').first().waitFor()
    await app.page.waitForLoadState('networkidle')
    await windowShot(app.page, 'shift-09-beranda')

    const verify = await app.call('ledger.periksa', {})
    expect(verify).toMatchObject({ ok: true, balancesMatch: true, problem: null })
    const balances = await app.call('ledger.daftarSaldo', {})
    const at = (place: string) => balances.find((b) => b.variantId === GUBERNUR && b.place === place)?.qty ?? 0
    expect(at('BAIK')).toBe(1200 + 2400 + 1)
    expect(at('RUSAK:WARNA_PENANDA')).toBe(3 - 1)
    expect(at('DITERIMA')).toBe(50_000 - 5500 + 1787 + 96)
    expect(app.errors).toEqual([])
  })
})

describe('Sortir & Rakit: typed tallies are never thrown away, and typed counts are read like pasted ones', () => {
  // The shift these tests work on, and what the page asked before it went ("tanya: …", the app's own
  // question) or the browser asked (a reload's beforeunload, accepted once `answer` says so).
  let opened: { id: number }
  let kunci = ''
  const asked: string[] = []
  let answer: 'accept' | 'dismiss' = 'dismiss'

  it('refuses typed "-5", "1,5", "٣", "5e3" as pasted ones and keeps the entries as a draft, exactly as typed', async () => {
    const page = app.page
    const k = page.keyboard
    const teams = await app.call('regu.daftar', {})
    const id = (nama: string) => teams.find((t) => t.nama === nama)!.id
    opened = await openShift(app.call, 'sortir_lipat', '2024-11-02', [GUBERNUR], [id('Mawar'), id('Melati')])
    const ledgerBefore = (await app.call('ledger.lihatRiwayat', { variantId: GUBERNUR, limit: 500 })).rows.length
    page.on('dialog', (d) => {
      asked.push(`${d.type()}: ${d.message()}`)
      void (answer === 'accept' ? d.accept() : d.dismiss())
    })

    await page.goto(app.url(`#/shift/${opened.id}`))
    const cell = await tallyGrid()

    // A team's tally typed and pasted, as on the first day.
    await typeDown('3000', { row: '1', col: 'serahkan' })
    await paste('2.500\t1.200')
    await expect.poll(() => cell(1, 'hasil').textContent()).toBe('1.200')

    // Typed into damage cells from the keyboard: the first key starts the edit and is kept, like Excel.
    const typedCases: [string, string][] = [
      ['rusak.CETAK', '-5'],
      ['rusak.KUSUT_SOBEK', '1,5'],
      ['rusak.WARNA_PENANDA', '5e3'],
    ]
    for (const [col, text] of typedCases) {
      await selectCell(cell(0, col))
      await expect.poll(focused).toEqual({ row: '0', col })
      // The first key opens the editor and is kept in it; the rest is typed into the editor.
      await k.press(text[0]!)
      await cell(0, col).locator('.tally-editor:focus').waitFor()
      expect(await cell(0, col).locator('.tally-editor').inputValue()).toBe(text[0])
      await k.type(text.slice(1), { delay: 15 })
      await k.press('Enter')
      await expect.poll(() => cell(0, col).textContent(), { message: col }).toBe(text)
    }
    // Arabic-Indic three: not on the keyboard, so put into the open editor as an input method would.
    await cell(0, 'rusak.NAMA_LOGO').click()
    await cell(0, 'rusak.NAMA_LOGO').locator('.tally-editor:focus').waitFor()
    await k.insertText('٣')
    await k.press('Enter')
    await expect.poll(() => cell(0, 'rusak.NAMA_LOGO').textContent()).toBe('٣')
    // The same texts pasted into Melati's row: the same marks and the same words.
    await selectCell(cell(1, 'rusak.CETAK'))
    await paste('-5\t1,5\t5e3\t٣')
    const hints = page.getByTestId('tally-hints')
    for (const [col, text, says] of [
      ['rusak.CETAK', '-5', '"-5": jumlah tidak boleh negatif'],
      ['rusak.KUSUT_SOBEK', '1,5', '"1,5" bukan bilangan bulat; tulis tanpa desimal, mis. 1234 atau 1.234'],
      ['rusak.WARNA_PENANDA', '5e3', '"5e3" bukan angka; isi dengan bilangan bulat, mis. 1234'],
      ['rusak.NAMA_LOGO', '٣', '"٣" bukan angka; isi dengan bilangan bulat, mis. 1234'],
    ] as const) {
      for (const row of [0, 1]) {
        await expect.poll(() => cell(row, col).textContent(), { message: `${row} ${col}` }).toBe(text)
        await expect.poll(() => cell(row, col).getAttribute('class')).toContain('tally-invalid')
      }
      expect(await hints.getByText(says).count(), says).toBe(2)
    }
    await windowShot(page, 'shift-10-ketik-sama-dengan-tempel')
    await page.getByRole('button', { name: 'Simpan tally' }).click()
    await page.getByTestId('tally-refusal').getByText('8 sel bukan bilangan bulat').waitFor()
    expect((await app.call('ledger.lihatRiwayat', { variantId: GUBERNUR, limit: 500 })).rows.length).toBe(ledgerBefore)

    // Kept as a draft while typing, exactly as typed.
    await page
      .getByTestId('tally-draf')
      .getByText(/^Draf tersimpan/)
      .waitFor()
    kunci = `${opened.id}:${GUBERNUR}`
    await expect
      .poll(async () => (await app.call('draf.lihat', { jenis: 'tally', kunci })).bagian[`t:${id('Mawar')}`])
      .toEqual({
        serahkan: '3000',
        'rusak.CETAK': '-5',
        'rusak.KUSUT_SOBEK': '1,5',
        'rusak.WARNA_PENANDA': '5e3',
        'rusak.NAMA_LOGO': '٣',
      })
    expect(app.errors).toEqual([])
  })

  // One sheet, followed through three tests so that a slow step under load is named by its test.
  it('asks before the page goes, and restores the draft after leaving and coming back', async () => {
    const page = app.page
    const cell = cellOf
    // Beranda: the page asks first (the app's own question, not the browser's); staying keeps everything.
    await menuLink(page, 'Beranda').click()
    asked.push(`tanya: ${await answerLeave(page, 'stay')}`)
    expect(asked).toEqual([
      expect.stringMatching(/^tanya: Isian tally .* belum disimpan\. Isian tetap disimpan sebagai draf/),
    ])
    expect(page.url()).toContain(`#/shift/${opened.id}`)
    await expect.poll(() => cell(1, 'serahkan').textContent()).toBe('2.500')
    // Leaving, then coming back: the draft is restored, with a notice.
    answer = 'accept'
    await menuLink(page, 'Beranda').click()
    asked.push(`tanya: ${await answerLeave(page, 'leave')}`)
    await page.waitForURL(/#\/beranda$/)
    await page.goBack()
    await page.getByTestId('tally-draf-dipulihkan').waitFor()
    await expect.poll(() => cell(0, 'serahkan').textContent()).toBe('3.000')
    await expect.poll(() => cell(1, 'serahkan').textContent()).toBe('2.500')
    await expect.poll(() => cell(1, 'hasil').textContent()).toBe('1.200')
    await expect.poll(() => cell(0, 'rusak.CETAK').textContent()).toBe('-5')
    await windowShot(page, 'shift-11-draf-dipulihkan')
    expect(app.errors).toEqual([])
  })

  it('restores the draft after a reload; keys move as in Excel; a grey figure says why it takes no typing', async () => {
    const page = app.page
    const k = page.keyboard
    const cell = cellOf
    // A reload (or a crash, or another window) finds it too.
    await page.reload()
    await page.getByTestId('tally-draf-dipulihkan').waitFor()
    expect(await page.getByTestId('tally-draf-dipulihkan').textContent()).toContain('2 baris diketik oleh')
    await expect.poll(() => cell(1, 'hasil').textContent()).toBe('1.200')
    await expect.poll(() => cell(1, 'rusak.NAMA_LOGO').textContent()).toBe('٣')

    // Keys as in Excel: Home, End, Ctrl+Home, Ctrl+End and Ctrl+arrows over the data.
    await selectCell(cell(0, 'serahkan'))
    await keysLand([
      ['End', '0', 'kembali'],
      ['Home', '0', 'label'],
      ['Control+ArrowRight', '0', 'serahkan'],
      ['Control+ArrowRight', '0', 'rusak.CETAK'],
      ['Control+ArrowDown', '1', 'rusak.CETAK'],
      // Melati's row is filled from its name to here: one run, so Ctrl+← goes to its start.
      ['Control+ArrowLeft', '1', 'label'],
      ['Control+End', '1', 'kembali'],
      ['Control+Home', '0', 'label'],
    ])
    // A grey figure takes no typing, and says why.
    await openSoFar()
    await cell(0, 'soFar.serah').click({ position: { x: 2, y: 2 } })
    await expect.poll(focused).toEqual({ row: '0', col: 'soFar.serah' })
    await k.press('7')
    await page.getByText('Kolom "Diserahkan" hanya dibaca: angkanya dari buku besar shift ini.').waitFor()
    await windowShot(page, 'shift-12-kolom-baca-saja')
    expect(app.errors).toEqual([])
  })

  it('fixed and saved, the draft is gone and a reload shows an empty sheet', async () => {
    const page = app.page
    const k = page.keyboard
    const cell = cellOf
    const hints = page.getByTestId('tally-hints')
    for (const row of [0, 1]) {
      await selectCell(cell(row, 'rusak.CETAK'))
      await paste('5\t\t\t')
    }
    await expect.poll(() => hints.count()).toBe(0)
    await k.press('Control+s')
    await page.getByText('Tally tersimpan: 5 baris buku besar').waitFor()
    await expect.poll(() => app.call('draf.lihat', { jenis: 'tally', kunci })).toMatchObject({ bagian: {} })
    expect(await page.getByTestId('tally-draf-dipulihkan').count()).toBe(0)
    const s = await app.call('shift.lihat', { id: opened.id })
    const mawar = s.teams.find((t) => t.nama === 'Mawar')!.tallies[0]!
    expect(mawar).toMatchObject({ serah: 3000, hasil: 0, rusak: { CETAK: 5 }, rusakTotal: 5 })
    // Target progress is good sheets against the target, as on Beranda: Melati's 5 damaged sheets do not count.
    const targets = page.getByTestId('targets')
    await expect.poll(() => targets.textContent()).toMatch(/Regu Melati\s*1\.200 \/ 5\.000 \(24\s?%\)/)
    expect(await targets.textContent()).not.toMatch(/Regu Regu/)
    await page.reload()
    await cell(0, 'serahkan').waitFor()
    await openSoFar()
    await expect.poll(() => cell('total', 'soFar.serah').textContent()).toBe('5.500')
    expect(await page.getByTestId('tally-draf-dipulihkan').count()).toBe(0)
    expect(asked.filter((a) => a.startsWith('tanya')).length).toBe(2)
    expect(asked.filter((a) => a.startsWith('confirm'))).toEqual([])
    expect(app.errors).toEqual([])
  })

  /** Types a team's Serahkan and goes to Beranda, answering the page's question by leaving. */
  const typeThenLeave = async (row: number, serahkan: string) => {
    const page = app.page
    await selectCell(cellOf(row, 'serahkan'))
    await page.keyboard.type(serahkan)
    await page.keyboard.press('Enter')
    await expect.poll(() => cellOf(row, 'serahkan').textContent()).toBe(serahkan)
    await menuLink(page, 'Beranda').click()
    await answerLeave(page, 'leave')
    await page.waitForURL(/#\/beranda$/)
  }

  it('opened again while its draft is still on its way to the host, the sheet waits for it instead of opening empty', async () => {
    const page = app.page
    // A slow link for draft writes only: leaving the shift flushes the draft, and the read on coming back
    // would otherwise reach the host first (reads are answered at once, writes wait for their group commit)
    // and find nothing.
    await page.route('**/api/draf.simpan', async (route) => {
      await new Promise((r) => setTimeout(r, 1_500))
      await route.continue()
    })
    try {
      await typeThenLeave(0, '700')
      await page.goBack()
      await page.getByTestId('tally-draf-dipulihkan').waitFor({ timeout: 10_000 })
      await expect.poll(() => cellOf(0, 'serahkan').textContent()).toBe('700')
    } finally {
      await page.unroute('**/api/draf.simpan')
    }
    expect(app.errors).toEqual([])
  })

  it('a draft write that never comes back holds the restore a few seconds, not for ever', async () => {
    const page = app.page
    // The draft holds Mawar's 700 (above). Melati's row is typed, and its write is held on the way, as by a
    // host gone quiet mid-request; the sheet opened again still restores what the host has.
    const held: Route[] = []
    await page.route('**/api/draf.simpan', (route) => void held.push(route))
    try {
      await typeThenLeave(1, '900')
      await expect.poll(() => held.length).toBeGreaterThan(0)
      await page.goBack()
      await page.getByTestId('tally-draf-dipulihkan').waitFor({ timeout: 15_000 })
      await expect.poll(() => cellOf(0, 'serahkan').textContent()).toBe('700')
    } finally {
      for (const route of held) await route.continue()
      await page.unroute('**/api/draf.simpan')
    }
    // Let go, the held write lands too: nothing typed is lost.
    await expect
      .poll(async () => Object.keys((await app.call('draf.lihat', { jenis: 'tally', kunci })).bagian).length)
      .toBe(2)
    await app.call('draf.hapus', { jenis: 'tally', kunci })
    expect(app.errors).toEqual([])
  })
})
