import { request } from 'node:http'
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiResponse } from '../../src/api/contract'
import { startHttpServer, type RunningHttpServer } from '../../src/server/http'
import { IMPORT_LIMITS } from '../../src/core/importLimits'
import { openTestApp, type TestApp } from '../support/api'
import { xlsxOfRows, xlsxWithHugeSharedString } from '../support/zip'

/**
 * Imports are read in a worker thread, within limits (issue 15): an XLSX bomb (a ~400 KB file holding a
 * 400 MB shared string) and a CSV of a million rows are refused, naming the limit, with nothing written,
 * while the server keeps answering other calls. Measured with real HTTP calls on loopback against the
 * real server: a ping every 20 ms while the import runs. In the worker the pings come back in a few ms
 * (100 ms is the target on an idle PC); the bound is 500 ms because on a 2-core box shared by several
 * test runs (load 15) the scheduler alone delayed a ping by 330 ms. With reading on the serving thread
 * the same files held calls for 0.6–1.7 s even within the limits (15–31 s without them).
 */
// The server shares this process with the test, which builds and sends bodies of several MB: a ping can wait
// for that (0.7 s once on a quiet machine), not for the reading. What proves the reading is elsewhere is the
// serving thread's busy share below; this bound only keeps the pings answered.
const PING_BOUND_MS = 1_000
/**
 * The share of the read's time the serving thread may be busy: read there, it is busy all along (1.0); read
 * on the reader thread it only answers pings and takes the upload (0.1–0.6 here). A share, not a time, so a
 * busy machine does not move it.
 */
const LOOP_BUSY_BOUND = 0.8

let app: TestApp
let server: RunningHttpServer
let session = ''

function post(method: string, body: string, sesi?: string): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: `/api/${method}`,
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          Authorization: `Bearer ${server.token}`,
          ...(sesi ? { 'X-Gudang-Sesi': sesi } : {}),
        },
      },
      (res) => {
        const parts: Buffer[] = []
        res.on('data', (c: Buffer) => parts.push(c))
        res.on('end', () => resolve(JSON.parse(Buffer.concat(parts).toString('utf8')) as ApiResponse))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/**
 * The longest a ping may wait while a file is read. Read on the serving thread, one ping waits for the whole
 * read, so the bound is a share of the read's own time; never under PING_BOUND_MS.
 */
function pingBound(elapsedMs: number): number {
  return Math.max(PING_BOUND_MS, elapsedMs / 4)
}

/**
 * Pings the server (sistem.lihatStatus over HTTP) every 20 ms until `work` settles; for each ping, how long
 * after it was due its answer came. Measured from when it was due, not when it was sent: a thread busy
 * parsing also holds the timer that sends the next ping.
 */
async function whilePinging(
  work: Promise<ApiResponse>,
): Promise<{ answer: ApiResponse; pings: number[]; bound: number; busy: number }> {
  const start = performance.now()
  const loopBefore = performance.eventLoopUtilization()
  let done = false
  const answer = work.finally(() => (done = true))
  const pings: number[] = []
  const deadline = Date.now() + 25_000
  while (!done && Date.now() < deadline && pings.length < 2_000) {
    const due = performance.now() + 20
    await new Promise((r) => setTimeout(r, 20))
    const r = await post('sistem.lihatStatus', '{}')
    pings.push(performance.now() - due)
    expect(r.ok).toBe(true)
  }
  const settled = await answer
  const busy = performance.eventLoopUtilization(loopBefore).utilization
  return { answer: settled, pings, bound: pingBound(performance.now() - start), busy }
}

beforeAll(async () => {
  app = await openTestApp({ name: 'impor-batas' })
  server = await startHttpServer({ dispatcher: app.dispatcher, staticDir: null })
  const users = await app.call('pengguna.daftar')
  const koordinator = users.find((u) => u.role === 'koordinator')!
  const signed = await post('sesi.masuk', JSON.stringify({ userId: koordinator.id, pin: '202411' }))
  session = (signed as { ok: true; result: { sessionId: string } }).result.sessionId
})

afterAll(async () => {
  await server?.close()
  app?.close()
})

/**
 * Sends `bytes` to pekerja.impor over HTTP while pinging the server: the import is refused naming the
 * file, the server answered every ping in time meanwhile, and nothing was written. The refusal's message.
 */
async function refusedWhileServing(fileName: string, bytes: Buffer): Promise<string> {
  const body = JSON.stringify({ fileName, contentBase64: bytes.toString('base64') })
  const before = app.fingerprint()
  const { answer, pings, bound, busy } = await whilePinging(post('pekerja.impor', body, session))
  expect(answer).toMatchObject({ ok: false, error: { code: 'REFUSED' } })
  const message = (answer as { ok: false; error: { message: string } }).error.message
  expect(message).toContain(fileName)
  expect(pings.length).toBeGreaterThan(0)
  expect(Math.max(...pings), `pings: ${pings.map((p) => p.toFixed(0)).join(', ')}`).toBeLessThan(bound)
  // The serving thread mostly idle while the file is read: the reading happens on another thread.
  expect(busy).toBeLessThan(LOOP_BUSY_BOUND)
  expect(app.fingerprint()).toBe(before)
  return message
}

describe('pekerja.impor reads the file in a worker, within limits', () => {
  it('an XLSX bomb (400 MB shared string in a small file) is refused naming the limit; the server answers meanwhile', async () => {
    const bytes = await xlsxWithHugeSharedString(400)
    expect(bytes.length).toBeLessThan(1_000_000)
    expect(await refusedWhileServing('pekerja.xlsx', bytes)).toMatch(/batas.*100 MB/)
  })

  it('a CSV of a million rows is refused naming the row limit; the server answers meanwhile', async () => {
    // One short row repeated: a million rows under the file size limit (so the row limit is what refuses it),
    // built without a million small strings whose collection would land in the pings.
    const csv = Buffer.from('nama\n' + 'Siti\n'.repeat(1_000_000), 'utf8')
    expect(await refusedWhileServing('pekerja.csv', csv)).toContain(IMPORT_LIMITS.rows.toLocaleString('id-ID'))
  })

  it('a workbook within the limits that takes seconds to read is read off the serving thread', async () => {
    // 30,000 rows under a header without "nama": refused the moment it is read, so what the pings measure is
    // the reading. On the serving thread this held every call for seconds.
    const bytes = await xlsxOfRows(
      30_000,
      (r) =>
        `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${r === 1 ? 'nomor' : `Baris ${r}`}</t></is></c>` +
        `<c r="B${r}" t="inlineStr"><is><t>${r === 1 ? 'keterangan' : 'Regu Melati'}</t></is></c><c r="C${r}"><v>${r}</v></c></row>`,
    )
    const body = JSON.stringify({ fileName: 'pekerja-besar.xlsx', contentBase64: bytes.toString('base64') })
    const before = app.fingerprint()
    const { answer, pings, bound, busy } = await whilePinging(post('pekerja.impor', body, session))
    expect(answer).toMatchObject({ ok: false, error: { code: 'REFUSED' } })
    expect(pings.length).toBeGreaterThan(0)
    expect(Math.max(...pings), `pings: ${pings.map((p) => p.toFixed(0)).join(', ')}`).toBeLessThan(bound)
    // The serving thread mostly idle while the file is read: the reading happens on another thread.
    expect(busy).toBeLessThan(LOOP_BUSY_BOUND)
    expect(app.fingerprint()).toBe(before)
  })
})
