import { describe, expect, it } from 'vitest'
import { useBrowserApp } from './support/app'

/**
 * Times on screen on the satker's clock (issue 15, "dates in one time zone"; issue 14, id-ID whatever the
 * PC): Chromium runs as a PC set to Los Angeles, the election is in Makassar (WITA). A shift opened at
 * 00:00 UTC on 5 November was opened at 08.00 on the warehouse wall (16.00 on the 4th in Los Angeles,
 * 00.00 in UTC); the page says 08.00, and 09.00 once the satker's zone is changed to WIT. The browser's
 * own clock is held at 22:30 UTC on the 4th: a new shift's date starts at the 5th, the warehouse's today,
 * not the 4th of the PC.
 */
const OPENED = new Date('2024-11-05T00:00:00Z')
let shiftId = 0

const app = useBrowserApp({
  signIn: 'Koordinator',
  timezoneId: 'America/Los_Angeles',
  now: () => OPENED,
  // The zone changed from elsewhere reaches the open page as it would from another window.
  liveUpdates: true,
  seed: async (a) => {
    await a.call('pemilihan.ubah', { zonaWaktu: 'WITA' })
    const team = await a.call('regu.tambah', { nama: 'Mawar' })
    const shift = await a.call('shift.buka', {
      kind: 'sortir_lipat',
      tanggal: '2024-11-05',
      mulai: '08:00',
      selesai: '16:00',
      variantIds: [1],
      teams: [{ teamId: team.id }],
    })
    shiftId = shift.id
  },
})

describe("times on screen on a PC in another zone than the satker's", () => {
  it('shows when a shift was opened on the satker’s clock, and follows a change of its zone', async () => {
    const page = app.page
    await page.clock.setFixedTime(new Date('2024-11-04T22:30:00Z'))
    await page.goto(app.url(`#/shift/${shiftId}`))
    const events = page.getByTestId('shift-events')
    await expect.poll(() => events.textContent()).toContain('oleh e2e · 5 Nov 2024, 08.00')

    await app.call('pemilihan.ubah', { zonaWaktu: 'WIT' })
    await expect.poll(() => events.textContent()).toContain('oleh e2e · 5 Nov 2024, 09.00')

    // Today, as a new shift's date starts, is the warehouse's (5 November in WIT), not the PC's 4th.
    await page.goto(app.url('#/shift'))
    await page.getByRole('button', { name: 'Buka shift…' }).first().click()
    const dlg = page.getByRole('dialog', { name: 'Buka shift' })
    expect(await dlg.getByLabel('Tanggal').inputValue()).toBe('05/11/2024')
    expect(app.errors).toEqual([])
  })
})
