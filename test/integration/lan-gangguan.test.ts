import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import type { ApiResponse } from '../../src/api/contract'
import { aggregatesMatchLedger, balancesMatchLedger, verifyChain } from '../../src/db/ledger'
import { openDatabase } from '../../src/db/open'
import { KlienStasiun, type KonfigurasiStasiun } from '../../src/server/lan/klien'
import { startLanHost } from '../../src/server/lan/host'
import {
  DEMO_CSV,
  ROOT,
  freePort,
  hostApi,
  must,
  pairStation,
  prepareFloor,
  tallyOf,
  useLanHost,
  type Floor,
} from '../support/lan'
import { useTempDir } from '../support/tempDir'

/**
 * Faults of a warehouse LAN, with real parts: the host killed with SIGKILL during a burst of station
 * writes and started again on the same file; a station's connection cut in the middle of a request by a
 * TCP proxy the test controls, and the link down for a while. Each time: every acknowledged write is
 * there, none is recorded twice, the ledger verifies.
 */
const root = useTempDir('lan-gangguan')
const HOST = '127.0.0.2'
const CHILD = join(ROOT, 'test/support/lanHostChild.ts')

/** Rows a station's tallies wrote: two per save (hand out, good). */
const stationRows = (db: { prepare(sql: string): { pluck(): { get(...a: unknown[]): unknown } } }, station: string) =>
  db.prepare(`SELECT count(*) FROM ledger WHERE actor LIKE ?`).pluck().get(`% (${station})`) as number

function verified(path: string): void {
  const db = openDatabase(path, { mustExist: true })
  try {
    expect(verifyChain(db).problem).toBeNull()
    expect(balancesMatchLedger(db)).toBe(true)
    expect(aggregatesMatchLedger(db)).toBe(true)
  } finally {
    db.close()
  }
}

describe('the host killed during a burst of station writes', () => {
  const dbPath = join(root, 'induk.sqlite')
  const certDir = join(root, 'stasiun')
  const configs: KonfigurasiStasiun[] = []
  let floor: Floor
  let operatorId: number

  beforeAll(async () => {
    // Paired on an in-process host first; the child then serves the same file with the same certificate.
    const app = await openApp({ dbPath, demoCsvPath: DEMO_CSV })
    floor = await prepareFloor(app, 3)
    operatorId = (await hostApi(app)('pengguna.daftar', {})).find((u) => u.nama === 'Operator Sortir')!.id
    const host = await startLanHost({ app, staticDir: null, sertifikatDir: certDir, log: () => {} })
    const port = await freePort(HOST)
    await hostApi(app)('stasiun.aturHost', { aktif: true, port, alamat: [HOST] })
    for (const n of [1, 2, 3]) {
      const { cfg, klien } = await pairStation(app, `Meja gangguan ${n}`, 'tally')
      configs.push(cfg)
      klien.close()
    }
    await host.close()
    app.close()
  })

  /** A host process with its modules loaded, waiting; serve() opens the file and resolves once it listens. */
  interface LoadedHost {
    child: ChildProcess
    serve(): Promise<ChildProcess>
  }
  const hosts: ChildProcess[] = []
  let first: LoadedHost
  let standby: LoadedHost

  function loadChild(): Promise<LoadedHost> {
    return new Promise((resolveLoaded, rejectLoaded) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, certDir], {
        cwd: ROOT,
        stdio: ['pipe', 'pipe', 'pipe'],
      })
      hosts.push(child)
      let out = ''
      let err = ''
      let ready: ((c: ChildProcess) => void) | null = null
      const timer = setTimeout(() => rejectLoaded(new Error(`host tidak termuat: ${err}`)), 40_000)
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString('utf8')
        if (out.includes('LOADED')) {
          clearTimeout(timer)
          resolveLoaded({
            child,
            serve: () =>
              new Promise((resolveReady, rejectReady) => {
                if (out.includes('READY ')) return resolveReady(child)
                ready = resolveReady
                child.once('exit', (code) => rejectReady(new Error(`host berhenti (${code}): ${err}`)))
                child.stdin!.write('GO\n')
              }),
          })
        }
        if (out.includes('READY ')) ready?.(child)
      })
      child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')))
      child.once('exit', (code) => {
        clearTimeout(timer)
        if (!out.includes('LOADED')) rejectLoaded(new Error(`host berhenti (${code}): ${err}`))
      })
    })
  }

  // Both hosts are loaded before the test: the one it kills and the one that takes over on the same file.
  beforeAll(async () => {
    ;[first, standby] = await Promise.all([loadChild(), loadChild()])
  })
  afterAll(() => {
    for (const h of hosts) if (h.exitCode === null && h.signalCode === null) h.kill('SIGKILL')
  })

  it('keeps every acknowledged write, records none twice, and the ledger verifies', async () => {
    let child = await first.serve()
    const WRITES = 30
    const acked = new Map<string, ApiResponse>()
    let unreachable = 0
    let signIns = 0
    const stations = configs.map((cfg) => new KlienStasiun(cfg, { retries: 10, backoffMs: 100, timeoutMs: 5_000 }))

    /** One station's outbox: each write is sent until the host answers, always with its own key. */
    async function burst(i: number): Promise<void> {
      const k = stations[i]!
      let sesi = ''
      for (let n = 0; n < WRITES; n++) {
        const kunci = `gangguan-${i}-${n}`
        for (let attempt = 0; attempt < 20; attempt++) {
          if (!sesi) {
            const s = await k.call('sesi.masuk', { userId: operatorId })
            if (!s.ok) {
              await new Promise((r) => setTimeout(r, 200))
              continue
            }
            sesi = (s.result as { sessionId: string }).sessionId
            signIns++
          }
          const r = await k.call('tally.simpan', tallyOf(floor, i, 1), { sesi, kunci })
          if (r.ok) {
            acked.set(kunci, r)
            break
          }
          if (r.error.code === 'AUTH_REQUIRED')
            sesi = '' // the restarted host forgot the session
          else if (r.error.code === 'UNREACHABLE') unreachable++
          else throw new Error(`${kunci}: ${r.error.code} ${r.error.message}`)
        }
      }
    }

    const running = Promise.all(stations.map((_, i) => burst(i)))
    // Let the burst run, then kill the host mid-write and start it again.
    await expect.poll(() => acked.size, { timeout: 15_000, interval: 20 }).toBeGreaterThanOrEqual(12)
    const beforeKill = acked.size
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    child = await standby.serve()
    await running
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    for (const k of stations) k.close()

    expect(beforeKill).toBeLessThan(3 * WRITES)
    expect(acked.size).toBe(3 * WRITES)
    expect(signIns).toBeGreaterThan(3) // the restart forgot the sessions; the stations signed in again
    const db = openDatabase(dbPath, { mustExist: true })
    try {
      for (let i = 0; i < 3; i++) expect(stationRows(db, `Meja gangguan ${i + 1}`)).toBe(2 * WRITES)
      expect(db.prepare(`SELECT count(*) FROM idempotensi WHERE kunci LIKE 'gangguan-%'`).pluck().get()).toBe(
        3 * WRITES,
      )
      // Every acknowledged answer is what the file holds: its shift version is a row that exists.
      for (const r of acked.values()) {
        const versi = (r as { result: { versi: number } }).result.versi
        expect(db.prepare('SELECT count(*) FROM ledger WHERE seq = ?').pluck().get(versi)).toBe(1)
      }
    } finally {
      db.close()
    }
    verified(dbPath)
    // Not a test of luck: the kill landed while the stations were writing.
    expect(unreachable + signIns).toBeGreaterThan(3)
  })
})

/**
 * A TCP proxy between a station and the host, on its own loopback address. `drop` cuts the next
 * connection the moment the host's answer starts to come back (the write is done, the station never
 * hears of it); `down` refuses connections until `up`.
 */
class Proxy {
  private server: Server
  private sockets = new Set<Socket>()
  mode: 'pass' | 'drop' | 'down' = 'pass'
  dropped = 0
  port = 0

  constructor(
    private readonly target: { host: string; port: number },
    private readonly address: string,
  ) {
    this.server = createServer((client) => this.pipe(client))
  }

  listen(): Promise<void> {
    return new Promise((r) =>
      this.server.listen(0, this.address, () => ((this.port = (this.server.address() as { port: number }).port), r())),
    )
  }

  private pipe(client: Socket): void {
    if (this.mode === 'down') return void client.destroy()
    const upstream = connect(this.target.port, this.target.host)
    this.sockets.add(client).add(upstream)
    const dropThis = this.mode === 'drop'
    if (dropThis) this.mode = 'pass'
    client.on('data', (c) => upstream.write(c))
    upstream.on('data', (c) => {
      if (dropThis) {
        this.dropped++
        client.destroy()
        upstream.destroy()
        return
      }
      client.write(c)
    })
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('close', end).on('error', end)
    upstream.on('close', end).on('error', end)
  }

  /** Cuts every connection now (a cable pulled). */
  cutAll(): void {
    for (const s of this.sockets) s.destroy()
    this.sockets.clear()
  }

  close(): Promise<void> {
    this.cutAll()
    return new Promise((r) => this.server.close(() => r()))
  }
}

describe('a station whose connection drops mid-request', () => {
  const lan = useLanHost(root, 'proksi', { address: HOST, teams: 2 })
  let proxy: Proxy

  beforeAll(async () => {
    proxy = new Proxy({ host: HOST, port: lan.port }, '127.0.0.4')
    await proxy.listen()
  })
  afterAll(async () => {
    await proxy?.close()
  })

  it('resends with the same key and the host answers from what it stored: one record', async () => {
    const { cfg } = await pairStation(lan.app, 'Meja proksi', 'tally')
    const station = new KlienStasiun({ ...cfg, alamat: '127.0.0.4', port: proxy.port }, { retries: 3, backoffMs: 50 })
    const users = await hostApi(lan.app)('pengguna.daftar', {})
    const sesi = must<{ sessionId: string }>(
      await station.call('sesi.masuk', { userId: users.find((u) => u.nama === 'Operator Sortir')!.id }),
    ).sessionId
    // Fresh connections from here on, so the next one is the one the proxy drops.
    proxy.cutAll()
    const before = stationRows(lan.app.ctx.db, 'Meja proksi')
    proxy.mode = 'drop'
    const r = await station.call('tally.simpan', tallyOf(lan.floor, 0, 4), { sesi, kunci: 'proksi-putus-1' })
    expect(proxy.dropped).toBe(1)
    expect(r.ok).toBe(true)
    expect(stationRows(lan.app.ctx.db, 'Meja proksi')).toBe(before + 2)
    expect(
      lan.app.ctx.db
        .prepare(`SELECT jawaban IS NOT NULL FROM idempotensi WHERE kunci = 'proksi-putus-1'`)
        .pluck()
        .get(),
    ).toBe(1)

    // The link down for longer than the client waits: UNREACHABLE, kept, and sent again once it is back.
    proxy.mode = 'down'
    proxy.cutAll()
    const lost = await station.call('tally.simpan', tallyOf(lan.floor, 1, 3), { sesi, kunci: 'proksi-turun-1' })
    expect(lost.ok ? '' : lost.error.code).toBe('UNREACHABLE')
    proxy.mode = 'pass'
    const again = await station.call('tally.simpan', tallyOf(lan.floor, 1, 3), { sesi, kunci: 'proksi-turun-1' })
    const once = await station.call('tally.simpan', tallyOf(lan.floor, 1, 3), { sesi, kunci: 'proksi-turun-1' })
    expect(again.ok).toBe(true)
    expect(once).toEqual(again)
    expect(stationRows(lan.app.ctx.db, 'Meja proksi')).toBe(before + 4)
    expect(verifyChain(lan.app.ctx.db).problem).toBeNull()
    expect(balancesMatchLedger(lan.app.ctx.db)).toBe(true)
    station.close()
  })
})
