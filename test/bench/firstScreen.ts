/**
 * The first screen of the app in browser mode on a Bogor-size database: from asking for the page to the
 * Beranda showing its reconciliation table, in Debian's Chromium, beside the same browser loading a
 * bare page from a bare server (what no app can beat).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import type { OpenedApp } from '../../src/api/app'
import { startHttpServer } from '../../src/server/http'
import { launchChromium, STATIC_DIR } from '../e2e/support/browser'
import { median, withPeakRss, type Report } from './measure'

export async function benchFirstScreen(app: OpenedApp, runs: number, report: Report): Promise<void> {
  const server = await startHttpServer({ dispatcher: app.dispatcher, staticDir: STATIC_DIR, port: 0, ...(app.jobs ? { jobs: app.jobs } : {}) })
  const bare = createServer((_req, res) => res.end('<!doctype html><title>x</title><table data-testid="t"><tr><td>1</td></tr></table>'))
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()))
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`
  const browser = await launchChromium()
  try {
    const load = async (url: string, ready: string) => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' })
      const page = await context.newPage()
      const t0 = performance.now()
      await page.goto(url)
      await page.getByTestId(ready).waitFor({ timeout: 120_000 })
      const ms = performance.now() - t0
      await context.close()
      return ms
    }
    await load(server.url, 'rekon-ballot-table') // warm the OS file cache, as a second start would
    const app_ms: number[] = []
    const { peakMb } = await withPeakRss(async () => {
      for (let i = 0; i < runs; i++) app_ms.push(await load(server.url, 'rekon-ballot-table'))
    })
    const raw: number[] = []
    for (let i = 0; i < runs; i++) raw.push(await load(bareUrl, 't'))
    report.add('Layar pertama (Beranda) dalam mode peramban', median(app_ms), median(raw), { peakMb, extra: `Chromium ${browser.version()}; raw = halaman kosong` })
  } finally {
    await browser.close()
    await server.close()
    await new Promise<void>((r) => bare.close(() => r()))
  }
}

