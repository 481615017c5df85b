/**
 * `npm run bench`: figures, not pass/fail. Each measured job is printed beside a raw baseline doing
 * the same work with the fewest layers (raw better-sqlite3), with the ratio and the peak memory.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openApp } from '../../src/api/app'
import { reserveFor } from '../../src/core/reserve'
import { initElection } from '../../src/services/election'
import { needsPerDapil, needsPerTps, needsRekap } from '../../src/services/kebutuhan'
import { applyImport, previewImport } from '../../src/services/wilayah'
import { generateBogor, toCsv, BOGOR } from './bogor'
import { benchFloor } from './floor'
import { benchPrint } from './print'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

async function time(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    ms.push(performance.now() - t0)
  }
  return median(ms)
}

const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`
const rows: string[] = []
function report(name: string, app: number, raw: number, extra?: string) {
  const line = `${name.padEnd(44)} app ${fmt(app)}   raw ${fmt(raw)}   ratio ${(app / raw).toFixed(2)}x${extra ? '   ' + extra : ''}`
  rows.push(line)
  console.log(line)
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gudang-bench-'))
  const data = generateBogor()
  const csv = toCsv(data)
  const dpt = data.reduce((s, r) => s + r.dpt, 0)
  console.log(`Satker sintetis seukuran Kabupaten Bogor: ${BOGOR.kecamatan} kecamatan, ${BOGOR.desa} desa, ${data.length} TPS, DPT ${dpt}`)
  console.log(`Median dari ${RUNS} kali; Node ${process.version}, ${process.platform}/${process.arch}\n`)

  let n = 0
  const fresh = async () => {
    const app = await openApp({ dbPath: join(dir, `app-${n++}.sqlite`) })
    initElection(app.ctx, { actor: 'bench' }, { jenis: 'pemilu', tahun: 2024, provinsi: 'Jawa Barat', satker: 'Kabupaten Bogor', kodeWilayah: '3201' })
    return app
  }

  // Import: parse, validate, diff and write every TPS, against raw inserts of the same rows in one transaction.
  const importApp = await time(RUNS, async () => {
    const app = await fresh()
    const p = await previewImport(app.ctx, 'bogor.csv', csv)
    await applyImport(app.ctx, { actor: 'bench' }, 'bogor.csv', csv, p.fingerprint)
    app.close()
  })
  const importRaw = await time(RUNS, () => {
    const db = new Database(join(dir, `raw-${n++}.sqlite`))
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.exec(`CREATE TABLE kecamatan (id INTEGER PRIMARY KEY, kode TEXT, nama TEXT);
             CREATE TABLE desa (id INTEGER PRIMARY KEY, kecamatan_id INTEGER, kode TEXT, nama TEXT);
             CREATE TABLE tps (id INTEGER PRIMARY KEY, desa_id INTEGER, nomor INTEGER, dpt INTEGER)`)
    const lines = csv.toString('utf8').trim().split('\n').slice(1)
    const kec = new Map<string, number>()
    const desa = new Map<string, number>()
    const ik = db.prepare('INSERT INTO kecamatan (kode, nama) VALUES (?, ?)')
    const id = db.prepare('INSERT INTO desa (kecamatan_id, kode, nama) VALUES (?, ?, ?)')
    const it = db.prepare('INSERT INTO tps (desa_id, nomor, dpt) VALUES (?, ?, ?)')
    db.transaction(() => {
      for (const line of lines) {
        const [kk, kn, dk, dn, no, d] = line.split(',') as [string, string, string, string, string, string]
        let k = kec.get(kk)
        if (k === undefined) kec.set(kk, (k = Number(ik.run(kk, kn).lastInsertRowid)))
        let ds = desa.get(dk)
        if (ds === undefined) desa.set(dk, (ds = Number(id.run(k, dk, dn).lastInsertRowid)))
        it.run(ds, Number(no), Number(d))
      }
    })()
    db.close()
  })
  report('Impor 15.228 TPS (CSV)', importApp, importRaw)

  // Needs for every TPS: the service (load + pure rules + roll-up) against a raw query and a bare loop.
  const app = await fresh()
  const p = await previewImport(app.ctx, 'bogor.csv', csv)
  await applyImport(app.ctx, { actor: 'bench' }, 'bogor.csv', csv, p.fingerprint)
  const needsApp = await time(RUNS, () => needsPerTps(app.ctx))
  const rawStmt = app.ctx.db.prepare('SELECT t.id, t.dpt, d.kecamatan_id FROM tps t JOIN desa d ON d.id = t.desa_id ORDER BY t.id')
  const needsRaw = await time(RUNS, () => {
    const out: number[] = []
    for (const r of rawStmt.all() as { id: number; dpt: number }[]) for (let i = 0; i < 5; i++) out.push(r.dpt + reserveFor(r.dpt, 200, 'up'))
    return out
  })
  report('Kebutuhan per TPS (semua TPS)', needsApp, needsRaw)
  report('Rekap kebutuhan per kecamatan', await time(RUNS, () => needsRekap(app.ctx, 'kecamatan')), needsRaw)
  report('Kebutuhan per dapil', await time(RUNS, () => needsPerDapil(app.ctx)), needsRaw)
  await benchFloor(app, dir, RUNS, report, (s) => console.log(s))
  await benchPrint(app, dir, report, (s) => console.log(s))
  app.close()

  const peak = process.resourceUsage().maxRSS / 1024
  console.log(`\nPuncak memori proses (maxRSS): ${peak.toFixed(0)} MB`)
  rmSync(dir, { recursive: true, force: true })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
