import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { dirname, join, resolve } from 'node:path'
import { realpath } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import type { OpenedApp } from '../../api/app'
import type { ApiResponse, ErrorBody } from '../../api/contract'
import { DOWNLOAD_PREFIX } from '../../api/jobs'
import {
  LAN_OFF,
  lanAccess,
  type HostSetting,
  type LanHostControl,
  type LanHostStatus,
  type StasiunDikenal,
} from '../../api/lan'
import { AppError } from '../../core/errors'
import {
  DEFAULT_MAX_BODY_BYTES,
  drainAndSend,
  EVENTS_PATH,
  logInternal,
  onlyGet,
  readBody,
  SECURITY_HEADERS,
  SESSION_HEADER,
  sendApi,
  sendJobFile,
  serveStatic,
} from '../http'
import { SseHub } from '../sse'
import { lanAddresses, muatAtauBuatSertifikat, type Sertifikat } from './sertifikat'

/**
 * The LAN listener (issue 16): a second server beside the window's own transport, off by default, that
 * paired stations reach over HTTPS with the host's self-signed certificate. The one SQLite file stays the
 * only truth; a station's call goes through the same dispatcher as the window's, with the station in its
 * CallMeta so the authorizer applies its scope and names it in the actor.
 *
 * Routes (see docs/lan.md):
 *   POST /stasiun/pasang        { kode } -> { stasiun, kredensial, sidikJari }       (no credential yet)
 *   POST /api/<method>          Authorization: Stasiun <kredensial>, x-gudang-sesi, Idempotency-Key
 *   GET  /peristiwa             server-sent events of what changed                   (credential)
 *   GET  /unduh/<job>/<key>/<name>  a finished job's file                            (credential)
 *   GET  anything else          the built UI, for a browser station
 * Every answer carries the ledger's head: X-Gudang-Kepala: <seq>:<hash> (stations keep it as witnesses).
 */

export const PAIR_PATH = '/stasiun/pasang'
const API_PREFIX = '/api/'
export const HEAD_HEADER = 'x-gudang-kepala'
export const IDEMPOTENCY_HEADER = 'idempotency-key'
const KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/
/** While the file is in recovery a station may only learn that it is. */
const RECOVERY_ALLOWED = new Set(['sistem.lihatStatus', 'sistem.lihatInfo', 'stasiun.lihatSaya'])

export interface LanHostOptions {
  app: OpenedApp
  /** The built UI a browser station loads (out/renderer); null serves the API only. */
  staticDir: string | null
  /** Where the certificate is kept; by default the stasiun/ folder beside the election file. */
  sertifikatDir?: string
  maxBodyBytes?: number
  /** Apply the stored setting now (default true): a host that was on comes back on after a restart. */
  applyStored?: boolean
  log?: (line: string) => void
}

export interface LanHost extends LanHostControl {
  close(): Promise<void>
  /** The certificate in use, once the listener has started. */
  sertifikat(): Sertifikat | null
}

export async function startLanHost(opts: LanHostOptions): Promise<LanHost> {
  const { app } = opts
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const certDir = opts.sertifikatDir ?? join(dirname(resolve(app.dbPath)), 'stasiun')
  const staticRoot = opts.staticDir === null ? null : await realpath(resolve(opts.staticDir))
  const log = opts.log ?? ((line: string) => process.stderr.write(`[gudang lan] ${line}\n`))
  const hub = new SseHub(app.peristiwa)
  const lastSeen = new Map<number, string>()
  let servers: Server[] = []
  let status: LanHostStatus = { ...LAN_OFF }
  let cert: Sertifikat | null = null
  let applying: Promise<LanHostStatus> = Promise.resolve(status)

  const headOf = (): string => lanAccess.kepala(app.ctx)

  function answer(res: ServerResponse, statusCode: number, body: ApiResponse): void {
    const head = headOf()
    if (head) res.setHeader(HEAD_HEADER, head)
    sendApi(res, statusCode, body)
  }

  const refuse = (res: ServerResponse, statusCode: number, code: ErrorBody['code'], message: string) =>
    answer(res, statusCode, { ok: false, error: { code, message } })

  /** A refusal before the body was read: the rest of an upload is thrown away, not buffered. */
  function refuseEarly(
    req: IncomingMessage,
    res: ServerResponse,
    statusCode: number,
    code: ErrorBody['code'],
    message: string,
  ) {
    const head = headOf()
    if (head) res.setHeader(HEAD_HEADER, head)
    drainAndSend(req, res, statusCode, { ok: false, error: { code, message } })
  }

  /** The paired, unrevoked station behind the Authorization header; null after refusing the request. */
  function stationOf(req: IncomingMessage, res: ServerResponse, secure: boolean): StasiunDikenal | null {
    const m = /^Stasiun\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
    const found = m ? lanAccess.kenali(app.ctx, m[1]!) : null
    if (!found) {
      refuseEarly(
        req,
        res,
        401,
        'UNAUTHORIZED',
        'Stasiun ini belum dipasangkan atau kredensialnya sudah dicabut; pasangkan ulang dengan kode baru dari komputer induk',
      )
      return null
    }
    if (!secure && !found.izinkanHttp) {
      refuseEarly(req, res, 403, 'UNAUTHORIZED', `Stasiun ${found.nama} hanya boleh tersambung lewat HTTPS`)
      return null
    }
    lastSeen.set(found.id, app.ctx.now().toISOString())
    return found
  }

  async function handle(req: IncomingMessage, res: ServerResponse, secure: boolean): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
    const rawUrl = req.url ?? '/'
    const pathname = rawUrl.split('?', 1)[0] ?? '/'
    // A page of another site in a tablet's browser must not drive this one; the UI calls its own origin.
    const origin = req.headers.origin
    if (
      origin !== undefined &&
      origin.toLowerCase() !== `${secure ? 'https' : 'http'}://${req.headers.host ?? ''}`.toLowerCase()
    )
      return refuse(res, 403, 'UNAUTHORIZED', 'Permintaan dari situs lain ditolak')
    if (pathname === PAIR_PATH) return handlePair(req, res, secure)
    if (pathname.startsWith(API_PREFIX)) return handleApi(req, res, pathname, secure)
    if (pathname === EVENTS_PATH) return handleEvents(req, res, secure)
    if (pathname.startsWith(DOWNLOAD_PREFIX)) return handleDownload(req, res, pathname, secure)
    return serveStatic(staticRoot, req, res, pathname)
  }

  async function jsonBody(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<{ ok: true; input: unknown } | { ok: false }> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST')
      drainAndSend(req, res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: 'Gunakan POST' } })
      return { ok: false }
    }
    const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase()
    if (type !== 'application/json') {
      drainAndSend(req, res, 415, {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'Jenis isi permintaan harus application/json' },
      })
      return { ok: false }
    }
    const body = await readBody(req, maxBodyBytes)
    if (body === 'aborted') return { ok: false }
    if (body === 'too-large') {
      res.setHeader('Connection', 'close')
      refuse(res, 413, 'INVALID_INPUT', 'Permintaan terlalu besar')
      return { ok: false }
    }
    try {
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body)
      return { ok: true, input: text.trim() === '' ? undefined : (JSON.parse(text) as unknown) }
    } catch {
      refuse(res, 400, 'INVALID_INPUT', 'Badan permintaan bukan JSON UTF-8 yang sah; tidak ada yang diubah')
      return { ok: false }
    }
  }

  async function handlePair(req: IncomingMessage, res: ServerResponse, secure: boolean): Promise<void> {
    const body = await jsonBody(req, res)
    if (!body.ok) return
    const kode = (body.input as { kode?: unknown } | undefined)?.kode
    if (app.state.mode !== 'normal')
      return refuse(res, 503, 'DATABASE', 'Komputer induk dalam mode pemulihan; pemasangan stasiun ditunda')
    try {
      const paired = lanAccess.pasang(app.ctx, typeof kode === 'string' ? kode : '', secure)
      // Pairing again replaces the credential: whatever held the old one is cut off now.
      app.sessions.akhiriStasiun(paired.stasiun.id)
      hub.disconnect(paired.stasiun.id)
      lastSeen.set(paired.stasiun.id, app.ctx.now().toISOString())
      app.peristiwa.publish('stasiun')
      log(`stasiun ${paired.stasiun.nama} dipasangkan dari ${req.socket.remoteAddress}`)
      answer(res, 200, {
        ok: true,
        result: {
          stasiun: { ...paired.stasiun, terakhirTerlihat: lastSeen.get(paired.stasiun.id) ?? null },
          kredensial: paired.kredensial,
          sidikJari: cert?.sidikJari ?? null,
        },
      })
    } catch (err) {
      if (err instanceof AppError)
        return answer(res, err.code === 'UNAUTHORIZED' ? 401 : 400, { ok: false, error: err.toBody() })
      throw err
    }
  }

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    secure: boolean,
  ): Promise<void> {
    const station = stationOf(req, res, secure)
    if (!station) return
    let method: string
    try {
      method = decodeURIComponent(pathname.slice(API_PREFIX.length))
    } catch {
      return refuseEarly(req, res, 400, 'INVALID_INPUT', 'Nama metode tidak sah')
    }
    const rawKey = req.headers[IDEMPOTENCY_HEADER]
    if (rawKey !== undefined && (typeof rawKey !== 'string' || !KEY_PATTERN.test(rawKey)))
      return refuseEarly(req, res, 400, 'INVALID_INPUT', 'Idempotency-Key harus 8–128 huruf, angka, - atau _')
    const body = await jsonBody(req, res)
    if (!body.ok) return
    if (app.state.mode !== 'normal' && !RECOVERY_ALLOWED.has(method))
      return refuse(
        res,
        503,
        'DATABASE',
        `Komputer induk dalam mode pemulihan (${app.state.problem}); tunggu sampai koordinator memulihkannya`,
      )
    const session = req.headers[SESSION_HEADER]
    let response: ApiResponse
    try {
      response = await app.dispatcher.call(method, body.input, {
        actor: `Stasiun ${station.nama}`,
        transport: 'stasiun',
        stasiun: { id: station.id, nama: station.nama, cakupan: station.cakupan },
        ...(typeof session === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(session) ? { session } : {}),
        ...(typeof rawKey === 'string' ? { idempotencyKey: rawKey } : {}),
      })
    } catch (err) {
      logInternal(`stasiun ${station.nama} ${method}`, err)
      response = { ok: false, error: { code: 'INTERNAL', message: `Terjadi kesalahan internal pada ${method}` } }
    }
    answer(res, 200, response)
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse, secure: boolean): void {
    if (!onlyGet(req, res, 'Gunakan GET')) return
    const station = stationOf(req, res, secure)
    if (!station) return
    const head = headOf()
    if (head) res.setHeader(HEAD_HEADER, head)
    hub.attach(req, res, station.id)
  }

  async function handleDownload(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    secure: boolean,
  ): Promise<void> {
    res.setHeader('Cache-Control', 'no-store')
    if (req.method !== 'GET' && req.method !== 'HEAD') return drainAndSend(req, res, 405, null, 'Gunakan GET')
    if (!stationOf(req, res, secure)) return
    return sendJobFile(req, res, pathname, app.jobs)
  }

  function handler(secure: boolean) {
    return (req: IncomingMessage, res: ServerResponse) => {
      handle(req, res, secure).catch((err: unknown) => {
        logInternal(`${req.method} ${req.url}`, err)
        if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'Terjadi kesalahan internal pada komputer induk')
        else res.destroy()
      })
    }
  }

  async function stopServers(): Promise<void> {
    const closing = servers.map(
      (s) =>
        new Promise<void>((done) => {
          s.close(() => done())
          s.closeIdleConnections()
          setTimeout(() => s.closeAllConnections(), 200).unref()
        }),
    )
    servers = []
    await Promise.all(closing)
  }

  const listen = (server: Server, port: number, address: string) =>
    new Promise<number>((done, fail) => {
      server.once('error', fail)
      server.listen({ port, host: address, exclusive: true }, () => {
        server.off('error', fail)
        done((server.address() as AddressInfo).port)
      })
    })

  async function apply(setting: HostSetting): Promise<LanHostStatus> {
    await stopServers()
    if (!setting.aktif) return (status = { ...LAN_OFF })
    try {
      cert = await muatAtauBuatSertifikat(certDir, setting.alamat)
      const binds = setting.alamat.length ? setting.alamat : ['0.0.0.0']
      let port = setting.port
      let portHttp: number | null = null
      for (const address of binds) {
        const tls = createHttpsServer({ cert: cert.cert, key: cert.key, minVersion: 'TLSv1.2' }, handler(true))
        tls.keepAliveTimeout = 30_000
        servers.push(tls)
        port = await listen(tls, port, address)
        if (setting.portHttp !== null) {
          const plain = createHttpServer(handler(false))
          servers.push(plain)
          portHttp = await listen(plain, portHttp ?? setting.portHttp, address)
        }
      }
      const shown = setting.alamat.length
        ? setting.alamat
        : lanAddresses().sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')))
      status = { berjalan: true, alamat: shown, port, portHttp, sidikJari: cert.sidikJari, galat: null, tersambung: 0 }
      log(`mendengarkan di ${shown.join(', ')} port ${port}${portHttp ? ` (HTTP ${portHttp})` : ''}`)
    } catch (err) {
      await stopServers()
      const code = (err as NodeJS.ErrnoException).code
      const galat =
        code === 'EADDRINUSE'
          ? `Port ${setting.port} sudah dipakai program lain; pilih port lain`
          : code === 'EADDRNOTAVAIL'
            ? `Alamat ${setting.alamat.join(', ')} bukan alamat komputer ini`
            : code === 'EACCES'
              ? `Port ${setting.port} tidak boleh dipakai oleh pengguna ini; pilih port di atas 1024`
              : `Mode induk tidak dapat dinyalakan: ${err instanceof Error ? err.message : String(err)}`
      status = { ...LAN_OFF, galat }
      log(galat)
    }
    return status
  }

  const host: LanHost = {
    terapkan(setting) {
      // One change at a time: a second click waits for the first listener to be up or down.
      applying = applying.then(() => apply(setting))
      return applying
    },
    status: () => ({ ...status, tersambung: hub.size }),
    putuskan(id) {
      hub.disconnect(id)
      lastSeen.delete(id)
    },
    terakhirTerlihat: (id) => lastSeen.get(id) ?? null,
    sertifikat: () => cert,
    async close() {
      if (app.lan.current === host) app.lan.current = null
      hub.close()
      await applying.catch(() => {})
      await stopServers()
    },
  }
  app.lan.current = host
  if (opts.applyStored !== false && app.state.mode === 'normal') {
    const stored = lanAccess.setelan(app.ctx)
    if (stored.aktif) await host.terapkan(stored)
  }
  return host
}
