/**
 * The floor at Bogor scale: a ledger of at least a million rows from simulated sortir-lipat shifts over
 * 40 days, then the figures a coordinator feels — one tally save, the dashboard, the daily rekap — each
 * beside a raw baseline doing the same work with the fewest layers.
 */
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { performance } from 'node:perf_hooks'
import { rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { OpenedApp } from '../../src/api/app'
import type { MoveInput } from '../../src/core/moves'
import { rusakPlace } from '../../src/core/reasons'
import { prosesPlace } from '../../src/core/shifts'
import { chainParts } from '../../src/db/chainWalk'
import { appendMoves, verifyChain } from '../../src/db/ledger'
import * as penerimaan from '../../src/services/penerimaan'
import * as pekerja from '../../src/services/pekerja'
import * as regu from '../../src/services/regu'
import * as rekonsiliasi from '../../src/services/rekonsiliasi'
import * as cadangan from '../../src/services/cadangan'
import { percentile, timed, timedAfter, withPeakRss, type Report } from './measure'
import * as rekap from '../../src/services/rekap'
import * as shift from '../../src/services/shift'
import * as tally from '../../src/services/tally'
import { listVariants } from '../../src/services/variants'
import { writeTx } from '../../src/services/context'
import { delivery, shiftInput } from '../support/inputs'

const WHO = { actor: 'bench' }
const DAYS = 40
const TEAMS = 140
const WORKERS_PER_TEAM = 10
const SHIFTS_PER_DAY = 2
/**
 * Tally saves per team per variant per shift, as a coordinator enters results through the day: twelve
 * over the five ballot types of one dapil each, fewer when dapil split them into more variants, so the
 * ledger stays at about a million rows.
 */
const savesPerShift = (variants: number) => Math.max(1, Math.round((12 * 5) / variants))

const day = (i: number) => {
  const d = new Date(Date.UTC(2024, 0, 2 + i))
  return d.toISOString().slice(0, 10)
}

/** Fills the app's ledger with simulated shifts; returns the ids the measurements need. */
export async function simulate(app: OpenedApp, log: (s: string) => void) {
  const ctx = app.ctx
  const ballots = listVariants(ctx).filter((v) => v.kind === 'ballot')
  const SAVES_PER_SHIFT = savesPerShift(ballots.length)
  const t0 = performance.now()
  // Enough sheets for 40 days of work: every ballot type of a Bogor-size satker, about 4 million each.
  penerimaan.catat(
    ctx,
    WHO,
    delivery({
      receivedAt: '2024-01-01T08:00',
      penyedia: 'PT Bench',
      suratJalan: 'SJ-BENCH-1',
      lines: ballots.map((b) => ({
        variantId: b.variantId,
        statedQty: 4_100_000,
        countedQty: 4_100_000,
      })),
    }),
  )
  const teamIds: number[] = []
  for (let t = 0; t < TEAMS; t++) {
    const team = regu.tambah(ctx, WHO, {
      nama: `Regu ${String(t + 1).padStart(3, '0')}`,
      leaderId: null,
      dailyTarget: 10_000,
    })
    teamIds.push(team.id)
    for (let w = 0; w < WORKERS_PER_TEAM; w++)
      pekerja.tambah(ctx, WHO, { nama: `Pekerja ${t + 1}-${w + 1}`, nik: null, telepon: '', teamId: team.id })
  }
  const reasons = ['CETAK', 'KUSUT_SOBEK', 'BERLUBANG', 'FOTO']
  let rows = 0
  let at = Date.UTC(2024, 0, 2, 1, 0)
  for (let d = 0; d < DAYS; d++) {
    for (let s = 0; s < SHIFTS_PER_DAY; s++) {
      // Half the teams per shift, every ballot type.
      const teams = teamIds.filter((_, i) => i % SHIFTS_PER_DAY === s)
      const variants = ballots
      const opened = shift.buka(
        ctx,
        WHO,
        shiftInput({
          kind: 'sortir_lipat',
          tanggal: day(d),
          mulai: s === 0 ? '08:00' : '13:00',
          selesai: s === 0 ? '12:00' : '17:00',
          pengawas: 'Bench',
          variantIds: variants.map((v) => v.variantId),
          teams: teams.map((teamId) => ({ teamId })),
        }),
      )
      // Rows written straight to the chain (hashing and balances included) rather than through the
      // service: a million validated API calls would time the simulation, not the app.
      // One write of the app's own (its jejak row sealed with it): a write left unsealed would make the
      // next one refused as an edit made behind the app (services/context.ts writeTx).
      writeTx(ctx, { actor: 'bench' }, 'tally.simpan', () => {
        const moves: MoveInput[] = []
        for (const teamId of teams) {
          for (const v of variants) {
            const place = prosesPlace(opened.id, teamId)
            for (let k = 0; k < SAVES_PER_SHIFT; k++) {
              moves.push({ variantId: v.variantId, from: 'DITERIMA', to: place, qty: 40, shiftId: opened.id })
              moves.push({ variantId: v.variantId, from: place, to: 'BAIK', qty: 36, shiftId: opened.id })
              moves.push({
                variantId: v.variantId,
                from: place,
                to: rusakPlace(reasons[(k + teamId) % reasons.length]!),
                qty: 1,
                shiftId: opened.id,
              })
            }
            moves.push({
              variantId: v.variantId,
              from: place,
              to: 'DITERIMA',
              qty: 3 * SAVES_PER_SHIFT,
              shiftId: opened.id,
              reason: 'KEMBALI',
            })
          }
        }
        appendMoves(ctx.db, moves, { actor: 'bench', at: new Date(at).toISOString() })
        rows += moves.length
        return { result: null, detail: { baris: moves.length } }
      })
      at += 4 * 3_600_000
      shift.tutup(ctx, WHO, opened.id, '')
    }
    if ((d + 1) % 10 === 0) log(`  … ${d + 1} hari disimulasikan, ${rows.toLocaleString('id-ID')} baris buku besar`)
  }
  return { teamIds, ballots, seconds: (performance.now() - t0) / 1000 }
}

export async function benchFloor(app: OpenedApp, dir: string, runs: number, report: Report): Promise<void> {
  const ctx = app.ctx
  const log = (s: string) => console.log(s)
  log(
    `\nLantai sortir-lipat: ${TEAMS} regu x ${WORKERS_PER_TEAM} pekerja, ${DAYS} hari, ${SHIFTS_PER_DAY} shift per hari`,
  )
  const sim = await simulate(app, log)
  const ledgerRows = (ctx.db.prepare('SELECT count(*) AS n FROM ledger').get() as { n: number }).n
  log(
    `  buku besar: ${ledgerRows.toLocaleString('id-ID')} baris, ${sim.ballots.length} varian surat suara, dibangun dalam ${sim.seconds.toFixed(1)} s\n`,
  )

  // One tally save on a live shift: validate against balances, write the rows with their hashes, answer
  // with the updated shift — what the coordinator waits for after pressing Simpan.
  const v = sim.ballots[0]!
  const team = sim.teamIds[0]!
  const live = shift.buka(
    ctx,
    WHO,
    shiftInput({
      kind: 'sortir_lipat',
      tanggal: day(DAYS),
      mulai: '08:00',
      selesai: '16:00',
      variantIds: [v.variantId],
      teams: [{ teamId: team }],
    }),
  )
  const SAVES = Math.max(1000, runs * 200)
  // The simulated history was written in one go; a running app would have been idle since, and its
  // checkpoints (db/checkpoint.ts) would have run.
  await new Promise((r) => setTimeout(r, 2_500))
  const save = () =>
    tally.simpan(ctx, WHO, {
      shiftId: live.id,
      variantId: v.variantId,
      rows: [{ teamId: team, serahkan: 50, hasil: 48, rusak: { CETAK: 1 }, kembali: 0 }],
    })
  const series = async (n: number) => {
    const ms: number[] = []
    for (let i = 0; i < n; i++) {
      const t0 = performance.now()
      save()
      ms.push(performance.now() - t0)
      // Each save is its own call to the server: the event loop turns between them, as it does for a
      // coordinator saving team after team (far more often than a person can type them).
      await new Promise((r) => setImmediate(r))
    }
    return ms
  }
  // A coordinator's first saves of the day compile the code and prepare the statements; they are not
  // what the other thousand wait for.
  await series(50)
  let saves: number[] = []
  const savePeak = await withPeakRss(async () => {
    saves = await series(SAVES)
  })
  // Diagnosis, not a target: the same saves without waiting for the disk at each commit
  // (synchronous=NORMAL), to tell the app's own work from the flush synchronous=FULL waits for.
  ctx.db.pragma('synchronous = NORMAL')
  const unsynced = await series(SAVES)
  ctx.db.pragma('synchronous = FULL')
  const raw = new Database(join(dir, 'raw-tally.sqlite'))
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = FULL')
  raw.exec(
    'CREATE TABLE ledger (seq INTEGER PRIMARY KEY, variant_id INTEGER, from_place TEXT, to_place TEXT, qty INTEGER, shift_id INTEGER)',
  )
  const ins = raw.prepare('INSERT INTO ledger (variant_id, from_place, to_place, qty, shift_id) VALUES (?, ?, ?, ?, ?)')
  const bulk = raw.transaction(() => {
    for (let i = 0; i < ledgerRows; i++) ins.run(1, 'DITERIMA', 'BAIK', 1, 1)
  })
  bulk()
  const rawSaves: number[] = []
  const three = raw.transaction(() => {
    ins.run(v.variantId, 'DITERIMA', 'PROSES:1:1', 50, 1)
    ins.run(v.variantId, 'PROSES:1:1', 'BAIK', 48, 1)
    ins.run(v.variantId, 'PROSES:1:1', 'RUSAK:CETAK', 1, 1)
  })
  for (let i = 0; i < 50; i++) three()
  for (let i = 0; i < SAVES; i++) {
    const t0 = performance.now()
    three()
    rawSaves.push(performance.now() - t0)
  }
  raw.close()
  report.add(`Simpan tally p50 (${SAVES} kali)`, percentile(saves, 50), percentile(rawSaves, 50), {
    peakMb: savePeak.peakMb,
  })
  report.add(`Simpan tally p99 (${SAVES} kali)`, percentile(saves, 99), percentile(rawSaves, 99), {
    peakMb: savePeak.peakMb,
  })
  report.add(
    `Diagnosis: simpan tally p99 tanpa menunggu disk (synchronous=NORMAL)`,
    percentile(unsynced, 99),
    percentile(rawSaves, 99),
    {
      peakMb: null,
      extra: `p50 ${percentile(unsynced, 50).toFixed(2)} ms; aplikasi tetap memakai synchronous=FULL`,
    },
  )
  closeShiftAfterBench(app, live.id, team, v.variantId)

  // The dashboard: reconciliation of every variant against its needs, from the balance table. The server
  // keeps these figures until the file changes (services/untilChanged.ts): each run follows a write (a
  // team's target written again), so what is timed is the computation, not the kept answer.
  const write = () => void regu.ubah(ctx, WHO, { id: team, dailyTarget: 10_000 })
  const balanceSql = ctx.db.prepare('SELECT variant_id, place, qty FROM balance WHERE qty <> 0')
  const dash = await timedAfter(runs, write, () => rekonsiliasi.lihat(ctx))
  report.add('Dasbor rekonsiliasi', dash.ms, (await timed(runs, () => balanceSql.all())).ms, {
    peakMb: dash.peakMb,
    extra: `dihitung setelah tulisan; tersimpan ${(await timed(runs, () => rekonsiliasi.lihat(ctx))).ms.toFixed(2)} ms`,
  })
  const charts = await timedAfter(runs, write, () => rekonsiliasi.lihatKemajuan(ctx, {}))
  report.add('Grafik kemajuan Beranda (40 hari)', charts.ms, null, {
    peakMb: charts.peakMb,
    extra: 'dihitung setelah tulisan',
  })

  // The daily rekap for a day in the middle of the campaign, against exceljs writing the same cells.
  const mid = day(Math.floor(DAYS / 2))
  let size = 0
  const rekapRun = await timed(runs, async () => {
    const f = await rekap.eksporHarian(ctx, mid, 'xlsx')
    size = f.bytes.length
  })
  const rawXlsx = await timed(runs, async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('raw')
    for (let r = 0; r < 200; r++) ws.addRow(Array.from({ length: 12 }, (_, i) => (i < 2 ? `teks ${r}` : r * i)))
    await wb.xlsx.writeBuffer()
  })
  report.add(`Rekap harian XLSX (${(size / 1024).toFixed(0)} KB)`, rekapRun.ms, rawXlsx.ms, { peakMb: rekapRun.peakMb })

  // Walking the whole chain, hashing every row, against reading the rows alone.
  const readAll = ctx.db.prepare('SELECT * FROM ledger ORDER BY seq')
  const chain = await timed(runs, () => verifyChain(ctx.db))
  const read = await timed(runs, () => {
    let n = 0
    for (const _ of readAll.iterate()) n++
    return n
  })
  report.add(`Verifikasi rantai ${ledgerRows.toLocaleString('id-ID')} baris`, chain.ms, read.ms, {
    peakMb: chain.peakMb,
    extra: `dipanggil di thread benchmark, ${chainParts(ledgerRows, {})} rentang sekaligus (src/db/chainWalk.ts); raw = membaca baris tanpa hash di satu thread`,
  })
  // As the app runs it: ledger.periksa in a job's worker thread, with SQLite's integrity check and the
  // balances and floor aggregates recomputed from the ledger besides the chain.
  const meta = { actor: 'bench', transport: 'test' as const }
  const full = await timed(Math.min(runs, 3), async () => {
    const r = await app.dispatcher.call('ledger.periksa', {}, meta)
    if (!r.ok || !(r.result as { ok: boolean }).ok) throw new Error(`ledger.periksa: ${JSON.stringify(r)}`)
  })
  report.add('Periksa integritas lengkap (ledger.periksa, thread pekerja)', full.ms, chain.ms, {
    peakMb: full.peakMb,
    extra: 'raw = rantai saja di thread ini',
  })

  // A verified backup (SQLite's backup API, settled, integrity_check and the whole chain walked), against
  // the backup API alone into a file.
  const backupRuns = Math.min(runs, 3)
  // Into the app's own backup folder: another folder must have been picked in a dialog first (issue 15).
  const verified = await timed(backupRuns, () => cadangan.buat(ctx, 'manual'))
  const bare = await timed(backupRuns, async () => {
    const target = join(dir, `raw-backup-${Math.random().toString(36).slice(2)}.sqlite`)
    await ctx.db.backup(target)
    rmSync(target, { force: true })
  })
  const mb = statSync(ctx.dbPath).size / 1024 / 1024
  report.add(`Cadangan terverifikasi (${mb.toFixed(0)} MB)`, verified.ms, bare.ms, {
    peakMb: verified.peakMb,
    extra: `median dari ${backupRuns}; raw = backup API saja`,
  })
}

/** Leaves the bench shift closed so the database stays consistent for anything measured after it. */
function closeShiftAfterBench(app: OpenedApp, shiftId: number, teamId: number, variantId: number): void {
  const left =
    (
      app.ctx.db
        .prepare('SELECT qty FROM balance WHERE variant_id = ? AND place = ?')
        .get(variantId, prosesPlace(shiftId, teamId)) as { qty: number } | undefined
    )?.qty ?? 0
  if (left > 0)
    tally.simpan(app.ctx, WHO, {
      shiftId,
      variantId,
      rows: [{ teamId, serahkan: 0, hasil: 0, rusak: {}, kembali: left }],
    })
  shift.tutup(app.ctx, WHO, shiftId, '')
}
