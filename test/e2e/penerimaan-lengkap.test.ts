import { describe, expect, it } from 'vitest'
import { windowShot } from './support/browser'
import { useBrowserApp } from './support/app'
import { receive } from '../support/floor'

/**
 * Declaring the deliveries of an item complete (penerimaan.selesaikanKiriman) from the Penerimaan page:
 * the BA surat suara rusak dan kurang requests replacement only from that date, so the action says what
 * it means before it is taken, refuses a declaration without its basis, and shows its state afterwards.
 *
 * Seed (demo, Pilkada Kabupaten Batu Bara): SJ-1 states 20.000 Gubernur and 20.000 Bupati; 18.765
 * Gubernur counted (kurang 1.235), every Bupati sheet counted.
 */
const v = { g: 0, b: 0 }
const app = useBrowserApp({
  signIn: 'Koordinator',
  seed: async ({ call }) => {
    for (const x of await call('barang.daftarVarian')) {
      if (x.itemCode === 'GUBERNUR') v.g = x.variantId
      if (x.itemCode === 'BUPATI') v.b = x.variantId
    }
    await receive(
      call,
      '2024-11-04T09:00',
      [
        [v.g, 20_000, 18_765],
        [v.b, 20_000],
      ],
      {
        penyedia: 'PT Pura Barutama',
        suratJalan: 'SJ-1',
      },
    )
  },
})

describe('Penerimaan: pengiriman lengkap', () => {
  it('says what declaring complete means, refuses it without a basis, and shows the state once declared', async () => {
    await app.page.goto(app.url('#/penerimaan'))
    const table = app.page.getByTestId('kiriman-table')
    await table.waitFor()
    const gubernur = app.page.getByTestId(`kiriman-${v.g}`)
    expect(await gubernur.getByTestId('kiriman-status').textContent()).toBe('Masih berlangsung')
    expect(await gubernur.locator('td.num').allTextContents()).toEqual(['20.000', '18.765'])

    await gubernur.getByRole('button', { name: 'Nyatakan lengkap…' }).click()
    const dialog = app.page.getByRole('dialog', { name: 'Nyatakan pengiriman lengkap' })
    await dialog.waitFor()
    const said = (await dialog.textContent())!.replace(/\s+/g, ' ')
    expect(said).toContain('penyedia tidak akan mengirim lagi Surat suara Gubernur')
    expect(said).toContain('meminta penggantian kepada penyedia atas kekurangan kirim (saat ini 1.235 lembar')
    expect(said).toContain('tidak dapat dibatalkan')
    await windowShot(app.page, 'penerimaan-kiriman-lengkap')

    // Without its basis: refused beside the field, nothing declared.
    await dialog.getByRole('button', { name: 'Nyatakan lengkap' }).click()
    await dialog.locator('.field-error').first().waitFor()
    expect(await dialog.locator('.field-error').first().textContent()).toContain('Keterangan')
    expect(await app.call('penerimaan.daftarKiriman', {})).toEqual([])

    await dialog.getByLabel('Lengkap sejak tanggal').fill('2024-11-05')
    await dialog.getByLabel('Keterangan').fill('Surat PT Pura Barutama: pengiriman Gubernur selesai')
    await dialog.getByRole('button', { name: 'Nyatakan lengkap' }).click()
    await dialog.waitFor({ state: 'hidden' })

    await expect.poll(() => gubernur.getByTestId('kiriman-status').textContent()).toContain('Lengkap sejak')
    expect(await gubernur.getByTestId('kiriman-status').textContent()).toContain('5 Nov 2024')
    expect(await gubernur.getByRole('button', { name: 'Nyatakan lengkap…' }).count()).toBe(0)
    // Bupati's deliveries are still open.
    const bupati = app.page.getByTestId(`kiriman-${v.b}`)
    expect(await bupati.getByTestId('kiriman-status').textContent()).toBe('Masih berlangsung')
    expect(await app.call('penerimaan.daftarKiriman', {})).toEqual([
      expect.objectContaining({
        variantId: v.g,
        tanggal: '2024-11-05',
        note: 'Surat PT Pura Barutama: pengiriman Gubernur selesai',
      }),
    ])
    expect(app.errors).toEqual([])
  })
})
