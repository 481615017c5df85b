import { describe, expect, it } from 'vitest'
import { useBrowserApp } from './support/app'
import { fullShot } from './support/browser'
import { openShift, receive, variantIdsByCode } from '../support/floor'
import { settled, tourPages, type TourIds } from './support/pages'

/**
 * A coordinator's first minutes on an office PC set up in English (Chromium started with --lang=en-US):
 * `npm start` opens the demo, and README says its users' PINs are on the sign-in screen, marked as demo.
 * Signing in needs nothing else; a wrong PIN keeps the focus in the PIN box. Every date, time and number
 * on screen is still written the Indonesian way.
 */

const ids: TourIds = { penerimaanId: 0, shiftId: 0 }

const app = useBrowserApp({
  lang: 'en-US',
  actor: 'Kasubbag Logistik',
  async seed(a) {
    const gub = (await variantIdsByCode(a.call)).GUBERNUR!
    ids.penerimaanId = (await receive(a.call, '2024-11-01T15:30', [[gub, 12_000, 11_950]])).id
    const team = await a.call('regu.tambah', { nama: 'Mawar', dailyTarget: 6_000 })
    await a.call('pekerja.tambah', { nama: 'Siti Aminah', teamId: team.id })
    // Its own hours: the shift page must write them as the floor does (08.00–17.30).
    ids.shiftId = (await openShift(a.call, 'sortir_lipat', '2024-11-02', [gub], [team.id], { selesai: '17:30' })).id
    await a.call('tally.simpan', {
      shiftId: ids.shiftId,
      variantId: gub,
      rows: [{ teamId: team.id, serahkan: 2_500, hasil: 1_234, rusak: { CETAK: 6 } }],
    })
  },
})

/** What an en-US browser would write where the app must write id-ID: 12-hour clocks, "08:00", US dates, English names, "1,234". */
const FOREIGN: [string, RegExp][] = [
  ['jam 12 (AM/PM)', /\b\d{1,2}[.:]\d{2}\s?(AM|PM)\b/i],
  ['jam dengan titik dua', /\b\d{1,2}:\d{2}\b/],
  ['tanggal bb/hh/tttt', /\b(0?[1-9]|1[0-2])\/(1[3-9]|2\d|3[01])\/\d{4}\b/],
  // en-US writes a date as "11/2/2024": no leading zero, so a day of 1–12 is caught too.
  ['tanggal tanpa nol di depan (gaya en-US)', /\b(\d\/\d{1,2}|\d{2}\/\d)\/\d{4}\b/],
  // The seed's days (1 and 2 November 2024) month first, as en-US pads them.
  ['tanggal contoh bulan dulu', /\b11\/0[12]\/2024\b/],
  [
    'nama hari/bulan Inggris',
    /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|May|June|July|August|October|December|Aug|Oct|Dec)\b/,
  ],
  ['ribuan dengan koma', /\b\d{1,3},\d{3}\b/],
]

describe('signing in to the demo as a newcomer', () => {
  it('the switcher shows the demo PINs, marked as demo; a wrong PIN keeps the focus in the box', async () => {
    const page = app.page
    await page.goto(app.url('#/beranda'))
    await page.getByTestId('user-chip').click()
    const dialog = page.getByRole('dialog', { name: 'Ganti pengguna' })
    await expect.poll(() => dialog.getByTestId('demo-pins').textContent()).toContain('Pemilihan demo')
    const koordinator = dialog.getByRole('button', { name: /Kasubbag Logistik/ })
    await expect.poll(() => koordinator.textContent()).toContain('PIN demo 202411')
    // Operators have no PIN, and nothing marks them.
    expect(await dialog.getByRole('button', { name: /Operator Sortir/ }).textContent()).not.toContain('PIN')
    await fullShot(page, 'newcomer-switcher', { fullPage: false })

    await koordinator.click()
    const pin = dialog.getByLabel('PIN Kasubbag Logistik')
    await expect.poll(() => dialog.textContent()).toContain('PIN demo: 202411')
    await pin.fill('000000')
    await pin.press('Enter')
    await expect.poll(() => dialog.textContent()).toContain('PIN salah')
    expect(await pin.evaluate((el) => el === document.activeElement)).toBe(true)
    // The person types again without reaching for the mouse.
    await page.keyboard.type('202411')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('user-chip').textContent()).toContain('Kasubbag Logistik')
    expect(app.errors).toEqual([])
  })
})

describe('an office PC set up in English (locale guard)', () => {
  // One page a test, so a slow page on a busy machine costs its own test, not all ten.
  const TEN = [
    'beranda',
    'penerimaan',
    'penerimaan-detail',
    'shift',
    'shift-detail',
    'pekerja',
    'kemas',
    'dokumen',
    'cadangan',
    'pengguna',
  ]
  const PAGES = tourPages(ids).filter(([name]) => TEN.includes(name))

  it.each(PAGES)('every date, time and number on %s is still written the Indonesian way', async (name, hash) => {
    const page = app.page
    expect(await page.evaluate(() => navigator.language)).toBe('en-US')
    await page.goto(app.url(hash()))
    await settled(page)
    const text = await page.locator('.app-shell, .shell').first().innerText()
    const found: string[] = []
    for (const [what, re] of FOREIGN) {
      const m = re.exec(text)
      if (m) found.push(`${name}: ${what} "${text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 10)}"`)
    }
    expect(found).toEqual([])
    expect(app.errors).toEqual([])
  })

  it("the shift's own hours are there, as the floor writes them", async () => {
    const page = app.page
    await page.goto(app.url(`#/shift/${ids.shiftId}`))
    await expect.poll(() => page.locator('.app-main').innerText()).toContain('08.00–17.30')
    await fullShot(page, 'newcomer-en-US-shift', { clearToasts: true })
    expect(app.errors).toEqual([])
  })
})

describe('date and time boxes on an office PC set up in English (locale guard)', () => {
  /** Every date or time box on the page: none native (they follow the browser: 11/05/2024, 08:00 AM), each read the Indonesian way. */
  async function boxes(page: typeof app.page, where: string): Promise<string[]> {
    const found: string[] = []
    const native = await page.locator('input[type=date], input[type=time], input[type=datetime-local]').count()
    if (native > 0) found.push(`${where}: ${native} kotak tanggal/jam bawaan peramban`)
    for (const v of await page
      .locator('input.date-input')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)))
      if (!/^(\d{2}\/\d{2}\/\d{4})?$/.test(v)) found.push(`${where}: tanggal "${v}"`)
    for (const v of await page
      .locator('input.time-input')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)))
      if (!/^(\d{2}\.\d{2})?$/.test(v)) found.push(`${where}: jam "${v}"`)
    return found
  }

  it('every date and time box of the main pages reads dd/mm/yyyy and 24-hour 08.00', { timeout: 30_000 }, async () => {
    const page = app.page
    const found: string[] = []
    const open = async (hash: string, heading?: string) => {
      await page.goto(app.url(hash))
      await page.locator('.app-main h1').first().waitFor()
      if (heading) await page.getByText(heading).first().waitFor()
    }
    await open('#/shift')
    expect(await page.locator('input.date-input').count()).toBeGreaterThanOrEqual(2)
    found.push(...(await boxes(page, 'shift')))
    await page.getByRole('button', { name: 'Buka shift…' }).first().click()
    const dlg = page.getByRole('dialog', { name: /Buka shift/ })
    await dlg.getByLabel('Mulai').waitFor()
    expect(await dlg.getByLabel('Mulai').inputValue()).toBe('08.00')
    found.push(...(await boxes(page, 'buka shift')))
    await fullShot(page, 'newcomer-en-US-buka-shift', { fullPage: false })
    await page.keyboard.press('Escape')

    await open('#/penerimaan/baru')
    await page.getByLabel('Tanggal diterima').waitFor()
    expect(await page.getByLabel('Tanggal diterima').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/)
    found.push(...(await boxes(page, 'penerimaan baru')))
    for (const [hash, name] of [
      ['#/pekerja', 'pekerja'],
      ['#/dokumen', 'dokumen'],
      ['#/pemusnahan', 'pemusnahan'],
      ['#/kemas', 'kemas'],
    ] as const) {
      await open(hash)
      found.push(...(await boxes(page, name)))
    }
    expect(found).toEqual([])
    expect(app.errors).toEqual([])
  })

  it('a date is typed day first or picked from the calendar, and a wrong one is refused in Bahasa Indonesia', async () => {
    const page = app.page
    await page.goto(app.url('#/pekerja'))
    const box = page.getByLabel('Tanggal', { exact: true })
    await box.waitFor()
    const section = page.locator('section', { has: box })
    await box.fill('5-11-2024')
    await box.press('Tab')
    expect(await box.inputValue()).toBe('05/11/2024')
    await expect.poll(() => section.textContent()).toContain('Selasa, 5 November 2024')

    // The US order is refused, not read as 25 November or swapped.
    await box.fill('11/25/2024')
    await box.press('Tab')
    await expect.poll(() => section.textContent()).toContain('Bulan 25 tidak ada; tulis hari dulu, lalu bulan (01–12)')
    expect(await box.getAttribute('aria-invalid')).toBe('true')
    await fullShot(page, 'newcomer-en-US-tanggal-salah', { fullPage: false })

    // Keyboard only: ↑ a day on; Alt+↓ opens the calendar, → and Enter pick the next day.
    await box.fill('05/11/2024')
    await box.press('ArrowUp')
    expect(await box.inputValue()).toBe('06/11/2024')
    await box.press('Alt+ArrowDown')
    const calendar = page.getByRole('dialog', { name: 'November 2024' })
    await calendar.waitFor()
    expect(
      await calendar
        .getByRole('button', { name: 'Rabu, 6 November 2024' })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true)
    await fullShot(page, 'newcomer-en-US-kalender', { fullPage: false })
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await calendar.waitFor({ state: 'detached' })
    expect(await box.inputValue()).toBe('07/11/2024')
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true)
    await expect.poll(() => section.textContent()).toContain('Kamis, 7 November 2024')
    expect(app.errors).toEqual([])
  })
})
