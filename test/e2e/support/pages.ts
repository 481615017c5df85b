import type { Page } from 'playwright-core'
import { ROUTES } from '../../../src/ui/routes'

/**
 * The pages a tour of the app visits: every page of the menu, and the detail pages a coordinator opens
 * most, of a delivery and a shift the test seeded. The ids are filled in by the seed (before the browser
 * opens), so each entry's hash is read when a test runs.
 */
export interface TourIds {
  penerimaanId: number
  shiftId: number
}

export function tourPages(ids: TourIds): [name: string, hash: () => string][] {
  const own: Record<string, () => string> = {
    'penerimaan-detail': () => `#/penerimaan/${ids.penerimaanId}`,
    'penerimaan-baru': () => '#/penerimaan/baru',
    'shift-detail': () => `#/shift/${ids.shiftId}`,
  }
  // Every route in the menu's order, each detail and form page right after the page it opens from.
  const tour = ROUTES.flatMap((r) => [r, ...Object.keys(own).filter((name) => name.startsWith(`${r}-`))])
  return tour.map((name) => [name, own[name] ?? (() => `#/${name}`)])
}

/**
 * Waits until the page on screen has drawn: its heading is there and its loading marker gone (a page
 * with nothing to load has none; one that never stops loading is judged as it stands after 10 s).
 */
export async function settled(page: Page): Promise<void> {
  await page.locator('.app-main h1').first().waitFor()
  await page
    .locator('.app-main .loading')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => {})
}
