/**
 * What a PC in another time zone derives from one election file (issue 15, dates in one zone): run as
 * its own process, so the zone it is given (TZ) is the one Node's Date and SQLite's 'localtime' see.
 *   TZ=Asia/Makassar node --import tsx test/support/zonaChild.ts <db> <iso now>
 * Prints one JSON line: the verification, a BA issued without a date (its date and figures), the rekap
 * harian of the day (every cell) and today's date as the app takes it.
 */
import ExcelJS from 'exceljs'
import { openApp } from '../../src/api/app'
import * as ledger from '../../src/services/ledger'
import { eksporHarian } from '../../src/services/rekap'

async function main(dbPath: string, now: Date): Promise<void> {
  const app = await openApp({ dbPath, now: () => now })
  try {
    const meta = { actor: 'Petugas Uji', transport: 'test' as const }
    const call = async (method: string, input: unknown) => {
      const res = await app.dispatcher.call(method as never, input as never, meta)
      if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`)
      return res.result as Record<string, unknown>
    }
    // In this process, not a job worker: the zone under test is this process's.
    const periksa = ledger.periksa(app.ctx)
    const doc = await call('dokumen.terbitkan', { type: 'BA_RUSAK' })
    const snapshot = JSON.parse(
      app.ctx.db.prepare('SELECT snapshot FROM document WHERE id = ?').pluck().get(doc.id) as string,
    ) as { tanggal: string; data: unknown }
    const tanggal = snapshot.tanggal
    const xlsx = await eksporHarian(app.ctx, tanggal, 'xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
    const rekap = wb.worksheets.map((ws) => {
      const rows: unknown[] = []
      ws.eachRow((r) => rows.push(r.values))
      return { sheet: ws.name, rows }
    })
    process.stdout.write(
      JSON.stringify({
        periksa: { ok: periksa.ok, problems: periksa.problems },
        ba: { tanggal, data: snapshot.data },
        rekap,
      }) + '\n',
    )
  } finally {
    app.close()
  }
}

const [dbPath, nowIso] = process.argv.slice(2) as [string, string]
main(dbPath, new Date(nowIso)).catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
