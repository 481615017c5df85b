import Database from 'better-sqlite3'
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { kodeSaksi } from '../../src/core/jejak'
import { backupDir } from '../../src/services/cadangan'
import { nameAllSigners } from '../support/api'
import { pdfQrCodes, saveDownload } from '../support/pdf'
import { clearToasts, menuLink } from './support/browser'
import { useBrowserApp } from './support/app'

/**
 * Trust, end to end on the demo election in a real Chromium, starting with nobody signed in:
 * an operator is chosen in one step; a koordinator action (a backup) asks for the PIN and then goes on
 * by itself; an admin action (a new user) asks for the admin. Then a ledger row is edited behind the
 * app's back with a raw SQLite connection: "Periksa integritas" names that row, "Cek dokumen" says the
 * printed BA penerimaan no longer matches, and restoring the backup makes both whole again. Last, the
 * chain head itself is edited while the app is closed: the next start opens the recovery screen,
 * which restores the newest good backup.
 */

const app = useBrowserApp({ seed: seedFloor })
const doc = { nomor: '', qr: '', chainSeq: 0 }

const nav = (name: string) => menuLink(app.page, name)
const chip = () => app.page.getByTestId('user-chip')
/** A backup's row in the Cadangan table (or in the recovery screen's list of the backup folder). */
const backupRow = (name: string) => app.page.getByTestId('backup-table').locator(`tr[data-name="${name}"]`)
/** Hands the window to someone on purpose, through the header chip (not a helping PIN). */
async function signIn(nama: string, pin?: string): Promise<void> {
  await chip().click()
  const switcher = app.page.getByRole('dialog', { name: 'Ganti pengguna' })
  await switcher.getByRole('button', { name: new RegExp(`^${nama}`) }).click()
  if (pin) {
    const box = switcher.getByLabel(`PIN ${nama}`)
    await box.fill(pin)
    await box.press('Enter')
  }
  await switcher.waitFor({ state: 'hidden' })
  await expect.poll(() => chip().textContent()).toContain(nama)
}

/** Edits one ledger row as someone with the file and a SQLite tool would: the guard trigger dropped first. */
function tamper(sql: string, ...args: unknown[]): void {
  const raw = new Database(app.opened.dbPath)
  try {
    raw.exec('DROP TRIGGER IF EXISTS ledger_no_update')
    raw.prepare(sql).run(...args)
  } finally {
    raw.close()
  }
}

/** One delivery and its BA penerimaan (the printed document the check is about), its QR read back from the PDF. */
async function seedFloor(): Promise<void> {
  await nameAllSigners(app)
  const variants = (await app.call('barang.daftarVarian', {})).filter((v) => v.active && v.kind === 'ballot')
  const delivery = await app.call('penerimaan.catat', {
    receivedAt: '2024-11-01T08:00',
    penyedia: 'PT Percetakan Contoh',
    suratJalan: 'SJ-017/XI/2024',
    lines: variants.map((v) => ({ variantId: v.variantId, statedQty: 40_000, countedQty: 40_000 })),
  })
  const issued = await app.call('dokumen.terbitkan', { type: 'BA_PENERIMAAN', deliveryId: delivery.id })
  doc.nomor = issued.nomor!
  doc.chainSeq = issued.chainSeq
  // The QR code as a scanner reads it off the printed page.
  const pdf = saveDownload(app.dir, await app.call('dokumen.cetak', { id: issued.id, format: 'pdf' }))
  const codes = pdfQrCodes(pdf).filter((c) => c.startsWith('GUDANG-PEMILU|'))
  expect(codes).toHaveLength(1)
  doc.qr = codes[0]!
}

describe('trust: who did what, backups, tamper evidence, recovery', () => {
  it('an operator is chosen in one step; a backup asks for a koordinator’s PIN and then goes on by itself', async () => {
    await app.page.goto(app.url())
    await expect.poll(() => chip().textContent()).toContain('Pilih pengguna')
    await chip().click()
    const switcher = app.page.getByRole('dialog', { name: 'Ganti pengguna' })
    await switcher.getByRole('button', { name: /^Operator Sortir/ }).click()
    await switcher.waitFor({ state: 'hidden' })
    await expect.poll(() => chip().textContent()).toContain('Operator Sortir')

    await nav('Cadangan').click()
    await app.page.getByRole('heading', { name: 'Cadangan basis data', level: 1 }).waitFor()
    expect(await app.page.getByTestId('backup-dir').textContent()).toBe(backupDir(app.opened.dbPath))
    await app.page.getByRole('button', { name: 'Cadangkan sekarang' }).click()

    // Refused for an operator: the switcher asks for a koordinator and says why.
    const ask = app.page.getByRole('dialog', { name: 'Perlu koordinator' })
    await ask.getByTestId('auth-reason').getByText('Tindakan ini memerlukan koordinator', { exact: true }).waitFor()
    expect(await ask.getByRole('button', { name: /^Operator/ }).count()).toBe(0)
    // The PIN helps with this one action only: the window goes back to the operator afterwards.
    expect(await ask.getByTestId('auth-helping').textContent()).toContain('Operator Sortir')
    await ask.getByRole('button', { name: /^Kasubbag Logistik/ }).click()
    const pin = ask.getByLabel('PIN Kasubbag Logistik')
    await pin.fill('999999')
    await pin.press('Enter')
    await ask.getByText('PIN salah; sisa 4 kali sebelum terkunci').waitFor()
    expect(await app.call('cadangan.daftar', {})).toEqual([])
    await app.screenshot('trust-01-perlu-koordinator')
    await pin.fill('202411')
    await pin.press('Enter')
    await ask.waitFor({ state: 'hidden' })

    // The refused backup was made again by itself, as the koordinator.
    await app.page.getByText('Cadangan dibuat', { exact: true }).waitFor()
    // The window is the operator's again.
    await expect.poll(() => chip().textContent()).toContain('Operator Sortir')
    const backups = await app.call('cadangan.daftar', {})
    expect(backups).toHaveLength(1)
    expect(backups[0]).toMatchObject({
      reason: 'manual',
      ok: true,
      satker: 'Kabupaten Batu Bara',
      ledgerRows: doc.chainSeq,
    })
    const row = backupRow(backups[0]!.name)
    await row.getByText('Lolos', { exact: true }).waitFor()
    expect(await row.getByText('Dibuat manual').count()).toBe(1)
    // Checking a backup leaves nothing beside it.
    expect(readdirSync(backupDir(app.opened.dbPath))).toEqual([backups[0]!.name])
    await clearToasts(app.page)
    await app.screenshot('trust-02-cadangan')
    // The koordinator now takes the PC over on purpose, through the chip: that stays.
    await signIn('Kasubbag Logistik', '202411')
  })

  it('an admin adds a user: the koordinator is asked for the admin, who is the only one, straight to the PIN', async () => {
    await nav('Pengguna').click()
    const table = app.page.getByTestId('user-table')
    await table.locator('tr[data-user="Admin Gudang"]').waitFor()
    await app.page.getByRole('button', { name: 'Tambah pengguna…' }).click()
    const add = app.page.getByRole('dialog', { name: 'Tambah pengguna' })
    await add.getByLabel('Nama', { exact: true }).fill('Dewi Lestari')
    await add.getByRole('button', { name: 'Tambah', exact: true }).click()

    const ask = app.page.getByRole('dialog', { name: 'Perlu admin' })
    const pin = ask.getByLabel('PIN Admin Gudang')
    await pin.waitFor()
    await pin.fill('240424')
    await pin.press('Enter')
    await ask.waitFor({ state: 'hidden' })
    await add.waitFor({ state: 'hidden' })
    await table.locator('tr[data-user="Dewi Lestari"]').getByText('Operator', { exact: true }).waitFor()
    expect((await app.call('pengguna.daftar', {})).find((u) => u.nama === 'Dewi Lestari')).toMatchObject({
      role: 'operator',
      active: true,
      hasPin: false,
    })
    // The admin helped the koordinator with one action; the koordinator's own session is back, no PIN again.
    await expect.poll(() => chip().textContent()).toContain('Kasubbag Logistik')
    await signIn('Admin Gudang', '240424')

    // A koordinator without a PIN is refused on its field; nothing is added.
    await app.page.getByRole('button', { name: 'Tambah pengguna…' }).click()
    await add.getByLabel('Nama', { exact: true }).fill('Yusuf Koordinator')
    await add.getByLabel('Peran').selectOption('koordinator')
    await add.getByRole('button', { name: 'Tambah', exact: true }).click()
    await add.getByText('Peran koordinator memerlukan PIN').waitFor()
    expect((await app.call('pengguna.daftar', {})).some((u) => u.nama === 'Yusuf Koordinator')).toBe(false)
    await add.getByRole('button', { name: 'Batal' }).click()
    await clearToasts(app.page)
    await app.screenshot('trust-03-pengguna')
  })

  it('a kode saksi typed back on Periksa integritas is checked: it holds, one the file does not reach is unknown, a mistyped one is refused', async () => {
    await nav('Periksa integritas').click()
    // The kode saksi Beranda shows, typed back as the logbook holds it (lower case, spaces): it holds.
    const { kode, seq } = await app.call('ledger.lihatKodeSaksi', {})
    const kodeBox = app.page.getByLabel('Kode saksi', { exact: true })
    await kodeBox.fill(kode.toLowerCase().replace(/-/g, ' '))
    await app.page.getByTestId('kode-saksi-periksa').click()
    const kodeResult = app.page.getByTestId('kode-saksi-result')
    await kodeResult.getByText('Kode saksi cocok', { exact: true }).waitFor()
    await app.screenshot('trust-04a-kode-saksi-cocok')
    // A code of a row this file does not reach is named unknown, with how far the file goes.
    await kodeBox.fill(kodeSaksi({ seq: seq + 1000, hash: 'ab'.repeat(32) }))
    await app.page.getByTestId('kode-saksi-periksa').click()
    await kodeResult.getByText('Kode saksi tidak dikenal berkas ini', { exact: true }).waitFor()
    expect(await kodeResult.textContent()).toContain(`baru sampai jejak ${seq}`)
    // One changed character is refused as mistyped, under the field, by the code's check character.
    await kodeBox.fill(kode.slice(0, -1) + (kode.endsWith('0') ? '1' : '0'))
    await app.page.getByTestId('kode-saksi-periksa').click()
    await app.page.getByText(/Huruf pemeriksa kode saksi tidak cocok/).waitFor()
  })

  it('a row edited behind the app is named by Periksa integritas and breaks the printed BA; restoring the backup mends both', async () => {
    const rows = (await app.call('sistem.lihatInfo', {})).ledgerRows
    await nav('Periksa integritas').click()
    await app.page.getByTestId('verify-run').click()
    const verdict = app.page.getByTestId('verify-result')
    await verdict.getByText('Buku besar utuh', { exact: true }).waitFor()
    expect(await verdict.getByTestId('verify-rows').textContent()).toBe(rows.toLocaleString('id-ID'))
    // The verdict says what outside the file it rests on: the backup, the BA issued and the codes shown.
    const { saksi } = await app.call('ledger.periksa', {})
    expect(saksi).toBeGreaterThan(0)
    expect(await verdict.getByTestId('verify-saksi').textContent()).toMatch(new RegExp(`^${saksi} dicocokkan \\(`))

    await nav('Cek dokumen').click()
    const scan = app.page.getByTestId('cek-dokumen-scan-input')
    await scan.fill(doc.nomor)
    await scan.press('Enter')
    const result = app.page.getByTestId('cek-dokumen-result')
    await result.getByText('Dokumen sesuai buku besar', { exact: true }).waitFor()
    expect(await result.getByText(doc.nomor).count()).toBe(1)
    expect(await result.getByTestId('cek-dokumen-later').textContent()).toBe('0')
    await app.screenshot('trust-04-cek-dokumen-sesuai')

    // Someone adds 1.000 sheets to the first delivery row, straight in the file.
    const first = app.opened.ctx.db.prepare('SELECT seq FROM ledger ORDER BY seq LIMIT 1').get() as { seq: number }
    tamper('UPDATE ledger SET qty = qty + 1000 WHERE seq = ?', first.seq)

    await nav('Periksa integritas').click()
    await app.page.getByTestId('verify-run').click()
    await verdict.getByText('Buku besar tidak utuh', { exact: true }).waitFor()
    expect(await verdict.getByTestId('verify-bad-seq').textContent()).toBe(
      `Baris pertama yang bermasalah: #${first.seq}`,
    )
    await app.screenshot('trust-05-tidak-utuh')

    // The scanner reads the BA's QR code.
    await nav('Cek dokumen').click()
    await scan.fill(doc.qr)
    await scan.press('Enter')
    await result.getByText('Dokumen tidak sesuai buku besar', { exact: true }).waitFor()
    expect(await result.textContent()).toContain(`Isi baris ${first.seq} tidak sesuai dengan hash-nya`)
    await app.screenshot('trust-06-cek-dokumen-tidak-sesuai')

    // Restore the backup made before the edit; the edited file is kept beside the backups.
    await nav('Cadangan').click()
    const backup = (await app.call('cadangan.daftar', {}))[0]!
    await backupRow(backup.name).getByRole('button', { name: 'Pulihkan…' }).click()
    const confirm = app.page.getByRole('dialog', { name: 'Pulihkan cadangan ini?' })
    await confirm.getByText(backup.name).waitFor()
    await confirm.getByRole('button', { name: 'Pulihkan cadangan ini' }).click()
    await confirm.waitFor({ state: 'hidden' })
    await app.page.getByTestId('restore-result').getByText('Basis data dipulihkan', { exact: true }).waitFor()
    // Everyone chooses again after a restore.
    await expect.poll(() => chip().textContent()).toContain('Pilih pengguna')
    const after = await app.call('cadangan.daftar', {})
    expect(after.map((b) => b.reason).sort()).toEqual(['manual', 'sebelum-pulih'])
    expect(after.find((b) => b.reason === 'sebelum-pulih')).toMatchObject({ ok: false })
    await clearToasts(app.page)
    await app.screenshot('trust-07-dipulihkan')

    await nav('Periksa integritas').click()
    await app.page.getByTestId('verify-run').click()
    await verdict.getByText('Buku besar utuh', { exact: true }).waitFor()
    await nav('Cek dokumen').click()
    await scan.fill(doc.qr)
    await scan.press('Enter')
    await result.getByText('Dokumen sesuai buku besar', { exact: true }).waitFor()
    expect((await app.call('ledger.periksa', {})).ok).toBe(true)
  })

  it('a file whose chain head was edited while the app was closed opens the recovery screen, which restores the newest good backup', async () => {
    const head = { seq: 0 }
    await app.restart(() => {
      head.seq = (
        new Database(app.opened.dbPath).prepare('SELECT max(seq) AS seq FROM ledger').get() as { seq: number }
      ).seq
      tamper('UPDATE ledger SET actor = ? WHERE seq = ?', 'Orang Lain', head.seq)
    })
    expect(app.opened.state.mode).toBe('pemulihan')

    await app.page.goto(app.url())
    await app.page.getByRole('heading', { name: 'Basis data perlu dipulihkan' }).waitFor()
    expect(await app.page.getByTestId('recovery-problem').textContent()).toContain(`baris ${head.seq}`)
    // Nothing that could write is on this screen: no navigation, no user chip.
    expect(await app.page.getByRole('navigation', { name: 'Menu utama' }).count()).toBe(0)
    const latest = (await app.call('cadangan.daftar', {})).find((b) => b.ok)!
    await app.page.getByTestId('recovery-latest').getByText(latest.name).waitFor()
    await app.screenshot('trust-08-pemulihan')

    // A folder typed here (browser mode, no system dialog) goes with an admin's PIN too: no one is signed in.
    const usb = join(app.dir, 'usb-pemulihan')
    await app.page.getByLabel('Cadangan di folder lain (USB)').fill(usb)
    await app.page.getByRole('button', { name: 'Tampilkan' }).click()
    await app.page.getByText('PIN admin wajib diisi').first().waitFor()
    expect(await app.call('cadangan.daftarFolder')).toEqual([])
    await app.page.locator('.pemulihan-folder').getByLabel('PIN admin').fill('240424')
    await app.page.getByRole('button', { name: 'Tampilkan' }).click()
    await app.page.getByRole('heading', { name: 'Cadangan di folder lain' }).waitFor()
    expect(await app.call('cadangan.daftarFolder')).toMatchObject([{ folder: usb, oleh: 'Admin Gudang' }])
    await app.page.getByRole('button', { name: 'Kembali ke folder cadangan' }).click()

    await backupRow(latest.name).getByRole('button', { name: 'Pulihkan cadangan ini' }).click()
    const confirm = app.page.getByRole('dialog', { name: 'Pulihkan cadangan ini?' })
    // No one is signed in on this screen: the restore asks for an admin's PIN (the file's users can be read).
    await confirm.getByRole('button', { name: 'Pulihkan cadangan ini' }).click()
    await confirm.getByText('PIN admin wajib diisi').first().waitFor()
    await confirm.getByLabel('PIN admin').fill('240424')
    await confirm.getByRole('button', { name: 'Pulihkan cadangan ini' }).click()
    // Back to the normal app on the restored file.
    await nav('Beranda').waitFor()
    expect(app.opened.state.mode).toBe('normal')
    expect((await app.call('ledger.periksa', {})).ok).toBe(true)
    expect(existsSync(app.opened.dbPath)).toBe(true)
    expect(app.errors).toEqual([])
  })

  it('an election file cut to 0 bytes (an interrupted copy) opens the recovery screen, named, and is never made a new election', async () => {
    await app.restart(() => {
      for (const suffix of ['-wal', '-shm']) rmSync(app.opened.dbPath + suffix, { force: true })
      writeFileSync(app.opened.dbPath, '')
    })
    expect(app.opened.state.mode).toBe('pemulihan')
    expect(statSync(app.opened.dbPath).size).toBe(0)
    await app.page.goto(app.url())
    await app.page.getByRole('heading', { name: 'Basis data perlu dipulihkan' }).waitFor()
    expect(await app.page.getByTestId('recovery-problem').textContent()).toContain('kosong (0 bita)')
    await app.screenshot('trust-09-berkas-kosong')
    const latest = (await app.call('cadangan.daftar', {})).find((b) => b.ok)!
    // No one is signed in on the recovery screen: the backup's admin PIN (the 0-byte file has no users).
    await app.call('cadangan.pulihkan', { file: latest.file, pin: '240424' })
    expect(app.opened.state.mode).toBe('normal')
    expect((await app.call('ledger.periksa', {})).ok).toBe(true)
  })
})
