import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { MethodOutput } from '../../src/api/contract'
import { kotakLabelText } from '../../src/core/kotakLabel'
import { pdfPages, pdfText } from '../support/pdf'
import { clearToasts, downloadTo, fmtNum, menuLink, SHOTS, windowShot, type ShotOptions } from './support/browser'
import { useBrowserApp } from './support/app'
import { readyToPack } from '../support/floor'

/**
 * The packing floor in a real Chromium against the real server and a real SQLite file: open a packing
 * shift through the dialog, scan a kotak label with the keyboard as a handheld scanner does, pack the
 * whole kit, record a seal number, print its labels and daftar isi (and read them back: page counts,
 * text, the QR code), then scan a label of the wrong dapil and see a refusal nobody can miss while the
 * database stays exactly as it was.
 */

const app = useBrowserApp({ signIn: 'Koordinator', seed: seedFloor })

/** A whole page: the toasts closed, the window grown to the content's height (3000 px at most), then shot as it stands. */
const WHOLE: ShotOptions = { clearToasts: true, fullPage: false, maxHeight: 3000 }

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} gagal (${r.status}): ${r.stderr}`)
  return r.stdout
}

/** What is in the focused element: the scan field must have the keyboard, as the scanner types into it. */
const focusedTestId = () =>
  app.page.evaluate(
    () =>
      (
        globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }
      ).document.activeElement?.getAttribute('data-testid') ?? null,
  )

/** The floor the tests start from, written through the dispatcher before the browser opens. */
async function seedFloor(): Promise<void> {
  // A warehouse ready to pack: everything delivered, ballots sorted, kotak and bilik assembled.
  const team = await app.call('regu.tambah', { nama: 'Mawar' })
  for (const nama of ['Siti Aminah', 'Budi Santoso']) await app.call('pekerja.tambah', { nama, teamId: team.id })
  await readyToPack(app.call, '2024-11-02', [team.id])
}

/** What the first test finds and does, for the ones after it: the kit of TPS 001 of LAUT TADOR, packed. */
let laut: MethodOutput<'kemas.lihatKemajuan'>[number]
let first: MethodOutput<'kemas.daftarKit'>[number]
let before: MethodOutput<'kemas.lihatKit'>
let goodCode = ''
let wrongCode = ''
/** The QR text of every kotak of the kit, sorted. */
let kitCodes: string[] = []
let shiftId = 0
/** The need of each line, as the kit view wrote it. */
const shown = new Map<number, string>()
const identity = () => app.page.getByTestId('kit-identity')
const lengkap = () => app.page.getByTestId('kit-lengkap')

describe('Pengemasan: scan, pack, seal, print, refuse the wrong dapil', () => {
  it('opens a packing shift, opens a kit by its scanned label and packs all it lacks with one button', async () => {
    const k = app.page.keyboard
    laut = (await app.call('kemas.lihatKemajuan', {})).find((s) => s.nama === 'LAUT TADOR')!
    first = (await app.call('kemas.daftarKit', { kecamatanId: laut.id }))[0]!
    before = await app.call('kemas.lihatKit', { tpsId: first.tpsId })
    expect(before.status).toBe('belum')
    const kotak1 = before.kotak.find((x) => x.no === 1)!
    const otherBallot = before.lines.find((l) => l.kind === 'ballot' && l.variantId !== kotak1.variantId)!
    const kodeWilayah = (await app.call('pemilihan.lihat', {}))!.kodeWilayah
    expect(kodeWilayah).toBe('1219')
    // The label's public codes (issue 13): TPS 001 of TANJUNG PRAPAT, kode desa 1219082001.
    const variants = new Map((await app.call('barang.daftarVarian')).map((x) => [x.variantId, x]))
    const codeOf = (kotakNo: number, variantId: number | null) => {
      const x = variantId === null ? null : variants.get(variantId)!
      return kotakLabelText({
        kodeDesa: '1219082001',
        tpsNomor: first.nomor,
        kotakNo,
        jenis: x?.itemCode ?? null,
        dapil: x ? (x.dapil ?? '-') : null,
      })
    }
    goodCode = codeOf(1, kotak1.variantId)
    wrongCode = codeOf(1, otherBallot.variantId)
    kitCodes = before.kotak.map((x) => codeOf(x.no, x.variantId)).sort()

    // Arriving from the menu, the keyboard is in the scan field: a scanner works at once.
    await app.page.goto(app.url('#/beranda'))
    await menuLink(app.page, 'Pengemasan').click()
    await app.page.getByTestId('kec-bars').waitFor()
    await expect.poll(focusedTestId).toBe('kemas-scan-input')

    // Without a packing shift, the kit can be looked at but the pack buttons say what is missing.
    await app.page.goto(`${app.url()}#/kemas/${first.tpsId}`)
    await app.page.getByTestId('kit-identity').waitFor()
    const packAllNoShift = app.page.getByRole('button', { name: 'Kemas semua sisa (perlu shift pengemasan)' })
    expect(await packAllNoShift.isDisabled()).toBe(true)

    // Open a packing shift through the compact dialog.
    await app.page.goto(app.url('#/kemas'))
    await app.page.getByTestId('kec-bars').waitFor()
    // The shift bar shows "Memuat data…" until shift.daftar answers, which may be after the kecamatan bars.
    await expect
      .poll(() => app.page.getByTestId('kemas-shift').textContent())
      .toContain('Belum ada shift pengemasan terbuka')
    await app.page.getByRole('button', { name: 'Buka shift pengemasan…' }).click()
    const dlg = app.page.getByRole('dialog', { name: 'Buka shift pengemasan' })
    await dlg.waitFor()
    await dlg.getByLabel('Lokasi/meja').fill('Gudang B, meja setting 1')
    await dlg.getByTestId('kemas-team-picker').getByText('Regu Mawar').click()
    await dlg.getByRole('button', { name: 'Buka shift' }).click()
    await dlg.waitFor({ state: 'hidden' })
    const packing = (await app.call('shift.daftar', {})).filter((s) => s.kind === 'packing')
    expect(packing).toHaveLength(1)
    expect(packing[0]!.status).toBe('open')
    expect(packing[0]!.lokasi).toBe('Gudang B, meja setting 1')
    const shift = await app.call('shift.lihat', { id: packing[0]!.id })
    expect(shift.variants).toEqual([])
    expect(shift.teams.map((t) => t.nama)).toEqual(['Mawar'])
    await expect.poll(() => app.page.getByTestId('kemas-shift').textContent()).toContain(`Shift #${shift.id}`)

    // Scan: the scanner types the label's text into the focused field and presses Enter.
    await clearToasts(app.page)
    await app.page.getByTestId('kemas-scan-input').focus()
    await k.type(goodCode, { delay: 5 })
    await windowShot(app.page, 'kemas-01-pindai', { clearToasts: true })
    await k.press('Enter')
    await app.page.waitForURL(new RegExp(`#/kemas/${first.tpsId}$`))
    await identity().waitFor()
    expect(await identity().textContent()).toContain('TPS 001')
    expect(await identity().textContent()).toContain(first.desa)
    expect(await identity().textContent()).toContain('LAUT TADOR')
    await app.page.getByTestId('kemas-scan-ok').getByText(`kotak 1 dari ${kotak1.of}`).waitFor()
    // Ready for the next kotak without touching the mouse.
    await expect.poll(focusedTestId).toBe('kemas-scan-input')

    // The kit view shows what the ledger and the needs say, line by line.
    const lines = app.page.getByTestId('kit-lines')
    for (const l of before.lines) {
      const row = lines.locator(`tr[data-variant="${l.variantId}"]`)
      const cells = await row.locator('td').allTextContents()
      expect(cells[0]).toContain(fmtNum(l.need))
      expect(cells[1]).toBe('0')
      expect(cells[2]).toBe(fmtNum(l.remaining))
      expect(cells[3]).toContain(fmtNum(l.stock))
      shown.set(l.variantId, fmtNum(l.need))
    }
    await app.screenshot('kemas-02-kit', WHOLE)

    // Pack everything the kit still lacks: one button.
    const rowsBefore = (await app.call('sistem.lihatInfo', {})).ledgerRows
    await app.page.getByRole('button', { name: /^Kemas semua sisa/ }).click()
    await lengkap().waitFor()
    expect(await lengkap().textContent()).toContain('Lengkap')
    expect(await identity().textContent()).toContain('Dikemas lengkap')
    await expect.poll(() => app.page.getByTestId('kit-total-remaining').textContent()).toBe('0')
    const packed = await app.call('kemas.lihatKit', { tpsId: first.tpsId })
    expect(packed.status).toBe('lengkap')
    for (const l of packed.lines) expect([l.variantId, l.packed, l.remaining]).toEqual([l.variantId, l.need, 0])
    expect((await app.call('sistem.lihatInfo', {})).ledgerRows).toBe(rowsBefore + before.lines.length)
    const shiftRows = await app.call('ledger.lihatRiwayat', { shiftId: shift.id, limit: 100 })
    expect(shiftRows.rows.every((r) => r.to === `DIKEMAS:${first.tpsId}`)).toBe(true)
    expect(shiftRows.rows.reduce((s, r) => s + r.qty, 0)).toBe(before.lines.reduce((s, l) => s + l.need, 0))

    // The packed number opens its history: the rows into this kit.
    const gub = lines.locator(`tr[data-variant="${kotak1.variantId}"]`)
    await gub.locator('td').nth(1).getByRole('button').click()
    const history = app.page.getByRole('dialog', { name: /^Riwayat:/ })
    await history.getByTestId('history-table').waitFor()
    expect(await history.getByTestId('history-table').locator('tbody tr').count()).toBe(1)
    expect(await history.getByTestId('history-table').textContent()).toContain(`Dikemas TPS 001 ${first.desa}`)
    await history.getByRole('button', { name: 'Tutup dialog' }).click()
    shiftId = shift.id
    expect(app.errors).toEqual([])
  })

  it('records a seal number and prints the labels and daftar isi of the kit: QR codes and quantities read back', async () => {
    // Seal number on kotak 1, saved with Enter.
    const segel = app.page.getByLabel('Nomor segel kotak 1')
    await segel.fill('SGL-1219-000001')
    await segel.press('Enter')
    await app.page.getByTestId('segel-saved-1').waitFor()
    expect((await app.call('kemas.lihatKit', { tpsId: first.tpsId })).kotak.find((x) => x.no === 1)!.segel).toBe(
      'SGL-1219-000001',
    )
    await clearToasts(app.page)
    await app.screenshot('kemas-03-lengkap', WHOLE)

    // Labels of this TPS: one A4 sheet, and the QR of kotak 1 decodes to the text that was scanned.
    const labels = await downloadTo(app.page, app.dir, () =>
      lengkap()
        .getByRole('button', { name: /^Cetak label kotak/ })
        .click(),
    )
    expect(labels.name).toMatch(/^label-kotak-tps-001-.*\.pdf$/)
    expect(pdfPages(labels.path)).toBe(1)
    const labelPng = join(SHOTS, 'kemas-label')
    run('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', '-singlefile', labels.path, labelPng])
    const decoded = run('zbarimg', ['-q', '--raw', labelPng + '.png'])
      .trim()
      .split('\n')
      .sort()
    expect(decoded).toEqual(kitCodes)
    expect(decoded).toContain(goodCode)

    // Daftar isi of this TPS: one page that names the TPS and desa and holds the quantities the kit showed.
    const daftar = await downloadTo(app.page, app.dir, () =>
      lengkap().getByRole('button', { name: 'Cetak daftar isi kit' }).click(),
    )
    expect(daftar.name).toMatch(/^daftar-isi-kit-tps-001-.*\.pdf$/)
    expect(pdfPages(daftar.path)).toBe(1)
    const text = pdfText(daftar.path)
    expect(text).toContain('TPS 001')
    expect(text).toContain(first.desa)
    expect(text).toContain('SGL-1219-000001')
    const numbers = new Set(text.match(/\b\d{1,3}(?:\.\d{3})*\b/g))
    for (const [, need] of shown) expect(numbers.has(need)).toBe(true)
    run('pdftoppm', [
      '-r',
      '70',
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      daftar.path,
      join(SHOTS, 'kemas-daftar-isi'),
    ])
    expect(app.errors).toEqual([])
  })

  it('refuses a label of the wrong dapil and unknown text, loudly and writing nothing; a good scan clears it', async () => {
    const k = app.page.keyboard
    // A label naming the other ballot type for kotak 1: refused loudly, nothing written.
    const kitBefore = JSON.stringify(await app.call('kemas.lihatKit', { tpsId: first.tpsId }))
    const infoBefore = await app.call('sistem.lihatInfo', {})
    await app.page.getByTestId('kemas-scan-input').click()
    await k.type(wrongCode, { delay: 5 })
    await k.press('Enter')
    const refusal = app.page.getByTestId('kemas-scan-refusal')
    await refusal.waitFor()
    expect(await refusal.getAttribute('role')).toBe('alert')
    expect(await refusal.textContent()).toContain('LABEL TIDAK COCOK')
    expect(await refusal.textContent()).toContain(wrongCode)
    // Big and red: a refusal must be impossible to miss.
    const style = await refusal.evaluate((el) => {
      const s = (
        globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
      ).getComputedStyle(el)
      const m = (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(
        el.querySelector('.scan-refusal-message'),
      )
      return { bg: s.backgroundColor, size: parseFloat(m.fontSize) }
    })
    expect(style.bg).toBe('rgb(196, 0, 0)')
    expect(style.size).toBeGreaterThanOrEqual(18)
    expect(await app.page.getByTestId('kemas-scan-input').getAttribute('aria-invalid')).toBe('true')
    await expect.poll(focusedTestId).toBe('kemas-scan-input')
    expect(app.page.url()).toMatch(new RegExp(`#/kemas/${first.tpsId}$`))
    await app.page.waitForTimeout(1100) // after the flash, as it stays on screen
    await windowShot(app.page, 'kemas-04-salah-dapil', { clearToasts: true })
    expect(JSON.stringify(await app.call('kemas.lihatKit', { tpsId: first.tpsId }))).toBe(kitBefore)
    const infoAfter = await app.call('sistem.lihatInfo', {})
    expect(infoAfter.ledgerRows).toBe(infoBefore.ledgerRows)
    expect(infoAfter.chainHead).toBe(infoBefore.chainHead)

    // Unknown text is refused too, and the next good scan clears the refusal. (Closing the toasts for
    // the screenshot took the focus; a scan field clicked once is ready again.)
    await app.page.getByTestId('kemas-scan-input').click()
    await k.type('hello world', { delay: 5 })
    await k.press('Enter')
    await expect.poll(() => refusal.textContent()).toContain('bukan label kotak Gudang Pemilu')
    await k.type(goodCode, { delay: 5 })
    await k.press('Enter')
    await app.page.getByTestId('kemas-scan-ok').waitFor()
    expect(await refusal.count()).toBe(0)
    expect(app.errors).toEqual([])
  })

  it('counts the kit in its kecamatan, keeps a label grid that fits, batch-prints a desa and lists the kits of the packing shift', async () => {
    // Progress: LAUT TADOR counts one complete kit, and its list shows the badge.
    await app.page
      .getByRole('link', { name: /Kemajuan per kecamatan/ })
      .first()
      .click()
    const bar = app.page.getByRole('button', { name: /^LAUT TADOR: 1 lengkap/ })
    await bar.waitFor()
    await bar.click()
    const grid = app.page.getByTestId('kit-grid')
    await grid.locator('.ag-row[row-index="0"]').getByText('Dikemas lengkap').waitFor()
    expect((await app.call('kemas.lihatKemajuan', {})).find((s) => s.id === laut.id)!.lengkap).toBe(1)

    // Print panel: the label grid with its live preview; a grid too small for a readable label is refused.
    await app.page.getByRole('tab', { name: 'Cetak label dan daftar isi' }).click()
    const form = app.page.getByTestId('label-grid-form')
    await form.waitFor()
    expect(await app.page.getByTestId('label-size').textContent()).toBe('95 × 65,3 mm')
    await form.getByLabel('Baris', { exact: true }).fill('5')
    await expect.poll(() => app.page.getByTestId('label-size').textContent()).toBe('95 × 51,4 mm')
    expect(await app.page.getByTestId('sheet-preview').locator('.kemas-sheet-label').count()).toBe(10)
    await clearToasts(app.page)
    await app.screenshot('kemas-05-cetak', WHOLE)
    await form.getByRole('button', { name: 'Simpan susunan' }).click()
    // The form takes the saved grid back from the answer; typing before it arrives would be overwritten.
    await app.page.getByText('Susunan label tersimpan').waitFor()
    expect((await app.call('kemas.lihatSusunanLabel', {})).rows).toBe(5)
    await form.getByLabel('Baris', { exact: true }).fill('8')
    await form.getByRole('button', { name: 'Simpan susunan' }).click()
    await form
      .getByRole('alert')
      .getByText(/terlalu kecil/)
      .waitFor()
    expect((await app.call('kemas.lihatSusunanLabel', {})).rows).toBe(5)

    // Batch print for a desa: labels of every kotak of its TPS, in stacking order.
    const panel = app.page.getByTestId('cetak-panel')
    await panel.getByLabel('Kecamatan (PPK)').selectOption(String(laut.id))
    await panel.getByLabel('Desa/kelurahan (PPS)').selectOption(String(first.desaId))
    const desaTps = (await app.call('kemas.daftarKit', { desaId: first.desaId })).length
    const batch = await downloadTo(app.page, app.dir, () =>
      panel.getByRole('button', { name: 'Cetak label kotak (PDF)' }).click(),
    )
    expect(pdfPages(batch.path)).toBe(Math.ceil((desaTps * before.kotak.length) / 10))

    // The packing shift's own page lists what it packed instead of a tally grid.
    await app.page.goto(`${app.url()}#/shift/${shiftId}`)
    const result = app.page.getByTestId('packing-shift-result')
    await result.waitFor()
    expect(await result.textContent()).toContain(`TPS 001 ${first.desa}`)
    expect(await result.locator('tfoot').textContent()).toContain(fmtNum(before.lines.reduce((s, l) => s + l.need, 0)))
    expect(await app.page.locator('[data-testid^="tally-"]').count()).toBe(0)

    expect(app.errors).toEqual([])
  })
})
