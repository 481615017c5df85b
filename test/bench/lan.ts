/**
 * LAN stations at full tilt (issue 16): ten paired stations each save a tally 20 times a second for a
 * minute over HTTPS on loopback (the host on 127.0.0.2, the stations in their own process), while the
 * host's own window keeps asking for the busy shift and the summary. Reported: the stations' p50/p99 and
 * throughput, the window's p99 meanwhile, and whether every acknowledged save is in the file exactly once.
 *
 * Called by run.ts on the Bogor-size file; `tsx test/bench/lan.ts` runs it alone on the demo election
 * (LAN_SECONDS shortens it). LAN_FILE=<election.sqlite> runs it alone on a copy of that file instead (its
 * -wal beside it is copied too; the file itself is never opened), e.g. a Bogor-size election built once
 * with the floor simulation of floor.ts, to measure what run.ts measures without building it again.
 * LAN_JEDA=1 lists the host's longest event-loop pauses (with the garbage collection inside them) and the
 * WAL's size; LAN_PROFIL=<file> writes the host's CPU profile (below).
 */
import { Session } from 'node:inspector/promises'
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks'
import { openApp, type OpenedApp } from '../../src/api/app'
import type { MethodInput, MethodName, MethodOutput } from '../../src/api/contract'
import { bacaTautanPasang } from '../../src/core/stasiun'
import { verifyChain } from '../../src/db/ledger'
import { WalSync } from '../../src/db/walSync'
import { pasang } from '../../src/server/lan/klien'
import { startLanHost } from '../../src/server/lan/host'
import type { StationPlan, StationResult } from './lanStations'
import { percentile, Report } from './measure'
import { lastJsonLine } from '../support/child'

const ROOT = resolve(__dirname, '../..')
const STATIONS = 10
const RATE = 20
const SECONDS = Number(process.env.LAN_SECONDS ?? 60)

async function call<M extends MethodName>(app: OpenedApp, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await app.dispatcher.call(method, input, { actor: 'bench', transport: 'test' })
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.result as MethodOutput<M>
}

export async function benchLan(app: OpenedApp, dir: string, report: Report): Promise<void> {
  console.log(`\nStasiun LAN: ${STATIONS} stasiun × ${RATE} simpan tally/s selama ${SECONDS} s lewat HTTPS (loopback)`)
  const total = STATIONS * RATE * SECONDS
  // A floor of its own: a delivery big enough, ten teams with a worker each, an open shift.
  const variantId = (await call(app, 'barang.daftarVarian', {})).find((v) => v.kind === 'ballot')!.variantId
  await call(app, 'penerimaan.catat', {
    receivedAt: '2024-11-04T08:00',
    penyedia: 'PT Bench LAN',
    suratJalan: `SJ-LAN-${Date.now()}`,
    lines: [{ variantId, statedQty: 2 * total, countedQty: 2 * total }],
  })
  const teams: number[] = []
  for (let i = 0; i < STATIONS; i++) {
    const team = await call(app, 'regu.tambah', { nama: `Regu Stasiun ${i + 1}` })
    await call(app, 'pekerja.tambah', { nama: `Pekerja Stasiun ${i + 1}`, teamId: team.id })
    teams.push(team.id)
  }
  const shift = await call(app, 'shift.buka', {
    kind: 'sortir_lipat',
    tanggal: '2024-11-04',
    mulai: '08:00',
    selesai: '16:00',
    variantIds: [variantId],
    teams: teams.map((teamId) => ({ teamId })),
  })
  const users = await call(app, 'pengguna.daftar', {})
  const operator =
    users.find((u) => u.role === 'operator') ??
    (await call(app, 'pengguna.tambah', { nama: 'Operator Stasiun', role: 'operator' }))

  const host = await startLanHost({ app, staticDir: null, sertifikatDir: join(dir, 'stasiun'), log: () => {} })
  try {
    await host.terapkan({ aktif: true, port: 0, alamat: ['127.0.0.2'], portHttp: null })
    const stations: StationPlan['stations'] = []
    for (let i = 0; i < STATIONS; i++) {
      const s = await call(app, 'stasiun.tambah', { nama: `Meja bench ${i + 1}`, cakupan: 'tally' })
      const kode = await call(app, 'stasiun.buatKodePasang', { id: s.id })
      const link = bacaTautanPasang(kode.tautan)!
      stations.push({ cfg: await pasang({ ...link, kode: kode.kode }), teamId: teams[i]! })
    }
    const plan: StationPlan = {
      stations,
      userId: operator.id,
      shiftId: shift.id,
      variantId,
      rate: RATE,
      seconds: SECONDS,
    }
    const planFile = join(dir, 'lan-plan.json')
    writeFileSync(planFile, JSON.stringify(plan))
    const rowsBefore = app.ctx.db
      .prepare('SELECT count(*) FROM ledger WHERE shift_id = ?')
      .pluck()
      .get(shift.id) as number

    // The host's window meanwhile: the busy shift and the summary, four times a second (what live updates
    // make a window refetch), each call timed on its own.
    const window: number[] = []
    let stop = false
    const watching = (async () => {
      while (!stop) {
        for (const [m, input] of [
          ['shift.lihat', { id: shift.id }],
          ['wilayah.lihatRingkasan', {}],
        ] as const) {
          const t0 = performance.now()
          await app.dispatcher.call(m, input, { actor: 'Koordinator', transport: 'ipc' })
          window.push(performance.now() - t0)
        }
        await new Promise((r) => setTimeout(r, 250))
      }
    })()
    const loop = monitorEventLoopDelay({ resolution: 5 })
    // Load-independent figures beside the latencies (the machine is shared): the host's CPU per save (all
    // its threads, the window's calls included), its garbage collections, and the answers' size.
    const gc: number[] = []
    const gcAt: { start: number; ms: number }[] = []
    const gcSeen = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        gc.push(e.duration)
        gcAt.push({ start: e.startTime, ms: e.duration })
      }
    })
    gcSeen.observe({ entryTypes: ['gc'] })
    loop.enable()
    const pauses: { start: number; ms: number }[] = []
    let last = performance.now()
    const pauseTimer = setInterval(() => {
      const now = performance.now()
      if (now - last > 30) pauses.push({ start: last, ms: now - last })
      last = now
    }, 5)
    const runStart = performance.now()
    const profiler = await startProfile()
    // Batches committed (each is answered after one WAL sync): saves per commit is what group commit bought.
    let commits = 0
    // And how long each waits for the disk: an answer waits for its batch's WAL sync (db/walSync.ts).
    const syncMs: number[] = []
    const sync = WalSync.prototype.sync
    WalSync.prototype.sync = function (this: WalSync) {
      commits++
      const t0 = performance.now()
      const p = sync.call(this)
      p.then(
        () => syncMs.push(performance.now() - t0),
        () => {},
      )
      return p
    }
    const cpu0 = process.cpuUsage()
    const elu0 = performance.eventLoopUtilization()
    const result = await runStations(planFile).finally(() => (WalSync.prototype.sync = sync))
    const cpu = process.cpuUsage(cpu0)
    const elu = performance.eventLoopUtilization(elu0)
    await profiler?.stop()
    loop.disable()
    clearInterval(pauseTimer)
    gcSeen.disconnect()
    if (process.env.LAN_JEDA) {
      // The WAL file never shrinks while open: its size is the most frames it held since the file was opened.
      console.log(`  WAL ${(statSync(`${app.ctx.db.name}-wal`).size / 4120).toFixed(0)} halaman`)
      const longest = [...pauses].sort((a, b) => b.ms - a.ms).slice(0, 15)
      console.log(`  jeda > 30 ms: ${pauses.length}, jumlah ${pauses.reduce((n, p) => n + p.ms, 0).toFixed(0)} ms`)
      for (const p of longest) {
        const inGc = gcAt
          .filter((g) => g.start < p.start + p.ms && g.start + g.ms > p.start)
          .reduce((n, g) => n + g.ms, 0)
        console.log(
          `    t=${((p.start - runStart) / 1000).toFixed(2)} s  ${p.ms.toFixed(0)} ms  (GC ${inGc.toFixed(0)} ms)`,
        )
      }
    }
    stop = true
    await watching

    const rowsAfter = app.ctx.db
      .prepare('SELECT count(*) FROM ledger WHERE shift_id = ?')
      .pluck()
      .get(shift.id) as number
    const keys = app.ctx.db
      .prepare(`SELECT kunci FROM idempotensi WHERE kunci LIKE 'bench-%'`)
      .pluck()
      .all() as string[]
    const stored = new Set(keys)
    const lost = result.acked.filter((k) => !stored.has(k)).length
    // Two rows per save (hand out, good): more rows than keys is a save recorded twice.
    const doubled = Math.max(0, (rowsAfter - rowsBefore) / 2 - stored.size)
    const chain = verifyChain(app.ctx.db)
    const throughput = result.acked.length / (result.ms / 1000)
    const verdict = `${lost} hilang, ${doubled} ganda, ${result.failed.length} ditolak`
    const saves = Math.max(1, result.acked.length)
    const cpuPerSave = (cpu.user + cpu.system) / 1000 / saves
    const bytesPerAnswer = result.bytes / Math.max(1, result.latencies.length)
    const gcMs = gc.reduce((n, d) => n + d, 0)
    const busyPerSave = elu.active / saves
    const diagnosis = `CPU induk ${cpuPerSave.toFixed(2)} ms/simpan (user ${(cpu.user / 1000 / saves).toFixed(2)}, sistem ${(cpu.system / 1000 / saves).toFixed(2)}), utas layanan sibuk ${busyPerSave.toFixed(2)} ms/simpan; ${(saves / Math.max(1, commits)).toFixed(1)} simpan/komit; sinkron WAL p50 ${percentile(syncMs, 50).toFixed(1)} / p99 ${percentile(syncMs, 99).toFixed(1)} ms; jawaban ${bytesPerAnswer.toFixed(0)} B; GC ${gc.length}× (${gcMs.toFixed(0)} ms, terlama ${Math.max(0, ...gc).toFixed(1)} ms)`
    console.log(`  ${diagnosis}`)
    report.add(
      `Stasiun LAN: simpan tally p99 (${STATIONS}×${RATE}/s, ${SECONDS} s)`,
      percentile(result.latencies, 99),
      null,
      {
        extra: `p50 ${percentile(result.latencies, 50).toFixed(1)} ms; ${throughput.toFixed(0)} simpan/s dari ${total}; ${verdict}; rantai ${chain.problem ?? 'utuh'}; ${diagnosis}`,
      },
    )
    report.add(`Stasiun LAN: panggilan jendela induk p99 (${window.length})`, percentile(window, 99), null, {
      extra: `p50 ${percentile(window, 50).toFixed(1)} ms; shift.lihat shift yang sibuk dan wilayah.lihatRingkasan selama beban stasiun; jeda event loop induk p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, maks ${(loop.max / 1e6).toFixed(0)} ms, ${pauses.length}× > 30 ms`,
    })
    if (result.failed.length) console.log(`  contoh penolakan: ${result.failed.slice(0, 3).join(' | ')}`)
    if (lost || doubled || chain.problem) throw new Error(`Stasiun LAN: ${verdict}; rantai ${chain.problem ?? 'utuh'}`)
  } finally {
    await host.close()
  }
}

/**
 * LAN_PROFIL=<file.cpuprofile>: the host's CPU profile of the stations' run alone (not the set-up), to
 * open in Chrome DevTools or read with a script.
 */
async function startProfile(): Promise<{ stop(): Promise<void> } | null> {
  const file = process.env.LAN_PROFIL
  if (!file) return null
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 500 })
  await session.post('Profiler.start')
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop')
      writeFileSync(file, JSON.stringify(profile))
      session.disconnect()
    },
  }
}

function runStations(planFile: string): Promise<StationResult> {
  const args = ['--import', 'tsx', join(ROOT, 'test/bench/lanStations.ts'), planFile]
  return lastJsonLine<StationResult>('stasiun bench', args, (SECONDS + 120) * 1000)
}

/** Alone: on the demo election (1,446 TPS), or on a copy of LAN_FILE. */
if (require.main === module) {
  void (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gudang-bench-lan-'))
    const file = process.env.LAN_FILE
    if (file)
      for (const suffix of ['', '-wal'])
        if (existsSync(file + suffix)) copyFileSync(file + suffix, join(dir, `copy.sqlite${suffix}`))
    const app = await openApp(
      file
        ? { dbPath: join(dir, 'copy.sqlite') }
        : { dbPath: join(dir, 'demo.sqlite'), demoCsvPath: join(ROOT, 'resources/demo/tps-batubara-2024.csv') },
    )
    try {
      await benchLan(app, dir, new Report())
    } finally {
      app.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
