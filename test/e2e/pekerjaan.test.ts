import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp, type OpenedApp } from '../../src/api/app'
import { outputsDir } from '../../src/services/keluaran'
import { startHttpServer, type RunningHttpServer } from '../../src/server/http'
import { pdfPages } from '../support/pdf'
import {
  apiOf,
  clearToasts,
  DEMO_CSV,
  ensureBuiltUi,
  fullShot,
  launchChromium,
  SHOTS,
  STATIC_DIR,
  watchPage,
} from './support/browser'
import { signInContext } from './support/session'

/**
 * A whole kabupaten's printout as a background job, in a real Chromium on the demo election (Batu
 * Bara: 12 kecamatan, 1.446 TPS): the bar counts kecamatan and says the time left, the rest of the app
 * keeps answering meanwhile, Batal stops it and leaves no file, and a finished job hands over a ZIP
 * that unzip reads: 12 PDFs, one per kecamatan, each with the pages its TPS need.
 */

let dir: string
let app: OpenedApp
let server: RunningHttpServer
let browser: Browser
let page: Page
const pageErrors: string[] = []
const api = apiOf(() => app)

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`)
  return r.stdout
}

beforeAll(async () => {
  ensureBuiltUi()
  dir = mkdtempSync(join(tmpdir(), 'gudang-e2e-jobs-'))
  app = await openApp({
    dbPath: join(dir, 'batubara.sqlite'),
    demoCsvPath: DEMO_CSV,
    onInternalError: (m, e) => pageErrors.push(`[server] ${m}: ${String(e)}`),
  })
  server = await startHttpServer({ dispatcher: app.dispatcher, staticDir: STATIC_DIR, port: 0, jobs: app.jobs! })
  browser = await launchChromium()
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'id-ID',
    acceptDownloads: true,
  })
  await signInContext(context, app, server)
  page = await context.newPage()
  watchPage(page, pageErrors)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  app?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('long jobs in the window', () => {
  it('prints every kotak label of the kabupaten with a progress bar; cancelling leaves nothing; the ZIP downloads', async () => {
    await page.goto(`${server.url}#/kemas/cetak`)
    const section = page.getByRole('region', { name: 'Cetak seluruh kabupaten/kota' })
    await section.getByRole('button', { name: 'Daftar isi semua TPS (ZIP)' }).click()
    const job = page.getByTestId('cetak-satker-job')
    const bar = job.getByRole('progressbar', { name: 'Daftar isi semua TPS' })
    // The bar counts kecamatan once the first is done, and says how long is left.
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 60_000 }).toMatch(/^[1-9]\d*$/)
    expect(await bar.getAttribute('aria-valuemax')).toBe('12')
    await expect
      .poll(() => job.getByTestId('cetak-satker-job-detail').textContent())
      .toMatch(/dari 12 kecamatan.*sisa sekitar \d+ (detik|menit)/)
    await fullShot(page, 'jobs-01-berjalan')

    // The window is not frozen: another page loads and answers while the job runs.
    await page.goto(`${server.url}#/wilayah`)
    await page.getByTestId('kecamatan-total-tps').getByText('1.446').waitFor()
    const running = (await api('job.daftar', {})).find((j) => j.method === 'kemas.cetakSatker')!
    expect(running.state).toBe('berjalan')

    // Back on its page the bar is there again (the job is the server's, not the page's); Batal stops it.
    await page.goto(`${server.url}#/kemas/cetak`)
    await job.getByRole('button', { name: 'Batal' }).click()
    await expect.poll(() => job.getAttribute('data-state')).toBe('dibatalkan')
    await job.getByText(/berkas yang belum selesai sudah dihapus/).waitFor()
    expect((await api('job.lihat', { id: running.id })).state).toBe('dibatalkan')
    const leftovers = existsSync(outputsDir(app.dbPath)) ? readdirSync(outputsDir(app.dbPath)) : []
    expect(leftovers).toEqual([])

    // Now the labels, to the end, and the download.
    await section.getByRole('button', { name: 'Label semua kotak (ZIP)' }).click()
    await job.getByRole('button', { name: 'Batal' }).waitFor()
    const unduh = job.getByTestId('cetak-satker-job-unduh')
    await unduh.waitFor({ timeout: 120_000 })
    expect(await job.getAttribute('data-state')).toBe('selesai')
    await page.getByText('Cetakan kabupaten/kota siap', { exact: true }).waitFor()
    await clearToasts(page)
    await fullShot(page, 'jobs-02-selesai')
    const [download] = await Promise.all([page.waitForEvent('download'), unduh.click()])
    const zip = join(dir, download.suggestedFilename())
    await download.saveAs(zip)
    expect(download.suggestedFilename()).toMatch(/^label-kotak-kabupaten-batu-bara-\d{8}-\d{6}\.zip$/)

    // unzip reads it: one PDF per kecamatan, each with a page per 10 labels of its TPS (two kotak each).
    expect(run('unzip', ['-tq', zip])).toMatch(/No errors detected/)
    const names = run('unzip', ['-Z1', zip]).trim().split('\n')
    expect(names).toHaveLength(12)
    const kecamatan = await api('wilayah.daftarKecamatan', {})
    const out = join(dir, 'zip')
    run('unzip', ['-q', zip, '-d', out])
    const pages = names.map((n) => pdfPages(join(out, n)))
    const grid = await api('kemas.lihatSusunanLabel', {})
    const perSheet = grid.rows * grid.cols
    expect(pages.reduce((s, n) => s + n, 0)).toBe(kecamatan.reduce((s, k) => s + Math.ceil((k.tps * 2) / perSheet), 0))
    expect(existsSync(join(SHOTS, 'jobs-02-selesai.png'))).toBe(true)
    expect(pageErrors).toEqual([])
  })
})
