import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { MethodInput, ReconRow } from '../../src/api/contract'
import { apiMethodOf, num, SHOTS } from './support/browser'
import { useBrowserApp } from './support/app'
import { openShift } from '../support/floor'

/**
 * The dashboard against a real floor: a delivery with one short line and tertukar sheets, two
 * teams working two sortir-lipat shifts on two days with damage in several reasons, and a Bupati
 * delivery far below its needs. What the coordinator reads on #/beranda must be what
 * rekonsiliasi.lihat, rekonsiliasi.lihatKemajuan and ledger.lihatRiwayat say.
 */

const app = useBrowserApp({ signIn: 'Koordinator', actor: 'Ani' })

const id = new Intl.NumberFormat('id-ID')
const pct = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 2 })

interface Seeded {
  gub: ReconRow
  bup: ReconRow
}

/** One delivery, two teams of two, two sortir-lipat shifts on two days. */
async function seedFloor(): Promise<Seeded> {
  const recon0 = await app.call('rekonsiliasi.lihat', {})
  const gub = recon0.find((r) => r.itemCode === 'GUBERNUR')!
  const bup = recon0.find((r) => r.itemCode === 'BUPATI')!
  const kotak = recon0.find((r) => r.itemCode === 'KOTAK')!
  await app.call('penerimaan.catat', {
    receivedAt: '2024-11-01T09:30',
    penyedia: 'PT Cetak Nusantara',
    suratJalan: 'SJ-001/XI/2024',
    lines: [
      // Gubernur: all that is needed, plus 120 sheets of another dapil in the boxes.
      {
        variantId: gub.variantId,
        statedQty: gub.kebutuhan,
        countedQty: gub.kebutuhan,
        tertukarQty: 120,
        tertukarNote: 'Dapil lain',
      },
      // Bupati: far below its needs, and 600 short of what the surat jalan says.
      { variantId: bup.variantId, statedQty: 120_000, countedQty: 119_400 },
      { variantId: kotak.variantId, statedQty: 2_000, countedQty: 2_000 },
    ],
  })
  const mawar = await app.call('regu.tambah', { nama: 'Mawar', dailyTarget: 24_000 })
  const melati = await app.call('regu.tambah', { nama: 'Melati', dailyTarget: 20_000 })
  for (const [nama, teamId] of [
    ['Siti Aminah', mawar.id],
    ['Budi Santoso', mawar.id],
    ['Rahmat Hidayat', melati.id],
    ['Dewi Lestari', melati.id],
  ] as const) {
    await app.call('pekerja.tambah', { nama, teamId })
  }
  type Line = { serahkan: number; hasil: number; rusak: Record<string, number>; kembali: number }
  const days: { tanggal: string; gub: [Line, Line]; bup: [Line, Line] }[] = [
    {
      tanggal: '2024-11-04',
      gub: [
        { serahkan: 22_000, hasil: 21_850, rusak: { CETAK: 40, KUSUT_SOBEK: 30 }, kembali: 80 },
        { serahkan: 19_000, hasil: 18_900, rusak: { KUSUT_SOBEK: 35, BERLUBANG: 5 }, kembali: 60 },
      ],
      bup: [
        { serahkan: 3_000, hasil: 2_980, rusak: { WARNA_PENANDA: 12 }, kembali: 8 },
        { serahkan: 2_000, hasil: 1_990, rusak: { CETAK: 10 }, kembali: 0 },
      ],
    },
    {
      tanggal: '2024-11-05',
      gub: [
        { serahkan: 24_000, hasil: 23_880, rusak: { CETAK: 60, FOTO: 10 }, kembali: 50 },
        { serahkan: 21_000, hasil: 20_700, rusak: { KUSUT_SOBEK: 80, LOGO_KPU: 20 }, kembali: 200 },
      ],
      bup: [
        { serahkan: 4_000, hasil: 3_950, rusak: { CETAK: 25 }, kembali: 25 },
        { serahkan: 3_000, hasil: 2_985, rusak: { BERLUBANG: 15 }, kembali: 0 },
      ],
    },
  ]
  for (const d of days) {
    const s = await openShift(
      app.call,
      'sortir_lipat',
      d.tanggal,
      [gub.variantId, bup.variantId],
      [mawar.id, melati.id],
      {
        lokasi: 'Gudang A',
        pengawas: 'Harun',
      },
    )
    const rows = (lines: [Line, Line]) => lines.map((l, i) => ({ teamId: i === 0 ? mawar.id : melati.id, ...l }))
    await app.call('tally.simpan', { shiftId: s.id, variantId: gub.variantId, rows: rows(d.gub) })
    await app.call('tally.simpan', { shiftId: s.id, variantId: bup.variantId, rows: rows(d.bup) })
    await app.call('shift.tutup', { shiftId: s.id, note: '' })
  }
  return { gub, bup }
}

const COLS = [
  'kebutuhan',
  'diterima',
  'belumDiproses',
  'proses',
  'baik',
  'rusakTotal',
  'tertukar',
  'kekurangan',
  'kelebihan',
] as const
const CELL: Record<(typeof COLS)[number], string> = {
  kebutuhan: 'kebutuhan',
  diterima: 'diterima',
  belumDiproses: 'belumDiproses',
  proses: 'proses',
  baik: 'baik',
  rusakTotal: 'rusak',
  tertukar: 'tertukar',
  kekurangan: 'kekurangan',
  kelebihan: 'kelebihan',
}

describe('Beranda, end to end', () => {
  it('before any shift, says what to do instead of drawing empty charts', async () => {
    await app.page.goto(app.url('#/beranda'))
    await app.page.getByRole('heading', { name: 'Beranda', level: 1 }).waitFor()
    const empty = app.page.getByTestId('kemajuan-empty')
    await empty.waitFor()
    expect(await empty.textContent()).toContain('Belum ada shift sortir-lipat.')
    expect(await empty.getByRole('link', { name: 'Buka Sortir & Rakit' }).getAttribute('href')).toBe('#/shift')
    // Nothing received yet: every ballot dapil is short, and the banner says a delivery is awaited, not a replacement.
    const banner = app.page.getByTestId('shortfall-banner')
    await banner.waitFor()
    expect(await banner.textContent()).toContain('belum ada penerimaan dari penyedia')
    expect(await app.page.locator('section svg.chart-svg').count()).toBe(0)
    await app.screenshot('beranda-01-belum-ada-shift')
    expect(app.errors).toEqual([])
  })

  it('a fresh start asks the shell and the table for their data at once, not one round trip after another', async () => {
    const page = await app.context.newPage()
    try {
      const events: string[] = []
      page.on('request', (r) => void (apiMethodOf(r.url()) && events.push(`ask ${apiMethodOf(r.url())}`)))
      page.on('requestfinished', (r) => void (apiMethodOf(r.url()) && events.push(`got ${apiMethodOf(r.url())}`)))
      await page.goto(app.url('#/beranda'))
      await page.getByTestId('rekon-ballot-table').waitFor()
      const firstAnswer = events.findIndex((e) => e.startsWith('got '))
      const askedBefore = events.slice(0, firstAnswer).map((e) => e.slice(4))
      // Before: pemilihan.lihat, then (with the shell) sesi.lihat and stasiun.lihatSaya, then Beranda's reads.
      for (const m of [
        'pemilihan.lihat',
        'sistem.lihatStatus',
        'sesi.lihat',
        'stasiun.lihatSaya',
        'rekonsiliasi.lihat',
      ])
        expect(askedBefore, events.join('\n')).toContain(m)
      // The charts' and kits' reads leave with them, after the table's: the server answers in the order asked.
      const table = events.indexOf('ask rekonsiliasi.lihat')
      for (const m of ['rekonsiliasi.lihatKemajuan', 'kemas.lihatKemajuan']) {
        expect(askedBefore, events.join('\n')).toContain(m)
        expect(events.indexOf(`ask ${m}`)).toBeGreaterThan(table)
      }
    } finally {
      await page.close()
    }
    expect(app.errors).toEqual([])
  })

  it('shows where every sheet is, the shortfall, the charts and the history behind each number', async () => {
    const { gub, bup } = await seedFloor()
    const recon = await app.call('rekonsiliasi.lihat', {})
    const progres = await app.call('rekonsiliasi.lihatKemajuan', {})
    const gubR = recon.find((r) => r.variantId === gub.variantId)!
    const bupR = recon.find((r) => r.variantId === bup.variantId)!
    // The scenario is what it claims to be.
    expect(bupR.kekurangan).toBeGreaterThan(100_000)
    expect(bupR.selisihTerbuka).toBe(-600)
    expect(gubR.tertukar).toBe(120)
    expect(Object.keys(gubR.rusak).length).toBeGreaterThanOrEqual(4)
    expect(progres.days.map((d) => d.tanggal)).toEqual(['2024-11-04', '2024-11-05'])

    await app.page.goto(app.url('#/beranda'))
    const table = app.page.getByTestId('rekon-ballot-table')
    await table.locator(`tr[data-variant-id="${bup.variantId}"]`).waitFor()

    // Every figure of every ballot row equals rekonsiliasi.lihat.
    for (const r of recon.filter((x) => x.kind === 'ballot')) {
      const row = table.locator(`tr[data-variant-id="${r.variantId}"]`)
      expect(await row.locator('.beranda-dapil-name').textContent()).toBe(r.dapil)
      for (const k of COLS) {
        expect({
          variant: r.variantId,
          col: k,
          value: num(await row.locator(`[data-col=${CELL[k]}]`).textContent()),
        }).toEqual({ variant: r.variantId, col: k, value: r[k] })
      }
    }
    // The Bupati row is marked short; Gubernur's damage opens as a breakdown by reason.
    expect(await table.locator(`tr[data-variant-id="${bup.variantId}"]`).getAttribute('class')).toContain(
      'beranda-row-short',
    )
    const toggle = table.getByRole('button', {
      name: `Rincian rusak per alasan, Surat suara Gubernur · dapil ${gubR.dapil}`,
    })
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    await toggle.click()
    // The breakdown opens on the render after the click, which may come after the click returns.
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true')
    const labels = new Map((await app.call('rusak.daftarAlasan', {})).map((a) => [a.code, a.short]))
    const chips = table.locator('.beranda-reason-chips li')
    await expect
      .poll(async () => (await chips.allTextContents()).sort())
      .toEqual(
        Object.entries(gubR.rusak)
          .map(([c, q]) => `${labels.get(c)} ${id.format(q)}`)
          .sort(),
      )

    // The shortfall banner names the Bupati dapil with its figure and says what to do.
    const banner = app.page.getByTestId('shortfall-banner')
    const bupLine = banner.locator(`li[data-variant-id="${bup.variantId}"]`)
    expect(await bupLine.textContent()).toContain(bupR.dapil!)
    expect(await bupLine.textContent()).toContain(`kurang ${id.format(bupR.kekurangan)} lembar`)
    expect(await banner.getByRole('link', { name: 'BA surat suara rusak dan kurang' }).getAttribute('href')).toBe(
      '#/dokumen',
    )
    // The unsettled 600 against the surat jalan is a separate note pointing at Penerimaan.
    const selisih = app.page.getByTestId('selisih-note')
    expect(await selisih.textContent()).toContain('kurang 600 lembar')
    expect(await selisih.getByRole('link', { name: 'Penerimaan' }).getAttribute('href')).toBe('#/penerimaan')

    // Logistics: the kotak delivered so far against the needs of every TPS.
    const kotakR = recon.find((r) => r.itemCode === 'KOTAK')!
    const kotakRow = app.page.getByTestId('rekon-logistics-table').locator(`tr[data-variant-id="${kotakR.variantId}"]`)
    expect(num(await kotakRow.locator('[data-col=diterima]').textContent())).toBe(kotakR.diterima)
    expect(num(await kotakRow.locator('[data-col=kekurangan]').textContent())).toBe(kotakR.kekurangan)

    // Charts: accessible pictures whose summaries carry the days, the reasons and the teams.
    const charts = app.page.locator('section svg[role=img].chart-svg')
    await expect.poll(() => charts.count()).toBe(4)
    const aria = await charts.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))
    const daily = aria.find((a) => a.startsWith('Hasil sortir-lipat per hari'))!
    expect(daily).toContain('2 hari')
    expect(daily).toContain('Senin, 4 November 2024')
    expect(daily).toContain(`baik ${id.format(progres.days[1]!.baik)}`)
    const cumulative = aria.find((a) => a.startsWith('Kumulatif'))!
    expect(cumulative).toContain(id.format(progres.days.reduce((s, d) => s + d.baik, 0)))
    const damage = aria.find((a) => a.startsWith('Surat suara rusak per alasan'))!
    for (const r of progres.byReason) expect(damage).toContain(`${r.label} ${id.format(r.qty)}`)
    const teams = aria.find((a) => a.startsWith('Hasil baik per regu'))!
    for (const t of progres.teams) expect(teams).toContain(`${t.nama} ${id.format(t.baik)}`)
    // The team furthest behind its target (good sheets against the target) first.
    const behind = [...progres.teams].sort((a, b) => a.baik / a.target - b.baik / b.target)[0]!
    expect(teams.indexOf(behind.nama)).toBeLessThan(
      Math.min(...progres.teams.filter((t) => t !== behind).map((t) => teams.indexOf(t.nama))),
    )
    // Two teams: no "show all" line.
    expect(await app.page.getByTestId('team-chart-more').count()).toBe(0)
    expect(await app.page.getByTestId('damage-rate').textContent()).toBe(
      `${pct.format(progres.damageRate)} dari yang disortir`,
    )
    await app.screenshot('beranda-02-rekonsiliasi')

    // The date range narrows the charts to the last day, with figures equal to the API's for that day.
    await app.page.getByRole('button', { name: 'Hari terakhir' }).click()
    const lastDay = await app.call('rekonsiliasi.lihatKemajuan', { from: '2024-11-05', to: '2024-11-05' })
    await expect.poll(async () => (await charts.first().getAttribute('aria-label')) ?? '').toContain('1 hari')
    const dailyLast = (await charts.first().getAttribute('aria-label'))!
    expect(dailyLast).toContain('Selasa, 5 November 2024')
    expect(dailyLast).not.toContain('4 November')
    expect(await app.page.getByTestId('damage-rate').textContent()).toBe(
      `${pct.format(lastDay.damageRate)} dari yang disortir`,
    )
    await app.page.getByRole('button', { name: 'Semua tanggal' }).click()
    await expect.poll(async () => (await charts.first().getAttribute('aria-label')) ?? '').toContain('2 hari')

    // Every number opens its ledger history: the dialog lists the rows ledger.lihatRiwayat gives for the same filter.
    const cases: { variantId: number; col: string; filter: MethodInput<'ledger.lihatRiwayat'> }[] = [
      { variantId: bup.variantId, col: 'rusak', filter: { variantId: bup.variantId, placePrefix: 'RUSAK:' } },
      { variantId: gub.variantId, col: 'baik', filter: { variantId: gub.variantId, place: 'BAIK' } },
      { variantId: gub.variantId, col: 'tertukar', filter: { variantId: gub.variantId, place: 'TERTUKAR' } },
      { variantId: bup.variantId, col: 'diterima', filter: { variantId: bup.variantId, place: 'PENYEDIA' } },
    ]
    for (const c of cases) {
      const expected = await app.call('ledger.lihatRiwayat', { ...c.filter, limit: 500 })
      expect(expected.rows.length).toBeGreaterThan(0)
      const link = table.locator(`tr[data-variant-id="${c.variantId}"] [data-col=${c.col}] .history-link`)
      // Keyboard first: focus the number and press Enter.
      await link.focus()
      await app.page.keyboard.press('Enter')
      const dialog = app.page.getByRole('dialog', { name: /^Riwayat:/ })
      await dialog.waitFor()
      const rows = dialog.getByTestId('history-table').locator('tbody tr')
      await expect.poll(() => rows.count()).toBe(expected.rows.length)
      expect(num(await rows.first().locator('td').first().textContent())).toBe(expected.rows[0]!.seq)
      if (c.col === 'rusak') await app.page.screenshot({ path: join(SHOTS, 'beranda-03-riwayat-rusak.png') })
      await app.page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'hidden' })
    }

    expect(app.errors).toEqual([])
  })

  it('shows the 15 teams furthest behind their target, and all of them in place when asked', async () => {
    // Sixteen more teams on a third day, team k having sorted k% of its target: with Mawar and Melati (over
    // their targets) 18 teams, of which Anggrek 01 to 15 are the furthest behind.
    const gub = (await app.call('rekonsiliasi.lihat', {})).find((r) => r.itemCode === 'GUBERNUR')!
    const names = Array.from({ length: 16 }, (_, i) => `Anggrek ${String(i + 1).padStart(2, '0')}`)
    const ids: number[] = []
    for (const nama of names) ids.push((await app.call('regu.tambah', { nama, dailyTarget: 10_000 })).id)
    const s = await openShift(app.call, 'sortir_lipat', '2024-11-06', [gub.variantId], ids)
    await app.call('tally.simpan', {
      shiftId: s.id,
      variantId: gub.variantId,
      rows: ids.map((teamId, i) => ({
        teamId,
        serahkan: 2_000,
        hasil: 100 * (i + 1),
        rusak: {},
        kembali: 2_000 - 100 * (i + 1),
      })),
    })
    await app.call('shift.tutup', { shiftId: s.id, note: '' })

    await app.page.goto(app.url('#/beranda'))
    const chart = app.page.locator('svg[role=img][aria-label^="Hasil baik per regu"]')
    const aria = async () => (await chart.getAttribute('aria-label')) ?? ''
    await expect.poll(aria).toContain('15 dari 18 regu')
    const first15 = names.slice(0, 15)
    // Drawn in that order, and only those.
    expect((await aria()).match(/Anggrek \d\d/g)).toEqual(first15)
    expect(await chart.locator('g > title').count()).toBe(15)
    const more = app.page.getByTestId('team-chart-more')
    expect(await more.textContent()).toContain('Menampilkan 15 dari 18 regu')
    await app.screenshot('beranda-04-regu-15-dari-18')

    // Keyboard: the button is reached and pressed like any other; the rest appear in place, and it folds back.
    const button = more.getByRole('button', { name: 'Tampilkan semua (18 regu)' })
    expect(await button.getAttribute('aria-expanded')).toBe('false')
    await button.focus()
    await app.page.keyboard.press('Enter')
    await expect.poll(() => chart.locator('g > title').count()).toBe(18)
    for (const nama of [...names, 'Mawar', 'Melati']) expect(await aria()).toContain(nama)
    const fewer = more.getByRole('button', { name: 'Tampilkan lebih sedikit' })
    expect(await fewer.getAttribute('aria-expanded')).toBe('true')
    expect(await more.textContent()).toContain('Menampilkan semua 18 regu')
    expect(await fewer.evaluate((el) => el === document.activeElement)).toBe(true)
    await app.page.keyboard.press('Enter')
    await expect.poll(() => chart.locator('g > title').count()).toBe(15)
    expect(app.errors).toEqual([])
  })
})
