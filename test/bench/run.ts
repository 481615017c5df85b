/**
 * `npm run bench`: figures, not pass/fail. A Bogor-size Pemilu satker (40 kecamatan, 435 desa, 15,228
 * TPS, 5 ballot types with 6 DPRD Kabupaten dapil, a ledger of a million rows from 40 simulated days);
 * each measured job is printed beside a raw baseline doing the same work with the fewest layers, with
 * the ratio and the peak memory, judged against the targets, and written to docs/benchmarks.md.
 *
 * BENCH_ONLY=impor,cetak (a comma-separated list of cli, impor, kebutuhan, lantai, layar, lan, cetak) runs
 * only those sections, for work on one line: it prints its figures and leaves docs/benchmarks.md as it is.
 * The satker the later sections use is imported either way; the BA serah terima of `cetak` needs the
 * floor's sorted ballots to pack, so it runs only with `lantai`. The full run is the default.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openApp, type OpenedApp } from '../../src/api/app'
import type { CallMeta } from '../../src/api/callMeta'
import type { MethodInput, MethodName, MethodOutput } from '../../src/api/contract'
import { reserveFor } from '../../src/core/reserve'
import * as dapil from '../../src/services/dapil'
import * as pemilihan from '../../src/services/pemilihan'
import * as pengguna from '../../src/services/pengguna'
import * as kebutuhan from '../../src/services/kebutuhan'
import * as wilayah from '../../src/services/wilayah'
import { generateBogor, toCsv, BOGOR } from './bogor'
import { benchCli } from './cli'
import { benchFirstScreen } from './firstScreen'
import { benchFloor } from './floor'
import { benchLan } from './lan'
import { peakUnder, Report, timed, timedAfter, under, withinRaw, type Target } from './measure'
import { benchPrint } from './print'
import { benchResponsive } from './responsive'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const SECTIONS = ['cli', 'impor', 'kebutuhan', 'lantai', 'layar', 'lan', 'cetak'] as const
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim())
for (const s of ONLY ?? [])
  if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`BENCH_ONLY: ${s}? (${SECTIONS.join(', ')})`)
const runs = (section: (typeof SECTIONS)[number]) => !ONLY || ONLY.includes(section)
const DOC = resolve(__dirname, '../../docs/benchmarks.md')
const ANALYSIS = resolve(__dirname, 'analysis.md')
/** Kabupaten Bogor had six DPRD Kabupaten dapil in 2024. */
const DPRD_KAB_DAPIL = 6

/** The targets on this 2-core machine. */
const TARGETS: Target[] = [
  { line: /^Simpan tally p99/, text: 'Simpan tally p99 < 5 ms dengan 1 juta baris', check: under(5) },
  { line: /^Dasbor rekonsiliasi/, text: 'Dasbor < 100 ms', check: under(100) },
  { line: /^Verifikasi rantai/, text: 'Verifikasi rantai 1 juta baris < 3 s', check: under(3_000) },
  { line: /^Impor 15\.228 TPS/, text: 'Impor TPS ≤ 2x sisipan mentah', check: withinRaw(2) },
  { line: /^Kebutuhan per TPS/, text: 'Kebutuhan 15.228 TPS < 300 ms', check: under(300) },
  { line: /^Daftar isi/, text: 'Daftar isi semua TPS ≤ 1,5x pdfmake mentah', check: withinRaw(1.5) },
  { line: /^Daftar isi/, text: 'Daftar isi semua TPS: puncak memori < 1 GB', check: peakUnder(1024) },
  { line: /^Label/, text: 'Label semua kotak ≤ 1,5x pdfmake mentah', check: withinRaw(1.5) },
  { line: /^Label/, text: 'Label semua kotak: puncak memori < 1 GB', check: peakUnder(1024) },
  { line: /^Layar pertama/, text: 'Layar pertama (Beranda) dalam mode peramban ≤ 0,5 s', check: under(500) },
  { line: /^Mulai gudang --version/, text: 'gudang --version mulai ≤ 0,3 s', check: under(300) },
  { line: /^Mulai gudang call/, text: 'gudang call mulai ≤ 0,3 s', check: under(300) },
  {
    line: /^Stasiun LAN: simpan tally p99/,
    text: '10 stasiun × 20 tulisan/s lewat HTTPS: p99 < 50 ms',
    check: under(50),
  },
  {
    line: /^Stasiun LAN: simpan tally p99/,
    text: '10 stasiun × 20 tulisan/s: 0 hilang, 0 ganda',
    check: (l) => ({
      ok: /\b0 hilang, 0 ganda\b/.test(l.extra),
      by: l.extra.split('; ').find((p) => p.includes('hilang')) ?? l.extra,
    }),
  },
  {
    line: /^Stasiun LAN: panggilan jendela induk p99/,
    text: 'Panggilan UI induk selama beban stasiun < 100 ms',
    check: under(100),
  },
  {
    line: /^Panggilan jendela selama cetak/,
    text: 'Panggilan UI dijawab < 100 ms selama pekerjaan 15.000 halaman',
    check: under(100),
  },
]

const WHO = { actor: 'bench' }
const ADMIN = { nama: 'Admin Gudang', pin: '240424' }

/** A method called through the dispatcher, as a transport calls it; a refusal ends the bench. */
async function call<M extends MethodName>(
  app: OpenedApp,
  method: M,
  input: MethodInput<M>,
  meta: CallMeta,
): Promise<MethodOutput<M>> {
  const res = await app.dispatcher.call(method, input, meta)
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`)
  return res.result as MethodOutput<M>
}

/**
 * The satker's admin signed in to the app's window, as the Wilayah page's import is made (a koordinator
 * or an admin, with PIN). A satker at work has its admin; without one the window opens on the
 * first-admin form.
 */
async function signIn(app: OpenedApp): Promise<CallMeta> {
  const admin = pengguna.tambahAdminPertama(app.ctx, WHO, ADMIN)
  const window: CallMeta = { actor: 'bench', transport: 'ipc' }
  const { sessionId } = await call(app, 'sesi.masuk', { userId: admin.id, pin: ADMIN.pin }, window)
  if (!sessionId) throw new Error('sesi.masuk: tidak ada sesi')
  return { ...window, session: sessionId }
}

/**
 * The two calls a coordinator waits for when importing the TPS list: the preview (a long method: the file
 * read, checked and compared in a job thread) and the apply, which takes the preview's plan and writes it.
 */
async function importAsCoordinator(app: OpenedApp, meta: CallMeta, csv: Buffer): Promise<void> {
  const file = { fileName: 'bogor.csv', contentBase64: csv.toString('base64') }
  const preview = await call(app, 'wilayah.pratinjauImpor', file, meta)
  await call(app, 'wilayah.impor', { ...file, fingerprint: preview.fingerprint }, meta)
}

/**
 * Six DPRD Kabupaten dapil over the 40 kecamatan, in order, as evenly as integers allow; DPR and DPRD
 * Provinsi one dapil each (they are "belum dipetakan", and refuse packing and labels, until mapped).
 */
function mapDprdDapil(app: OpenedApp): void {
  const items = dapil.daftar(app.ctx)
  const kecamatan = wilayah.daftarKecamatan(app.ctx)
  const dapilOf: Record<string, (i: number) => string> = {
    DPR: () => 'JAWA BARAT V',
    DPRD_PROV: () => 'JAWA BARAT 2',
    DPRD_KAB: (i) => `BOGOR ${Math.floor((i * DPRD_KAB_DAPIL) / kecamatan.length) + 1}`,
  }
  for (const [code, name] of Object.entries(dapilOf))
    dapil.aturPemetaan(
      app.ctx,
      WHO,
      items.find((d) => d.itemCode === code)!.itemId,
      kecamatan.map((k, i) => ({ kecamatanId: k.id, dapil: name(i) })),
    )
}

async function main() {
  const started = performance.now()
  const dir = mkdtempSync(join(tmpdir(), 'gudang-bench-'))
  const report = new Report()
  const data = generateBogor()
  const csv = toCsv(data)
  const dpt = data.reduce((s, r) => s + r.dpt, 0)
  const title = `Satker sintetis seukuran Kabupaten Bogor: ${BOGOR.kecamatan} kecamatan, ${BOGOR.desa} desa, ${data.length.toLocaleString('id-ID')} TPS, DPT ${dpt.toLocaleString('id-ID')}, 5 jenis surat suara, ${DPRD_KAB_DAPIL} dapil DPRD Kabupaten`
  console.log(title)
  console.log(`Median dari ${RUNS} kali; Node ${process.version}, ${process.platform}/${process.arch}\n`)

  // First, while the machine is quiet: a command line's start-up is what a script waits for each call.
  if (runs('cli')) await benchCli(dir, RUNS, report)

  let n = 0
  const fresh = async () => {
    const app = await openApp({ dbPath: join(dir, `app-${n++}.sqlite`) })
    pemilihan.buat(app.ctx, WHO, {
      jenis: 'pemilu',
      tahun: 2024,
      provinsi: 'Jawa Barat',
      satker: 'Kabupaten Bogor',
      kodeWilayah: '3201',
    })
    return app
  }

  if (runs('impor')) {
    // Import: parse, validate, diff and write every TPS, against raw inserts of the same rows in one
    // transaction. Each side starts from its empty database, made off the clock: creating the app's
    // schema (every migration) is not the import, as creating the raw tables is not the baseline. The app's
    // side is the two calls the Wilayah page makes, through the dispatcher as a signed-in admin, with the job
    // thread already started (a running app keeps one warm; starting it is not the import either).
    const importApp = await timedAfter(
      RUNS,
      async () => {
        const app = await fresh()
        const meta = await signIn(app)
        await call(app, 'cadangan.daftar', {}, meta)
        return { app, meta }
      },
      ({ app, meta }) => importAsCoordinator(app, meta, csv),
      ({ app }) => app.close(),
    )
    const importRaw = await timedAfter(
      RUNS,
      () => {
        const db = new Database(join(dir, `raw-${n++}.sqlite`))
        db.pragma('journal_mode = WAL')
        db.pragma('synchronous = FULL')
        db.exec(`CREATE TABLE kecamatan (id INTEGER PRIMARY KEY, kode TEXT, nama TEXT);
                 CREATE TABLE desa (id INTEGER PRIMARY KEY, kecamatan_id INTEGER, kode TEXT, nama TEXT);
                 CREATE TABLE tps (id INTEGER PRIMARY KEY, desa_id INTEGER, nomor INTEGER, dpt INTEGER)`)
        return db
      },
      (db) => {
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
      },
      (db) => db.close(),
    )
    report.add('Impor 15.228 TPS (CSV)', importApp.ms, importRaw.ms, { peakMb: importApp.peakMb })
  }

  // The satker the rest is measured on: imported, with its DPRD dapil.
  const app = await fresh()
  await importAsCoordinator(app, await signIn(app), csv)
  mapDprdDapil(app)

  if (runs('kebutuhan')) {
    // Needs for every TPS: the service (load + pure rules + roll-up) against a raw query and a bare loop.
    // The first call computes; later ones are served from the cache until master data changes.
    const rawStmt = app.ctx.db.prepare(
      'SELECT t.id, t.dpt, d.kecamatan_id FROM tps t JOIN desa d ON d.id = t.desa_id ORDER BY t.id',
    )
    const needsRaw = await timed(RUNS, () => {
      const out: number[] = []
      for (const r of rawStmt.all() as { id: number; dpt: number }[])
        for (let i = 0; i < 5; i++) out.push(r.dpt + reserveFor(r.dpt, 200, 'up'))
      return out
    })
    const cold = await timed(1, () => kebutuhan.daftarTps(app.ctx))
    report.add('Kebutuhan per TPS (semua TPS, dihitung)', cold.ms, needsRaw.ms, {
      peakMb: cold.peakMb,
      extra: 'panggilan pertama setelah data induk berubah',
    })
    const needs = await timed(RUNS, () => kebutuhan.daftarTps(app.ctx))
    report.add('Kebutuhan per TPS (semua TPS, tersimpan)', needs.ms, needsRaw.ms, {
      peakMb: needs.peakMb,
      extra: 'panggilan berikutnya',
    })
    const rekap = await timed(RUNS, () => kebutuhan.lihatRekap(app.ctx, 'kecamatan'))
    report.add('Rekap kebutuhan per kecamatan', rekap.ms, needsRaw.ms, { peakMb: rekap.peakMb })
    const perDapil = await timed(RUNS, () => kebutuhan.daftarDapil(app.ctx))
    report.add('Kebutuhan per dapil', perDapil.ms, needsRaw.ms, { peakMb: perDapil.peakMb })
  }

  if (runs('lantai')) await benchFloor(app, dir, RUNS, report)
  if (runs('layar')) {
    await benchFirstScreen(app, RUNS, report)
    await benchResponsive(app, report)
  }
  if (runs('lan')) await benchLan(app, dir, report)
  if (runs('cetak'))
    await benchPrint(
      app,
      dir,
      (name, a, r, extra) => report.add(name, a, r, { extra: extra ?? '', peakMb: peakOf(extra) }),
      (s) => console.log(s),
      runs('lantai'),
    )
  await app.closeWithBackup()

  const peak = process.resourceUsage().maxRSS / 1024
  report.note(`Puncak memori seluruh proses benchmark (maxRSS): ${peak.toFixed(0)} MB`)
  const verdicts = report.verdicts(TARGETS)
  console.log('\nTarget:')
  for (const v of verdicts)
    if (v.line || !ONLY) console.log(`  ${v.ok ? 'tercapai' : 'MELESET '}  ${v.target.text}: ${v.by}`)
  if (ONLY) {
    console.log(`\nBENCH_ONLY=${ONLY.join(',')}: ${DOC} tidak ditulis`)
    rmSync(dir, { recursive: true, force: true })
    return
  }
  const analysis = readFileSync(ANALYSIS, 'utf8')
  writeFileSync(
    DOC,
    `${report.markdown(TARGETS, { title, runs: RUNS, seconds: (performance.now() - started) / 1000 })}\n${analysis}`,
  )
  console.log(`\nDitulis ke ${DOC}`)
  rmSync(dir, { recursive: true, force: true })
}

/** print.ts says its peak in words ("puncak 812 MB"). */
function peakOf(extra: string | undefined): number | null {
  const m = /puncak (\d+) MB/.exec(extra ?? '')
  return m ? Number(m[1]) : null
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
