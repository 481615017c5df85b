/**
 * The UI never freezes: while a job of every daftar isi of the satker (15,228 pages) runs, the thread
 * that serves the window keeps answering. Measured as that thread's event-loop delay during the job,
 * and as the time the calls a window makes while it waits (job.lihat, a page's summary) take to
 * answer, beside the same calls on an idle app.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import type { OpenedApp } from '../../src/api/app'
import type { JobStatus } from '../../src/api/contract'
import { percentile, type Report } from './measure'

const meta = { actor: 'bench', transport: 'test' as const }

async function call<T>(app: OpenedApp, method: string, input: unknown = {}): Promise<T> {
  const r = await app.dispatcher.call(method, input, meta)
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.result as T
}

/** One round of what a waiting window asks: how far the job is, and the page it shows. */
async function windowRound(app: OpenedApp, jobId: string | null): Promise<number> {
  const t0 = performance.now()
  if (jobId) await call(app, 'job.lihat', { id: jobId })
  await call(app, 'wilayah.lihatRingkasan')
  await call(app, 'kemas.lihatKemajuan', { level: 'kecamatan' })
  return performance.now() - t0
}

export async function benchResponsive(app: OpenedApp, report: Report): Promise<void> {
  console.log('\nSelama pekerjaan panjang: daftar isi seluruh TPS (satu ZIP) di thread pekerja')
  const idle: number[] = []
  for (let i = 0; i < 50; i++) idle.push(await windowRound(app, null))

  const loop = monitorEventLoopDelay({ resolution: 5 })
  const { id } = await call<{ id: string }>(app, 'job.mulai', {
    method: 'kemas.cetakSatker',
    input: { jenis: 'daftarIsi' },
  })
  const t0 = performance.now()
  loop.enable()
  const busy: number[] = []
  let status: JobStatus
  for (;;) {
    busy.push(await windowRound(app, id))
    status = await call<JobStatus>(app, 'job.lihat', { id })
    if (status.state !== 'menunggu' && status.state !== 'berjalan') break
    await new Promise((r) => setTimeout(r, 100))
  }
  loop.disable()
  const jobMs = performance.now() - t0
  if (status.state !== 'selesai') throw new Error(`pekerjaan berakhir ${status.state}: ${status.error?.message}`)
  const pages = (status.result as { count: number }).count
  const ms = (ns: number) => ns / 1e6
  report.add(`Jeda event loop selama cetak ${pages.toLocaleString('id-ID')} hlm (p99)`, ms(loop.percentile(99)), null, {
    extra: `maks ${ms(loop.max).toFixed(0)} ms, rata-rata ${ms(loop.mean).toFixed(1)} ms, selama ${(jobMs / 1000).toFixed(0)} s`,
  })
  report.add(`Panggilan jendela selama cetak (p99 dari ${busy.length})`, percentile(busy, 99), percentile(idle, 99), {
    extra: `p50 ${percentile(busy, 50).toFixed(1)} ms; raw = panggilan yang sama saat aplikasi diam`,
  })
}
