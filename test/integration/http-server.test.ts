import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiResponse } from '../../src/api/contract'
import { createDispatcher, type CallMeta, type Dispatcher, type Handlers } from '../../src/api/dispatch'
import { openApp } from '../../src/api/app'
import { CONTENT_SECURITY_POLICY, startHttpServer, type RunningHttpServer } from '../../src/server/http'
import { startNode } from '../support/child'

const DEMO_CSV = resolve(__dirname, '../../resources/demo/tps-batubara-2024.csv')

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

/** node:http rather than fetch: fetch normalises `..` away and refuses to set Host. */
function raw(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[] },
): Promise<RawResponse> {
  return new Promise((resolvePromise, rejectPromise) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, agent: false },
      (res) => {
        const parts: Buffer[] = []
        res.on('data', (c: Buffer) => parts.push(c))
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(parts).toString('utf8'),
          }),
        )
        res.on('error', rejectPromise)
      },
    )
    // The server may hang up while an oversized upload is still being written; the answer already arrived.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') rejectPromise(err)
    })
    if (opts.chunks) {
      let i = 0
      const writeNext = (): void => {
        while (i < opts.chunks!.length) {
          if (!req.write(opts.chunks![i++]!)) return void req.once('drain', writeNext)
        }
        req.end()
      }
      writeNext()
    } else {
      req.end(opts.body)
    }
  })
}

describe('HTTP transport with a stub dispatcher', () => {
  let server: RunningHttpServer
  let staticDir: string
  const calls: { method: string; input: unknown; meta: CallMeta }[] = []
  const MAX = 64 * 1024

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'gudang-http-'))
    const ui = join(staticDir, 'renderer')
    mkdirSync(join(ui, 'assets'), { recursive: true })
    writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Gudang Pemilu</title>')
    writeFileSync(join(ui, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(ui, 'assets', 'app.css'), 'body{}')
    writeFileSync(join(ui, 'assets', 'Beranda-B2V2tipb.js'), 'console.log(2)')
    // A file beside the UI folder, which traversal attempts try to reach.
    writeFileSync(join(staticDir, 'package.json'), '{"secret":"outside the UI"}')

    const real = createDispatcher({
      'pemilihan.lihat': () => null,
      'wilayah.lihatRingkasan': () => ({ kecamatan: 1, desa: 2, tps: 3, dpt: 400, tpsOverMax: 0 }),
    } as unknown as Handlers)
    const dispatcher: Dispatcher = {
      call(method, input, meta) {
        calls.push({ method, input, meta })
        return real.call(method, input, meta)
      },
      methods: () => real.methods(),
    }
    server = await startHttpServer({ dispatcher, staticDir: ui, port: 0, maxBodyBytes: MAX, actor: 'tester' })
  })

  afterAll(async () => {
    await server?.close()
    rmSync(staticDir, { recursive: true, force: true })
  })

  const api = (method: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })

  it('listens on 127.0.0.1 and prints a URL that carries a 64-hex-digit token', () => {
    expect(server.port).toBeGreaterThan(0)
    expect(server.token).toMatch(/^[0-9a-f]{64}$/)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
  })

  it('answers a valid call with 200 and the ApiResponse, passing actor and transport', async () => {
    const res = await api('wilayah.lihatRingkasan', {})
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(await res.json()).toEqual({ ok: true, result: { kecamatan: 1, desa: 2, tps: 3, dpt: 400, tpsOverMax: 0 } })
    expect(calls.at(-1)?.meta).toEqual({ actor: 'tester', transport: 'http' })
  })

  it('treats an empty body as no input', async () => {
    const res = await api('pemilihan.lihat', '')
    expect(await res.json()).toEqual({ ok: true, result: null })
  })

  it('returns business errors as 200 with ok:false (unknown method, invalid input)', async () => {
    const unknown = await api('tidak.ada', {})
    expect(unknown.status).toBe(200)
    const body = (await unknown.json()) as ApiResponse
    expect(body.ok).toBe(false)
    if (!body.ok) expect(body.error.code).toBe('UNKNOWN_METHOD')

    const invalid = (await (await api('pemilihan.lihat', { extra: 1 })).json()) as ApiResponse
    expect(invalid.ok).toBe(false)
    if (!invalid.ok) expect(invalid.error.code).toBe('INVALID_INPUT')
  })

  it('refuses a missing or wrong token with 401 UNAUTHORIZED before calling anything', async () => {
    const before = calls.length
    for (const authorization of [
      undefined,
      'Bearer salah',
      `Bearer ${server.token}x`,
      `Basic ${server.token}`,
      server.token,
    ]) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      if (authorization !== undefined) headers.Authorization = authorization
      const res = await fetch(`http://127.0.0.1:${server.port}/api/pemilihan.lihat`, {
        method: 'POST',
        headers,
        body: '{}',
      })
      expect(res.status, String(authorization)).toBe(401)
      const body = (await res.json()) as ApiResponse
      expect(body.ok).toBe(false)
      if (!body.ok) {
        expect(body.error.code).toBe('UNAUTHORIZED')
        expect(body.error.message).toMatch(/Token akses/)
      }
    }
    expect(calls.length).toBe(before)
  })

  it('answers the live feed with 204 when it serves none, and 401 without the token', async () => {
    const feed = (token: string) => fetch(`http://127.0.0.1:${server.port}/peristiwa?token=${token}`)
    expect((await feed(server.token)).status).toBe(204)
    expect((await feed('salah')).status).toBe(401)
  })

  it('refuses a foreign Host with 403 (DNS rebinding) and accepts localhost', async () => {
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }
    const evil = await raw(server.port, {
      method: 'POST',
      path: '/api/pemilihan.lihat',
      headers: { ...headers, Host: `evil.example:${server.port}` },
      body: '{}',
    })
    expect(evil.status).toBe(403)
    expect(JSON.parse(evil.text)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    const wrongPort = await raw(server.port, { path: '/', headers: { Host: `127.0.0.1:${server.port + 1}` } })
    expect(wrongPort.status).toBe(403)
    const noPort = await raw(server.port, { path: '/', headers: { Host: 'localhost' } })
    expect(noPort.status).toBe(403)

    const local = await raw(server.port, {
      method: 'POST',
      path: '/api/pemilihan.lihat',
      headers: { ...headers, Host: `localhost:${server.port}` },
      body: '{}',
    })
    expect(local.status).toBe(200)
    expect(JSON.parse(local.text)).toEqual({ ok: true, result: null })
  })

  it('refuses a foreign Origin with 403 and accepts its own', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${server.port + 1}`,
      'null',
      `https://127.0.0.1:${server.port}`,
    ]) {
      const res = await api('pemilihan.lihat', {}, { Origin: origin })
      expect(res.status, origin).toBe(403)
    }
    expect((await api('pemilihan.lihat', {}, { Origin: `http://localhost:${server.port}` })).status).toBe(200)
    expect((await api('pemilihan.lihat', {}, { Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200)
  })

  it('answers malformed JSON with 400 INVALID_INPUT', async () => {
    const res = await api('pemilihan.lihat', '{"jenis": ')
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Badan permintaan bukan JSON yang sah' },
    })
  })

  it('requires application/json and POST', async () => {
    const text = await fetch(`http://127.0.0.1:${server.port}/api/pemilihan.lihat`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${server.token}` },
      body: '{}',
    })
    expect(text.status).toBe(415)
    // A cross-site form can only send text/plain or form encodings; this is a second wall behind the token.
    const get = await fetch(`http://127.0.0.1:${server.port}/api/pemilihan.lihat`, {
      headers: { Authorization: `Bearer ${server.token}` },
    })
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
  })

  it('refuses a body over the limit with 413, by declared length and while streaming', async () => {
    const before = calls.length
    const headers = {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${server.token}`,
      Host: `127.0.0.1:${server.port}`,
    }
    const declared = await raw(server.port, {
      method: 'POST',
      path: '/api/pemilihan.lihat',
      headers,
      body: Buffer.alloc(4 * 1024 * 1024, 0x20),
    })
    expect(declared.status).toBe(413)
    expect(JSON.parse(declared.text)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

    // Chunked: no Content-Length, so the limit must be enforced while reading.
    const chunks = Array.from({ length: 64 }, () => Buffer.alloc(16 * 1024, 0x20))
    const streamed = await raw(server.port, {
      method: 'POST',
      path: '/api/pemilihan.lihat',
      headers: { ...headers, 'Transfer-Encoding': 'chunked' },
      chunks,
    })
    expect(streamed.status).toBe(413)
    expect(calls.length).toBe(before)

    // Just under the limit still works.
    const fits = await api('pemilihan.lihat', '{}' + ' '.repeat(MAX - 10))
    expect(fits.status).toBe(200)
  })

  it('serves index.html for / with the CSP and correct content types', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/?token=${server.token}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    )
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(await res.text()).toContain('<title>Gudang Pemilu</title>')

    const js = await fetch(`http://127.0.0.1:${server.port}/assets/app.js`)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await js.text()).toBe('console.log(1)')
    const css = await fetch(`http://127.0.0.1:${server.port}/assets/app.css`)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')

    // The page is revalidated on every load; a file named for its content is kept, so a second start
    // neither fetches nor compiles it again.
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(js.headers.get('cache-control')).toBe('no-cache')
    const hashed = await fetch(`http://127.0.0.1:${server.port}/assets/Beranda-B2V2tipb.js`)
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await hashed.text()).toBe('console.log(2)')

    const missing = await fetch(`http://127.0.0.1:${server.port}/tidak-ada.js`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect((await fetch(`http://127.0.0.1:${server.port}/assets`)).status).toBe(404)
  })

  it('refuses directory traversal in every spelling', async () => {
    const host = { Host: `127.0.0.1:${server.port}` }
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/assets/../../package.json',
      '/..%2fpackage.json',
      '/..%5cpackage.json',
      '/%00index.html',
    ]) {
      const res = await raw(server.port, { path, headers: host })
      expect([400, 404], path).toContain(res.status)
      expect(res.text, path).not.toContain('secret')
      expect(res.headers['content-security-policy'], path).toBe(CONTENT_SECURITY_POLICY)
    }
  })

  it('closes cleanly even with a keep-alive connection open', async () => {
    const extra = await startHttpServer({
      dispatcher: { call: async () => ({ ok: true, result: 1 }), methods: () => [] },
      staticDir: null,
    })
    const res = await fetch(`http://127.0.0.1:${extra.port}/api/x`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${extra.token}` },
      body: '{}',
    })
    expect(await res.json()).toEqual({ ok: true, result: 1 })
    expect((await fetch(`http://127.0.0.1:${extra.port}/`)).status).toBe(404)
    const started = Date.now()
    await extra.close()
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})

describe('HTTP transport with a real database', () => {
  let server: RunningHttpServer
  let app: Awaited<ReturnType<typeof openApp>>
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gudang-http-db-'))
    app = await openApp({ dbPath: join(dir, 'demo.sqlite'), demoCsvPath: DEMO_CSV })
    server = await startHttpServer({ dispatcher: app.dispatcher, staticDir: null })
  })

  afterAll(async () => {
    await server?.close()
    app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const api = async (method: string, body: unknown, session?: string): Promise<ApiResponse> => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${server.token}`,
        ...(session ? { 'X-Gudang-Sesi': session } : {}),
      },
      body: JSON.stringify(body),
    })
    expect(res.status).toBe(200)
    return (await res.json()) as ApiResponse
  }

  it('serves the demo election through the same dispatcher the desktop uses', async () => {
    expect(app.createdDemo).toBe(true)
    const election = await api('pemilihan.lihat', {})
    expect(election).toMatchObject({ ok: true, result: { jenis: 'pilkada', tahun: 2024 } })
    const summary = await api('wilayah.lihatRingkasan', {})
    expect(summary).toMatchObject({ ok: true, result: { tps: 1446 } })
    const verify = await api('ledger.periksa', {})
    expect(verify).toMatchObject({ ok: true, result: { ok: true } })
  })

  it('reports invalid input and unknown methods as ok:false', async () => {
    // Who asks is checked before what is asked: without a chosen user the input is not even read.
    expect(await api('pemilihan.ubah', { reservePercent: -1 })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_REQUIRED', need: 'koordinator' },
    })
    const users = (await api('pengguna.daftar', {})) as { ok: true; result: { id: number; nama: string }[] }
    const koordinator = users.result.find((u) => u.nama === 'Kasubbag Logistik')!
    const signed = (await api('sesi.masuk', { userId: koordinator.id, pin: '202411' })) as {
      ok: true
      result: { sessionId: string }
    }
    const bad = await api('pemilihan.ubah', { reservePercent: -1 }, signed.result.sessionId)
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const unknown = await api('tidak.ada', {})
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
  })

  it('records the user chosen in the session as the actor of a write, not the OS user', async () => {
    const users = (await api('pengguna.daftar', {})) as { ok: true; result: { id: number; nama: string }[] }
    const operator = users.result.find((u) => u.nama === 'Operator Sortir')!
    // An operator needs no PIN: one step.
    const s = (await api('sesi.masuk', { userId: operator.id })) as {
      ok: true
      result: { sessionId: string; user: { nama: string; role: string } }
    }
    expect(s.result.user).toMatchObject({ nama: 'Operator Sortir', role: 'operator' })
    const team = await api('regu.tambah', { nama: 'Regu Sesi' }, s.result.sessionId)
    expect(team).toMatchObject({ ok: true })
    const audit = app.ctx.db
      .prepare(`SELECT actor FROM audit WHERE action = 'regu.tambah' ORDER BY rowid DESC LIMIT 1`)
      .get() as { actor: string }
    expect(audit.actor).toBe('Operator Sortir')
    // The same operator may not close a shift: FORBIDDEN names the role it needs.
    expect(await api('shift.tutup', { shiftId: 1 }, s.result.sessionId)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', need: 'koordinator' },
    })
  })
})

describe('browser-mode entry (src/server/main.ts)', () => {
  const REPO = resolve(__dirname, '../..')
  const MAIN = join(REPO, 'src/server/main.ts')

  it('refuses bad arguments with exit 2', () => {
    for (const args of [['--port', 'abc'], ['--port', '70000'], ['--tidak-ada']]) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
        cwd: REPO,
        encoding: 'utf8',
        timeout: 30_000,
      })
      expect(run.status, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(/Pemakaian|port tidak sah/)
    }
  })

  it('without a built UI, says how to build it and opens no database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gudang-main-'))
    try {
      const db = join(dir, 'demo.sqlite')
      const env = { ...process.env, GUDANG_UI_DIR: join(dir, 'belum-dibangun') }
      const run = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--db', db, '--port', '0'], {
        cwd: REPO,
        env,
        encoding: 'utf8',
        timeout: 30_000,
      })
      expect(run.status).toBe(1)
      expect(run.stderr).toContain('Antarmuka belum dibangun; jalankan npm start')
      expect(existsSync(db)).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('with a built UI, prints the URL, serves the demo and closes cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gudang-main-'))
    const db = join(dir, 'demo.sqlite')
    // As `npm start` runs it (src/cli/launch.mjs): tsx as a loader, so SIGTERM reaches the server itself.
    const { child, out: output, err: errors } = startNode(['--import', 'tsx', MAIN, '--db', db, '--port', '0'])
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
    try {
      const url = await new Promise<string>((resolveUrl, rejectUrl) => {
        const timer = setTimeout(() => rejectUrl(new Error(`no URL line after 30 s\n${output()}\n${errors()}`)), 30_000)
        child.stdout!.on('data', () => {
          const m = /^URL: (\S+)$/m.exec(output())
          if (m) {
            clearTimeout(timer)
            resolveUrl(m[1]!)
          }
        })
      })
      expect(output()).toContain(`Basis data: ${db}`)
      expect(output()).toMatch(/sintetis/)
      const { origin, searchParams } = new URL(url)
      expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const token = searchParams.get('token')!
      const page = await fetch(url)
      expect(page.status).toBe(200)
      expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      const res = await fetch(`${origin}/api/wilayah.lihatRingkasan`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: '{}',
      })
      expect(await res.json()).toMatchObject({ ok: true, result: { tps: 1446 } })
      child.kill('SIGTERM')
      // What the process said on its way out, should it not exit cleanly.
      expect(await exited, `${output()}\n${errors()}`).toBe(0)
      expect(output()).toContain('Basis data ditutup dengan rapi')
      // A clean close checkpoints the WAL away.
      expect(existsSync(`${db}-wal`)).toBe(false)
      // Browser mode backs up like the desktop app: the demo it just built, at start.
      const backups = readdirSync(join(dir, 'cadangan', 'demo'))
      expect(backups.filter((n) => n.endsWith('-mulai.sqlite'))).toHaveLength(1)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
