import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Peristiwa, PeristiwaBus } from '../api/peristiwa'

/**
 * The live-update feed (GET /peristiwa) as server-sent events, for the local server and the LAN listener
 * alike. Each event is `event: perubahan` with `{"ranah":"tally","seq":1234}` as data; a comment line
 * every HEARTBEAT_MS keeps proxies and NAT tables from dropping an idle feed and lets a client notice a
 * dead host. Bounded: at most `maxClients` feeds, and a client that stops reading (its socket's buffer
 * passes `maxBuffered` bytes) is cut off rather than buffered for — it reconnects and refetches.
 */
export const HEARTBEAT_MS = 15_000
export const MAX_CLIENTS = 64
export const MAX_BUFFERED_BYTES = 64 * 1024

interface Client {
  res: ServerResponse
  /** The LAN station behind the feed, so revoking it ends the feed; null for the host's own windows. */
  stasiunId: number | null
}

export class SseHub {
  private readonly clients = new Set<Client>()
  private readonly unsubscribe: () => void
  private readonly heartbeat: NodeJS.Timeout

  constructor(
    bus: PeristiwaBus,
    private readonly opts: { maxClients?: number; heartbeatMs?: number; maxBuffered?: number } = {},
  ) {
    this.unsubscribe = bus.subscribe((p) => this.broadcast(p))
    this.heartbeat = setInterval(() => this.send(': detak\n\n'), opts.heartbeatMs ?? HEARTBEAT_MS)
    this.heartbeat.unref()
  }

  get size(): number {
    return this.clients.size
  }

  /** Answers the request with the feed; false (and a 503 already sent) when the feed is full. */
  attach(req: IncomingMessage, res: ServerResponse, stasiunId: number | null): boolean {
    if (this.clients.size >= (this.opts.maxClients ?? MAX_CLIENTS)) {
      const text = 'Terlalu banyak sambungan pembaruan langsung; coba lagi sebentar lagi'
      res.writeHead(503, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        'Retry-After': '5',
      })
      res.end(text)
      return false
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    // retry: how soon an EventSource reconnects after the host comes back.
    res.write('retry: 2000\n: tersambung\n\n')
    req.socket.setNoDelay(true)
    req.socket.setKeepAlive(true, 10_000)
    const client: Client = { res, stasiunId }
    this.clients.add(client)
    const drop = () => this.clients.delete(client)
    req.on('close', drop)
    res.on('close', drop)
    res.on('error', drop)
    return true
  }

  /** Ends the feeds of a revoked station. */
  disconnect(stasiunId: number): void {
    for (const c of [...this.clients]) if (c.stasiunId === stasiunId) this.end(c)
  }

  close(): void {
    clearInterval(this.heartbeat)
    this.unsubscribe()
    for (const c of [...this.clients]) this.end(c)
  }

  private broadcast(p: Peristiwa): void {
    this.send(`event: perubahan\ndata: ${JSON.stringify(p)}\n\n`)
  }

  private send(text: string): void {
    const limit = this.opts.maxBuffered ?? MAX_BUFFERED_BYTES
    for (const c of [...this.clients]) {
      if (c.res.writableLength > limit) {
        // It stopped reading: cut it off instead of holding its backlog.
        c.res.destroy()
        this.clients.delete(c)
        continue
      }
      c.res.write(text)
    }
  }

  private end(c: Client): void {
    this.clients.delete(c)
    c.res.end()
  }
}
