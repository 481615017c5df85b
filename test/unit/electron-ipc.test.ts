import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp, type OpenedApp } from '../../src/api/app'
import type { ApiResponse } from '../../src/api/contract'
import type { CallMeta, Dispatcher } from '../../src/api/dispatch'
import { createApiHandler, type ApiSender } from '../../electron/main/ipc'
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security'
import { createFileHandler } from '../../electron/main/serve'

// Stand-ins for Electron's WebFrameMain: only what the handler reads.
const frame = (url: string, destroyed = false): ApiSender =>
  ({ senderFrame: { url, isDestroyed: () => destroyed } }) as unknown as ApiSender
const disposedFrame = (): ApiSender =>
  ({
    senderFrame: {
      isDestroyed: () => false,
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed')
      },
    },
  }) as unknown as ApiSender

function recordingDispatcher() {
  const calls: { method: string; input: unknown; meta: CallMeta }[] = []
  const dispatcher: Dispatcher = {
    async call(method, input, meta) {
      calls.push({ method, input, meta })
      return { ok: true, result: { method } }
    },
    methods: () => [],
  }
  return { calls, dispatcher }
}

describe('createApiHandler', () => {
  it.each([
    ['no sender frame', { senderFrame: null } as unknown as ApiSender],
    ['a web page', frame('https://evil.example/')],
    ['a file:// page', frame('file:///C:/Users/operator/Downloads/x.html')],
    ['another app:// host', frame('app://evil/index.html')],
    ['a destroyed frame', frame('app://gudang/index.html', true)],
    ['a disposed frame', disposedFrame()],
    ['the dev server without dev mode', frame('http://localhost:5173/')],
  ])('refuses %s with UNAUTHORIZED and never reaches the dispatcher', async (_name, sender) => {
    const { calls, dispatcher } = recordingDispatcher()
    const handle = createApiHandler({ dispatcher: async () => dispatcher, isClosing: () => false })
    const res = await handle(sender, 'sistem.lihatInfo', {})
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.code).toBe('UNAUTHORIZED')
      expect(res.error.message).toMatch(/ditolak/)
    }
    expect(calls).toHaveLength(0)
  })

  it('passes a call from the app page to the dispatcher as the operator over IPC', async () => {
    const { calls, dispatcher } = recordingDispatcher()
    const handle = createApiHandler({ dispatcher: async () => dispatcher, isClosing: () => false })
    const res = await handle(frame('app://gudang/index.html#/wilayah'), 'wilayah.lihatRingkasan', { a: 1 })
    expect(res).toEqual({ ok: true, result: { method: 'wilayah.lihatRingkasan' } })
    expect(calls).toEqual([
      { method: 'wilayah.lihatRingkasan', input: { a: 1 }, meta: { actor: 'operator', transport: 'ipc' } },
    ])
  })

  it("passes the window's session to the dispatcher, and drops one that is not a session id", async () => {
    const { calls, dispatcher } = recordingDispatcher()
    const handle = createApiHandler({ dispatcher: async () => dispatcher, isClosing: () => false })
    const page = frame('app://gudang/index.html#/shift')
    await handle(page, 'shift.daftar', {}, 'Q2xhcmEtc2Vzc2lvbi0xMjM0NTY')
    await handle(page, 'shift.daftar', {}, { session: 'object' })
    await handle(page, 'shift.daftar', {}, '../../x')
    expect(calls.map((c) => c.meta)).toEqual([
      { actor: 'operator', transport: 'ipc', session: 'Q2xhcmEtc2Vzc2lvbi0xMjM0NTY' },
      { actor: 'operator', transport: 'ipc' },
      { actor: 'operator', transport: 'ipc' },
    ])
  })

  it('trusts the dev server only when told its URL', async () => {
    const { calls, dispatcher } = recordingDispatcher()
    const handle = createApiHandler({
      dispatcher: async () => dispatcher,
      isClosing: () => false,
      devServerUrl: 'http://localhost:5173/',
    })
    expect((await handle(frame('http://localhost:5173/'), 'sistem.lihatInfo', undefined)).ok).toBe(true)
    expect(calls).toHaveLength(1)
  })

  it('refuses a method name that is not text', async () => {
    const { calls, dispatcher } = recordingDispatcher()
    const handle = createApiHandler({ dispatcher: async () => dispatcher, isClosing: () => false })
    const res = await handle(frame('app://gudang/'), { toString: () => 'sistem.lihatInfo' }, {})
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.code).toBe('UNKNOWN_METHOD')
    expect(calls).toHaveLength(0)
  })

  it('answers DATABASE when the database could not be opened', async () => {
    const handle = createApiHandler({
      dispatcher: async () => {
        throw new Error('Berkas dibuat oleh versi aplikasi yang lebih baru')
      },
      isClosing: () => false,
    })
    const res = await handle(frame('app://gudang/'), 'sistem.lihatInfo', {})
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'DATABASE',
        message: 'Basis data tidak dapat dibuka: Berkas dibuat oleh versi aplikasi yang lebih baru',
      },
    })
  })

  it('refuses calls once the app is quitting, so nothing writes to a closed database', async () => {
    const { calls, dispatcher } = recordingDispatcher()
    let closing = false
    const handle = createApiHandler({ dispatcher: async () => dispatcher, isClosing: () => closing })
    closing = true
    const res = await handle(frame('app://gudang/'), 'sistem.lihatInfo', {})
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.code).toBe('DATABASE')
    expect(calls).toHaveLength(0)
  })

  describe('with the real dispatcher', () => {
    let dir: string
    let app: OpenedApp
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'gudang-ipc-'))
      app = await openApp({ dbPath: join(dir, 'kosong.sqlite') })
    })
    afterAll(() => {
      app?.close()
      rmSync(dir, { recursive: true, force: true })
    })

    it('reaches the service behind the contract and returns its errors as data', async () => {
      const handle = createApiHandler({ dispatcher: async () => app.dispatcher, isClosing: () => false })
      const info = (await handle(frame('app://gudang/index.html'), 'sistem.lihatInfo', {})) as ApiResponse<{
        dbPath: string
      }>
      expect(info.ok).toBe(true)
      if (info.ok) expect(info.result.dbPath).toBe(join(dir, 'kosong.sqlite'))
      const unknown = await handle(frame('app://gudang/index.html'), 'fs.readFile', { path: '/etc/passwd' })
      expect(unknown.ok).toBe(false)
      if (!unknown.ok) expect(unknown.error.code).toBe('UNKNOWN_METHOD')
    })
  })
})

describe('createFileHandler', () => {
  let root: string
  let serve: (request: Request) => Promise<Response>

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'gudang-serve-'))
    const renderer = join(root, 'renderer')
    mkdirSync(join(renderer, 'assets'), { recursive: true })
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Gudang Pemilu</title>')
    writeFileSync(join(renderer, 'assets', 'app.js'), 'export {}')
    writeFileSync(join(root, 'rahasia.txt'), 'jangan dibaca')
    serve = createFileHandler(renderer)
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('serves index.html with the CSP', async () => {
    const res = await serve(new Request('app://gudang/'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await res.text()).toContain('<title>Gudang Pemilu</title>')
  })

  it('serves assets with their type', async () => {
    const res = await serve(new Request('app://gudang/assets/app.js'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.text()).toBe('export {}')
  })

  it('answers 404 for a missing file and a folder', async () => {
    expect((await serve(new Request('app://gudang/tidak-ada.js'))).status).toBe(404)
    expect((await serve(new Request('app://gudang/assets'))).status).toBe(404)
  })

  it('never serves a file outside the renderer folder', async () => {
    // Request objects normalise "..", so the raw-text check is exercised through a plain object too.
    for (const url of ['app://gudang/../rahasia.txt', 'app://gudang/%2e%2e/rahasia.txt']) {
      const res = await serve(new Request(url))
      expect(await res.text()).not.toContain('jangan dibaca')
    }
    const raw = await serve({ method: 'GET', url: 'app://gudang/%2e%2e/rahasia.txt' } as Request)
    expect(raw.status).toBe(403)
    expect((await serve(new Request('app://evil/index.html'))).status).toBe(403)
  })

  it('refuses writes', async () => {
    expect((await serve(new Request('app://gudang/index.html', { method: 'POST', body: 'x' }))).status).toBe(405)
  })
})
