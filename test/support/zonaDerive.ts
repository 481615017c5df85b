/**
 * What a PC derives from one election file at one instant, in whatever time zone this process runs
 * (issue 15, dates in one zone): the verification, a BA issued without a date (its date and figures) and
 * the rekap harian of that date (every cell). test/support/zonaChild.ts runs it under another TZ.
 */
import ExcelJS from 'exceljs'
import { openApp } from '../../src/api/app'
import * as ledger from '../../src/services/ledger'
import { eksporHarian } from '../../src/services/rekap'

export interface Derived {
  periksa: { ok: boolean; problems: string[] }
  ba: { tanggal: string; data: unknown }
  rekap: unknown
}

export async function derive(dbPath: string, now: Date): Promise<Derived> {
  const app = await openApp({ dbPath, now: () => now })
  try {
    const meta = { actor: 'Petugas Uji', transport: 'test' as const }
    // In this process, not a job worker: the zone under test is this process's.
    const periksa = ledger.periksa(app.ctx)
    const res = await app.dispatcher.call('dokumen.terbitkan', { type: 'BA_RUSAK' }, meta)
    if (!res.ok) throw new Error(`dokumen.terbitkan: ${JSON.stringify(res.error)}`)
    const snapshot = JSON.parse(
      app.ctx.db
        .prepare('SELECT snapshot FROM dokumen WHERE id = ?')
        .pluck()
        .get((res.result as { id: number }).id) as string,
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
    return { periksa: { ok: periksa.ok, problems: periksa.problems }, ba: { tanggal, data: snapshot.data }, rekap }
  } finally {
    app.close()
  }
}
