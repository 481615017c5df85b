import { randomUUID } from 'node:crypto'
import { Agent, request, type RequestOptions } from 'node:https'
import { connect, type PeerCertificate } from 'node:tls'
import { X509Certificate } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { ApiResponse } from '../../api/contract'
import { contract, type MethodName } from '../../api/contract'
import {
  bacaKepala,
  normalKodePasang,
  normalSidikJari,
  simpanKepala,
  tanpaKunciIdempotensi,
  type Kepala,
} from '../../core/stasiun'

/**
 * The station's side of the LAN protocol, for the Electron station ("Sambungkan ke komputer induk"):
 * its main process forwards the window's calls to the host through this client. No electron import, so
 * it is tested under Node against a real host on loopback.
 *
 * - Pinned: the host's certificate is trusted only when its SHA-256 is the one from the pairing code.
 *   The check runs inside the TLS handshake (the pinned certificate is the only trust anchor, and
 *   checkServerIdentity compares the fingerprint), before a byte of the request — the credential
 *   included — is sent. The host's address may change (DHCP); its certificate may not.
 * - Exactly once: every write carries an Idempotency-Key (the caller's, from its outbox, or one made
 *   here); a dropped connection is retried with the same key, so the host records it once.
 * - A witness: the chain head of every answer is kept (thinned, core/stasiun.ts simpanKepala), and
 *   `buktikan` asks the host to prove them, after each reconnect of the live feed.
 */

export const STASIUN_AUTH = 'Stasiun'

export interface Sambungan {
  alamat: string
  port: number
  /** The host certificate's SHA-256 (64 hex), pinned at pairing. */
  sidikJari: string
  /** The certificate itself (PEM), kept at pairing: the only certificate this station trusts. */
  sertifikat: string
}

export interface KonfigurasiStasiun extends Sambungan {
  kredensial: string
  stasiun: { id: number; nama: string; cakupan: string }
  /** Chain heads seen, oldest first. */
  kepala: Kepala[]
}

export class SertifikatSalahError extends Error {
  constructor(
    readonly diharapkan: string,
    readonly didapat: string | null,
  ) {
    super(
      didapat
        ? `Sertifikat komputer induk tidak sama dengan yang dipasangkan (sidik jari ${didapat.slice(0, 16)}…, seharusnya ${diharapkan.slice(0, 16)}…); sambungan ditolak. Bila komputer induk memang diganti, pasangkan ulang stasiun ini.`
        : 'Sertifikat komputer induk tidak dapat diperiksa; sambungan ditolak',
    )
    this.name = 'SertifikatSalahError'
  }
}

const fingerprintOf = (cert: PeerCertificate | X509Certificate): string =>
  cert.fingerprint256.replace(/:/g, '').toLowerCase()

const UNREACHABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'ERR_STREAM_PREMATURE_CLOSE',
])

const isWrite = (method: string): boolean =>
  Object.prototype.hasOwnProperty.call(contract, method) && contract[method as MethodName].writes

/**
 * Reads the host's certificate without trusting it and checks it against the fingerprint from the
 * pairing code: the whole fingerprint, or (typed by hand) at least its first 16 hex digits — 64 bits,
 * which no one can match with a certificate of their own within a code's ten minutes.
 */
export function ambilSertifikat(alamat: string, port: number, sidikJari: string, timeoutMs = 5_000): Promise<string> {
  const want = sidikJari.replace(/[\s:]/g, '').toLowerCase()
  if (!/^[0-9a-f]{16,64}$/.test(want))
    return Promise.reject(new Error('Sidik jari tidak sah: 16 sampai 64 angka heksadesimal'))
  return new Promise((resolvePromise, rejectPromise) => {
    const socket = connect({ host: alamat, port, rejectUnauthorized: false, servername: undefined, timeout: timeoutMs })
    socket.once('secureConnect', () => {
      const peer = socket.getPeerX509Certificate()
      socket.end()
      if (!peer) return rejectPromise(new SertifikatSalahError(want, null))
      const got = fingerprintOf(peer)
      if (!got.startsWith(want)) return rejectPromise(new SertifikatSalahError(want, got))
      resolvePromise(peer.toString())
    })
    socket.once('timeout', () =>
      socket.destroy(Object.assign(new Error('Komputer induk tidak menjawab'), { code: 'ETIMEDOUT' })),
    )
    socket.once('error', rejectPromise)
  })
}

/** An agent that trusts exactly the pinned certificate, whatever address it is reached at. */
function pinnedAgent(s: Sambungan): Agent {
  const want = normalSidikJari(s.sidikJari)
  if (!want) throw new Error('Sidik jari sertifikat tidak sah')
  return new Agent({
    keepAlive: true,
    maxSockets: 8,
    ca: s.sertifikat,
    minVersion: 'TLSv1.2',
    checkServerIdentity: (_host, cert) => {
      const got = fingerprintOf(cert)
      return got === want ? undefined : new SertifikatSalahError(want, got)
    },
  })
}

interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(
  agent: Agent,
  s: Pick<Sambungan, 'alamat' | 'port'>,
  o: RequestOptions & { body?: string; timeoutMs: number },
): Promise<RawAnswer> {
  return new Promise((resolvePromise, rejectPromise) => {
    const req = request(
      { ...o, host: s.alamat, port: s.port, agent, servername: undefined, timeout: o.timeoutMs },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', rejectPromise)
        res.on('aborted', () => rejectPromise(Object.assign(new Error('Jawaban terputus'), { code: 'ECONNRESET' })))
      },
    )
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('Komputer induk tidak menjawab'), { code: 'ETIMEDOUT' })),
    )
    req.on('error', rejectPromise)
    req.end(o.body)
  })
}

/** Pairs this station: checks the certificate, trades the code for a credential. Throws on refusal. */
export async function pasang(p: {
  alamat: string
  port: number
  /** Full (from the QR or the link) or its first 16+ hex digits (typed). */
  sidikJari: string
  kode: string
  timeoutMs?: number
}): Promise<KonfigurasiStasiun> {
  const kode = normalKodePasang(p.kode)
  if (!kode) throw new Error('Kode pasang tidak sah: 26 huruf dan angka seperti di komputer induk')
  const sertifikat = await ambilSertifikat(p.alamat, p.port, p.sidikJari, p.timeoutMs)
  const sambungan: Sambungan = {
    alamat: p.alamat,
    port: p.port,
    sertifikat,
    sidikJari: fingerprintOf(new X509Certificate(sertifikat)),
  }
  const agent = pinnedAgent(sambungan)
  try {
    const r = await send(agent, sambungan, {
      method: 'POST',
      path: '/stasiun/pasang',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kode }),
      timeoutMs: p.timeoutMs ?? 10_000,
    })
    const answer = JSON.parse(r.body) as ApiResponse<{ kredensial: string; stasiun: KonfigurasiStasiun['stasiun'] }>
    if (!answer.ok) throw Object.assign(new Error(answer.error.message), { code: answer.error.code })
    const head = bacaKepala(headerOf(r.headers))
    return {
      ...sambungan,
      kredensial: answer.result.kredensial,
      stasiun: {
        id: answer.result.stasiun.id,
        nama: answer.result.stasiun.nama,
        cakupan: answer.result.stasiun.cakupan,
      },
      kepala: head ? [head] : [],
    }
  } finally {
    agent.destroy()
  }
}

const headerOf = (h: RawAnswer['headers']): string | undefined => {
  const v = h['x-gudang-kepala']
  return Array.isArray(v) ? v[0] : v
}

export interface KlienOptions {
  /** How long one attempt may take (default 30 s: a tally save answers in milliseconds). */
  timeoutMs?: number
  /** Attempts after the first when the connection drops or the host does not answer (default 5). */
  retries?: number
  /** First pause between attempts, doubled each time up to 3 s (default 250 ms). */
  backoffMs?: number
  /** Told every new chain head (to persist the witness list). */
  onKepala?: (kepala: Kepala[]) => void
}

export interface CallOptions {
  /** The window's session (sesi.masuk). */
  sesi?: string
  /** The outbox's key for this write; made here when absent. Kept across retries. */
  kunci?: string
  timeoutMs?: number
}

export class KlienStasiun {
  private agent: Agent
  private kepala: Kepala[]

  constructor(
    private readonly cfg: KonfigurasiStasiun,
    private readonly opts: KlienOptions = {},
  ) {
    this.agent = pinnedAgent(cfg)
    this.kepala = [...cfg.kepala]
  }

  get stasiun(): KonfigurasiStasiun['stasiun'] {
    return this.cfg.stasiun
  }

  /** The heads seen so far, oldest first. */
  kepalaTerlihat(): Kepala[] {
    return [...this.kepala]
  }

  /**
   * One API call at the host. A write goes with an idempotency key and is retried with that same key
   * when the connection drops; after the last attempt the answer is UNREACHABLE (keep it in the outbox
   * and send it again later, with the same key). A wrong certificate is never retried.
   */
  async call(method: string, input: unknown, o: CallOptions = {}): Promise<ApiResponse> {
    const kunci = isWrite(method) && !tanpaKunciIdempotensi(method) ? (o.kunci ?? randomUUID()) : o.kunci
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Authorization: `${STASIUN_AUTH} ${this.cfg.kredensial}`,
    }
    if (o.sesi) headers['x-gudang-sesi'] = o.sesi
    if (kunci) headers['idempotency-key'] = kunci
    const body = JSON.stringify(input ?? {})
    const retries = this.opts.retries ?? 5
    let pause = this.opts.backoffMs ?? 250
    let last: unknown
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        await new Promise((r) => setTimeout(r, pause))
        pause = Math.min(pause * 2, 3_000)
      }
      try {
        const r = await send(this.agent, this.cfg, {
          method: 'POST',
          path: `/api/${encodeURIComponent(method)}`,
          headers,
          body,
          timeoutMs: o.timeoutMs ?? this.opts.timeoutMs ?? 30_000,
        })
        this.see(headerOf(r.headers))
        return JSON.parse(r.body) as ApiResponse
      } catch (err) {
        if (err instanceof SertifikatSalahError || isCertificateError(err))
          throw asCertificateError(err, this.cfg.sidikJari)
        const code = (err as NodeJS.ErrnoException).code ?? ''
        if (!UNREACHABLE_CODES.has(code) && !/socket hang up/i.test(String(err))) throw err
        last = err
      }
    }
    return {
      ok: false,
      error: {
        code: 'UNREACHABLE',
        message: `Komputer induk ${this.cfg.alamat}:${this.cfg.port} tidak terjangkau (${(last as Error)?.message ?? 'terputus'}); isian disimpan untuk dikirim ulang`,
      },
    }
  }

  /** Asks the host to prove the heads this station saw (stasiun.buktikan). */
  async buktikan(): Promise<ApiResponse<{ cocok: boolean; hasil: { seq: number; cocok: boolean }[] }>> {
    const kepala = this.kepala.filter((k) => k.seq > 0).slice(-64)
    if (kepala.length === 0) return { ok: true, result: { cocok: true, hasil: [] } }
    return (await this.call('stasiun.buktikan', { kepala })) as ApiResponse<{
      cocok: boolean
      hasil: { seq: number; cocok: boolean }[]
    }>
  }

  /**
   * Follows the live feed until `signal` aborts: each event goes to `onPeristiwa`; after every
   * (re)connection `onTersambung` runs (the station refetches and proves its heads then). Reconnects
   * every `reconnectMs` while the host is away.
   */
  async dengarkan(
    onPeristiwa: (p: { ranah: string; seq: number }) => void,
    o: { signal: AbortSignal; onTersambung?: () => void; onTerputus?: (err: unknown) => void; reconnectMs?: number },
  ): Promise<void> {
    while (!o.signal.aborted) {
      try {
        await this.feed(onPeristiwa, o.signal, o.onTersambung)
      } catch (err) {
        if (err instanceof SertifikatSalahError || isCertificateError(err))
          throw asCertificateError(err, this.cfg.sidikJari)
        o.onTerputus?.(err)
      }
      if (o.signal.aborted) break
      await new Promise<void>((r) => {
        const t = setTimeout(r, o.reconnectMs ?? 2_000)
        o.signal.addEventListener('abort', () => (clearTimeout(t), r()), { once: true })
      })
    }
  }

  private feed(
    onPeristiwa: (p: { ranah: string; seq: number }) => void,
    signal: AbortSignal,
    onTersambung?: () => void,
  ): Promise<void> {
    return new Promise((resolvePromise, rejectPromise) => {
      const req = request(
        {
          host: this.cfg.alamat,
          port: this.cfg.port,
          path: '/peristiwa',
          method: 'GET',
          agent: this.agent,
          headers: { Authorization: `${STASIUN_AUTH} ${this.cfg.kredensial}`, Accept: 'text/event-stream' },
          signal,
        },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume()
            return rejectPromise(new Error(`Umpan pembaruan ditolak (HTTP ${res.statusCode})`))
          }
          this.see(headerOf(res.headers))
          onTersambung?.()
          let buffer = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            buffer += chunk
            // Bounded: an event is a line of JSON; a feed that sends megabytes without a break is not ours.
            if (buffer.length > 1_000_000) return req.destroy(new Error('Umpan pembaruan tidak sah'))
            let end: number
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end)
              buffer = buffer.slice(end + 2)
              const data = block
                .split('\n')
                .filter((l) => l.startsWith('data: '))
                .map((l) => l.slice(6))
                .join('\n')
              if (!data) continue
              try {
                const p = JSON.parse(data) as { ranah: string; seq: number }
                onPeristiwa(p)
              } catch {
                // A malformed event is skipped; the next one carries the news again.
              }
            }
          })
          res.on('end', () => resolvePromise())
          res.on('error', rejectPromise)
          res.on('aborted', () => resolvePromise())
        },
      )
      req.on('error', (err) => (signal.aborted ? resolvePromise() : rejectPromise(err)))
      req.end()
    })
  }

  private see(text: string | undefined): void {
    const head = bacaKepala(text)
    if (!head) return
    const next = simpanKepala(this.kepala, head)
    if (next.length === this.kepala.length && next.at(-1)?.seq === this.kepala.at(-1)?.seq) return
    this.kepala = next
    this.opts.onKepala?.(this.kepalaTerlihat())
  }

  close(): void {
    this.agent.destroy()
  }
}

function isCertificateError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code ?? ''
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT_ALTNAME/.test(code)
}

function asCertificateError(err: unknown, want: string): SertifikatSalahError {
  if (err instanceof SertifikatSalahError) return err
  return new SertifikatSalahError(want, null)
}

/** The station's own small file: where it connects, its credential and the heads it saw (mode 0600). */
export function simpanKonfigurasi(path: string, cfg: KonfigurasiStasiun): void {
  writeFileSync(`${path}.baru`, JSON.stringify(cfg, null, 2), { mode: 0o600 })
  chmodSync(`${path}.baru`, 0o600)
  renameSync(`${path}.baru`, path)
}

export function muatKonfigurasi(path: string): KonfigurasiStasiun | null {
  if (!existsSync(path)) return null
  return JSON.parse(readFileSync(path, 'utf8')) as KonfigurasiStasiun
}
