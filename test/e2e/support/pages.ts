import type { Page } from 'playwright-core'

/**
 * The pages a tour of the app visits: every page of the menu, and the detail pages a coordinator opens
 * most, of a delivery and a shift the test seeded. The ids are filled in by the seed (before the browser
 * opens), so each entry's hash is read when a test runs.
 */
export interface TourIds {
  penerimaanId: number
  shiftId: number
}

/** The tour's pages in order; each opens at `#/<name>` but the three detail and form pages. */
const TOUR = [
  'beranda',
  'penerimaan',
  'penerimaan-detail',
  'penerimaan-baru',
  'shift',
  'shift-detail',
  'pekerja',
  'kemas',
  'serah-terima',
  'pemusnahan',
  'dokumen',
  'wilayah',
  'kebutuhan',
  'pengaturan',
  'pengguna',
  'cadangan',
  'integritas',
  'cek-dokumen',
]

export function tourPages(ids: TourIds): [name: string, hash: () => string][] {
  const own: Record<string, () => string> = {
    'penerimaan-detail': () => `#/penerimaan/${ids.penerimaanId}`,
    'penerimaan-baru': () => '#/penerimaan/baru',
    'shift-detail': () => `#/shift/${ids.shiftId}`,
  }
  return TOUR.map((name) => [name, own[name] ?? (() => `#/${name}`)])
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
