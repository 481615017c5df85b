import { describe, expect, it } from 'vitest'
import { useBrowserApp } from './support/app'
import { fullShot } from './support/browser'

/**
 * A coordinator's first minutes on an office PC set up in English (Chromium started with --lang=en-US):
 * `npm start` opens the demo, and README says its users' PINs are on the sign-in screen, marked as demo.
 * Signing in needs nothing else; a wrong PIN keeps the focus in the PIN box. Every date, time and number
 * on screen is still written the Indonesian way.
 */

const app = useBrowserApp({ lang: 'en-US' })

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
