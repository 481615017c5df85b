/**
 * One print job of print.ts in a process of its own, so the peak memory printed is the job's — opening
 * the election read-only as the app's job thread does (src/api/jobWorker.ts) — and not the million-row
 * simulation the bench process holds besides. Prints one line of JSON: time, peak RSS, the job's answer.
 *
 *   tsx test/bench/printJob.ts <daftarIsi|label> <db> <out.zip>
 *   tsx test/bench/printJob.ts raw <pages.json> <out.zip>
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { openReadOnly, type WritableDB } from '../../src/db/open'
import { renderPdf, type PdfDocDefinition } from '../../src/reports/pdf'
import { FONT_FAMILY } from '../../src/reports/pdf/fonts'
import { createZip } from '../../src/reports/zip'
import { writeKitPrintZip } from '../../src/services/kemasCetakSatker'

export interface PrintJobResult {
  ms: number
  peakMb: number
  items: number
}

/** The baseline: pdfmake alone, a plain table per page, in the same chunks, into a ZIP the same way. */
async function rawPages(chunks: number[], path: string): Promise<number> {
  const zip = await createZip(path, `${path}.tmp`)
  for (const [i, n] of chunks.entries()) {
    const def: PdfDocDefinition = {
      pageSize: 'A4',
      pageMargins: [40, 40, 40, 40],
      content: Array.from({ length: n }, (_, p) => ({
        table: {
          widths: ['auto', '*', 'auto'],
          body: Array.from({ length: 12 }, (_, r) => [String(r + 1), `Barang ${r + 1}`, String(250 + r)]),
        },
        ...(p > 0 ? { pageBreak: 'before' as const } : {}),
      })),
      defaultStyle: { font: FONT_FAMILY, fontSize: 10 },
    }
    await zip.add(`${i}.pdf`, await renderPdf(def))
  }
  await zip.close()
  return chunks.length
}

async function main(): Promise<void> {
  const [mode, source, out] = process.argv.slice(2) as [string, string, string]
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const t0 = performance.now()
  let items: number
  if (mode === 'raw') {
    items = await rawPages(JSON.parse(readFileSync(source, 'utf8')) as number[], out)
  } else {
    const db = openReadOnly(source)
    // A job reads: the print batches take the read-only connection the job thread opens.
    const ctx = { db: db as unknown as WritableDB, dbPath: source, now: () => new Date() }
    items = (await writeKitPrintZip(ctx, mode as 'label' | 'daftarIsi', out)).items
    db.close()
  }
  const ms = performance.now() - t0
  clearInterval(timer)
  // maxRSS catches a peak between two samples.
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024)
  const result: PrintJobResult = { ms, peakMb: peak / 1024 / 1024, items }
  console.log(JSON.stringify(result))
}

void main()
