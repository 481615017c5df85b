import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { userInfo } from 'node:os'
import { extname, resolve, sep } from 'node:path'
import type { ApiResponse, ErrorBody } from '../api/contract'
import type { Dispatcher } from '../api/dispatch'
import { contentDisposition, DOWNLOAD_PREFIX, parseDownloadPath, type JobRunner } from '../api/jobs'
import type { PeristiwaBus } from '../api/peristiwa'
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy'
import { SseHub } from './sse'

export interface HttpServerOptions {
  dispatcher: Dispatcher
  /** The built UI (out/renderer); null serves the API only. */
  staticDir: string | null
  /** 0 (default) picks a free port. */
  port?: number
  /** Bearer token required on every API call; 32 random bytes (hex) by default. */
  token?: string
  /** Imports travel as base64 inside JSON, so the default leaves room for a 50 MB file. */
  maxBodyBytes?: number
  /** Recorded as meta.actor on every call; browser mode serves the person logged in on this PC. */
  actor?: string
  /** Finished long jobs' files (OpenedApp.jobs): served at /unduh/<job>/<key>/<name>. */
  jobs?: Pick<JobRunner, 'download'>
  /** Live updates (OpenedApp.peristiwa): served as server-sent events at GET /peristiwa. */
  peristiwa?: PeristiwaBus
}

export interface RunningHttpServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

export const DEFAULT_MAX_BODY_BYTES = 80 * 1024 * 1024

/** Same policy as the Electron window, so the UI behaves identically in both modes. */
export { CONTENT_SECURITY_POLICY }

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // The token rides in the page URL; never leak it to another site.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
}

const API_PREFIX = '/api/'
/** Live updates (server-sent events), on this server and on the LAN listener. */
export const EVENTS_PATH = '/peristiwa'

/**
 * HTTP transport of the one API (browser mode, tests, later LAN stations). Listens on 127.0.0.1
 * only; every API call needs the bearer token, and Host/Origin are checked so a web page on
 * another site cannot reach the server through DNS rebinding or a cross-site form.
 */
export async function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  const token = opts.token ?? randomBytes(32).toString('hex')
  if (!token) throw new Error('token must not be empty')
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const actor = opts.actor ?? osUserName()
  // Hash both sides so the comparison takes the same time whatever the length of the guess.
  const tokenDigest = sha256(token)
  const staticRoot = opts.staticDir === null ? null : await realpath(resolve(opts.staticDir))
  let allowedHosts: Set<string> = new Set()
  let allowedOrigins: Set<string> = new Set()
  const hub = opts.peristiwa ? new SseHub(opts.peristiwa) : null

  // Host is checked in handle() against the allowed names (DNS rebinding), with a message; Node's own
  // check would answer a bare 400 first.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      logInternal(`${req.method} ${req.url}`, err)
      if (!res.headersSent) sendApi(res, 500, fail('INTERNAL', 'Terjadi kesalahan internal pada server'))
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
    const rawUrl = req.url ?? '/'
    const pathname = rawUrl.split('?', 1)[0] ?? '/'
    const isApi = pathname.startsWith(API_PREFIX)
    if (isApi) res.setHeader('Cache-Control', 'no-store')

    const host = (req.headers.host ?? '').toLowerCase()
    if (!allowedHosts.has(host)) {
      return reject(
        req,
        res,
        isApi,
        403,
        'UNAUTHORIZED',
        'Alamat server tidak dikenal; buka aplikasi melalui http://127.0.0.1 atau http://localhost',
      )
    }
    const origin = req.headers.origin
    if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase())) {
      return reject(req, res, isApi, 403, 'UNAUTHORIZED', 'Permintaan dari situs lain ditolak')
    }

    if (isApi) return handleApi(req, res, pathname)
    if (pathname === EVENTS_PATH) return handleEvents(req, res, rawUrl)
    if (pathname.startsWith(DOWNLOAD_PREFIX)) return handleDownload(req, res, pathname)
    return serveStatic(staticRoot, req, res, pathname)
  }

  /** A finished job's file. The key in the address is the permission: unguessable, and that job's alone. */
  async function handleDownload(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    res.setHeader('Cache-Control', 'no-store')
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return drainAndSend(req, res, 405, null, 'Metode HTTP tidak diizinkan')
    }
    return sendJobFile(req, res, pathname, opts.jobs)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST')
      return drainAndSend(req, res, 405, fail('INVALID_INPUT', 'Metode HTTP tidak diizinkan; gunakan POST'))
    }
    if (!authorized(req.headers.authorization)) {
      return drainAndSend(
        req,
        res,
        401,
        fail(
          'UNAUTHORIZED',
          'Token akses tidak ada atau salah; buka alamat lengkap (dengan ?token=…) yang dicetak saat server dimulai',
        ),
      )
    }
    const contentType = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase()
    if (contentType !== 'application/json') {
      return drainAndSend(req, res, 415, fail('INVALID_INPUT', 'Jenis isi permintaan harus application/json'))
    }
    let method: string
    try {
      method = decodeURIComponent(pathname.slice(API_PREFIX.length))
    } catch {
      return drainAndSend(req, res, 400, fail('INVALID_INPUT', 'Nama metode pada alamat tidak sah'))
    }

    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > maxBodyBytes) return tooLarge(req, res)
    const body = await readBody(req, maxBodyBytes)
    if (body === 'too-large') return tooLarge(req, res)
    if (body === 'aborted') return

    let input: unknown
    let text: string
    try {
      // Strict: toString('utf8') would turn bad bytes into U+FFFD and a name would be saved garbled.
      // A BOM is kept, so JSON.parse refuses it as it always did: no client of ours sends one.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body)
    } catch {
      return sendApi(
        res,
        400,
        fail('INVALID_INPUT', 'Badan permintaan bukan teks UTF-8 yang sah; tidak ada yang diubah'),
      )
    }
    if (text.trim() !== '') {
      try {
        input = JSON.parse(text)
      } catch {
        return sendApi(res, 400, fail('INVALID_INPUT', 'Badan permintaan bukan JSON yang sah'))
      }
    }
    let response: ApiResponse
    try {
      response = await opts.dispatcher.call(method, input, {
        actor,
        transport: 'http',
        ...sessionOf(req),
        ...idempotencyKeyOf(req),
      })
    } catch (err) {
      // The dispatcher promises never to throw; if it does, the caller still gets an ApiResponse.
      logInternal(method, err)
      response = fail('INTERNAL', `Terjadi kesalahan internal pada ${method}`)
    }
    sendApi(res, 200, response)
  }

  /**
   * The live feed. EventSource cannot send a header, so the token may also ride in the address, as it
   * already does in the page's own (?token=…); both are checked the same way.
   */
  function handleEvents(req: IncomingMessage, res: ServerResponse, rawUrl: string): void {
    if (!onlyGet(req, res, 'Metode HTTP tidak diizinkan; gunakan GET')) return
    const query = new URLSearchParams(rawUrl.split('?', 2)[1] ?? '').get('token')
    if (!authorized(req.headers.authorization) && !(query && authorized(`Bearer ${query}`)))
      return sendText(res, 401, 'Token akses tidak ada atau salah')
    // No feed in this server: 204 tells the page to stop asking. (A 404 would be an error in its console
    // on every page load, and the page would have nothing to do with it either.)
    if (!hub) return void res.writeHead(204).end()
    hub.attach(req, res, null)
  }

  function authorized(header: string | undefined): boolean {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
    return match !== null && timingSafeEqual(sha256(match[1]!), tokenDigest)
  }

  function tooLarge(req: IncomingMessage, res: ServerResponse): void {
    const limitMb = Math.floor(maxBodyBytes / (1024 * 1024))
    const message =
      limitMb >= 1
        ? `Permintaan terlalu besar (maksimum ${limitMb} MB)`
        : `Permintaan terlalu besar (maksimum ${maxBodyBytes} bita)`
    res.setHeader('Connection', 'close')
    sendApi(res, 413, fail('INVALID_INPUT', message))
    discardRest(req)
  }

  function reject(
    req: IncomingMessage,
    res: ServerResponse,
    isApi: boolean,
    status: number,
    code: ErrorBody['code'],
    message: string,
  ): void {
    if (isApi) return drainAndSend(req, res, status, fail(code, message))
    return drainAndSend(req, res, status, null, message)
  }

  await new Promise<void>((resolvePromise, rejectPromise) => {
    server.once('error', rejectPromise)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', rejectPromise)
      resolvePromise()
    })
  })
  const port = (server.address() as AddressInfo).port
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`])
  server.on('clientError', (err, socket) => {
    // Node refuses these before handle() runs; the caller still gets a sentence, not a bare status line.
    const overflow = (err as NodeJS.ErrnoException).code === 'HPE_HEADER_OVERFLOW'
    const status = overflow ? '431 Request Header Fields Too Large' : '400 Bad Request'
    const text = overflow
      ? 'Header permintaan terlalu besar; permintaan ditolak\n'
      : 'Permintaan HTTP tidak sah (header rusak atau tanpa Host); permintaan ditolak\n'
    if (socket.writable) {
      socket.end(
        `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      )
    } else socket.destroy()
    if ((err as NodeJS.ErrnoException).code !== 'ECONNRESET') logInternal('clientError', err)
  })

  let closing: Promise<void> | null = null
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolvePromise) => {
        hub?.close()
        server.close(() => resolvePromise())
        // Browsers keep connections alive; without this close() would wait for them to time out.
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), 200).unref()
      })
      return closing
    },
  }
}

/** A build's file named for its content by the bundler ("assets/Beranda-B2V2tipb.js"): never changes. */
const isHashedAsset = (relative: string): boolean => /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/.test(relative)

/** The built UI's files: GET and HEAD only, never outside `staticRoot` (a realpath), even through a symlink. */
export async function serveStatic(
  staticRoot: string | null,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD')
    return drainAndSend(req, res, 405, null, 'Metode HTTP tidak diizinkan')
  }
  if (staticRoot === null) return sendText(res, 404, 'Tidak ditemukan')
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return sendText(res, 400, 'Alamat tidak sah')
  }
  // Refuse rather than normalise: a request that names a parent folder is never a real asset.
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((seg) => seg === '..')) {
    return sendText(res, 400, 'Alamat tidak sah')
  }
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
  const candidate = resolve(staticRoot, relative)
  if (!isInside(staticRoot, candidate)) return sendText(res, 400, 'Alamat tidak sah')
  let file: string
  let size: number
  try {
    file = await realpath(candidate)
    // A symlink inside the build must not lead outside it either.
    if (!isInside(staticRoot, file)) return sendText(res, 404, 'Tidak ditemukan')
    const info = await stat(file)
    if (!info.isFile()) return sendText(res, 404, 'Tidak ditemukan')
    size = info.size
  } catch {
    return sendText(res, 404, 'Tidak ditemukan')
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': size,
    // index.html is revalidated on every load, so a new build is never mixed with an old one; the files it
    // names carry a hash of their content, so a browser or a station's tablet keeps them (and V8 its compiled
    // code of them) from one start to the next instead of fetching and compiling 0.4 MB again.
    'Cache-Control': isHashedAsset(relative) ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  if (req.method === 'HEAD') return void res.end()
  const stream = createReadStream(file)
  stream.on('error', (err) => {
    logInternal(`GET ${pathname}`, err)
    res.destroy()
  })
  stream.pipe(res)
}

export type Body = Buffer | 'too-large' | 'aborted'

/** Reads at most `limit` bytes; past that it stops keeping data instead of buffering an attacker's upload. */
/** The session header of the UI (sesi.masuk); anything malformed is treated as no session. */
export const SESSION_HEADER = 'x-gudang-sesi'
function sessionOf(req: IncomingMessage): { session?: string } {
  const v = req.headers[SESSION_HEADER]
  return typeof v === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(v) ? { session: v } : {}
}

/** A write's Idempotency-Key (docs/lan.md); anything malformed is treated as none. */
export function idempotencyKeyOf(req: IncomingMessage): { idempotencyKey?: string } {
  const v = req.headers['idempotency-key']
  return typeof v === 'string' && /^[A-Za-z0-9_-]{8,128}$/.test(v) ? { idempotencyKey: v } : {}
}

export function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolvePromise) => {
    const chunks: Buffer[] = []
    let length = 0
    let settled = false
    const settle = (value: Body): void => {
      if (settled) return
      settled = true
      req.off('data', onData)
      resolvePromise(value)
    }
    const onData = (chunk: Buffer): void => {
      length += chunk.length
      if (length > limit) {
        chunks.length = 0
        settle('too-large')
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.on('end', () => settle(Buffer.concat(chunks, length)))
    req.on('error', () => settle('aborted'))
    req.on('close', () => settle('aborted'))
  })
}

/**
 * After an early answer the client may still be uploading. Closing at once makes the kernel send
 * RST, which can destroy the answer before the client reads it; so throw the rest away for a
 * short while (nothing is kept), then cut the connection.
 */
export function discardRest(req: IncomingMessage): void {
  if (req.readableEnded) return
  req.on('data', () => {})
  req.resume()
  const timer = setTimeout(() => req.socket.destroy(), 2_000)
  timer.unref()
  req.on('end', () => clearTimeout(timer))
  req.on('close', () => clearTimeout(timer))
}

/**
 * A finished job's file at its download address (GET or HEAD), from the browser-mode server and the LAN host
 * alike: the key in the address is the permission, unguessable and that job's alone; 404 when it is gone.
 */
export async function sendJobFile(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  jobs: Pick<JobRunner, 'download'> | undefined,
): Promise<void> {
  const ref = parseDownloadPath(pathname)
  const file = ref ? jobs?.download(ref.id, ref.key) : null
  if (!file) return sendText(res, 404, 'Berkas hasil pekerjaan ini tidak ada (kuncinya salah, atau sudah lama selesai)')
  let size: number
  try {
    size = (await stat(file.file)).size
  } catch {
    return sendText(res, 404, 'Berkas hasil pekerjaan ini sudah tidak ada di folder keluaran')
  }
  res.writeHead(200, {
    'Content-Type': file.mime,
    'Content-Length': size,
    'Content-Disposition': contentDisposition(file.fileName),
  })
  if (req.method === 'HEAD') return void res.end()
  createReadStream(file.file)
    .on('error', (err) => {
      logInternal(`GET ${pathname}`, err)
      res.destroy()
    })
    .pipe(res)
}

/** Early refusals: answer without reading the body, and never buffer it. */
/**
 * The first answer of a live feed: never cached, and only to GET (405 naming GET otherwise, the request's
 * body drained). False when the request was answered here with `refusal`.
 */
export function onlyGet(req: IncomingMessage, res: ServerResponse, refusal: string): boolean {
  res.setHeader('Cache-Control', 'no-store')
  if (req.method === 'GET') return true
  res.setHeader('Allow', 'GET')
  drainAndSend(req, res, 405, null, refusal)
  return false
}

export function drainAndSend(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: ApiResponse | null,
  text?: string,
): void {
  if (
    !req.readableEnded &&
    req.headers['content-length'] !== '0' &&
    (req.headers['content-length'] || req.headers['transfer-encoding'])
  ) {
    res.setHeader('Connection', 'close')
    discardRest(req)
  }
  if (body) sendApi(res, status, body)
  else sendText(res, status, text ?? '')
}

export function sendApi(res: ServerResponse, status: number, body: ApiResponse): void {
  const payload = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
  })
  res.end(payload)
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

const fail = (code: ErrorBody['code'], message: string): ApiResponse => ({ ok: false, error: { code, message } })

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest()

const isInside = (root: string, target: string): boolean =>
  target === root || target.startsWith(root.endsWith(sep) ? root : root + sep)

export function osUserName(): string {
  try {
    return userInfo().username || 'pengguna'
  } catch {
    // userInfo() throws when the account has no passwd entry (some containers).
    return process.env.USER ?? process.env.USERNAME ?? 'pengguna'
  }
}

export function logInternal(where: string, err: unknown): void {
  process.stderr.write(`[gudang http] ${where}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
}
