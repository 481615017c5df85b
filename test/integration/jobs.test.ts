import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenedApp } from '../../src/api/app'
import type { ApiResponse, JobStatus } from '../../src/api/contract'
import { isTempOf, tempName } from '../../src/core/tempName'
import { outputsDir } from '../../src/services/keluaran'
import * as ledger from '../../src/services/ledger'
import { startHttpServer, type RunningHttpServer } from '../../src/server/http'
import { apiOf, openTestApp, useTempDir } from '../support/api'
import { JobPace } from '../../src/api/jobPace'
import { jobThreadCount } from '../../src/api/jobs'

/**
 * Long jobs on the demo election (Batu Bara: 12 kecamatan, 1.446 TPS, two kotak each), through the
 * dispatcher and over HTTP as the UI calls them: they run in worker threads, report progress, answer
 * what the method answers, keep the serving thread free, leave no half-written file when cancelled, and
 * hand their files over through a download address that only their own key opens.
 */
const root = useTempDir('jobs')
let app: OpenedApp
const { call, refusal } = apiOf(() => app, 'Nurhayati')
let server: RunningHttpServer
/** Holds a job at a step where a test must see it running (src/api/jobPace.ts). */
const pace = new JobPace()

/** Polls a job until it leaves menunggu/berjalan (within the test's time), keeping every status seen on the way. */
async function settle(id: string, seen: JobStatus[] = []): Promise<JobStatus> {
  for (;;) {
    const s = await call('job.lihat', { id })
    seen.push(s)
    if (s.state !== 'menunggu' && s.state !== 'berjalan') return s
    await new Promise((r) => setTimeout(r, 20))
  }
}

beforeAll(async () => {
  app = await openTestApp({ dir: root, name: 'batubara', jobPace: pace })
  server = await startHttpServer({ dispatcher: app.dispatcher, staticDir: null, port: 0, jobs: app.jobs! })
  // Rows for the chain walk to read: one delivery of every active variant.
  const variants = (await call('barang.daftarVarian')).filter((v) => v.active)
  await call('penerimaan.catat', {
    receivedAt: '2024-11-01T08:00',
    penyedia: 'PT Percetakan Contoh',
    suratJalan: 'SJ-001/XI/2024',
    lines: variants.map((v) => ({ variantId: v.variantId, statedQty: 50_000, countedQty: 50_000 })),
  })
})

afterAll(async () => {
  await server?.close()
  app?.close()
})

describe('long jobs in worker threads', () => {
  it('a plain call of a long method answers exactly what the service answers on this thread', async () => {
    expect(await call('ledger.periksa')).toEqual(ledger.periksa(app.ctx))
  })

  it('job.mulai answers at once; the kabupaten ZIP reports progress per kecamatan and ends with its file', async () => {
    const started = pace.hold('start')
    const { id } = await call('job.mulai', { method: 'kemas.cetakSatker', input: { jenis: 'label' } })
    expect(await started.reached).toBe(id)
    // The serving thread answers other calls while the job runs.
    const election = await call('pemilihan.lihat')
    const during = await call('job.lihat', { id })
    expect(election?.satker).toBe('Kabupaten Batu Bara')
    expect(during.state).toBe('berjalan')
    started.release()

    const seen: JobStatus[] = []
    const done = await settle(id, seen)
    expect(done).toMatchObject({
      state: 'selesai',
      method: 'kemas.cetakSatker',
      done: 12,
      total: 12,
      unit: 'kecamatan',
      error: null,
      etaMs: null,
    })
    const dones = seen.map((s) => s.done)
    expect(dones).toEqual([...dones].sort((a, b) => a - b))
    const result = done.result as { file: string; fileName: string; bytes: number; count: number; files: number }
    // 1.446 TPS, two kotak each (Pilkada), one PDF per kecamatan.
    expect(result).toMatchObject({ count: 2_892, files: 12, mime: 'application/zip' })
    expect(result.fileName).toMatch(/^label-kotak-kabupaten-batu-bara-\d{8}-\d{6}\.zip$/)
    expect(readdirSync(outputsDir(app.dbPath))).toEqual([result.fileName])
    const bytes = readFileSync(result.file)
    expect(bytes.length).toBe(result.bytes)
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50)

    // The download address serves that file, with its name; a wrong key opens nothing.
    expect(done.download).toMatchObject({ fileName: result.fileName, bytes: result.bytes })
    const res = await fetch(`http://127.0.0.1:${server.port}${done.download!.url}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain(`filename="${result.fileName}"`)
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true)
    const forged = done.download!.url.replace(
      /\/unduh\/([^/]+)\/([^/]+)\//,
      (_m, job: string, key: string) => `/unduh/${job}/${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}/`,
    )
    expect((await fetch(`http://127.0.0.1:${server.port}${forged}`)).status).toBe(404)
    expect((await call('job.daftar')).map((j) => j.id)).toContain(id)
  })

  it('a cancelled job stops at once and leaves no half-written file behind', async () => {
    const dir = outputsDir(app.dbPath)
    const before = readdirSync(dir)
    // Held while the archive is being written (two kecamatan are in it), then stopped.
    const writing = pace.hold('progress', { after: 2 })
    const { id } = await call('job.mulai', {
      method: 'kemas.cetakSatker',
      input: { jenis: 'daftarIsi' },
    })
    expect(await writing.reached).toBe(id)
    expect(await call('job.lihat', { id })).toMatchObject({ state: 'berjalan', done: 2, total: 12 })
    expect(readdirSync(dir).some((n) => n.endsWith('.tmp'))).toBe(true)
    const cancelled = await call('job.batal', { id })
    expect(cancelled.state).toBe('dibatalkan')
    expect(cancelled.error?.message).toBe('Pekerjaan dibatalkan; berkas yang belum selesai dihapus')
    expect(readdirSync(dir)).toEqual(before)
    expect((await call('job.lihat', { id })).state).toBe('dibatalkan')
  })

  it('a thread that answered runs the next job; a cancelled one is never used again', async () => {
    await call('ledger.periksa')
    const warm = jobThreadCount()
    expect(warm.idle).toBeGreaterThan(0)
    for (let i = 0; i < 3; i++) expect((await call('ledger.periksa')).ok).toBe(true)
    expect(jobThreadCount()).toEqual(warm)
    const held = pace.hold('start')
    const { id } = await call('job.mulai', { method: 'ledger.periksa', input: {} })
    await held.reached
    expect(jobThreadCount()).toEqual({ started: warm.started, idle: warm.idle - 1 })
    expect((await call('job.batal', { id })).state).toBe('dibatalkan')
    held.release()
    // The held job's thread was stopped, not put back.
    expect(jobThreadCount().idle).toBe(warm.idle - 1)
  })

  it('the tests’ pace hook holds a job at its step until released (src/api/jobPace.ts)', async () => {
    const held = pace.hold('answer')
    const { id } = await call('job.mulai', { method: 'ledger.periksa' })
    expect(await held.reached).toBe(id)
    await new Promise((r) => setTimeout(r, 300))
    // The answer is ready but not sent: the job is still running.
    expect((await call('job.lihat', { id })).state).toBe('berjalan')
    held.release()
    expect(await settle(id)).toMatchObject({ state: 'selesai', result: { ok: true } })
  })

  it('a backup runs as a job too: progress in pages and rows, and a checked file', async () => {
    const { id } = await call('job.mulai', { method: 'cadangan.buat', input: {} })
    const done = await settle(id)
    expect(done.state).toBe('selesai')
    const backup = done.result as { file: string; ok: boolean; ledgerRows: number }
    expect(backup.ok).toBe(true)
    expect(backup.ledgerRows).toBe((await call('sistem.lihatInfo')).ledgerRows)
    expect(existsSync(backup.file)).toBe(true)
    // Only files in the outputs folder are offered for download.
    expect(done.download).toBeNull()
  })

  it('job.mulai admits the method it starts as a call of it would be: not long, bad input, no user', async () => {
    expect(await refusal('job.mulai', { method: 'pemilihan.lihat' })).toMatchObject({
      code: 'INVALID_INPUT',
      message: '"pemilihan.lihat" bukan pekerjaan panjang',
    })
    expect(await refusal('job.mulai', { method: 'tidak.ada' })).toMatchObject({ code: 'INVALID_INPUT' })
    const bad = await refusal('job.mulai', { method: 'kemas.cetakSatker', input: { jenis: 'semua' } })
    expect(bad).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Isian belum benar: Jenis — Pilih label atau daftar isi',
    })
    expect(bad.details).toEqual([expect.objectContaining({ column: 'jenis', message: 'Pilih label atau daftar isi' })])
    // Over HTTP without a chosen user, a koordinator's backup is refused before any job starts.
    const before = (await call('job.daftar')).length
    const res = await fetch(`http://127.0.0.1:${server.port}/api/job.mulai`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ method: 'cadangan.buat', input: {} }),
    })
    const body = (await res.json()) as ApiResponse
    expect(body).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED', need: 'koordinator' } })
    expect((await call('job.daftar')).length).toBe(before)
    expect(await refusal('job.lihat', { id: 'tidakadajob' })).toMatchObject({ code: 'NOT_FOUND' })
  })

  it('names a temporary file after its writer, and finds only that writer’s leftovers', () => {
    const name = tempName('label.zip', 'p12t3')
    expect(name).toBe('.label.zip.p12t3.tmp')
    expect(isTempOf(name, 'p12t3')).toBe(true)
    expect(isTempOf(`${name}-wal`, 'p12t3')).toBe(true)
    expect(isTempOf(name, 'p12t4')).toBe(false)
    expect(isTempOf('.label.zip.p12t31.tmp', 'p12t3')).toBe(false)
    expect(isTempOf('label.zip', 'p12t3')).toBe(false)
  })
})
