import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useBrowserApp } from './support/app'
import { fullShot } from './support/browser'
import { openShift, receive, variantIdsByCode } from '../support/floor'
import { settled, tourPages, type TourIds } from './support/pages'

/**
 * The app shell stays on the screen: only the content pane scrolls, never the document (a page that
 * scrolls the window pushes the header and the menu off into blank grey), and nothing is wider than the
 * window except inside a box made to scroll sideways. Every page, at an office PC's 1366 × 768 and at
 * 1920 × 1080, over a floor with the longest names the demo holds; status pills sit inside their rows
 * (never over a row's lines); a screenshot of each page is kept in
 * test-results/e2e/layout-<width>-<page>.png.
 */

const LONG_TEAM = 'Regu Sortir Lipat Kecamatan Sei Balai Gelombang Kedua'
const LONG_WORKER = 'Muhammad Rizki Pratama Siregar Nasution Hasibuan'

const ids: TourIds = { penerimaanId: 0, shiftId: 0 }

const app = useBrowserApp({
  signIn: 'Admin',
  actor: 'Admin Gudang',
  async seed(a) {
    const { GUBERNUR: gub, BUPATI: bup, KOTAK: kotak } = await variantIdsByCode(a.call)
    // The longest penyedia and surat jalan a delivery note holds, a tertukar with its note.
    const p = await receive(
      a.call,
      '2024-11-01T09:30',
      [
        {
          variantId: gub!,
          statedQty: 60_000,
          countedQty: 59_400,
          tertukarQty: 120,
          tertukarNote: 'Dapil lain',
        },
        [bup!, 40_000],
        [kotak!, 2_000],
      ],
      {
        penyedia: 'PT Percetakan Negara Republik Indonesia Cabang Medan Sumatera Utara',
        suratJalan: 'SJ-0001/PNRI-MDN/XI/2024/GUBERNUR-BUPATI',
      },
    )
    ids.penerimaanId = p.id
    const team = await a.call('regu.tambah', { nama: LONG_TEAM, dailyTarget: 24_000 })
    await a.call('pekerja.tambah', { nama: LONG_WORKER, teamId: team.id })
    const s = await openShift(a.call, 'sortir_lipat', '2024-11-02', [gub!, bup!], [team.id], {
      lokasi: 'Gudang Logistik KPU Kabupaten Batu Bara, Lima Puluh',
      pengawas: 'Kasubbag Keuangan, Umum dan Logistik',
    })
    ids.shiftId = s.id
    await a.call('tally.simpan', {
      shiftId: s.id,
      variantId: gub!,
      rows: [{ teamId: team.id, serahkan: 5_000, hasil: 4_900, rusak: { CETAK: 60, KUSUT_SOBEK: 40 } }],
    })
  },
})

const PAGES = tourPages(ids)

interface Overflow {
  documentHeight: number
  innerHeight: number
  paneOverflowX: number
  wide: string[]
  /** Status pills that stick out of their table row or grid row, over the row's lines. */
  pillsOverLines: string[]
}

/** What sticks out: the document's height beyond the window, and elements past its sides outside a sideways scroller. */
function measure(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const scroller = (el: Element): boolean => {
      // The content pane scrolls down only: something wider than it is a defect, not a scroller.
      if (el.classList.contains('app-main')) return false
      const x = getComputedStyle(el).overflowX
      return x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip'
    }
    const inScroller = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scroller(p)) return true
      return false
    }
    const wide: string[] = []
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      if (r.right <= window.innerWidth + 1 && r.left >= -1) continue
      if (inScroller(el)) continue
      const cls = typeof el.className === 'string' ? el.className : ''
      wide.push(
        `${el.tagName.toLowerCase()}.${cls.split(' ').join('.')} [${Math.round(r.left)}–${Math.round(r.right)}]`,
      )
    }
    const pillsOverLines: string[] = []
    for (const pill of Array.from(document.querySelectorAll('.app-main .status-badge'))) {
      const row = pill.closest('tr, .ag-row')
      const r = pill.getBoundingClientRect()
      if (!row || r.height === 0) continue
      const rr = row.getBoundingClientRect()
      if (r.top < rr.top - 0.5 || r.bottom > rr.bottom + 0.5)
        pillsOverLines.push(
          `${pill.textContent} [${Math.round(r.top)}–${Math.round(r.bottom)} in ${Math.round(rr.top)}–${Math.round(rr.bottom)}]`,
        )
    }
    const main = document.querySelector('.app-main')
    return {
      documentHeight: document.scrollingElement!.scrollHeight,
      innerHeight: window.innerHeight,
      paneOverflowX: main ? main.scrollWidth - main.clientWidth : 0,
      wide: wide.slice(0, 8),
      pillsOverLines: pillsOverLines.slice(0, 8),
    }
  })
}

describe.each([
  [1366, 768],
  [1920, 1080],
])('at %i × %i', (width, height) => {
  it.each(PAGES)('%s stays in the window', { timeout: 20_000 }, async (name, hash) => {
    const page = app.page
    await page.setViewportSize({ width, height })
    await page.goto(app.url(hash()))
    await settled(page)
    const o = await measure(page)
    await fullShot(page, `layout-${width}-${name}`, { clearToasts: true })
    expect(o.documentHeight, 'the document scrolls').toBeLessThanOrEqual(o.innerHeight)
    expect(o.paneOverflowX, 'the content pane scrolls sideways').toBe(0)
    expect(o.wide, 'past the window, outside a sideways scroller').toEqual([])
    expect(o.pillsOverLines, 'status pills over row lines').toEqual([])
    expect(app.errors).toEqual([])
  })
})

/**
 * The tally grid is a box that scrolls sideways, so the guard above excuses it; but a coordinator at an
 * office PC must see every entry column of a sortir shift (a dozen damage criteria, Keterangan, Kembali)
 * without scrolling the grid sideways, or the last columns are typed blind.
 */
function tallyOverflow(page: Page) {
  return page.evaluate(() => {
    const grid = document.querySelector('.tally-grid')!
    const center = grid.querySelector('.ag-body-horizontal-scroll-viewport')!
    const right = grid.getBoundingClientRect().right
    const entries = Array.from(grid.querySelectorAll('.ag-header-cell[col-id]'))
      .filter((h) => !h.getAttribute('col-id')!.startsWith('soFar.'))
      .map((h) => ({ col: h.getAttribute('col-id')!, right: Math.round(h.getBoundingClientRect().right) }))
    return {
      scrollWidth: center.scrollWidth,
      clientWidth: center.clientWidth,
      offScreen: entries.filter((e) => e.right > right + 1).map((e) => e.col),
    }
  })
}

/**
 * Words of the tally grid's header labels that break across lines ("Berluban/g") or stick out of their
 * header cell: a label may wrap between words (and after a slash, where it carries a break), never inside
 * one. Each word is measured as a Range: one broken over two lines has two line boxes.
 */
function brokenHeaderWords(page: Page) {
  return page.evaluate(() => {
    const out: string[] = []
    const labels = document.querySelectorAll('.tally-grid .ag-header-cell-text, .tally-grid .ag-header-group-text')
    for (const label of Array.from(labels)) {
      const cell = label.closest('.ag-header-cell, .ag-header-group-cell')!
      const c = cell.getBoundingClientRect()
      if (c.width === 0) continue
      const pad = getComputedStyle(cell)
      const left = c.left + parseFloat(pad.paddingLeft)
      const right = c.right - parseFloat(pad.paddingRight)
      const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (const m of (n.textContent ?? '').matchAll(/[^\s\u200b]+/g)) {
          const r = document.createRange()
          r.setStart(n, m.index)
          r.setEnd(n, m.index + m[0].length)
          const boxes = Array.from(r.getClientRects()).filter((b) => b.width > 0)
          const w = Math.round(r.getBoundingClientRect().width)
          const where = `"${m[0]}" in "${label.textContent}" (${cell.getAttribute('col-id') ?? 'group'})`
          if (boxes.length > 1) out.push(`${where}: broken over ${boxes.length} lines`)
          else if (boxes.some((b) => b.left < left - 0.5 || b.right > right + 0.5))
            out.push(`${where}: ${w} px in ${Math.round(right - left)} px`)
        }
      }
    }
    return out
  })
}

/** The shift page with its first grid per regu or per pekerja, judged once the grid has folded its history. */
async function openTally(page: Page, view: 'per regu' | 'per pekerja'): Promise<void> {
  await page.goto(app.url(`#/shift/${ids.shiftId}`))
  await settled(page)
  await page.locator('.tally-grid .ag-header-cell[col-id="kembali"]').first().waitFor()
  await page
    .getByLabel('Per pekerja')
    .first()
    .setChecked(view === 'per pekerja')
  await page
    .locator(`.tally-grid .ag-header-cell[col-id="${view === 'per pekerja' ? 'worker' : 'label'}"]`)
    .first()
    .waitFor()
  // The grid folds its history once it knows its width: judge it when that is done (or after 5 s, as it stands).
  for (const until = Date.now() + 5_000; Date.now() < until; await page.waitForTimeout(100))
    if ((await tallyOverflow(page)).offScreen.length === 0) break
}

describe.each([
  [1366, 768],
  [1920, 1080],
])('the tally grid of a sortir shift at %i × %i', (width, height) => {
  it.each(['per regu', 'per pekerja'] as const)(
    '%s shows every entry column without sideways scrolling, its headers unbroken',
    { timeout: 20_000 },
    async (view) => {
      const page = app.page
      await page.setViewportSize({ width, height })
      await openTally(page, view)
      const o = await tallyOverflow(page)
      await fullShot(page, `layout-${width}-shift-tally${view === 'per pekerja' ? '-pekerja' : ''}`, {
        clearToasts: true,
      })
      expect(
        o.offScreen,
        `entry columns past the grid (scrollWidth ${o.scrollWidth}, clientWidth ${o.clientWidth})`,
      ).toEqual([])
      expect(o.scrollWidth, 'the grid scrolls sideways').toBeLessThanOrEqual(o.clientWidth)
      expect(await brokenHeaderWords(page), 'header words broken or cut').toEqual([])
      expect(app.errors).toEqual([])
    },
  )
})

describe.each([
  [1366, 768],
  [1920, 1080],
])('the Regu table of Pekerja at %i × %i', (width, height) => {
  it(
    'shows every column of a team with the longest name, its Ubah button included, without sideways scrolling',
    {
      timeout: 20_000,
    },
    async () => {
      const page = app.page
      await page.setViewportSize({ width, height })
      await page.goto(app.url('#/pekerja'))
      await settled(page)
      const table = page.getByTestId('team-table')
      await table
        .getByRole('button', { name: /^Ubah / })
        .first()
        .waitFor({ state: 'attached' })
      const o = await table.evaluate((t) => {
        const wrap = t.parentElement!
        const edit = t.querySelector('button')!.getBoundingClientRect()
        return {
          scrollWidth: wrap.scrollWidth,
          clientWidth: wrap.clientWidth,
          editRight: edit.right,
          right: wrap.getBoundingClientRect().right,
        }
      })
      expect(o.scrollWidth, 'the table scrolls sideways').toBeLessThanOrEqual(o.clientWidth)
      expect(o.editRight, "Ubah past the table's edge").toBeLessThanOrEqual(o.right + 1)
    },
  )
})

/** Where the window, the header and a Pengaturan section's heading are. */
function positions(page: Page, heading: RegExp) {
  return page.evaluate((source) => {
    const re = new RegExp(source, 'i')
    const h2 = Array.from(document.querySelectorAll('.app-main h2')).find((h) => re.test(h.textContent ?? ''))
    const main = document.querySelector('.app-main')!
    return {
      windowScroll: document.scrollingElement!.scrollTop,
      headerTop: document.querySelector('.app-header')!.getBoundingClientRect().top,
      paneScroll: main.scrollTop,
      headingTop: h2 ? h2.getBoundingClientRect().top - main.getBoundingClientRect().top : -1,
    }
  }, heading.source)
}

function expectLanded(where: Awaited<ReturnType<typeof positions>>): void {
  expect(where.windowScroll).toBe(0)
  expect(where.headerTop).toBe(0)
  expect(where.paneScroll).toBeGreaterThan(0)
  // The section's heading is at the top of the pane, not somewhere below it.
  expect(where.headingTop).toBeGreaterThanOrEqual(-2)
  expect(where.headingTop).toBeLessThan(40)
}

describe('section links on Pengaturan', () => {
  it('scroll inside the pane and land on their section; the header stays', { timeout: 30_000 }, async () => {
    const page = app.page
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.goto(app.url('#/pengaturan'))
    await settled(page)
    await page.locator('.page-toc').getByRole('link', { name: 'Penanda tangan' }).click()
    await page.waitForTimeout(300)
    expectLanded(await positions(page, /^Penanda tangan/))
  })

  it('"Atur penanda tangan" from Dokumen opens Pengaturan at its section', { timeout: 30_000 }, async () => {
    const page = app.page
    await page.goto(app.url('#/dokumen'))
    await settled(page)
    await page.getByRole('link', { name: 'Atur penanda tangan' }).first().click()
    await page.locator('.app-main h1', { hasText: 'Pengaturan' }).waitFor()
    // The sections above load their data after the first scroll; the page follows them for a moment.
    await page.waitForTimeout(2_200)
    expectLanded(await positions(page, /^Penanda tangan/))
  })
})
