/**
 * The first screen of the app in browser mode on a Bogor-size database: from asking for the page to the
 * Beranda showing all its figures (the reconciliation table, the floor's charts and the kits' progress), in
 * Debian's Chromium, beside the same browser loading a bare page from a bare server (what no app can beat).
 * As it opens again with nothing written since (the server keeps the Beranda's figures:
 * services/untilChanged.ts), in a browser profile kept on disk as every start after the first has it (the
 * hashed script files cached, V8's code cache of them); the same in a fresh incognito context, as the very
 * first start on a new PC; and right after a write, when the server computes the figures again. Besides the
 * time, what a busy machine does not change: the server's CPU per first screen, its API calls and bytes.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openApp, type OpenedApp } from '../../src/api/app'
import type { Dispatcher } from '../../src/api/dispatch'
import { startHttpServer } from '../../src/server/http'
import { launchChromium, launchChromiumProfile, STATIC_DIR } from '../e2e/support/browser'
import { median, Report, withPeakRss } from './measure'

/** Every figure of the Beranda on screen: the table, the charts (or their empty state) and the kits. */
const BERANDA_READY = [
  '[data-testid="rekon-ballot-table"]',
  '[data-testid="damage-rate"], [data-testid="kemajuan-empty"]',
  '[data-testid="beranda-serah-terima-total"]',
]

/** The app's dispatcher, counting its calls and the CPU they take on the serving thread. */
function counted(dispatcher: Dispatcher) {
  const tally = { calls: 0, cpuMs: 0 }
  const wrapped: Dispatcher = {
    methods: () => dispatcher.methods(),
    async call(method, input, meta) {
      const start = process.cpuUsage()
      try {
        return await dispatcher.call(method, input, meta)
      } finally {
        const used = process.cpuUsage(start)
        tally.calls++
        tally.cpuMs += (used.user + used.system) / 1000
      }
    },
  }
  return { wrapped, tally }
}

export async function benchFirstScreen(app: OpenedApp, runs: number, report: Report): Promise<void> {
  const { wrapped, tally } = counted(app.dispatcher)
  const server = await startHttpServer({
    dispatcher: wrapped,
    staticDir: STATIC_DIR,
    port: 0,
    ...(app.jobs ? { jobs: app.jobs } : {}),
  })
  const bare = createServer((_req, res) =>
    res.end('<!doctype html><title>x</title><table data-testid="t"><tr><td>1</td></tr></table>'),
  )
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()))
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`
  const browser = await launchChromium()
  const profileDir = mkdtempSync(join(tmpdir(), 'gudang-bench-profil-'))
  const profile = await launchChromiumProfile(profileDir, { width: 1366, height: 768 })
  try {
    /** Bytes of script, style and data the last load fetched besides the page itself. */
    let shipped = 0
    /**
     * One load until `ready` shows. `again`: in the browser profile kept on disk, as every start after the
     * first (its cached files and V8's compiled code of them); otherwise in a fresh incognito context, as
     * the very first start on a new PC or a tablet that cleared its cache.
     */
    const load = async (url: string, ready: string[], again = true) => {
      const context = again
        ? profile
        : await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' })
      const page = await context.newPage()
      const t0 = performance.now()
      await page.goto(url)
      for (const selector of ready) await page.locator(selector).first().waitFor({ timeout: 120_000 })
      const ms = performance.now() - t0
      // globalThis, not the imported perf_hooks binding: this function runs in the page.
      shipped = await page.evaluate(() =>
        globalThis.performance
          .getEntriesByType('resource')
          .reduce((sum, e) => sum + (e as PerformanceResourceTiming).encodedBodySize, 0),
      )
      await (again ? page.close() : context.close())
      return ms
    }
    /** Loads the Beranda `runs` times; the server's calls and CPU per load, as medians. */
    const berandaLoads = async (before: () => Promise<void>, again = true) => {
      const ms: number[] = []
      const cpu: number[] = []
      const calls: number[] = []
      const { peakMb } = await withPeakRss(async () => {
        for (let i = 0; i < runs; i++) {
          await before()
          Object.assign(tally, { calls: 0, cpuMs: 0 })
          ms.push(await load(server.url, BERANDA_READY, again))
          cpu.push(tally.cpuMs)
          calls.push(tally.calls)
        }
      })
      const extra = `CPU server ${median(cpu).toFixed(0)} ms, ${median(calls)} panggilan API, ${(shipped / 1024).toFixed(0)} KB dimuat`
      return { ms: median(ms), peakMb, extra }
    }
    // Off the clock: the OS file cache warmed, as a second start would have it; in the kept profile, the
    // browser's cache filled and (Chromium compiles a script for its cache on its second run) V8's code cache.
    await load(server.url, BERANDA_READY, false)
    for (let i = 0; i < 2; i++) await load(server.url, BERANDA_READY)
    const kept = await berandaLoads(async () => {})
    const firstEver = await berandaLoads(async () => {}, false)
    // A write the figures do not depend on still makes the server compute them again (the stamp covers
    // every write); the same team target written again is the smallest.
    const teams = await app.dispatcher.call('regu.daftar', {}, { actor: 'bench', transport: 'test' })
    const team = teams.ok ? (teams.result as { id: number; dailyTarget: number }[])[0] : undefined
    const computed = await berandaLoads(async () => {
      if (team)
        await app.dispatcher.call(
          'regu.ubah',
          { id: team.id, dailyTarget: team.dailyTarget },
          { actor: 'bench', transport: 'test' },
        )
    })
    const raw: number[] = []
    for (let i = 0; i < runs; i++) raw.push(await load(bareUrl, ['[data-testid="t"]']))
    const chromium = `Chromium ${browser.version()}; raw = halaman kosong`
    report.add('Layar pertama (Beranda) dalam mode peramban', kept.ms, median(raw), {
      peakMb: kept.peakMb,
      extra: `${chromium}; tabel, grafik dan kit tampil; profil peramban dengan tembolok, seperti setiap mulai sesudah yang pertama; ${kept.extra}`,
    })
    report.add('Layar pertama (Beranda), peramban tanpa tembolok', firstEver.ms, median(raw), {
      peakMb: firstEver.peakMb,
      extra: `mulai pertama di PC atau tablet baru (konteks penyamaran); ${firstEver.extra}`,
    })
    report.add('Layar pertama (Beranda) tepat setelah ada tulisan', computed.ms, median(raw), {
      peakMb: computed.peakMb,
      extra: `angka Beranda dihitung ulang; ${computed.extra}`,
    })

    // The grid of every TPS: loading it, a quick filter typed in, a sort by DPT — each until the grid shows it.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' })
    const page = await context.newPage()
    await page.goto(server.url)
    await page.getByTestId('rekon-ballot-table').waitFor()
    const summary = await app.dispatcher.call('wilayah.lihatRingkasan', {}, { actor: 'bench', transport: 'test' })
    const total = summary.ok ? (summary.result as { tps: number }).tps : 0
    const sample = await app.dispatcher.call('wilayah.daftarTps', {}, { actor: 'bench', transport: 'test' })
    const desa = sample.ok ? (sample.result as { desa: string }[])[Math.floor(total / 3)]!.desa : ''
    const all = `Menampilkan ${total.toLocaleString('id-ID')} dari`
    const loads: number[] = []
    const filters: number[] = []
    const sorts: number[] = []
    const count = page.locator('.toolbar-count')
    for (let i = 0; i < runs; i++) {
      await page.goto(`${server.url.split('?')[0]}#/beranda`)
      await page.getByTestId('rekon-ballot-table').waitFor()
      let t0 = performance.now()
      await page.goto(`${server.url.split('?')[0]}#/wilayah`)
      await page.getByTestId('tps-grid').locator('.ag-row').first().waitFor()
      await count.getByText(all).waitFor()
      loads.push(performance.now() - t0)
      const search = page.getByRole('searchbox', { name: /Cari kecamatan/ })
      t0 = performance.now()
      await search.fill(desa)
      await count.getByText(all).waitFor({ state: 'hidden' })
      filters.push(performance.now() - t0)
      await search.fill('')
      await count.getByText(all).waitFor()
      const header = page.getByTestId('tps-grid').getByRole('columnheader', { name: 'DPT' })
      t0 = performance.now()
      await header.click()
      await page.getByTestId('tps-grid').locator('[aria-sort="ascending"]').waitFor()
      sorts.push(performance.now() - t0)
    }
    await context.close()
    const n = total.toLocaleString('id-ID')
    report.add(`Grid ${n} TPS: tampil`, median(loads), null, {
      extra: 'dari pindah halaman sampai baris dan jumlahnya tampil',
    })
    report.add(`Grid ${n} TPS: saring cepat`, median(filters), null, {
      extra: `ketik "${desa}" sampai hitungan berubah`,
    })
    report.add(`Grid ${n} TPS: urutkan DPT`, median(sorts), null, { extra: 'klik judul kolom sampai terurut' })
  } finally {
    await profile.close()
    rmSync(profileDir, { recursive: true, force: true })
    await browser.close()
    await server.close()
    await new Promise<void>((r) => bare.close(() => r()))
  }
}

/**
 * Alone, on an election file named by path, e.g. a copy of the bench's Bogor election (never the original: the
 * line writes a team target): `node --import tsx test/bench/firstScreen.ts <file.sqlite> [runs]`. Serves
 * out/renderer as it is, so build first (`npx electron-vite build`).
 */
if (require.main === module) {
  void (async () => {
    const [file, runs = '5'] = process.argv.slice(2)
    if (!file) throw new Error('Pakai: node --import tsx test/bench/firstScreen.ts <berkas.sqlite> [jumlah-ulangan]')
    const app = await openApp({ dbPath: file })
    try {
      await benchFirstScreen(app, Number(runs), new Report())
    } finally {
      app.close()
    }
  })().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
