import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp, type OpenedApp } from '../../src/api/app'
import { formatAngka, jumlahTerbilang } from '../../src/core/terbilang'
import { startHttpServer, type RunningHttpServer } from '../../src/server/http'
import { pdfTextFolded } from '../support/pdf'
import {
  apiOf,
  clearToasts,
  DEMO_CSV,
  downloadTo,
  ensureBuiltUi,
  fullShot,
  launchChromium,
  sectionShot,
  SHOTS,
  STATIC_DIR,
  watchPage,
  type ClearToastsOptions,
} from './support/browser'
import { TODAY } from './support/dates'
import { signInContext } from './support/session'

/**
 * Serah terima end to end. The floor (seeded through the dispatcher, today): every variant delivered
 * (ballots 400.000, others 10.000); Gubernur and Bupati each sorted 30.000 → baik 29.900, rusak CETAK 60 +
 * KUSUT_SOBEK 40; 1.000 kotak and 1.000 bilik assembled; every TPS kit of Kecamatan LAUT TADOR packed in a
 * packing shift except one, which holds only its ballots.
 *
 * In Chromium a coordinator opens LAUT TADOR, scans a kotak of the kecamatan (ticked) and one of Kecamatan
 * TALAWI (a loud refusal, kept in the Ditolak list), is refused a handover that includes the incomplete kit
 * without a reason, records the exception, hands over and downloads the BA (its nomor, the Ketua PPK, the
 * Gubernur total equal to the kits' needs, the exception reason), confirms the PPK's receipt and records a
 * return of 2 botol tinta. Then every rusak sheet is destroyed from #/pemusnahan; the BA states
 * the total in words, the reconciliation holds no rusak and the ledger verifies.
 */

const KETUA_PPK = 'Syahrial Siregar, S.Pd.'
const EXCEPTION = 'Bilik suara dan tinta menyusul dari gudang PPK'
const RUSAK = { CETAK: 60, KUSUT_SOBEK: 40 }

let dir: string
let app: OpenedApp
let server: RunningHttpServer
let browser: Browser
let page: Page
const pageErrors: string[] = []

const seeded = {
  G: 0,
  B: 0,
  TINTA: 0,
  kecamatanId: 0,
  kecamatan: 'LAUT TADOR',
  tpsIds: [] as number[],
  partial: { tpsId: 0, name: '' },
  first: { tpsId: 0, name: '', kotak1Variant: 0 },
  otherLabel: '',
}

const api = apiOf(() => app, 'Ani')

/** Before every shot here the toasts are closed one at a time: the first still open, up to eight times. */
const TOASTS: ClearToastsOptions = { oneAtATime: 8 }

/** Types a code and Enter, as a keyboard-wedge scanner does. */
async function scan(code: string): Promise<void> {
  await page.getByTestId('serah-terima-scan-input').focus()
  await page.keyboard.type(code)
  await page.keyboard.press('Enter')
}

beforeAll(async () => {
  ensureBuiltUi()
  dir = mkdtempSync(join(tmpdir(), 'gudang-serah-terima-'))
  app = await openApp({
    dbPath: join(dir, 'serah-terima.sqlite'),
    demoCsvPath: DEMO_CSV,
    onInternalError: (m, e) => pageErrors.push(`[server] ${m}: ${String(e)}`),
  })

  const variants = await api('barang.daftarVarian', {})
  const variant = (code: string) => variants.find((v) => v.itemCode === code)!.variantId
  seeded.G = variant('GUBERNUR')
  seeded.B = variant('BUPATI')
  seeded.TINTA = variant('TINTA')
  const ballots = variants.filter((v) => v.kind === 'ballot').map((v) => v.variantId)
  await api('penerimaan.catat', {
    receivedAt: `${TODAY}T08:00`,
    penyedia: 'PT Pura Barutama',
    suratJalan: 'SJ/2024/0412',
    lines: variants.map((v) => {
      const qty = v.kind === 'ballot' ? 400_000 : 10_000
      return { variantId: v.variantId, statedQty: qty, countedQty: qty }
    }),
  })
  const team = (await api('regu.tambah', { nama: 'Melati' })).id
  const shift = (kind: 'sortir_lipat' | 'rakit_kotak' | 'rakit_bilik' | 'packing', variantIds: number[]) =>
    api('shift.buka', { kind, tanggal: TODAY, mulai: '08:00', selesai: '16:00', variantIds, teams: [{ teamId: team }] })
  const sortir = await shift('sortir_lipat', ballots)
  for (const v of ballots)
    await api('tally.simpan', {
      shiftId: sortir.id,
      variantId: v,
      rows: [{ teamId: team, serahkan: 30_000, hasil: 29_900, rusak: RUSAK }],
    })
  await api('shift.tutup', { shiftId: sortir.id, note: '' })
  for (const [kind, v] of [
    ['rakit_kotak', variant('KOTAK')],
    ['rakit_bilik', variant('BILIK')],
  ] as const) {
    const s = await shift(kind, [v])
    await api('tally.simpan', { shiftId: s.id, variantId: v, rows: [{ teamId: team, serahkan: 1_000, hasil: 1_000 }] })
    await api('shift.tutup', { shiftId: s.id, note: '' })
  }

  const kecamatan = await api('wilayah.daftarKecamatan', {})
  seeded.kecamatanId = kecamatan.find((k) => k.nama === seeded.kecamatan)!.id
  const packing = await shift('packing', [])
  const kits = await api('kemas.daftarKit', { kecamatanId: seeded.kecamatanId })
  seeded.tpsIds = kits.map((k) => k.tpsId)
  const partial = kits[3]!
  seeded.partial = { tpsId: partial.tpsId, name: `TPS ${String(partial.nomor).padStart(3, '0')} ${partial.desa}` }
  for (const k of kits) {
    if (k.tpsId === partial.tpsId) {
      // Only the ballots: the kit stays incomplete (kotak, bilik, tinta … missing).
      const kit = await api('kemas.lihatKit', { tpsId: k.tpsId })
      await api('kemas.catat', {
        shiftId: packing.id,
        tpsId: k.tpsId,
        lines: kit.lines.filter((l) => l.kind === 'ballot').map((l) => ({ variantId: l.variantId, qty: l.need })),
      })
    } else {
      await api('kemas.catat', { shiftId: packing.id, tpsId: k.tpsId, sisa: true })
    }
  }
  const first = await api('kemas.lihatKit', { tpsId: kits[0]!.tpsId })
  seeded.first = {
    tpsId: first.tpsId,
    name: `TPS ${String(first.nomor).padStart(3, '0')} ${first.desa}`,
    kotak1Variant: first.kotak[0]!.variantId!,
  }
  // A kotak of Kecamatan TALAWI, packed too, turning up on the LAUT TADOR truck.
  const talawi = kecamatan.find((k) => k.nama === 'TALAWI')!.id
  const stray = (await api('kemas.daftarKit', { kecamatanId: talawi }))[0]!
  await api('kemas.catat', { shiftId: packing.id, tpsId: stray.tpsId, sisa: true })
  const strayKit = await api('kemas.lihatKit', { tpsId: stray.tpsId })
  seeded.otherLabel = `GPK1|1219|T${stray.tpsId}|K1|V${strayKit.kotak[0]!.variantId}`

  // The witnesses of the BA pemusnahan, as Pengaturan would set them.
  const jenis = await api('dokumen.daftarJenis', {})
  const musnah = jenis.find((j) => j.type === 'BA_PEMUSNAHAN')!
  const names = [
    'Drs. Zulkifli Nasution',
    'Maya Sari Lubis',
    'AKP Darwin Siregar',
    'Kapten Inf. Rudi Hartono',
    'Ahmad Yani Harahap, S.H.',
  ]
  await api('dokumen.aturJenis', {
    type: 'BA_PEMUSNAHAN',
    nomorPattern: null,
    signers: musnah.signers.map((s, i) => ({ ...s, nama: names[i] ?? s.nama })),
  })

  server = await startHttpServer({ dispatcher: app.dispatcher, staticDir: STATIC_DIR, port: 0 })
  browser = await launchChromium()
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'id-ID',
    acceptDownloads: true,
  })
  await signInContext(context, app, server)
  page = await context.newPage()
  watchPage(page, pageErrors)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  app?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('serah terima and pemusnahan, end to end', () => {
  it('hands the kits of one kecamatan over to its PPK: scan check, refusals, exception, BA, confirmation, return', async () => {
    await page.goto(`${server.url}#/serah-terima`)
    const progress = page.getByTestId('serah-terima-progress')
    await progress.waitFor()
    const row = progress.locator('tr', { has: page.getByRole('link', { name: seeded.kecamatan, exact: true }) })
    // Numbers next to the bars: 82 TPS, 1 sebagian, 81 lengkap.
    await expect.poll(() => row.locator('td.num').allTextContents()).toEqual(['82', '0', '1', '81', '0', '0'])
    await row.getByRole('link', { name: seeded.kecamatan, exact: true }).click()

    const table = page.getByTestId('serah-terima-kit-table')
    await table.waitFor()
    // Complete kits are chosen already; the incomplete one is not, and says what it lacks.
    await expect
      .poll(() => page.getByTestId('serah-terima-selected-count').textContent())
      .toBe('81 dari 82 TPS dipilih')
    const partialRow = page.getByTestId(`tps-${seeded.partial.tpsId}`)
    expect(await partialRow.getByRole('checkbox', { name: `Serahkan ${seeded.partial.name}` }).isChecked()).toBe(false)
    expect(await partialRow.textContent()).toContain('Dikemas sebagian')
    expect(await partialRow.locator('.serah-terima-missing').textContent()).toMatch(
      /Kurang: .*Kotak suara 2 buah.*Bilik suara/,
    )

    // A kotak of this kecamatan: accepted and ticked in its TPS's checklist.
    const firstRow = page.getByTestId(`tps-${seeded.first.tpsId}`)
    expect(await firstRow.getByTestId('kotak-1').getAttribute('data-scanned')).toBe('tidak')
    await scan(`GPK1|1219|T${seeded.first.tpsId}|K1|V${seeded.first.kotak1Variant}`)
    await expect
      .poll(() => page.getByTestId('serah-terima-scan-ok').textContent())
      .toContain(`${seeded.first.name}, Kec. ${seeded.kecamatan}, kotak 1 dari 2`)
    await expect.poll(() => firstRow.getByTestId('kotak-1').getAttribute('data-scanned')).toBe('ya')
    expect(await firstRow.getByTestId('kotak-1').textContent()).toBe('Kotak 1/2 ✓')
    expect(await firstRow.getByTestId('kotak-2').textContent()).toBe('Kotak 2/2 —')
    await expect.poll(() => page.getByTestId('serah-terima-scan-progress').textContent()).toContain('1 dari 162 kotak')

    // A kotak of Kecamatan TALAWI: refused loudly, and kept in the Ditolak list after the next scan.
    await scan(seeded.otherLabel)
    const refusal = page.getByTestId('serah-terima-scan-refusal')
    await refusal.waitFor()
    expect(await refusal.textContent()).toContain('KOTAK SALAH KECAMATAN')
    expect(await refusal.textContent()).toContain('TALAWI')
    const refusals = page.getByTestId('serah-terima-refusals')
    await expect.poll(() => refusals.locator('li').count()).toBe(1)
    expect(await refusals.locator('li').first().textContent()).toContain('KOTAK SALAH KECAMATAN')
    expect(await refusals.locator('li').first().textContent()).toContain(seeded.otherLabel)
    await clearToasts(page, TOASTS)
    await page.screenshot({ path: join(SHOTS, 'serah-terima-01-kecamatan-ditolak.png') })

    // The incomplete kit chosen without a reason: the whole handover is refused, naming it.
    await partialRow.getByRole('checkbox', { name: `Serahkan ${seeded.partial.name}` }).check()
    await expect
      .poll(() => page.getByTestId('serah-terima-selected-count').textContent())
      .toBe('82 dari 82 TPS dipilih')
    const form = page.getByRole('region', { name: 'Berita acara serah terima' })
    await form.getByLabel('Nama Ketua PPK (PIHAK KEDUA)').fill(KETUA_PPK)
    expect(await form.getByLabel('Jabatan penerima').inputValue()).toBe(`Ketua PPK Kecamatan ${seeded.kecamatan}`)
    await form.getByLabel('Kendaraan').fill('Truk BK 8123 XY')
    await form.getByRole('button', { name: 'Serahkan dan terbitkan BA' }).click()
    const refused = page.getByTestId('serah-terima-refused')
    await refused.waitFor()
    expect(await refused.textContent()).toContain(`${seeded.partial.name} belum lengkap`)
    expect(await partialRow.locator('.field-error').textContent()).toContain('catat alasan pengecualian')
    expect(await api('serahTerima.daftar', {})).toEqual([])

    // The exception with its reason; the summary shows what goes out.
    await partialRow.getByRole('checkbox', { name: 'Serahkan dengan pengecualian' }).check()
    await partialRow.getByLabel(`Alasan pengecualian ${seeded.partial.name}`).fill(EXCEPTION)
    let gubernur = 0
    for (const tpsId of seeded.tpsIds)
      gubernur += (await api('kemas.lihatKit', { tpsId })).lines.find((l) => l.variantId === seeded.G)!.need
    const summary = page.getByTestId('serah-terima-summary')
    expect(await summary.getByTestId('sum-GUBERNUR').getByTestId('qty').textContent()).toBe(formatAngka(gubernur))
    expect(await summary.textContent()).toContain('82 kit TPS di')
    await sectionShot(page, form, 'serah-terima-02-serah-terima-form', { clearToasts: TOASTS })

    await form.getByRole('button', { name: 'Serahkan dan terbitkan BA' }).click()
    const done = page.getByTestId('serah-terima-done')
    await done.waitFor()
    const nomor = (await page.getByTestId('serah-terima-done-nomor').textContent())!
    const [handover] = await api('serahTerima.daftar', {})
    expect(handover).toMatchObject({
      kecamatanId: seeded.kecamatanId,
      ppkNama: KETUA_PPK,
      tps: 82,
      exceptions: 1,
      nomor,
      confirmed: null,
    })
    expect(nomor).toMatch(/\/PP\.09\.4-BA\/1219\//)
    const status = (await api('kemas.lihatKemajuan', { level: 'kecamatan' })).find((k) => k.id === seeded.kecamatanId)!
    expect(status).toMatchObject({ diserahkan: 82, lengkap: 0, sebagian: 0 })
    // Handed-over kits are no longer choosable and name their BA.
    await expect.poll(() => firstRow.textContent()).toContain(`Diserahkan dengan BA ${nomor}`)
    expect(await firstRow.getByRole('checkbox').isDisabled()).toBe(true)

    const pdf = pdfTextFolded(
      (await downloadTo(page, dir, () => done.getByRole('button', { name: 'Unduh BA (PDF)' }).click())).path,
    )
    expect(pdf.flat).toContain(nomor)
    expect(pdf.flat).toContain(KETUA_PPK)
    expect(pdf.flat).toContain(EXCEPTION)
    const gubLine = pdf.layout.split('\n').find((l) => /Surat suara Gubernur/i.test(l) && /\d/.test(l))!
    expect(gubLine.trim().split(/\s+/).at(-1)).toBe(formatAngka(gubernur))

    // The PPK confirms receipt.
    const handovers = page.getByTestId('serah-terima-handovers')
    await handovers.getByRole('button', { name: 'Konfirmasi diterima PPK…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Konfirmasi diterima PPK' })
    await dialog.getByLabel('Keterangan').fill('BA bertanda tangan Ketua PPK kembali ke gudang')
    await dialog.getByRole('button', { name: 'Konfirmasi diterima' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => handovers.getByTestId('confirmation').first().textContent()).toContain('Diterima PPK')
    expect((await api('serahTerima.daftar', {}))[0]!.confirmed?.note).toBe(
      'BA bertanda tangan Ketua PPK kembali ke gudang',
    )

    // A small return: 2 botol tinta back to stock.
    const held = page.getByTestId('serah-terima-held')
    const tintaHeld = (await api('serahTerima.lihatDiPpk', { kecamatanId: seeded.kecamatanId })).find(
      (r) => r.variantId === seeded.TINTA,
    )!.qty
    expect(await held.getByTestId(`held-${seeded.TINTA}`).locator('td.num').textContent()).toBe(formatAngka(tintaHeld))
    await held.getByRole('button', { name: 'Catat pengembalian…' }).click()
    const ret = page.getByRole('dialog', { name: `Pengembalian dari PPK ${seeded.kecamatan}` })
    await ret.getByLabel('Barang baris 1').selectOption({ label: 'Tinta' })
    await ret.getByLabel('Jumlah kembali baris 1').fill('2')
    await ret.getByLabel('Keterangan pengembalian').fill('Kelebihan tinta dikembalikan PPK saat rapat koordinasi')
    await ret.getByRole('button', { name: 'Simpan pengembalian' }).click()
    await ret.waitFor({ state: 'hidden' })
    await expect
      .poll(() => held.getByTestId(`held-${seeded.TINTA}`).locator('td.num').textContent())
      .toBe(formatAngka(tintaHeld - 2))
    expect(
      (await api('serahTerima.lihatDiPpk', { kecamatanId: seeded.kecamatanId })).find(
        (r) => r.variantId === seeded.TINTA,
      )!.qty,
    ).toBe(tintaHeld - 2)
    await sectionShot(
      page,
      page.getByRole('region', { name: 'Serah terima yang sudah dilakukan' }),
      'serah-terima-06-kecamatan-serah-terima',
      { clearToasts: TOASTS },
    )
    expect(pageErrors).toEqual([])
  })

  it('destroys every rusak sheet from the Pemusnahan page with its BA', async () => {
    // Pemusnahan is its own page in the menu, beside Serah Terima.
    const menu = page.getByRole('navigation', { name: 'Menu utama' })
    expect(await menu.getByRole('link', { name: 'Serah Terima' }).getAttribute('href')).toBe('#/serah-terima')
    await menu.getByRole('link', { name: 'Pemusnahan' }).click()
    await expect.poll(() => new URL(page.url()).hash).toBe('#/pemusnahan')
    const table = page.getByTestId('pemusnahan-table')
    await table.waitFor()
    const before = await api('rekonsiliasi.lihat', {})
    const rusak = before.filter((r) => r.kind === 'ballot').reduce((s, r) => s + r.rusakTotal, 0)
    expect(rusak).toBe(2 * (RUSAK.CETAK + RUSAK.KUSUT_SOBEK))
    // By default every rusak sheet and no good one; the good sheets are still needed by unpacked kits and PSU.
    await expect.poll(() => page.getByTestId('pemusnahan-total').textContent()).toBe(formatAngka(rusak))
    expect(await page.getByTestId('pemusnahan-terbilang').textContent()).toContain(jumlahTerbilang(rusak))
    const gub = page.getByTestId(`pemusnahan-variant-${seeded.G}`)
    expect(await gub.getByTestId('pemusnahan-why').textContent()).toContain('masih dibutuhkan kit TPS')
    expect(await gub.getByRole('textbox', { name: /baik \(kelebihan\)/ }).inputValue()).toBe('')
    // The witnesses come from Pengaturan and are shown before the BA is issued.
    const saksi = page.getByTestId('pemusnahan-saksi')
    // The box is drawn before dokumen.daftarJenis answers ("Belum ada penanda tangan"); the names come with the answer.
    await expect.poll(() => saksi.textContent()).toContain('AKP Darwin Siregar')
    expect(await saksi.getByRole('link', { name: /Pengaturan/ }).getAttribute('href')).toBe('#/pengaturan')

    const form = page.getByRole('region', { name: 'Pelaksanaan dan berita acara' })
    await form.getByLabel('Cara pemusnahan').selectOption('dicacah')
    await form.getByLabel('Tempat pemusnahan').fill('Halaman gudang logistik KPU Kabupaten Batu Bara')
    await fullShot(page, 'serah-terima-03-pemusnahan', { clearToasts: TOASTS, fullPage: false })

    await form.getByRole('button', { name: 'Musnahkan dan terbitkan BA' }).click()
    const done = page.getByTestId('pemusnahan-done')
    await done.waitFor()
    const nomor = (await page.getByTestId('pemusnahan-done-nomor').textContent())!
    const [record] = await api('pemusnahan.daftar', {})
    expect(record).toMatchObject({ nomor, metode: 'dicacah', qty: rusak })
    await expect.poll(() => page.getByTestId('pemusnahan-list').textContent()).toContain(nomor)

    const pdf = pdfTextFolded(
      (await downloadTo(page, dir, () => done.getByRole('button', { name: 'Unduh BA (PDF)' }).click())).path,
    )
    expect(pdf.flat).toContain(nomor)
    expect(pdf.flat).toContain(`sebanyak ${jumlahTerbilang(rusak)} lembar`)
    expect(pdf.flat).toContain('dengan cara dicacah')
    expect(pdf.flat).toContain('AKP Darwin Siregar')

    const after = await api('rekonsiliasi.lihat', {})
    for (const v of [seeded.G, seeded.B]) {
      const r = after.find((x) => x.variantId === v)!
      expect(r.rusakTotal).toBe(0)
      expect(r.dimusnahkan).toBe(before.find((x) => x.variantId === v)!.rusakTotal)
    }
    expect((await api('ledger.periksa', {})).ok).toBe(true)
    expect(pageErrors).toEqual([])
  })

  it('shows the distribution per kecamatan on the Beranda and the overview', async () => {
    await page.goto(`${server.url}#/beranda`)
    const list = page.getByTestId('beranda-serah-terima')
    await list.waitFor()
    const row = list.locator('li', { has: page.getByRole('link', { name: seeded.kecamatan, exact: true }) })
    await expect.poll(() => row.locator('.beranda-serah-terima-counts').textContent()).toBe('82 TPS: 82 diterima PPK')
    const total = (await api('wilayah.lihatRingkasan', {})).tps
    expect(await page.getByTestId('beranda-serah-terima-total').textContent()).toContain(
      `82 dari ${formatAngka(total)} kit TPS sudah diserahkan`,
    )
    await sectionShot(page, page.getByRole('region', { name: 'Serah terima ke PPK' }), 'serah-terima-04-beranda', {
      clearToasts: TOASTS,
    })

    await row.getByRole('link', { name: seeded.kecamatan, exact: true }).click()
    await page.getByTestId('serah-terima-kit-table').waitFor()
    await page.getByRole('link', { name: '← Serah terima ke PPK' }).click()
    const progress = page.getByTestId('serah-terima-progress')
    await progress.waitFor()
    const pRow = progress.locator('tr', { has: page.getByRole('link', { name: seeded.kecamatan, exact: true }) })
    await expect.poll(() => pRow.locator('td.num').allTextContents()).toEqual(['82', '0', '0', '0', '0', '82'])
    expect(await page.getByTestId('serah-terima-handover-list').textContent()).toContain(KETUA_PPK)
    await fullShot(page, 'serah-terima-05-ringkasan', { clearToasts: TOASTS, fullPage: false })
    expect(pageErrors).toEqual([])
  })
})
