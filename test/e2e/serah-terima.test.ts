import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatAngka, jumlahTerbilang } from '../../src/core/terbilang'
import { pdfTextFolded } from '../support/pdf'
import { clearToasts, downloadTo, sectionShot, SHOTS, type ClearToastsOptions } from './support/browser'
import { TODAY } from './support/dates'
import { nameAllSigners } from '../support/api'
import { useBrowserApp } from './support/app'
import { confirmPaperDialog } from './support/confirm'
import { openShift, readyToPack } from '../support/floor'

/**
 * Serah terima end to end. The floor (seeded through the dispatcher, today): every variant delivered
 * (ballots 400.000, others 10.000); Gubernur and Bupati each sorted 30.000 → baik 29.900, rusak CETAK 60 +
 * KUSUT_SOBEK 40; 1.000 kotak and 1.000 bilik assembled; every TPS kit of Kecamatan LAUT TADOR packed in a
 * packing shift except one, which holds only its ballots.
 *
 * In Chromium a coordinator opens LAUT TADOR, scans a kotak of the kecamatan (ticked) and one of Kecamatan
 * TALAWI (a loud refusal, kept in the Ditolak list), is refused a handover that includes the incomplete kit
 * without a reason, records the exception, hands over and downloads the BA (its nomor, the Ketua PPK, the
 * Gubernur total equal to the kits' needs, the exception reason, and every row and the total in words the
 * screen showed before the handover, from serahTerima.pratinjau), confirms the PPK's receipt and records a
 * return of 2 botol tinta. Then every rusak sheet is destroyed from #/pemusnahan; the BA states
 * the total in words, the reconciliation holds no rusak and the ledger verifies.
 */

const KETUA_PPK = 'Syahrial Siregar, S.Pd.'
const EXCEPTION = 'Bilik suara dan tinta menyusul dari gudang PPK'
const RUSAK = { CETAK: 60, KUSUT_SOBEK: 40 }

const app = useBrowserApp({ signIn: 'Koordinator', actor: 'Ani', seed: seedFloor })

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

/** Before every shot here the toasts are closed one at a time: the first still open, up to eight times. */
const TOASTS: ClearToastsOptions = { oneAtATime: 8 }

/** Types a code and Enter, as a keyboard-wedge scanner does. */
async function scan(code: string): Promise<void> {
  await app.page.getByTestId('serah-terima-scan-input').focus()
  await app.page.keyboard.type(code)
  await app.page.keyboard.press('Enter')
}

/** The floor the tests start from, written through the dispatcher before the browser opens. */
async function seedFloor(): Promise<void> {
  const team = (await app.call('regu.tambah', { nama: 'Melati' })).id
  const variants = await readyToPack(app.call, TODAY, [team], { serahkan: 30_000, hasil: 29_900, rusak: RUSAK })
  const variant = (code: string) => variants.find((v) => v.itemCode === code)!.variantId
  seeded.G = variant('GUBERNUR')
  seeded.B = variant('BUPATI')
  seeded.TINTA = variant('TINTA')

  const kecamatan = await app.call('wilayah.daftarKecamatan', {})
  seeded.kecamatanId = kecamatan.find((k) => k.nama === seeded.kecamatan)!.id
  const packing = await openShift(app.call, 'packing', TODAY, [], [team])
  const kits = await app.call('kemas.daftarKit', { kecamatanId: seeded.kecamatanId })
  seeded.tpsIds = kits.map((k) => k.tpsId)
  const partial = kits[3]!
  seeded.partial = { tpsId: partial.tpsId, name: `TPS ${String(partial.nomor).padStart(3, '0')} ${partial.desa}` }
  for (const k of kits) {
    if (k.tpsId === partial.tpsId) {
      // Only the ballots: the kit stays incomplete (kotak, bilik, tinta … missing).
      const kit = await app.call('kemas.lihatKit', { tpsId: k.tpsId })
      await app.call('kemas.catat', {
        shiftId: packing.id,
        tpsId: k.tpsId,
        lines: kit.lines.filter((l) => l.kind === 'ballot').map((l) => ({ variantId: l.variantId, qty: l.need })),
      })
    } else {
      await app.call('kemas.catat', { shiftId: packing.id, tpsId: k.tpsId, sisa: true })
    }
  }
  const first = await app.call('kemas.lihatKit', { tpsId: kits[0]!.tpsId })
  seeded.first = {
    tpsId: first.tpsId,
    name: `TPS ${String(first.nomor).padStart(3, '0')} ${first.desa}`,
    kotak1Variant: first.kotak[0]!.variantId!,
  }
  // A kotak of Kecamatan TALAWI, packed too, turning up on the LAUT TADOR truck.
  const talawi = kecamatan.find((k) => k.nama === 'TALAWI')!.id
  const stray = (await app.call('kemas.daftarKit', { kecamatanId: talawi }))[0]!
  await app.call('kemas.catat', { shiftId: packing.id, tpsId: stray.tpsId, sisa: true })
  const strayKit = await app.call('kemas.lihatKit', { tpsId: stray.tpsId })
  seeded.otherLabel = `GPK1|1219|T${stray.tpsId}|K1|V${strayKit.kotak[0]!.variantId}`

  // The witnesses of the BA pemusnahan, as Pengaturan would set them.
  const jenis = await app.call('dokumen.daftarJenis', {})
  const musnah = jenis.find((j) => j.type === 'BA_PEMUSNAHAN')!
  const names = [
    'Drs. Zulkifli Nasution',
    'Maya Sari Lubis',
    'AKP Darwin Siregar',
    'Kapten Inf. Rudi Hartono',
    'Ahmad Yani Harahap, S.H.',
  ]
  await app.call('dokumen.aturJenis', {
    type: 'BA_PEMUSNAHAN',
    nomorPattern: null,
    signers: musnah.signers.map((s, i) => ({ ...s, nama: names[i] ?? s.nama })),
  })
  await nameAllSigners(app)
}

/** The one question before a handover or a destruction (components/ConfirmPaper). */
const confirmDialog = () => confirmPaperDialog(app.page)

describe('serah terima and pemusnahan, end to end', () => {
  it('hands the kits of one kecamatan over to its PPK: scan check, refusals, exception, BA, confirmation, return', async () => {
    await app.page.goto(app.url('#/serah-terima'))
    const progress = app.page.getByTestId('serah-terima-progress')
    await progress.waitFor()
    const row = progress.locator('tr', { has: app.page.getByRole('link', { name: seeded.kecamatan, exact: true }) })
    // Numbers next to the bars (TPS, then one per kit status: belum, sebagian, periksa, lengkap, diserahkan,
    // diterima): 82 TPS, 1 sebagian, none perlu diperiksa, 81 lengkap.
    await expect.poll(() => row.locator('td.num').allTextContents()).toEqual(['82', '0', '1', '0', '81', '0', '0'])
    await row.getByRole('link', { name: seeded.kecamatan, exact: true }).click()

    const table = app.page.getByTestId('serah-terima-kit-table')
    await table.waitFor()
    // Complete kits are chosen already; the incomplete one is not, and says what it lacks.
    await expect
      .poll(() => app.page.getByTestId('serah-terima-selected-count').textContent())
      .toBe('81 dari 82 TPS dipilih')
    const partialRow = app.page.getByTestId(`tps-${seeded.partial.tpsId}`)
    expect(await partialRow.getByRole('checkbox', { name: `Serahkan ${seeded.partial.name}` }).isChecked()).toBe(false)
    expect(await partialRow.textContent()).toContain('Dikemas sebagian')
    expect(await partialRow.locator('.serah-terima-missing').textContent()).toMatch(
      /Kurang: .*Kotak suara 2 buah.*Bilik suara/,
    )

    // A kotak of this kecamatan: accepted and ticked in its TPS's checklist.
    const firstRow = app.page.getByTestId(`tps-${seeded.first.tpsId}`)
    expect(await firstRow.getByTestId('kotak-1').getAttribute('data-scanned')).toBe('tidak')
    await scan(`GPK1|1219|T${seeded.first.tpsId}|K1|V${seeded.first.kotak1Variant}`)
    await expect
      .poll(() => app.page.getByTestId('serah-terima-scan-ok').textContent())
      .toContain(`${seeded.first.name}, Kec. ${seeded.kecamatan}, kotak 1 dari 2`)
    await expect.poll(() => firstRow.getByTestId('kotak-1').getAttribute('data-scanned')).toBe('ya')
    expect(await firstRow.getByTestId('kotak-1').textContent()).toBe('Kotak 1/2 ✓')
    expect(await firstRow.getByTestId('kotak-2').textContent()).toBe('Kotak 2/2 —')
    await expect
      .poll(() => app.page.getByTestId('serah-terima-scan-progress').textContent())
      .toContain('1 dari 162 kotak')

    // A kotak of Kecamatan TALAWI: refused loudly, and kept in the Ditolak list after the next scan.
    await scan(seeded.otherLabel)
    const refusal = app.page.getByTestId('serah-terima-scan-refusal')
    await refusal.waitFor()
    expect(await refusal.textContent()).toContain('KOTAK SALAH KECAMATAN')
    expect(await refusal.textContent()).toContain('TALAWI')
    const refusals = app.page.getByTestId('serah-terima-refusals')
    await expect.poll(() => refusals.locator('li').count()).toBe(1)
    expect(await refusals.locator('li').first().textContent()).toContain('KOTAK SALAH KECAMATAN')
    expect(await refusals.locator('li').first().textContent()).toContain(seeded.otherLabel)
    await clearToasts(app.page, TOASTS)
    await app.page.screenshot({ path: join(SHOTS, 'serah-terima-01-kecamatan-ditolak.png') })

    // The incomplete kit chosen without a reason: the whole handover is refused, naming it.
    await partialRow.getByRole('checkbox', { name: `Serahkan ${seeded.partial.name}` }).check()
    await expect
      .poll(() => app.page.getByTestId('serah-terima-selected-count').textContent())
      .toBe('82 dari 82 TPS dipilih')
    const form = app.page.getByRole('region', { name: 'Berita acara serah terima' })
    await form.getByLabel('Nama Ketua PPK (PIHAK KEDUA)').fill(KETUA_PPK)
    expect(await form.getByLabel('Jabatan penerima').inputValue()).toBe(`Ketua PPK Kecamatan ${seeded.kecamatan}`)
    await form.getByLabel('Kendaraan').fill('Truk BK 8123 XY')
    await form.getByRole('button', { name: 'Serahkan dan terbitkan BA…' }).click()
    await confirmDialog().getByRole('button', { name: 'Serahkan dan terbitkan BA' }).click()
    const refused = app.page.getByTestId('serah-terima-refused')
    await refused.waitFor()
    expect(await refused.textContent()).toContain(`${seeded.partial.name} belum lengkap`)
    expect(await partialRow.locator('.field-error').textContent()).toContain('catat alasan pengecualian')
    expect(await app.call('serahTerima.daftar', {})).toEqual([])

    // The exception with its reason; the summary shows what goes out.
    await partialRow.getByRole('checkbox', { name: 'Serahkan dengan pengecualian' }).check()
    await partialRow.getByLabel(`Alasan pengecualian ${seeded.partial.name}`).fill(EXCEPTION)
    let gubernur = 0
    for (const tpsId of seeded.tpsIds)
      gubernur += (await app.call('kemas.lihatKit', { tpsId })).lines.find((l) => l.variantId === seeded.G)!.need
    const summary = app.page.getByTestId('serah-terima-summary')
    await expect
      .poll(() => summary.getByTestId('sum-GUBERNUR').getByTestId('qty').textContent())
      .toBe(formatAngka(gubernur))
    expect(await summary.textContent()).toContain('82 kit TPS di 10 desa/kelurahan, 1 belum lengkap')
    // What the screen says goes out, row by row and in words: the BA read back below must say the same.
    const onScreen = await Promise.all(
      (await summary.locator('tbody tr').all()).map(async (r) => ({
        item: (await r.getByTestId('item').textContent())!,
        dapil: (await r.getByTestId('dapil').count()) ? (await r.getByTestId('dapil').textContent())! : null,
        qty: (await r.getByTestId('qty').textContent())!,
        unit: (await r.getByTestId('unit').textContent())!,
      })),
    )
    expect(onScreen.map((r) => r.item)).toEqual([
      'Surat suara Gubernur',
      'Surat suara Bupati',
      'Kotak suara',
      'Bilik suara',
      'Tinta',
      'Alat bantu tunanetra (template braille)',
      'Segel',
      'Sampul',
      'Formulir',
    ])
    const jumlahOnScreen = (await summary.getByTestId('serah-terima-jumlah').textContent())!
    expect(jumlahOnScreen).toMatch(/^Jumlah seluruhnya .* lembar surat suara, .* buah kotak suara, .* set formulir\.$/)
    await sectionShot(app.page, form, 'serah-terima-02-serah-terima-form', { clearToasts: TOASTS })

    // One question before the handover, showing what the BA will say; nothing is recorded until it is answered.
    await form.getByRole('button', { name: 'Serahkan dan terbitkan BA…' }).click()
    const ask = confirmDialog()
    await expect
      .poll(() => ask.getByTestId('confirm-paper').textContent())
      .toContain(jumlahOnScreen.replace(/^Jumlah seluruhnya /, '').replace(/\.$/, ''))
    expect(await ask.getByTestId('confirm-paper').textContent()).toContain(KETUA_PPK)
    expect(await ask.getByTestId('confirm-paper').textContent()).toContain('Dengan pengecualian')
    expect(await app.call('serahTerima.daftar', {})).toEqual([])
    await app.screenshot('serah-terima-02b-konfirmasi', { fullPage: false })
    await ask.getByRole('button', { name: 'Serahkan dan terbitkan BA' }).click()
    const done = app.page.getByTestId('serah-terima-done')
    await done.waitFor()
    const nomor = (await app.page.getByTestId('serah-terima-done-nomor').textContent())!
    const [handover] = await app.call('serahTerima.daftar', {})
    expect(handover).toMatchObject({
      kecamatanId: seeded.kecamatanId,
      ppkNama: KETUA_PPK,
      tps: 82,
      exceptions: 1,
      nomor,
      confirmed: null,
    })
    expect(nomor).toMatch(/\/PP\.09\.4-BA\/1219\//)
    const status = (await app.call('kemas.lihatKemajuan', { level: 'kecamatan' })).find(
      (k) => k.id === seeded.kecamatanId,
    )!
    expect(status).toMatchObject({ diserahkan: 82, lengkap: 0, sebagian: 0 })
    // Handed-over kits are no longer choosable and name their BA.
    await expect.poll(() => firstRow.textContent()).toContain(`Diserahkan dengan BA ${nomor}`)
    expect(await firstRow.getByRole('checkbox').isDisabled()).toBe(true)

    const pdf = pdfTextFolded(
      (await downloadTo(app.page, app.dir, () => done.getByRole('button', { name: 'Unduh BA (PDF)' }).click())).path,
    )
    expect(pdf.flat).toContain(nomor)
    expect(pdf.flat).toContain(KETUA_PPK)
    expect(pdf.flat).toContain(EXCEPTION)
    const gubLine = pdf.layout.split('\n').find((l) => /Surat suara Gubernur/i.test(l) && /\d/.test(l))!
    expect(gubLine.trim().split(/\s+/).at(-1)).toBe(formatAngka(gubernur))
    // The screen before the handover and the BA agree: every item's row (No., item, dapil, satuan, jumlah)
    // and the total in words.
    const rx = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    for (const r of onScreen) {
      const dapil = r.dapil ? r.dapil.replace(/^Dapil /, '') : '-'
      expect(pdf.flat, r.item).toMatch(new RegExp(`\\d+ ${rx(r.item)} ${rx(dapil)} ${rx(r.unit)} ${rx(r.qty)} `))
    }
    // (the sentence may run over a page break: read it without the page foot)
    const body = pdf.flat.replace(
      /Nomor \S+ · Halaman \d+ dari \d+ Kode verifikasi: \S+(?: · Kode saksi: \S+)? Pindai kode QR[^.]*\. /g,
      '',
    )
    expect(body).toContain(`${jumlahOnScreen.slice(0, -1)}, dengan rincian per desa/kelurahan`)

    // The PPK confirms receipt.
    const handovers = app.page.getByTestId('serah-terima-handovers')
    await handovers.getByRole('button', { name: 'Konfirmasi diterima PPK…' }).click()
    const dialog = app.page.getByRole('dialog', { name: 'Konfirmasi diterima PPK' })
    await dialog.getByLabel('Keterangan').fill('BA bertanda tangan Ketua PPK kembali ke gudang')
    await dialog.getByRole('button', { name: 'Konfirmasi diterima' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => handovers.getByTestId('confirmation').first().textContent()).toContain('Diterima PPK')
    expect((await app.call('serahTerima.daftar', {}))[0]!.confirmed?.note).toBe(
      'BA bertanda tangan Ketua PPK kembali ke gudang',
    )

    // A small return: 2 botol tinta back to stock.
    const held = app.page.getByTestId('serah-terima-held')
    const tintaHeld = (await app.call('serahTerima.lihatDiPpk', { kecamatanId: seeded.kecamatanId })).find(
      (r) => r.variantId === seeded.TINTA,
    )!.qty
    expect(await held.getByTestId(`held-${seeded.TINTA}`).locator('td.num').textContent()).toBe(formatAngka(tintaHeld))
    await held.getByRole('button', { name: 'Catat pengembalian…' }).click()
    const ret = app.page.getByRole('dialog', { name: `Pengembalian dari PPK ${seeded.kecamatan}` })
    await ret.getByLabel('Barang baris 1').selectOption({ label: 'Tinta' })
    await ret.getByLabel('Jumlah kembali baris 1').fill('2')
    await ret.getByLabel('Keterangan pengembalian').fill('Kelebihan tinta dikembalikan PPK saat rapat koordinasi')
    await ret.getByRole('button', { name: 'Simpan pengembalian' }).click()
    await ret.waitFor({ state: 'hidden' })
    await expect
      .poll(() => held.getByTestId(`held-${seeded.TINTA}`).locator('td.num').textContent())
      .toBe(formatAngka(tintaHeld - 2))
    expect(
      (await app.call('serahTerima.lihatDiPpk', { kecamatanId: seeded.kecamatanId })).find(
        (r) => r.variantId === seeded.TINTA,
      )!.qty,
    ).toBe(tintaHeld - 2)
    await sectionShot(
      app.page,
      app.page.getByRole('region', { name: 'Serah terima yang sudah dilakukan' }),
      'serah-terima-06-kecamatan-serah-terima',
      { clearToasts: TOASTS },
    )
    expect(app.errors).toEqual([])
  })

  it('destroys every rusak sheet from the Pemusnahan page with its BA', async () => {
    // Pemusnahan is its own page in the menu, beside Serah Terima.
    const menu = app.page.getByRole('navigation', { name: 'Menu utama' })
    expect(await menu.getByRole('link', { name: 'Serah Terima' }).getAttribute('href')).toBe('#/serah-terima')
    await menu.getByRole('link', { name: 'Pemusnahan' }).click()
    await expect.poll(() => new URL(app.page.url()).hash).toBe('#/pemusnahan')
    const table = app.page.getByTestId('pemusnahan-table')
    await table.waitFor()
    const before = await app.call('rekonsiliasi.lihat', {})
    const rusak = before.filter((r) => r.kind === 'ballot').reduce((s, r) => s + r.rusakTotal, 0)
    expect(rusak).toBe(2 * (RUSAK.CETAK + RUSAK.KUSUT_SOBEK))
    // Nothing is chosen at first; one button fills every rusak sheet, and no good one: the good sheets are
    // still needed by unpacked kits and PSU.
    await expect.poll(() => app.page.getByTestId('pemusnahan-total').textContent()).toBe('0')
    await app.page.getByRole('button', { name: `Isi semua yang rusak (${formatAngka(rusak)} lembar)` }).click()
    await expect.poll(() => app.page.getByTestId('pemusnahan-total').textContent()).toBe(formatAngka(rusak))
    expect(await app.page.getByTestId('pemusnahan-terbilang').textContent()).toContain(jumlahTerbilang(rusak))
    const gub = app.page.getByTestId(`pemusnahan-variant-${seeded.G}`)
    expect(await gub.getByTestId('pemusnahan-why').textContent()).toContain('masih dibutuhkan kit TPS')
    expect(await gub.getByRole('textbox', { name: /baik \(kelebihan\)/ }).inputValue()).toBe('')
    // The witnesses come from Pengaturan and are shown before the BA is issued.
    const saksi = app.page.getByTestId('pemusnahan-saksi')
    // The box is drawn before dokumen.daftarJenis answers ("Belum ada penanda tangan"); the names come with the answer.
    await expect.poll(() => saksi.textContent()).toContain('AKP Darwin Siregar')
    expect(await saksi.getByRole('link', { name: /Pengaturan/ }).getAttribute('href')).toBe('#/pengaturan')

    const form = app.page.getByRole('region', { name: 'Pelaksanaan dan berita acara' })
    await form.getByLabel('Cara pemusnahan').selectOption('dicacah')
    await form.getByLabel('Tempat pemusnahan').fill('Halaman gudang logistik KPU Kabupaten Batu Bara')
    await app.screenshot('serah-terima-03-pemusnahan', { clearToasts: TOASTS, fullPage: false })

    await form.getByRole('button', { name: 'Musnahkan dan terbitkan BA…' }).click()
    const ask = confirmDialog()
    await expect.poll(() => ask.getByTestId('confirm-paper').textContent()).toContain(jumlahTerbilang(rusak))
    expect(await ask.getByTestId('confirm-paper').textContent()).toContain(
      'Halaman gudang logistik KPU Kabupaten Batu Bara',
    )
    expect(await app.call('pemusnahan.daftar', {})).toEqual([])
    await ask.getByRole('button', { name: 'Musnahkan dan terbitkan BA' }).click()
    const done = app.page.getByTestId('pemusnahan-done')
    await done.waitFor()
    const nomor = (await app.page.getByTestId('pemusnahan-done-nomor').textContent())!
    const [record] = await app.call('pemusnahan.daftar', {})
    expect(record).toMatchObject({ nomor, metode: 'dicacah', qty: rusak })
    await expect.poll(() => app.page.getByTestId('pemusnahan-list').textContent()).toContain(nomor)

    const pdf = pdfTextFolded(
      (await downloadTo(app.page, app.dir, () => done.getByRole('button', { name: 'Unduh BA (PDF)' }).click())).path,
    )
    expect(pdf.flat).toContain(nomor)
    expect(pdf.flat).toContain(`sebanyak ${jumlahTerbilang(rusak)} lembar`)
    expect(pdf.flat).toContain('dengan cara dicacah')
    expect(pdf.flat).toContain('AKP Darwin Siregar')

    const after = await app.call('rekonsiliasi.lihat', {})
    for (const v of [seeded.G, seeded.B]) {
      const r = after.find((x) => x.variantId === v)!
      expect(r.rusakTotal).toBe(0)
      expect(r.dimusnahkan).toBe(before.find((x) => x.variantId === v)!.rusakTotal)
    }
    expect((await app.call('ledger.periksa', {})).ok).toBe(true)
    expect(app.errors).toEqual([])
  })

  it('shows the distribution per kecamatan on the Beranda and the overview', async () => {
    await app.page.goto(app.url('#/beranda'))
    const list = app.page.getByTestId('beranda-serah-terima')
    await list.waitFor()
    const row = list.locator('li', { has: app.page.getByRole('link', { name: seeded.kecamatan, exact: true }) })
    await expect.poll(() => row.locator('.beranda-serah-terima-counts').textContent()).toBe('82 TPS: 82 diterima PPK')
    const total = (await app.call('wilayah.lihatRingkasan', {})).tps
    expect(await app.page.getByTestId('beranda-serah-terima-total').textContent()).toContain(
      `82 dari ${formatAngka(total)} kit TPS sudah diserahkan`,
    )
    await sectionShot(
      app.page,
      app.page.getByRole('region', { name: 'Serah terima ke PPK' }),
      'serah-terima-04-beranda',
      {
        clearToasts: TOASTS,
      },
    )

    await row.getByRole('link', { name: seeded.kecamatan, exact: true }).click()
    await app.page.getByTestId('serah-terima-kit-table').waitFor()
    await app.page.getByRole('link', { name: '← Serah terima ke PPK' }).click()
    const progress = app.page.getByTestId('serah-terima-progress')
    await progress.waitFor()
    const pRow = progress.locator('tr', { has: app.page.getByRole('link', { name: seeded.kecamatan, exact: true }) })
    await expect.poll(() => pRow.locator('td.num').allTextContents()).toEqual(['82', '0', '0', '0', '0', '0', '82'])
    expect(await app.page.getByTestId('serah-terima-handover-list').textContent()).toContain(KETUA_PPK)
    await app.screenshot('serah-terima-05-ringkasan', { clearToasts: TOASTS, fullPage: false })
    expect(app.errors).toEqual([])
  })
})
