/**
 * The stations of the LAN bench, in their own process so their TLS and JSON work does not share the
 * host's thread: each paired station signs its user in and saves a tally for its own team `rate` times a
 * second for `seconds` seconds, every save with its own idempotency key, and measures each answer.
 * Prints one JSON line at the end: latencies, what was acknowledged, what failed.
 *   node --import tsx test/bench/lanStations.ts <plan.json>
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { KlienStasiun, type KonfigurasiStasiun } from '../../src/server/lan/klien'

export interface StationPlan {
  stations: { cfg: KonfigurasiStasiun; teamId: number }[]
  userId: number
  shiftId: number
  variantId: number
  rate: number
  seconds: number
}

export interface StationResult {
  latencies: number[]
  acked: string[]
  failed: string[]
  ms: number
  /** JSON bytes of every save's answer, summed (the body the host serialised and sent). */
  bytes: number
}

async function station(plan: StationPlan, i: number, start: number): Promise<StationResult> {
  const { cfg, teamId } = plan.stations[i]!
  const k = new KlienStasiun(cfg, { retries: 5, backoffMs: 100, timeoutMs: 10_000 })
  const out: StationResult = { latencies: [], acked: [], failed: [], ms: 0, bytes: 0 }
  const masuk = await k.call('sesi.masuk', { userId: plan.userId })
  if (!masuk.ok) throw new Error(`sesi.masuk: ${masuk.error.message}`)
  const sesi = (masuk.result as { sessionId: string }).sessionId
  const total = plan.rate * plan.seconds
  const every = 1000 / plan.rate
  // Spread the stations over one interval so they do not all fire on the same tick.
  const offset = (every * i) / plan.stations.length
  for (let n = 0; n < total; n++) {
    const due = start + offset + n * every
    const wait = due - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    const kunci = `bench-${i}-${n}`
    const t0 = performance.now()
    const r = await k.call(
      'tally.simpan',
      { shiftId: plan.shiftId, variantId: plan.variantId, rows: [{ teamId, serahkan: 1, hasil: 1 }] },
      { sesi, kunci },
    )
    out.latencies.push(performance.now() - t0)
    out.bytes += Buffer.byteLength(JSON.stringify(r))
    if (r.ok) out.acked.push(kunci)
    else out.failed.push(`${kunci}: ${r.error.code} ${r.error.message}`)
  }
  out.ms = performance.now() - start
  k.close()
  return out
}

async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as StationPlan
  const start = performance.now() + 200
  const results = await Promise.all(plan.stations.map((_, i) => station(plan, i, start)))
  const merged: StationResult = {
    latencies: results.flatMap((r) => r.latencies),
    acked: results.flatMap((r) => r.acked),
    failed: results.flatMap((r) => r.failed),
    ms: Math.max(...results.map((r) => r.ms)),
    bytes: results.reduce((n, r) => n + r.bytes, 0),
  }
  process.stdout.write(JSON.stringify(merged) + '\n')
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
