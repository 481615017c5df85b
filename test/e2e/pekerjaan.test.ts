import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { outputsDir } from '../../src/services/keluaran'
import { DEMO_CSV, upload } from '../support/api'
import { pdfPages } from '../support/pdf'
import { clearToasts, SHOTS } from './support/browser'
import { useBrowserApp } from './support/app'
import { JobPace } from '../../src/api/jobPace'

/**
 * A whole kabupaten's printout as a background job, in a real Chromium on the demo election (Batu
 * Bara: 12 kecamatan, 1.446 TPS): the bar counts kecamatan and says the time left, the rest of the app
 * keeps answering meanwhile, Batal stops it and leaves no file, and a finished job hands over a ZIP
 * that unzip reads: 12 PDFs, one per kecamatan, each with the pages its TPS need.
 */

/** Holds the ZIP job after its first kecamatan, so the page is looked at and cancelled while it surely runs. */
const pace = new JobPace()
const app = useBrowserApp({ signIn: 'Koordinator', jobPace: pace })

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`)
  return r.stdout
}

const section = () => app.page.getByRole('region', { name: 'Cetak seluruh kabupaten/kota' })
const job = () => app.page.getByTestId('cetak-satker-job')

// One job a test: the daftar isi of all 1.446 TPS held and cancelled, then the labels run to the end
// for the kabupaten re-imported smaller, each well inside the 30 s a test may take.
describe('long jobs in the window', () => {
  it('shows the progress of a held job while the rest of the app answers; Batal stops it and leaves nothing', async () => {
    await app.page.goto(app.url('#/kemas/cetak'))
    const firstDone = pace.hold('progress', { after: 1 })
    await section().getByRole('button', { name: 'Daftar isi semua TPS (ZIP)' }).click()
    const bar = job().getByRole('progressbar', { name: 'Daftar isi semua TPS' })
    const heldJob = await firstDone.reached
    // The bar counts kecamatan once the first is done, and says how long is left.
    await expect.poll(() => bar.getAttribute('aria-valuenow')).toMatch(/^[1-9]\d*$/)
    expect(await bar.getAttribute('aria-valuemax')).toBe('12')
    await expect
      .poll(() => job().getByTestId('cetak-satker-job-detail').textContent())
      .toMatch(/dari 12 kecamatan.*sisa sekitar \d+ (detik|menit)/)
    await app.screenshot('jobs-01-berjalan')

    // The window is not frozen: another page loads and answers while the job runs.
    await app.page.goto(app.url('#/wilayah'))
    await app.page.getByTestId('kecamatan-total-tps').getByText('1.446').waitFor()
    const running = (await app.call('job.daftar', {})).find((j) => j.method === 'kemas.cetakSatker')!
    expect(running).toMatchObject({ id: heldJob, state: 'berjalan' })

    // Back on its page the bar is there again (the job is the server's, not the page's); Batal stops it.
    await app.page.goto(app.url('#/kemas/cetak'))
    await job().getByRole('button', { name: 'Batal' }).click()
    await expect.poll(() => job().getAttribute('data-state')).toBe('dibatalkan')
    await job()
      .getByText(/berkas yang belum selesai sudah dihapus/)
      .waitFor()
    expect((await app.call('job.lihat', { id: running.id })).state).toBe('dibatalkan')
    const leftovers = existsSync(outputsDir(app.opened.dbPath)) ? readdirSync(outputsDir(app.opened.dbPath)) : []
    expect(leftovers).toEqual([])
    expect(app.errors).toEqual([])
  })

  it('prints every kotak label of the kabupaten to the end; the ZIP downloads and unzip reads a PDF per kecamatan', async () => {
    // The kabupaten re-imported with two TPS in each of its 12 kecamatan: the job run to the end is about
    // the ZIP (one PDF per kecamatan), not the size, and all 1.446 TPS took 25 s of a busy machine.
    const lines = readFileSync(DEMO_CSV, 'utf8').trim().split('\n')
    const perKecamatan = new Map<string, string[]>()
    for (const line of lines.slice(1)) {
      const kec = line.split(',')[0]!
      const kept = perKecamatan.get(kec) ?? []
      if (kept.length < 2) perKecamatan.set(kec, [...kept, line])
    }
    const file = upload('tps-dua-per-kecamatan.csv', [lines[0], ...[...perKecamatan.values()].flat()].join('\n'))
    const preview = await app.call('wilayah.pratinjauImpor', file)
    await app.call('wilayah.impor', { ...file, fingerprint: preview.fingerprint })
    expect((await app.call('wilayah.daftarKecamatan', {})).map((k) => k.tps)).toEqual(Array(12).fill(2))
    await app.page.goto(app.url('#/wilayah'))
    await app.page.goto(app.url('#/kemas/cetak'))
    // Not waiting for its Batal button: a job of 24 TPS may be done before the button is drawn.
    await section().getByRole('button', { name: 'Label semua kotak (ZIP)' }).click()
    const unduh = job().getByTestId('cetak-satker-job-unduh')
    await unduh.waitFor({ timeout: 25_000 })
    expect(await job().getAttribute('data-state')).toBe('selesai')
    await app.page.getByText('Cetakan kabupaten/kota siap', { exact: true }).waitFor()
    await clearToasts(app.page)
    await app.screenshot('jobs-02-selesai')
    const [download] = await Promise.all([app.page.waitForEvent('download'), unduh.click()])
    const zip = join(app.dir, download.suggestedFilename())
    await download.saveAs(zip)
    expect(download.suggestedFilename()).toMatch(/^label-kotak-kabupaten-batu-bara-\d{8}-\d{6}\.zip$/)

    // unzip reads it: one PDF per kecamatan, each with a page per 10 labels of its TPS (two kotak each).
    expect(run('unzip', ['-tq', zip])).toMatch(/No errors detected/)
    const names = run('unzip', ['-Z1', zip]).trim().split('\n')
    expect(names).toHaveLength(12)
    const kecamatan = await app.call('wilayah.daftarKecamatan', {})
    const out = join(app.dir, 'zip')
    run('unzip', ['-q', zip, '-d', out])
    const pages = names.map((n) => pdfPages(join(out, n)))
    const grid = await app.call('kemas.lihatSusunanLabel', {})
    const perSheet = grid.rows * grid.cols
    expect(pages.reduce((s, n) => s + n, 0)).toBe(kecamatan.reduce((s, k) => s + Math.ceil((k.tps * 2) / perSheet), 0))
    expect(existsSync(join(SHOTS, 'jobs-02-selesai.png'))).toBe(true)
    expect(app.errors).toEqual([])
  })
})
