import { describe, expect, it } from 'vitest'
import { useBrowserApp } from './support/app'
import { menuLink, sectionShot } from './support/browser'
import { answerLeave } from './support/leave'

/**
 * Pengaturan keeps what is typed as a draft (issue 14, "drafts that survive", found lost by the acceptance
 * audit): text typed into "Catatan data" asks before Beranda takes the page, is restored with a notice
 * naming who typed it and when after coming back and after a reload, and the draft goes when it is saved.
 */
const app = useBrowserApp({ signIn: 'Koordinator' })
const NOTE = 'DPT masih data contoh; menunggu penetapan DPT oleh KPU kabupaten.'

describe('Pengaturan › Pemilihan dan satker: typed text survives leaving the page', () => {
  it('asks before leaving, restores the typed note with a notice after navigation and reload, and drops it on save', async () => {
    const page = app.page
    const asked: string[] = []
    let answer: 'accept' | 'dismiss' = 'dismiss'
    page.on('dialog', (d) => {
      asked.push(`${d.type()}: ${d.message()}`)
      void (answer === 'accept' ? d.accept() : d.dismiss())
    })
    await page.goto(app.url('#/pengaturan'))
    const section = page.getByRole('region', { name: 'Pemilihan dan satker' })
    const note = section.getByLabel('Catatan data', { exact: true })
    await note.fill(NOTE)
    await expect
      .poll(
        async () => (await app.call('draf.lihat', { jenis: 'pengaturan', kunci: 'pemilihan' })).bagian.isian?.dataNote,
      )
      .toBe(NOTE)
    await section
      .getByTestId('draf-status')
      .getByText(/^Draf tersimpan \d/)
      .waitFor()

    // Beranda: the page asks first (the app's own question); staying keeps the text.
    await menuLink(page, 'Beranda').click()
    asked.push(`tanya: ${await answerLeave(page, 'stay')}`)
    expect(asked).toEqual([expect.stringMatching(/^tanya: .*belum disimpan.*draf/)])
    expect(page.url()).toContain('#/pengaturan')
    expect(await note.inputValue()).toBe(NOTE)

    // Leaving, then coming back: the text is restored, with a notice naming who typed it and when.
    answer = 'accept'
    await menuLink(page, 'Beranda').click()
    asked.push(`tanya: ${await answerLeave(page, 'leave')}`)
    await page.waitForURL(/#\/beranda$/)
    await page.goBack()
    const notice = section.getByTestId('pengaturan-draf-dipulihkan')
    await notice.waitFor()
    await expect.poll(() => note.inputValue()).toBe(NOTE)
    const typedBy = (await app.call('draf.lihat', { jenis: 'pengaturan', kunci: 'pemilihan' })).actor!
    expect(typedBy).not.toBe('')
    expect(await notice.textContent()).toMatch(
      /Diketik oleh (.+) pada \d{1,2} \w{3} \d{4}, \d{2}\.\d{2} dan belum disimpan/,
    )
    expect(await notice.textContent()).toContain(`oleh ${typedBy} pada`)
    await sectionShot(page, section, 'pengaturan-draf-dipulihkan')

    // A reload: restored again.
    await page.reload()
    await notice.waitFor()
    await expect.poll(() => note.inputValue()).toBe(NOTE)

    // Saved: the election has the note, the draft is gone, and leaving asks nothing.
    await section.getByRole('button', { name: 'Simpan pengaturan' }).click()
    await expect.poll(async () => (await app.call('pemilihan.lihat', {}))?.dataNote).toBe(NOTE)
    await notice.waitFor({ state: 'hidden' })
    await expect
      .poll(async () => (await app.call('draf.lihat', { jenis: 'pengaturan', kunci: 'pemilihan' })).bagian)
      .toEqual({})
    const askedBefore = asked.length
    await menuLink(page, 'Beranda').click()
    await page.waitForURL(/#\/beranda$/)
    expect(asked.length).toBe(askedBefore)
    expect(app.errors).toEqual([])
  })
})
