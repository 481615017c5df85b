import { join } from 'node:path'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLanHost, type LanHost } from '../../src/server/lan/host'
import { nameAllSigners } from '../support/api'
import { freePort } from '../support/lan'
import { useBrowserApp } from './support/app'
import { openShift, readyToPack } from '../support/floor'
import { fullShot, sectionShot, SHOTS, STATIC_DIR, watchPage } from './support/browser'
import { TODAY } from './support/dates'
import { openSoFar } from './support/tally'

/**
 * Issue 16's acceptance, in Chromium: the host (the real app and its LAN listener on 127.0.0.2, real TLS
 * with its own certificate) and four browser stations in their own contexts, each with its own credential
 * — two tally tables, the door (scanning and handover) and a dashboard on the wall.
 *
 * The admin switches host mode on and adds the stations in Pengaturan › Stasiun; each station pairs with
 * its one-time code (three from the QR link, the door by typing it) and its user signs in. The two tally
 * tables save different teams of one shift while the dashboard's Beranda follows each save within a
 * second; when both edit regu Mawar, the grid typed against older figures is refused naming the other
 * station and when, and shows the figures as they are now. The door scans a kotak and hands the
 * kecamatan's kits over; the dashboard shows it within a second. Then the host stops listening while the tally
 * station saves two grids: they wait in its outbox ("terputus — 2 isian menunggu"), and when the host is
 * back one is recorded exactly once and the other, whose team the host changed meanwhile, is listed as
 * refused until the user sends it on the current figures. A draft the tablet restores after a reload is
 * saved against the version it was typed against, so a team changed meanwhile is refused as stale. At the
 * end the koordinator signs in at the host's window and closes the shift with the page's own button.
 */

const ADDRESS = '127.0.0.2'
const TABLET = { width: 1280, height: 800 }
const TABLET_PORTRAIT = { width: 820, height: 1180 }
/** Issue 16: "Beranda, grids and kit lists refresh within a second". */
const LIVE_MS = 1_000
/** What Chromium logs for a request to a host that stopped listening, or a feed it cut. */
const CUT_LINK = /Failed to load resource: net::ERR_(CONNECTION_REFUSED|INCOMPLETE_CHUNKED_ENCODING)$/

const seeded = { shiftId: 0, variantId: 0, mawar: 0, melati: 0, kecamatanId: 0, kits: 0, label: '' }

const app = useBrowserApp({ signIn: 'Admin', actor: 'Admin Gudang', seed, liveUpdates: true })

let host: LanHost
let port = 0
const contexts: BrowserContext[] = []
const errors: string[] = []
const stations = {
  tally: { nama: 'Meja sortir 1', cakupan: 'tally', page: null as Page | null, tautan: '', kode: '' },
  tally2: { nama: 'Meja sortir 2', cakupan: 'tally', page: null as Page | null, tautan: '', kode: '' },
  pintu: { nama: 'Pintu keluar', cakupan: 'pintu', page: null as Page | null, tautan: '', kode: '' },
  dasbor: { nama: 'Ruang koordinator', cakupan: 'dasbor', page: null as Page | null, tautan: '', kode: '' },
}
const pageOf = (s: keyof typeof stations): Page => stations[s].page!

/** Everything the door hands over is packed: all items received, ballots sorted, kotak and bilik assembled. */
async function seed(): Promise<void> {
  seeded.mawar = (await app.call('regu.tambah', { nama: 'Mawar' })).id
  seeded.melati = (await app.call('regu.tambah', { nama: 'Melati' })).id
  const teams = [seeded.mawar, seeded.melati]
  const variants = await readyToPack(app.call, TODAY, teams)
  const ballots = variants.filter((v) => v.kind === 'ballot').map((v) => v.variantId)
  // The smallest kecamatan's kits, packed whole: what the door hands over.
  let smallest: { id: number; kits: { tpsId: number }[] } | null = null
  for (const k of await app.call('wilayah.daftarKecamatan', {})) {
    const kits = await app.call('kemas.daftarKit', { kecamatanId: k.id })
    if (!smallest || kits.length < smallest.kits.length) smallest = { id: k.id, kits }
  }
  const packing = await openShift(app.call, 'packing', TODAY, [], teams)
  for (const k of smallest!.kits) await app.call('kemas.catat', { shiftId: packing.id, tpsId: k.tpsId, sisa: true })
  const first = await app.call('kemas.lihatKit', { tpsId: smallest!.kits[0]!.tpsId })
  seeded.kecamatanId = smallest!.id
  seeded.kits = smallest!.kits.length
  seeded.label = `GPK1|1219|T${first.tpsId}|K1|V${first.kotak[0]!.variantId}`
  // A BA is refused while a required signer is unnamed: the signers, as Pengaturan would set them.
  await nameAllSigners(app)
  // The tally table's shift: open, Gubernur, both teams.
  seeded.variantId = ballots[0]!
  seeded.shiftId = (await openShift(app.call, 'sortir_lipat', TODAY, [seeded.variantId], teams)).id
  // Host mode's address is set beforehand (loopback only in tests); the admin switches it on on screen.
  port = await freePort(ADDRESS)
  await app.call('stasiun.aturHost', { aktif: false, port, alamat: [ADDRESS], portHttp: null })
}

beforeAll(async () => {
  host = await startLanHost({
    app: app.opened,
    staticDir: STATIC_DIR,
    sertifikatDir: join(app.dir, 'stasiun'),
    log: () => {},
  })
})

afterAll(async () => {
  for (const c of contexts) await c.close()
  await host?.close()
})

async function stationPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await app.context.browser()!.newContext({ ignoreHTTPSErrors: true, viewport, locale: 'id-ID' })
  contexts.push(context)
  const page = await context.newPage()
  watchPage(page, errors)
  return page
}

/** The user switcher the station opens after pairing: a name, and a PIN where the role has one. */
async function signIn(page: Page, nama: string, pin?: string): Promise<void> {
  const switcher = page.getByRole('dialog', { name: 'Ganti pengguna' })
  await switcher.getByRole('button', { name: new RegExp(`^${nama}`) }).click()
  if (pin) {
    await switcher.getByLabel(`PIN ${nama}`).fill(pin)
    await switcher.getByLabel(`PIN ${nama}`).press('Enter')
  }
  await switcher.waitFor({ state: 'hidden' })
  await expect.poll(() => page.getByTestId('user-chip').textContent()).toContain(nama)
}

const grid = (page: Page) => page.getByTestId(`tally-${seeded.variantId}`)
const cell = (page: Page, row: number, col: string): Locator =>
  grid(page).locator(`.ag-row[row-index="${row}"] [col-id="${col}"]`)

/** Types a number into an entry cell as a person does: click, type, Enter. */
async function typeCell(page: Page, row: number, col: string, value: string): Promise<void> {
  await cell(page, row, col).click()
  await page.keyboard.type(value, { delay: 10 })
  await page.keyboard.press('Enter')
  await expect.poll(() => cell(page, row, col).textContent()).toBe(value)
}

const save = (page: Page) => page.getByRole('button', { name: 'Simpan tally' }).click()

/** The dashboard's Beranda figure "Dalam proses" of the tally's variant. */
const dalamProses = async (): Promise<number> =>
  Number(
    (
      (await pageOf('dasbor')
        .getByTestId('rekon-ballot-table')
        .locator(`tr[data-variant-id="${seeded.variantId}"] [data-col=proses]`)
        .textContent()) ?? ''
    ).replace(/\D/g, ''),
  )

const tallyOf = async (team: number) =>
  (await app.call('shift.lihat', { id: seeded.shiftId })).teams
    .find((t) => t.teamId === team)!
    .tallies.find((t) => t.variantId === seeded.variantId)?.serah ?? 0

const bar = (page: Page) => page.getByTestId('stasiun-bar')

describe('LAN stations: a host and four browser stations', () => {
  it('the admin switches host mode on and adds two tally tables, the door and a dashboard with their codes', async () => {
    const page = app.page
    await page.goto(app.url('#/pengaturan/stasiun'))
    const section = page.getByRole('region', { name: 'Stasiun LAN' })
    await section.getByRole('button', { name: 'Nyalakan mode induk' }).click()
    const facts = section.getByTestId('stasiun-host')
    await facts.getByText(`https://${ADDRESS}:${port}/`).waitFor()
    const sidik = (await section.getByTestId('stasiun-sidik').textContent())!
    expect(sidik).toBe(host.sertifikat()!.sidikJari.toUpperCase().match(/.{2}/g)!.join(':'))

    for (const s of Object.values(stations)) {
      await section.getByRole('button', { name: 'Tambah stasiun' }).click()
      const dialog = page.getByRole('dialog', { name: 'Tambah stasiun' })
      await dialog.getByLabel('Nama stasiun').fill(s.nama)
      await dialog.locator(`input[name=cakupan][value=${s.cakupan}]`).check()
      await dialog.getByRole('button', { name: 'Tambah dan buat kode pasang' }).click()
      const code = page.getByRole('dialog', { name: `Kode pasang: ${s.nama}` })
      await code.getByTestId('stasiun-kode').waitFor()
      s.kode = (await code.getByTestId('stasiun-kode-value').textContent())!
      s.tautan = (await code.locator('.stasiun-link').textContent())!
      if (s === stations.tally) await page.screenshot({ path: join(SHOTS, 'stasiun-01-kode-pasang.png') })
      await code.getByRole('button', { name: 'Tutup dialog' }).click()
    }
    const table = section.getByTestId('stasiun-table')
    await expect.poll(() => table.locator('tbody tr').count()).toBe(4)
    expect(await table.textContent()).toContain('Belum dipasangkan')
    await sectionShot(page, section, 'stasiun-02-pengaturan')
  })

  it('each station pairs with its code (three from the QR link, the door typed) and its user signs in', async () => {
    const table = app.page.getByTestId('stasiun-table')
    // The tally tables and the dashboard open the QR code's link: they pair by themselves.
    stations.tally.page = await stationPage(TABLET)
    await pageOf('tally').goto(stations.tally.tautan)
    await signIn(pageOf('tally'), 'Operator Sortir')
    stations.tally2.page = await stationPage(TABLET)
    await pageOf('tally2').goto(stations.tally2.tautan)
    await signIn(pageOf('tally2'), 'Operator Kemas')
    stations.dasbor.page = await stationPage(TABLET_PORTRAIT)
    await pageOf('dasbor').goto(stations.dasbor.tautan)
    await pageOf('dasbor')
      .getByRole('dialog', { name: 'Ganti pengguna' })
      .getByRole('button', { name: 'Tutup', exact: true })
      .click()

    // The door's tablet opens the host's address and the code is typed.
    stations.pintu.page = await stationPage({ width: 1024, height: 768 })
    const door = pageOf('pintu')
    await door.goto(`https://${ADDRESS}:${port}/`)
    await door.getByRole('heading', { name: 'Pasangkan stasiun ini' }).waitFor()
    await door.getByLabel('Kode pasang').fill(stations.pintu.kode.toLowerCase())
    await door.screenshot({ path: join(SHOTS, 'stasiun-03-pasang-tablet.png') })
    await door.getByRole('button', { name: 'Pasangkan' }).click()
    await signIn(door, 'Kasubbag Logistik', '202411')

    // Each shows only what its scope allows.
    const menu = async (p: Page) =>
      p.getByRole('navigation', { name: 'Menu utama' }).getByRole('link').allTextContents()
    expect(await menu(pageOf('tally'))).toEqual(['Beranda', 'Sortir & Rakit', 'Pekerja & Regu'])
    expect(await menu(door)).toEqual(expect.arrayContaining(['Beranda', 'Pengemasan', 'Serah Terima', 'Dokumen']))
    expect(await menu(door)).not.toContain('Sortir & Rakit')
    expect(await menu(pageOf('dasbor'))).not.toContain('Pengaturan')
    for (const s of Object.values(stations))
      await expect.poll(() => bar(s.page!).getAttribute('data-tersambung')).toBe('true')
    // The host lists them as paired, with when it last heard from each (a live update of the list).
    await expect.poll(() => table.getByText('Terpasang').count()).toBe(4)
    expect(errors).toEqual([])
  })

  it('two stations tally different teams of one shift while the dashboard follows within 1 s; a stale grid is refused naming the station', async () => {
    const [meja1, meja2] = [pageOf('tally'), pageOf('tally2')]
    await pageOf('dasbor').goto(`https://${ADDRESS}:${port}/#/beranda`)
    await pageOf('dasbor').getByTestId('rekon-ballot-table').waitFor()
    const before = await dalamProses()
    for (const p of [meja1, meja2]) {
      await p.goto(`https://${ADDRESS}:${port}/#/shift/${seeded.shiftId}`)
      await cell(p, 0, 'serahkan').waitFor()
      await openSoFar(p, seeded.variantId)
    }

    // Meja sortir 1 types regu Mawar; meanwhile Meja sortir 2 types regu Melati and saves first.
    await typeCell(meja1, 0, 'serahkan', '100')
    await typeCell(meja2, 1, 'serahkan', '40')
    await save(meja2)
    await expect.poll(dalamProses, { timeout: LIVE_MS, interval: 50 }).toBe(before + 40)
    // Meja sortir 1 sees Melati's figures live; its typed Mawar stays.
    await expect.poll(() => cell(meja1, 1, 'soFar.serah').textContent(), { timeout: LIVE_MS }).toBe('40')
    expect(await cell(meja1, 0, 'serahkan').textContent()).toBe('100')
    // Meja sortir 2 starts on Mawar too, against the figures before Meja sortir 1 saves it.
    await expect.poll(() => cell(meja2, 1, 'soFar.serah').textContent()).toBe('40')
    await typeCell(meja2, 0, 'serahkan', '50')

    // Another team than the one saved since its grid was loaded: Meja sortir 1's save goes through.
    await save(meja1)
    await meja1.getByText('Tally tersimpan').first().waitFor()
    await expect.poll(dalamProses, { timeout: LIVE_MS, interval: 50 }).toBe(before + 140)
    await expect.poll(() => cell(meja2, 0, 'soFar.serah').textContent(), { timeout: LIVE_MS }).toBe('100')
    expect([await tallyOf(seeded.mawar), await tallyOf(seeded.melati)]).toEqual([100, 40])

    // Meja sortir 2's Mawar was typed against the figures before that: refused, naming the station and when.
    await save(meja2)
    const refusal = meja2.getByTestId('tally-refusal')
    await refusal.waitFor()
    expect(await refusal.textContent()).toMatch(/Regu Mawar diubah oleh Operator Sortir \(Meja sortir 1\).*pukul/)
    await meja2.screenshot({ path: join(SHOTS, 'stasiun-04-tally-ditolak.png') })
    expect(await tallyOf(seeded.mawar)).toBe(100)

    // Seen the new figures, the operator saves again: recorded once, as that station's.
    await save(meja2)
    await expect.poll(() => tallyOf(seeded.mawar)).toBe(150)
    await expect.poll(dalamProses, { timeout: LIVE_MS, interval: 50 }).toBe(before + 190)
    await expect.poll(() => cell(meja1, 0, 'soFar.serah').textContent(), { timeout: LIVE_MS }).toBe('150')
    const byStation = app.opened.ctx.db
      .prepare(`SELECT actor, sum(qty) AS n FROM ledger WHERE shift_id = ? GROUP BY actor ORDER BY actor`)
      .all(seeded.shiftId)
    expect(byStation).toEqual([
      { actor: 'Operator Kemas (Meja sortir 2)', n: 90 },
      { actor: 'Operator Sortir (Meja sortir 1)', n: 100 },
    ])
    // The host's own window shows the same figures (its grid is used below).
    await app.page.goto(app.url(`#/shift/${seeded.shiftId}`))
    await openSoFar(app.page, seeded.variantId)
    await expect.poll(() => cell(app.page, 0, 'soFar.serah').textContent()).toBe('150')
  })

  it('the door scans a kotak and hands the kecamatan over; the dashboard shows it within 1 s', async () => {
    const door = pageOf('pintu')
    const total = pageOf('dasbor').getByTestId('beranda-serah-terima-total')
    await total.waitFor()
    expect(await total.locator('strong').textContent()).toBe('0')

    await door.goto(`https://${ADDRESS}:${port}/#/serah-terima/${seeded.kecamatanId}`)
    await door.getByTestId('serah-terima-kit-table').waitFor()
    await door.getByTestId('serah-terima-scan-input').focus()
    await door.keyboard.type(seeded.label)
    await door.keyboard.press('Enter')
    await door.getByTestId('serah-terima-scan-ok').waitFor()
    const form = door.getByRole('region', { name: 'Berita acara serah terima' })
    await form.getByLabel('Nama Ketua PPK (PIHAK KEDUA)').fill('Syahrial Siregar, S.Pd.')
    await form.getByRole('button', { name: 'Serahkan dan terbitkan BA…' }).click()
    // One question before the handover (components/ConfirmPaper); nothing is recorded until it is answered.
    await door
      .getByRole('dialog')
      .filter({ has: door.getByTestId('confirm-paper') })
      .getByRole('button', { name: 'Serahkan dan terbitkan BA', exact: true })
      .click()
    await door.getByTestId('serah-terima-done').waitFor()
    await fullShot(door, 'stasiun-05-pintu', { clearToasts: true })
    await expect
      .poll(() => total.locator('strong').textContent(), { timeout: LIVE_MS, interval: 50 })
      .toBe(String(seeded.kits))
    const [handover] = await app.call('serahTerima.daftar', {})
    expect(handover).toMatchObject({ kecamatanId: seeded.kecamatanId, tps: seeded.kits })
    const audit = app.opened.ctx.db.prepare(`SELECT actor FROM audit WHERE action = 'serahTerima.serahkan'`).all() as {
      actor: string
    }[]
    expect(audit.map((a) => a.actor)).toEqual(['Kasubbag Logistik (Pintu keluar)'])
    await fullShot(pageOf('dasbor'), 'stasiun-05-dasbor')
  })

  it('the link goes while entries are typed: they wait in the outbox and are recorded exactly once', async () => {
    const tablet = pageOf('tally')
    const setting = { port, alamat: [ADDRESS], portHttp: null }
    await host.terapkan({ aktif: false, ...setting })
    await expect.poll(() => bar(tablet).getAttribute('data-tersambung'), { timeout: 10_000 }).toBe('false')

    await typeCell(tablet, 0, 'serahkan', '10')
    await save(tablet)
    await expect.poll(() => bar(tablet).getAttribute('data-menunggu')).toBe('1')
    // The grid is in the outbox now: its entry cells are free for the next one.
    await expect.poll(() => cell(tablet, 0, 'serahkan').textContent()).toBe('')
    await typeCell(tablet, 1, 'serahkan', '20')
    await save(tablet)
    await expect.poll(() => bar(tablet).textContent()).toContain('terputus — 2 isian menunggu')
    await fullShot(tablet, 'stasiun-06-terputus', { clearToasts: true })

    // While the station is away the host changes regu Melati: the station's Melati entry is now stale.
    await typeCell(app.page, 1, 'serahkan', '5')
    await save(app.page)
    // Polled at the host (a toast of an earlier save may still be on the screen): Melati's 40 and these 5.
    await expect.poll(() => tallyOf(seeded.melati)).toBe(45)
    expect(await tallyOf(seeded.mawar)).toBe(150)

    await host.terapkan({ aktif: true, ...setting })
    await expect.poll(() => bar(tablet).getAttribute('data-menunggu'), { timeout: 10_000 }).toBe('0')
    expect(await bar(tablet).getAttribute('data-tersambung')).toBe('true')
    // Mawar's entry delivered once; Melati's refused and kept for the user, naming who changed it.
    expect(await tallyOf(seeded.mawar)).toBe(160)
    expect(await tallyOf(seeded.melati)).toBe(45)
    const refused = tablet.getByTestId('stasiun-ditolak')
    await refused.waitFor()
    expect(await refused.textContent()).toMatch(/Regu Melati diubah oleh Admin Gudang/)
    expect(await refused.getByTestId('stasiun-ditolak-isi').textContent()).toContain('serahkan 20')
    await fullShot(tablet, 'stasiun-07-ditolak', { clearToasts: true })

    // Resolved: sent on the figures as they are now, and recorded once.
    await refused.getByRole('button', { name: 'Kirim atas angka terbaru' }).click()
    await expect.poll(() => tallyOf(seeded.melati)).toBe(65)
    await expect.poll(() => bar(tablet).getAttribute('data-menunggu')).toBe('0')
    expect(await refused.count()).toBe(0)
    await openSoFar(tablet, seeded.variantId)
    await expect.poll(() => cell(tablet, 1, 'soFar.serah').textContent(), { timeout: LIVE_MS }).toBe('65')

    // Exactly once: each station save is one ledger row (a hand-out) and one stored key.
    const rows = app.opened.ctx.db
      .prepare(
        `SELECT count(*) AS n, sum(qty) AS q FROM ledger WHERE actor = 'Operator Sortir (Meja sortir 1)' AND shift_id = ?`,
      )
      .get(seeded.shiftId)
    expect(rows).toEqual({ n: 3, q: 130 })
    // Three keys of Meja sortir 1 and the two saves of Meja sortir 2 (the refused one stored nothing).
    expect(
      app.opened.ctx.db.prepare(`SELECT count(*) AS n FROM idempotensi WHERE metode = 'tally.simpan'`).get(),
    ).toEqual({ n: 5 })
    expect((await app.call('ledger.periksa', {})).ok).toBe(true)
    // Chromium reports each request the stopped host refused, and the feed it cut: that is the test's doing.
    expect(errors.filter((e) => !CUT_LINK.test(e))).toEqual([])
  })

  it('a draft restored after a reload keeps the version it was typed against: saved, it is refused as stale', async () => {
    const tablet = pageOf('tally')
    await tablet.goto(`https://${ADDRESS}:${port}/#/shift/${seeded.shiftId}`)
    await cell(tablet, 0, 'serahkan').waitFor()
    await typeCell(tablet, 0, 'serahkan', '7')
    await tablet.getByTestId('tally-draf').filter({ hasText: 'Draf tersimpan' }).waitFor()

    // Before it is saved, another writer records regu Mawar (the host's koordinator, through the API).
    await app.call('tally.simpan', {
      shiftId: seeded.shiftId,
      variantId: seeded.variantId,
      rows: [{ teamId: seeded.mawar, serahkan: 3 }],
    })
    const mawar = await tallyOf(seeded.mawar)

    // The tablet reloads (or its browser crashed): the 7 comes back from the draft, typed against the old figures.
    await tablet.reload()
    await tablet.getByTestId('tally-draf-dipulihkan').waitFor()
    await expect.poll(() => cell(tablet, 0, 'serahkan').textContent()).toBe('7')
    await save(tablet)
    const refusal = tablet.getByTestId('tally-refusal')
    await refusal.waitFor()
    expect(await refusal.textContent()).toMatch(/Regu Mawar diubah oleh Admin Gudang.*pukul/)
    expect(await tallyOf(seeded.mawar)).toBe(mawar)

    // Seen the figures as they are now, the operator saves again: recorded once.
    await save(tablet)
    await expect.poll(() => tallyOf(seeded.mawar)).toBe(mawar + 7)
    // Polled: the grid's own draft writes still on their way when the save landed settle after it.
    await expect
      .poll(
        async () =>
          (await app.call('draf.lihat', { jenis: 'tally', kunci: `${seeded.shiftId}:${seeded.variantId}` })).bagian,
      )
      .toEqual({})
  })

  it('the admin revokes the dashboard: its feed is cut at once and it asks to be paired again', async () => {
    const page = app.page
    await page.goto(app.url('#/pengaturan/stasiun'))
    const wall = pageOf('dasbor')
    const credential = await wall.evaluate(
      () => (JSON.parse(localStorage.getItem('gudang.stasiun')!) as { kredensial: string }).kredensial,
    )
    const row = page.getByTestId('stasiun-table').locator('tr', { hasText: stations.dasbor.nama })
    await row.getByRole('button', { name: 'Cabut' }).click()
    await page
      .getByRole('dialog', { name: `Cabut ${stations.dasbor.nama}?` })
      .getByRole('button', { name: 'Cabut sekarang' })
      .click()
    await expect.poll(() => row.textContent()).toContain('Dicabut')
    await wall.getByRole('heading', { name: 'Pasangkan stasiun ini' }).waitFor({ timeout: 5_000 })
    expect(await wall.getByText('Stasiun ini tidak lagi dikenal komputer induk').count()).toBe(1)
    expect(await wall.evaluate(() => localStorage.getItem('gudang.stasiun'))).toBeNull()
    // The old credential is refused at the host from now on.
    const status = await wall.evaluate(
      async (k) =>
        (
          await fetch('/api/stasiun.lihatSaya', {
            method: 'POST',
            headers: { authorization: `Stasiun ${k}`, 'content-type': 'application/json' },
            body: '{}',
          })
        ).status,
      credential,
    )
    expect(status).toBe(401)
    expect(errors.filter((e) => !CUT_LINK.test(e) && !/status of 401/.test(e))).toEqual([])
  })

  it('the koordinator closes the shift at the host, on its page, once the table has finished both teams', async () => {
    const tablet = pageOf('tally')
    // The table hands in what each team still holds: all of it good.
    const detail = await app.call('shift.lihat', { id: seeded.shiftId })
    const proses = (team: number) =>
      detail.teams.find((t) => t.teamId === team)!.tallies.find((t) => t.variantId === seeded.variantId)!.proses
    await tablet.goto(`https://${ADDRESS}:${port}/#/shift/${seeded.shiftId}`)
    await cell(tablet, 0, 'hasil').waitFor()
    await typeCell(tablet, 0, 'hasil', String(proses(seeded.mawar)))
    await typeCell(tablet, 1, 'hasil', String(proses(seeded.melati)))
    await save(tablet)
    // Polled at the host: the toast of the save before this one may still be on the tablet's screen.
    await expect.poll(async () => (await app.call('shift.lihat', { id: seeded.shiftId })).inProcess).toBe(0)

    // At the host's window: the koordinator signs in with the PIN and closes the shift with the page's button.
    const page = app.page
    await page.goto(app.url(`#/shift/${seeded.shiftId}`))
    await page.getByTestId('user-chip').click()
    await signIn(page, 'Kasubbag Logistik', '202411')
    await page.getByRole('button', { name: 'Tutup shift…' }).click()
    const tutup = page.getByRole('dialog', { name: /^Tutup shift/ })
    await tutup.getByLabel('Catatan penutupan (tidak wajib)').fill('Meja sortir 1 selesai')
    await tutup.getByRole('button', { name: 'Tutup shift' }).click()
    await tutup.waitFor({ state: 'hidden' })
    await page.getByText('Shift sudah ditutup').waitFor()
    await fullShot(page, 'stasiun-08-shift-ditutup', { clearToasts: true })
    const closed = await app.call('shift.lihat', { id: seeded.shiftId })
    expect(closed.status).toBe('closed')
    expect(closed.events.at(-1)).toMatchObject({
      event: 'tutup',
      actor: 'Kasubbag Logistik',
      note: 'Meja sortir 1 selesai',
    })
    // The table sees it by the live feed: its grid takes no more numbers.
    await tablet.getByText('Shift sudah ditutup').waitFor({ timeout: 5_000 })
    expect(await tablet.getByRole('button', { name: 'Simpan tally' }).count()).toBe(0)
    expect((await app.call('ledger.periksa', {})).ok).toBe(true)
    expect(errors.filter((e) => !CUT_LINK.test(e) && !/status of 401/.test(e))).toEqual([])
  })
})
