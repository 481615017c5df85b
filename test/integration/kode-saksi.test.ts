import ExcelJS from 'exceljs'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { kodeSaksi } from '../../src/core/jejak'
import { jejakHead } from '../../src/db/jejak'
import { recordMoves } from '../../src/services/ledger'
import { nameAllSigners, openTestApp, useTempDir, type TestApp } from '../support/api'
import { Insider } from '../support/insider'
import { pdfPages, pdfText } from '../support/pdf'

/**
 * The kode saksi harian on paper (issue 15): every BA carries, on every page, the kode saksi of the file as
 * it stood when the BA was issued — a reprint prints the same code, whatever was written since — and the
 * rekap harian carries the code of the file it was computed from. A code typed back from the logbook is
 * checked against the chain (match, no match with the rows it bounds, unknown sequence) and, when it holds,
 * kept as a witness in the journal outside the file.
 */
const root = useTempDir('kode-saksi')
const saksiDir = join(root, 'data', 'saksi')
const OUT = join(root, 'keluaran')
let app: TestApp
let variant = 0

const flat = (s: string) => s.replace(/\s+/g, ' ')
const journal = () => {
  const files = existsSync(saksiDir) ? readFileSyncAll(saksiDir) : ''
  return files
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { jenis: string; label: string; jejak: { seq: number; hash: string } })
}
function readFileSyncAll(dir: string): string {
  const uid = app.ctx.db.prepare(`SELECT value FROM pengaturan WHERE key = 'id_pemilihan'`).pluck().get() as string
  const file = join(dir, `${uid}.jsonl`)
  return existsSync(file) ? readFileSync(file, 'utf8') : ''
}

async function printed(id: number): Promise<{ text: string; pages: number }> {
  const d = await app.call('dokumen.cetak', { id, format: 'pdf' })
  const file = join(OUT, d.fileName)
  writeFileSync(file, Buffer.from(d.contentBase64, 'base64'))
  return { text: pdfText(file), pages: pdfPages(file) }
}

const move = (from: string, to: string, qty: number) =>
  recordMoves(app.ctx, { actor: 'Ani Operator' }, [{ variantId: variant, from, to, qty }])

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true })
  app = await openTestApp({ dir: root, name: 'pemilihan', saksiDir, now: () => new Date('2024-11-04T03:00:00Z') })
  variant = app.ctx.db.prepare('SELECT id FROM barang_varian ORDER BY id LIMIT 1').pluck().get() as number
  await nameAllSigners(app)
  move('PENYEDIA', 'DITERIMA', 900)
  move('DITERIMA', 'RUSAK:KUSUT_SOBEK', 12)
}, 60_000)

afterAll(() => app?.close())

describe('the kode saksi on paper', () => {
  let baId = 0
  let atIssue = ''

  it('every page of a BA carries "Kode saksi: …" of the file as it stood when the BA was issued', async () => {
    atIssue = (await app.call('ledger.lihatKodeSaksi')).kode
    expect(atIssue).toBe(kodeSaksi(jejakHead(app.ctx.db)))
    const doc = await app.call('dokumen.terbitkan', { type: 'BA_RUSAK', tanggal: '2024-11-04' })
    baId = doc.id
    const { text, pages } = await printed(doc.id)
    const lines = flat(text).match(/Kode saksi: J-[0-9A-Z-]+/g) ?? []
    expect(lines, text).toHaveLength(pages)
    expect(new Set(lines)).toEqual(new Set([`Kode saksi: ${atIssue}`]))
  })

  it('a reprint after later writes prints the same code, and that code checks out', async () => {
    move('DITERIMA', 'BAIK', 300)
    expect((await app.call('ledger.lihatKodeSaksi')).kode).not.toBe(atIssue)
    const { text } = await printed(baId)
    expect(flat(text)).toContain('SALINAN')
    expect(flat(text)).toContain(`Kode saksi: ${atIssue}`)
    expect(await app.call('ledger.periksaKodeSaksi', { kode: atIssue })).toMatchObject({ cocok: true })
  })

  it('each issue prints the code of the file just before it: two BAs issued apart print different codes', async () => {
    const first = (await app.call('ledger.lihatKodeSaksi')).kode
    const a = await app.call('dokumen.terbitkan', { type: 'BA_RUSAK', tanggal: '2024-11-05' })
    const second = (await app.call('ledger.lihatKodeSaksi')).kode
    expect(second).not.toBe(first)
    const b = await app.call('dokumen.terbitkan', { type: 'BA_RUSAK', tanggal: '2024-11-06' })
    expect(flat((await printed(a.id)).text)).toContain(`Kode saksi: ${first}`)
    expect(flat((await printed(b.id)).text)).toContain(`Kode saksi: ${second}`)
  })

  it('the rekap harian carries the code of the file it was computed from, on every sheet and in its print footer', async () => {
    const kode = (await app.call('ledger.lihatKodeSaksi')).kode
    const d = await app.call('rekap.eksporHarian', { tanggal: '2024-11-04', format: 'xlsx' })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(d.contentBase64, 'base64') as unknown as ArrayBuffer)
    expect(wb.worksheets.length).toBeGreaterThan(1)
    for (const ws of wb.worksheets) {
      const texts: string[] = []
      ws.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))))
      expect(texts, ws.name).toContain(`Kode saksi: ${kode}`)
      expect(ws.headerFooter.oddFooter ?? '', ws.name).toContain(`Kode saksi: ${kode}`)
    }
    // The Silog CSV is data for another system to import: no line of ours in it.
    const csv = await app.call('rekap.eksporHarian', { tanggal: '2024-11-04', format: 'csv' })
    expect(Buffer.from(csv.contentBase64, 'base64').toString('utf8')).not.toContain('Kode saksi')
  })
})

describe('a typed kode saksi', () => {
  it('that matches is kept in the journal as a witness typed from the logbook', async () => {
    const head = jejakHead(app.ctx.db)
    const kode = kodeSaksi(head)
    const before = journal().length
    const res = await app.call('ledger.periksaKodeSaksi', { kode: ` ${kode.toLowerCase().replace(/-/g, ' ')} ` })
    expect(res).toMatchObject({ cocok: true, hasil: 'cocok', seq: head.seq })
    const added = journal().slice(before)
    expect(added).toEqual([
      expect.objectContaining({ jenis: 'kode', label: `kode saksi ${kode} (diketik)`, jejak: head }),
    ])
    // Typed again: one witness is enough.
    await app.call('ledger.periksaKodeSaksi', { kode })
    expect(journal().length).toBe(before + 1)
  })

  it('of a sequence the file does not reach is named unknown, not a difference', async () => {
    const head = jejakHead(app.ctx.db)
    const kode = kodeSaksi({ seq: head.seq + 50, hash: 'ab'.repeat(32) })
    const res = await app.call('ledger.periksaKodeSaksi', { kode })
    expect(res).toMatchObject({ cocok: false, hasil: 'tidak-dikenal', seq: head.seq + 50 })
    expect(res.pesan).toMatch(new RegExp(`baru sampai jejak ${head.seq}`))
  })

  it('after a consistent rewrite, no match, naming the rows it bounds: after the last witness that holds, up to the code', async () => {
    // A code written in the logbook now, then more work, then an insider rewrites a ledger row made
    // after an earlier witness and reseals every hash.
    const held = kodeSaksi(jejakHead(app.ctx.db))
    const heldSeq = jejakHead(app.ctx.db).seq
    move('BAIK', 'DITERIMA', 5)
    const logbook = kodeSaksi(jejakHead(app.ctx.db))
    const logbookSeq = jejakHead(app.ctx.db).seq
    const path = app.dbPath
    app.close()
    const lastLedger = (() => {
      const i = new Insider(path)
      const seq = i.db.prepare('SELECT max(seq) FROM ledger').pluck().get() as number
      i.rewriteLedgerQty(seq, 6).resealJejak().done()
      return seq
    })()
    app = await openTestApp({ dbPath: path, saksiDir })
    // The earlier code still holds, and typed, it becomes the witness that bounds the difference.
    expect(await app.call('ledger.periksaKodeSaksi', { kode: held })).toMatchObject({ cocok: true })
    const res = await app.call('ledger.periksaKodeSaksi', { kode: logbook })
    expect(res).toMatchObject({ cocok: false, hasil: 'berbeda', seq: logbookSeq })
    expect(res.pesan).toContain(`mulai jejak ${heldSeq + 1}`)
    expect(res.pesan).toContain(`sampai jejak ${logbookSeq}`)
    expect(res.pesan).toContain(`buku besar baris ${lastLedger} sampai ${lastLedger}`)
    expect(lastLedger).toBeGreaterThan(0)
    // A code that does not match is not written to the journal: it may be another election's.
    expect(journal().some((e) => e.label.includes(logbook))).toBe(false)
  })
})
