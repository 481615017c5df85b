import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { MethodInput, MethodName, MethodOutput } from '../../../src/api/contract'
import type { OpenedApp } from '../../../src/api/app'

export const ROOT = resolve(__dirname, '../../..')
export const STATIC_DIR = join(ROOT, 'out', 'renderer')
export const DEMO_CSV = join(ROOT, 'resources', 'demo', 'tps-batubara-2024.csv')
export const SHOTS = join(ROOT, 'test-results', 'e2e')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

function newestMtime(path: string): number {
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  return Math.max(0, ...readdirSync(path).map((n) => newestMtime(join(path, n))))
}

/** `npm test` builds first; a developer running one e2e file alone gets a build when the UI changed since. */
export function ensureBuiltUi(): void {
  mkdirSync(SHOTS, { recursive: true })
  const index = join(STATIC_DIR, 'index.html')
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(ROOT, 'src', 'ui'))) return
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`electron-vite build gagal:\n${r.stdout}\n${r.stderr}`)
}

/** Debian's Chromium with the flags this machine's closed network needs; real scrollbars, as on the office PCs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ignoreDefaultArgs: ['--hide-scrollbars'],
  })
}

/** Collects what must never happen on a page: uncaught errors, console errors and AG Grid's misuse warnings. */
export function watchPage(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`[pageerror] ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' || (m.type() === 'warning' && m.text().startsWith('AG Grid'))) errors.push(`[console ${m.type()}] ${m.text()}`)
  })
}

/** Calls the app's dispatcher as the machine itself (transport 'test'), throwing on a refusal. */
export function apiOf(app: () => OpenedApp, actor = 'e2e') {
  return async function api<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const res = await app().dispatcher.call(method, input, { actor, transport: 'test' })
    if (!res.ok) throw new Error(`${method}: ${res.error.message} ${JSON.stringify(res.error.details ?? [])}`)
    return res.result as MethodOutput<M>
  }
}

/** The app scrolls inside its main pane; grow the window to the page's height so the shot shows everything. */
export async function fullShot(page: Page, name: string): Promise<void> {
  const main = page.locator('.app-main, .fullpage').first()
  const h = await main.evaluate((el) => el.scrollHeight + el.getBoundingClientRect().top)
  const size = page.viewportSize() ?? { width: 1366, height: 768 }
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.ceil(h)) })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  await page.setViewportSize(size)
}

/** Success toasts linger six seconds; they would cover what a screenshot is for. */
export async function clearToasts(page: Page): Promise<void> {
  for (const close of await page.getByRole('button', { name: 'Tutup pemberitahuan' }).all()) await close.click({ timeout: 1_000 }).catch(() => {})
}
