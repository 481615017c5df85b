import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Download,
  type Locator,
  type Page,
  type Request,
} from 'playwright-core'
import { ROOT } from '../../support/paths'
import { ensureBuilt } from '../../support/build'

export { DEMO_CSV, ROOT } from '../../support/paths'
export const STATIC_DIR = join(ROOT, 'out', 'renderer')
export const SHOTS = join(ROOT, 'test-results', 'e2e')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** `npm test` builds first; a developer running one e2e file alone gets a build when a source changed since. */
export function ensureBuiltUi(): void {
  mkdirSync(SHOTS, { recursive: true })
  ensureBuilt()
}

/**
 * Debian's Chromium with the flags this machine's closed network needs; real scrollbars, as on the office PCs.
 * `lang` is the browser's own language (`--lang`), which is what native date and time boxes follow.
 */
export function launchChromium(lang?: string): Promise<Browser> {
  return chromium.launch(launchOptions(lang))
}

/**
 * The same Chromium with a profile on disk (`dir`) that outlives each page, as an office PC's browser or the
 * Electron window has: its HTTP cache and V8's cache of compiled scripts carry over from one start to the next
 * (a context from `launchChromium` is incognito and keeps neither on disk).
 */
export function launchChromiumProfile(
  dir: string,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, { ...launchOptions(), viewport, locale: 'id-ID' })
}

function launchOptions(lang?: string) {
  return {
    executablePath: CHROMIUM,
    args: [
      ...(lang ? [`--lang=${lang}`] : []),
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ignoreDefaultArgs: ['--hide-scrollbars'],
  }
}

/** Collects what must never happen on a page: uncaught errors, console errors and AG Grid's misuse warnings. */
export function watchPage(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`[pageerror] ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' || (m.type() === 'warning' && m.text().startsWith('AG Grid')))
      errors.push(`[console ${m.type()}] ${m.text()}`)
  })
}

/** The API method a request of the app calls ("wilayah.lihatRingkasan" of ".../api/wilayah.lihatRingkasan"). */
export const apiMethodOf = (url: string): string | undefined => /\/api\/([^/?]+)/.exec(url)?.[1]

/**
 * What a page did, for the report of a test that fails: each API call with its answer's status and time,
 * each change of address. (Not its dialogs: a listener on them would have to answer each, and the tests
 * answer their own.) A failure under load (a wait that timed out) then says what the page
 * was doing instead of only where the test stopped. Bounded: the last JOURNAL_SIZE lines.
 */
export function journalPage(page: Page, journal: string[]): void {
  const add = (line: string) => {
    journal.push(`${new Date().toISOString().slice(11, 23)}  ${line}`)
    if (journal.length > JOURNAL_SIZE) journal.splice(0, journal.length - JOURNAL_SIZE)
  }
  const sent = new Map<Request, number>()
  page.on('request', (r) => {
    const m = apiMethodOf(r.url())
    if (!m) return
    sent.set(r, Date.now())
    add(`→ ${m} ${(r.postData() ?? '').slice(0, 120)}`)
  })
  page.on('requestfinished', (r) => {
    const m = apiMethodOf(r.url())
    if (!m) return
    const ms = Date.now() - (sent.get(r) ?? Date.now())
    sent.delete(r)
    void r
      .response()
      .then((res) => add(`← ${m} ${res?.status() ?? '?'} after ${ms} ms`))
      .catch(() => {})
  })
  page.on('requestfailed', (r) => {
    const m = apiMethodOf(r.url())
    if (m) add(`✗ ${m} ${r.failure()?.errorText ?? ''}`)
    sent.delete(r)
  })
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) add(`at ${new URL(f.url()).hash || '/'}`)
  })
}
const JOURNAL_SIZE = 200

export interface ShotOptions {
  /** Close the success toasts first (with these options), so they do not cover what the shot is for. */
  clearToasts?: boolean | ClearToastsOptions
  /** Playwright's fullPage (on unless said otherwise). */
  fullPage?: boolean
  /** The tallest the window grows to, in pixels. */
  maxHeight?: number
}

/** The app scrolls inside its main pane; grow the window to the page's height while `shoot` runs, then give it back. */
async function grownWindow(page: Page, shoot: () => Promise<unknown>, opts: ShotOptions): Promise<void> {
  await toastsFirst(page, opts)
  const main = page.locator('.app-main, .fullpage').first()
  const h = await main.evaluate((el) => el.scrollHeight + el.getBoundingClientRect().top)
  const size = page.viewportSize() ?? { width: 1366, height: 768 }
  await page.setViewportSize({
    width: size.width,
    height: Math.max(size.height, Math.ceil(Math.min(h, opts.maxHeight ?? Infinity))),
  })
  await shoot()
  await page.setViewportSize(size)
}

const shotPath = (name: string) => join(SHOTS, `${name}.png`)

async function toastsFirst(page: Page, { clearToasts: clear }: Pick<ShotOptions, 'clearToasts'>): Promise<void> {
  if (clear) await clearToasts(page, clear === true ? {} : clear)
}

/** The whole page: the window grows to the page's height so the shot shows everything. */
export async function fullShot(page: Page, name: string, opts: ShotOptions = {}): Promise<void> {
  await grownWindow(page, () => page.screenshot({ path: shotPath(name), fullPage: opts.fullPage ?? true }), opts)
}

/** One section, whole: the window grows to the page's height first so nothing is cut or overlaid by the header. */
export async function sectionShot(
  page: Page,
  section: Locator,
  name: string,
  opts: Omit<ShotOptions, 'fullPage'> = {},
): Promise<void> {
  await grownWindow(page, () => section.screenshot({ path: shotPath(name) }), opts)
}

/** What the window shows, as it is. */
export async function windowShot(page: Page, name: string, opts: Pick<ShotOptions, 'clearToasts'> = {}): Promise<void> {
  await toastsFirst(page, opts)
  await page.screenshot({ path: shotPath(name) })
}

export interface ClearToastsOptions {
  /**
   * Close the first toast still there and look again, at most this many times, instead of closing, once
   * each, the toasts there when it starts.
   */
  oneAtATime?: number
}

/** Success toasts linger six seconds; they would cover what a screenshot is for. */
export async function clearToasts(page: Page, opts: ClearToastsOptions = {}): Promise<void> {
  const close = page.getByRole('button', { name: 'Tutup pemberitahuan' })
  if (opts.oneAtATime !== undefined) {
    for (let i = 0; i < opts.oneAtATime && (await close.count()) > 0; i++)
      await close
        .first()
        .click({ timeout: 1_000 })
        .catch(() => {})
    return
  }
  for (const button of await close.all()) await button.click({ timeout: 1_000 }).catch(() => {})
}

export interface SavedDownload {
  download: Download
  /** The file name the app suggested. */
  name: string
  /** Where it was saved. */
  path: string
}

/** Clicks, waits for the download the click starts and saves it in `dir` under the name the app suggests. */
export async function downloadTo(page: Page, dir: string, click: () => Promise<unknown>): Promise<SavedDownload> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  const name = download.suggestedFilename()
  const path = join(dir, name)
  await download.saveAs(path)
  return { download, name, path }
}

/** A link of the main menu. */
export const menuLink = (page: Page, name: string): Locator =>
  page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name, exact: true })

/** A figure as the screen writes it (id-ID) back to a number: "1.234.567" -> 1234567. */
export const num = (text: string | null): number => Number((text ?? '').replace(/[^\d-]/g, ''))

/** A number as the screen writes it (id-ID): 1234567 -> "1.234.567". */
export const fmtNum = (n: number): string => new Intl.NumberFormat('id-ID').format(n)
