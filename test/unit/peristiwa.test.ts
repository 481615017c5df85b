import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { PeristiwaBus, type Peristiwa } from '../../src/api/peristiwa'
import { SseHub } from '../../src/server/sse'

/** The live-update bus and feeds are bounded: coalesced per domain, a fixed number of feeds, no backlog. */
describe('PeristiwaBus', () => {
  it('sends the first write of a domain at once and folds a burst into one more, per domain', async () => {
    let seq = 0
    const bus = new PeristiwaBus(() => ++seq, 100)
    const got: Peristiwa[] = []
    bus.subscribe((p) => got.push(p))
    for (let i = 0; i < 50; i++) bus.publish('tally')
    bus.publish('kemas')
    expect(got).toEqual([
      { ranah: 'tally', seq: 1 },
      { ranah: 'kemas', seq: 51 },
    ])
    await expect.poll(() => got.length, { timeout: 1_000 }).toBe(3)
    // The folded event carries the newest head of the burst.
    expect(got[2]).toEqual({ ranah: 'tally', seq: 50 })
    await new Promise((r) => setTimeout(r, 250))
    expect(got).toHaveLength(3)
    bus.close()
  })
})

describe('SseHub', () => {
  let server: Server | null = null
  afterEach(() => new Promise<void>((r) => (server ? (server.closeAllConnections(), server.close(() => r())) : r())))

  async function feedServer(hub: SseHub): Promise<number> {
    server = createServer((req, res) => hub.attach(req, res, 7))
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
    return (server.address() as AddressInfo).port
  }
  const open = (port: number) =>
    new Promise<{ status: number; text: () => string; destroy: () => void }>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/peristiwa' }, (res) => {
        let text = ''
        res.on('data', (c: Buffer) => (text += c.toString('utf8')))
        resolve({ status: res.statusCode ?? 0, text: () => text, destroy: () => req.destroy() })
      })
      req.end()
    })

  it('serves at most maxClients feeds, sends events, and ends a revoked station’s feed', async () => {
    let seq = 0
    const bus = new PeristiwaBus(() => ++seq, 0)
    const hub = new SseHub(bus, { maxClients: 2 })
    const port = await feedServer(hub)
    const a = await open(port)
    const b = await open(port)
    const c = await open(port)
    expect([a.status, b.status, c.status]).toEqual([200, 200, 503])
    expect(hub.size).toBe(2)
    bus.publish('tally')
    await expect.poll(() => a.text()).toContain('event: perubahan\ndata: {"ranah":"tally","seq":1}\n\n')
    hub.disconnect(7)
    await expect.poll(() => hub.size).toBe(0)
    a.destroy()
    b.destroy()
    hub.close()
    bus.close()
  })
})
