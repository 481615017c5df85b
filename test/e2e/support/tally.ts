import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * The tally grid of a shift page, driven as a coordinator drives it: the keyboard (Enter, Tab, arrows),
 * a paste from "Excel" through the real clipboard (the context needs clipboard-read and clipboard-write),
 * and where the keyboard is after each key. Shared by the tally e2e files and the first-day journey.
 */

/** Where the keyboard is: the grid row index ("b-0" is the totals row) and the column id. */
export async function focusedCell(page: Page): Promise<{ row: string | null; col: string | null }> {
  return page.evaluate(() => {
    // The test compiles without the DOM library; this runs in the page.
    type El = { closest(selector: string): { getAttribute(name: string): string | null } | null }
    const el = (globalThis as unknown as { document: { activeElement: El | null } }).document.activeElement
    return {
      row: el?.closest('.ag-row')?.getAttribute('row-index') ?? null,
      col: el?.closest('.ag-cell')?.getAttribute('col-id') ?? null,
    }
  })
}

/** Puts `text` on the system clipboard and presses Ctrl+V, as a paste from Excel. */
export async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate(
    (t) =>
      (
        globalThis as unknown as { navigator: { clipboard: { writeText(s: string): Promise<void> } } }
      ).navigator.clipboard.writeText(t),
    text,
  )
  await page.keyboard.press('Control+V')
}

/** A cell of one variant's tally grid on screen: a team's row by index, or the totals row. */
export type Cell = (row: number | 'total', col: string) => Locator
export const tallyCells =
  (page: Page, variantId: number): Cell =>
  (row, col) =>
    page
      .getByTestId(`tally-${variantId}`)
      .locator(`.ag-row[row-index="${row === 'total' ? 'b-0' : row}"] [col-id="${col}"]`)

/** A variant's tally grid, once it is up with the keyboard in its first entry cell. */
export async function tallyGrid(page: Page, variantId: number): Promise<Cell> {
  const cell = tallyCells(page, variantId)
  await cell(0, 'serahkan').waitFor()
  await expect.poll(() => focusedCell(page)).toEqual({ row: '0', col: 'serahkan' })
  return cell
}

/** Presses each key in turn (arrows, Tab, Enter) and waits until the keyboard is in the cell `next`. */
export async function pressTo(page: Page, keys: string[], next: { row: string; col: string }): Promise<void> {
  for (const key of keys) await page.keyboard.press(key)
  // AG Grid moves the focus as it stops editing and renders; ask where the keyboard is until it has landed.
  await expect.poll(() => focusedCell(page)).toEqual(next)
}

/** Types a count and Enter: the keyboard moves down to the same column of the next row. */
export async function typeDown(page: Page, text: string, next: { row: string; col: string }): Promise<void> {
  await page.keyboard.type(text, { delay: 15 })
  await pressTo(page, ['Enter'], next)
}

/**
 * Selects a cell with the mouse and leaves it selected, not edited: the click opens the cell's editor
 * (which takes the keyboard once rendered), Escape closes it, and the keyboard is on the cell again.
 */
export async function selectCell(page: Page, cell: Locator): Promise<void> {
  await cell.click()
  await cell.locator('.tally-editor:focus').waitFor()
  await page.keyboard.press('Escape')
  // The editor closes after the key; until then the keyboard is still in it.
  await cell.locator('.tally-editor').waitFor({ state: 'detached' })
}

/** Keys pressed one by one, each followed by where the keyboard must land: `[key, row, column]`. */
export async function keysLand(page: Page, steps: [key: string, row: string, col: string][]): Promise<void> {
  for (const [key, row, col] of steps) {
    await page.keyboard.press(key)
    await expect.poll(() => focusedCell(page), { message: key }).toEqual({ row, col })
  }
}

/**
 * At 1366 px a sortir grid folds its "Sampai sekarang" figures to "Dalam proses" so every entry column fits
 * (layout-guard checks that); its chevron opens them again, as a coordinator would.
 */
export async function openSoFar(page: Page, variantId: number): Promise<void> {
  const group = page.getByTestId(`tally-${variantId}`).locator('.ag-header-group-cell', { hasText: 'Sampai sekarang' })
  await page.getByTestId(`tally-${variantId}`).locator('.ag-row[row-index="0"]').first().waitFor()
  // A wide window has it open already.
  const collapsed = group.locator('.ag-header-expand-icon-collapsed')
  if (await collapsed.isVisible()) await collapsed.click()
  await group.locator('.ag-header-expand-icon-expanded').waitFor()
}
