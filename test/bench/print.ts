/**
 * Printing at Bogor scale: the daftar isi of every TPS and a label for every kotak (a PDF per
 * kecamatan into one ZIP on disk), and the BA serah terima of the largest kecamatan — each beside a raw
 * pdfmake job producing the same number of pages with a plain table. The two batches and their baselines
 * each run in a process of their own (printJob.ts), so the peak memory is the job's, not the bench's.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { OpenedApp } from '../../src/api/app'
import { renderPdf, type PdfDocDefinition } from '../../src/reports/pdf'
import { FONT_FAMILY } from '../../src/reports/pdf/fonts'
import * as kemasCetak from '../../src/services/kemasCetak'
import * as dokumen from '../../src/services/dokumen'
import * as dokumenJenis from '../../src/services/dokumenJenis'
import * as kemas from '../../src/services/kemas'
import * as penerimaan from '../../src/services/penerimaan'
import * as serahTerima from '../../src/services/serahTerima'
import * as shift from '../../src/services/shift'
import * as tally from '../../src/services/tally'
import { listVariants } from '../../src/services/variants'
import * as wilayah from '../../src/services/wilayah'
import type { PrintJobResult } from './printJob'
import { delivery, shiftInput } from '../support/inputs'

const WHO = { actor: 'bench' }

/** Runs fn while sampling the resident set size; returns its time and the highest RSS seen. */
async function measured<T>(fn: () => Promise<T>): Promise<{ ms: number; peakMb: number; result: T }> {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const t0 = performance.now()
  try {
    const result = await fn()
    peak = Math.max(peak, process.memoryUsage().rss)
    return { ms: performance.now() - t0, peakMb: peak / 1024 / 1024, result }
  } finally {
    clearInterval(timer)
  }
}

/** pdfinfo's page count of every PDF inside a stored ZIP (entries are read from their local headers). */
function pagesInZip(path: string, dir: string): number[] {
  const buf = readFileSync(path)
  const pages: number[] = []
  let at = 0
  while (buf.readUInt32LE(at) === 0x04034b50) {
    const size = buf.readUInt32LE(at + 18)
    const nameLen = buf.readUInt16LE(at + 26)
    const data = buf.subarray(at + 30 + nameLen, at + 30 + nameLen + size)
    const tmp = join(dir, 'bench-entry.pdf')
    writeFileSync(tmp, data)
    pages.push(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [tmp], { encoding: 'utf8' }))![1]))
    at += 30 + nameLen + size
  }
  return pages
}

const JOB = join(__dirname, 'printJob.ts')

/** Runs one printJob.ts in a fresh Node with the same loader (tsx) as this process. */
function printJob(args: string[]): PrintJobResult {
  const out = execFileSync(process.execPath, [...process.execArgv, JOB, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  })
  return JSON.parse(out.trim().split('\n').at(-1)!) as PrintJobResult
}

/** The app's batch and the raw pdfmake job of the same pages in the same chunks, each in its own process. */
function batchAndRaw(kind: 'daftarIsi' | 'label', dbPath: string, dir: string) {
  const path = join(dir, `${kind}.zip`)
  const app = printJob([kind, dbPath, path])
  const pages = pagesInZip(path, dir)
  const chunks = join(dir, `${kind}-pages.json`)
  writeFileSync(chunks, JSON.stringify(pages))
  const raw = printJob(['raw', chunks, join(dir, `raw-${kind}.zip`)])
  return { app, raw, pages: pages.reduce((s, n) => s + n, 0) }
}

export async function benchPrint(
  app: OpenedApp,
  dir: string,
  report: (name: string, app: number, raw: number, extra?: string) => void,
  log: (s: string) => void,
  /** The floor's sorted ballots are there to pack (the bench's floor section ran). */
  handover = true,
): Promise<void> {
  const ctx = app.ctx
  log(
    '\nCetak seukuran Bogor: daftar isi setiap TPS, label setiap kotak (PDF per kecamatan dalam satu ZIP), BA serah terima kecamatan terbesar',
  )

  // Committed rows only reach a second process through the file: settle the WAL first.
  ctx.db.pragma('wal_checkpoint(PASSIVE)')
  const daftar = batchAndRaw('daftarIsi', ctx.dbPath, dir)
  report(
    `Daftar isi ${daftar.app.items} TPS (${daftar.pages} hlm)`,
    daftar.app.ms,
    daftar.raw.ms,
    `puncak ${daftar.app.peakMb.toFixed(0)} MB (mentah ${daftar.raw.peakMb.toFixed(0)} MB), proses sendiri`,
  )

  const labels = batchAndRaw('label', ctx.dbPath, dir)
  const grid = kemasCetak.lihatSusunanLabel(ctx)
  report(
    `Label ${labels.app.items} kotak (${labels.pages} hlm, ${grid.rows}x${grid.cols})`,
    labels.app.ms,
    labels.raw.ms,
    `puncak ${labels.app.peakMb.toFixed(0)} MB (mentah ${labels.raw.peakMb.toFixed(0)} MB), proses sendiri`,
  )

  if (!handover) {
    log('  BA serah terima dilewati: pengemasan memerlukan surat suara dari bagian lantai (BENCH_ONLY tanpa lantai)')
    return
  }
  // The largest kecamatan, packed and handed over; then its BA printed (issued in the handover).
  const largest = wilayah.daftarKecamatan(ctx).sort((a, b) => b.tps - a.tps)[0]!
  const variants = listVariants(ctx)
  penerimaan.catat(
    ctx,
    WHO,
    delivery({
      receivedAt: '2024-02-01T08:00',
      penyedia: 'PT Bench Logistik',
      suratJalan: 'SJ-BENCH-LOG',
      lines: variants
        .filter((v) => v.kind === 'logistics')
        .map((v) => ({
          variantId: v.variantId,
          statedQty: 100_000,
          countedQty: 100_000,
        })),
    }),
  )
  const teamId = (ctx.db.prepare('SELECT id FROM regu ORDER BY id LIMIT 1').get() as { id: number }).id
  for (const v of variants.filter((x) => x.assembled)) {
    const s = shift.buka(
      ctx,
      WHO,
      shiftInput({
        kind: v.itemCode === 'BILIK' ? 'rakit_bilik' : 'rakit_kotak',
        tanggal: '2024-02-02',
        mulai: '08:00',
        selesai: '16:00',
        variantIds: [v.variantId],
        teams: [{ teamId }],
      }),
    )
    tally.simpan(ctx, WHO, {
      shiftId: s.id,
      variantId: v.variantId,
      rows: [{ teamId, serahkan: largest.tps * 5, hasil: largest.tps * 5, rusak: {}, kembali: 0 }],
    })
    shift.tutup(ctx, WHO, s.id, '')
  }
  const pack = shift.buka(
    ctx,
    WHO,
    shiftInput({
      kind: 'packing',
      tanggal: '2024-02-03',
      mulai: '08:00',
      selesai: '16:00',
      variantIds: [],
      teams: [{ teamId }],
    }),
  )
  const kits = kemas.allKits(ctx).filter((k) => k.kecamatanId === largest.id)
  const packing = await measured(async () => {
    for (const k of kits) kemas.catat(ctx, WHO, { shiftId: pack.id, tpsId: k.tpsId, lines: [], sisa: true })
  })
  log(`  pengemasan ${kits.length} kit ${largest.nama}: ${(packing.ms / kits.length).toFixed(1)} ms per kit`)
  // Every party named, as a satker does before its first paper (a blank one is refused).
  for (const j of dokumenJenis.daftarJenis(ctx))
    dokumenJenis.aturJenis(
      ctx,
      WHO,
      j.type,
      j.ownPattern,
      j.signers.map((s, i) => ({ ...s, nama: s.nama || `Penanda Tangan ${'ABCDEFGHIJKL'[i]}` })),
    )
  const handed = serahTerima.serahkan(ctx, WHO, {
    kecamatanId: largest.id,
    tpsIds: kits.map((k) => k.tpsId),
    exceptions: [],
    ppkNama: 'Ketua PPK',
    ppkJabatan: 'Ketua PPK',
    kendaraan: '',
    note: '',
  })
  const ba = await measured(() => dokumen.cetak(ctx, WHO, handed.document.id, 'pdf'))
  const baPages = Number(/\/Count (\d+)/.exec(ba.result.bytes.toString('latin1'))?.[1] ?? 0)
  const baRaw = await measured(() => renderPdf(plainPages(baPages)))
  report(`BA serah terima ${largest.nama} (${kits.length} TPS, ${baPages} hlm)`, ba.ms, baRaw.ms, 'di proses benchmark')
}

/** A plain document of n pages of a table, with the same fonts, for the BA's baseline. */
function plainPages(pages: number): PdfDocDefinition {
  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    content: Array.from({ length: Math.max(1, pages) }, (_, p) => ({
      table: {
        headerRows: 1,
        widths: ['auto', '*', 'auto', 'auto'],
        body: Array.from({ length: 40 }, (_, r) => [String(r + 1), `Desa ${r}`, String(r), String(r * 2)]),
      },
      ...(p > 0 ? { pageBreak: 'before' as const } : {}),
    })),
    defaultStyle: { font: FONT_FAMILY, fontSize: 9 },
  }
}
