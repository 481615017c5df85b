/**
 * A grid typed like a spreadsheet (the tally grid): what a cell editor starts with, and where Excel's
 * movement keys land. Pure, so the keys behave the same wherever a grid uses them and tests can reach them.
 */

/**
 * What an entry cell's editor starts with: the key that opened it (any printable key, "-" and "٣"
 * included, as Excel does), nothing after Backspace or Delete, else the cell's text to edit.
 */
export function editorStartText(eventKey: string | null | undefined, value: string | null | undefined): string {
  if (eventKey === 'Backspace' || eventKey === 'Delete') return ''
  if (eventKey && [...eventKey].length === 1) return eventKey
  return value ?? ''
}

/**
 * Where Ctrl+arrow lands along a row or a column, as in Excel: from a filled cell next to a filled one,
 * the last filled cell of that run; otherwise the next filled cell, or the edge when there is none.
 */
export function jumpTarget(filled: readonly boolean[], from: number, step: 1 | -1): number {
  const inside = (i: number) => i >= 0 && i < filled.length
  if (!inside(from + step)) return from
  let i = from
  if (filled[from] && filled[from + step]) {
    while (inside(i + step) && filled[i + step]) i += step
    return i
  }
  i = from + step
  while (inside(i + step) && !filled[i]) i += step
  return i
}

/** Excel's keys for moving around a sheet that the grid does not do itself. */
export type SheetMove = 'home' | 'end' | 'ctrlHome' | 'ctrlEnd' | 'ctrlLeft' | 'ctrlRight' | 'ctrlUp' | 'ctrlDown'

export function sheetMoveOf(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): SheetMove | null {
  if (e.altKey) return null
  const ctrl = e.ctrlKey || e.metaKey
  switch (e.key) {
    case 'Home':
      return ctrl ? 'ctrlHome' : 'home'
    case 'End':
      return ctrl ? 'ctrlEnd' : 'end'
    case 'ArrowLeft':
      return ctrl ? 'ctrlLeft' : null
    case 'ArrowRight':
      return ctrl ? 'ctrlRight' : null
    case 'ArrowUp':
      return ctrl ? 'ctrlUp' : null
    case 'ArrowDown':
      return ctrl ? 'ctrlDown' : null
    default:
      return null
  }
}

/**
 * The cell a move lands on, in a sheet of `rows` × `cols` (grid order) whose filled cells `filled(r, c)`
 * says: Home/End the row's first/last column, Ctrl+Home the first cell, Ctrl+End the last row's last
 * column, Ctrl+arrows the edge of the data (jumpTarget).
 */
export function sheetMoveTarget(
  move: SheetMove,
  at: { row: number; col: number },
  size: { rows: number; cols: number },
  filled: (row: number, col: number) => boolean,
): { row: number; col: number } {
  const lastRow = size.rows - 1
  const lastCol = size.cols - 1
  const along = (n: number, f: (i: number) => boolean) => Array.from({ length: n }, (_, i) => f(i))
  switch (move) {
    case 'home':
      return { row: at.row, col: 0 }
    case 'end':
      return { row: at.row, col: lastCol }
    case 'ctrlHome':
      return { row: 0, col: 0 }
    case 'ctrlEnd':
      return { row: lastRow, col: lastCol }
    case 'ctrlLeft':
    case 'ctrlRight':
      return {
        row: at.row,
        col: jumpTarget(
          along(size.cols, (c) => filled(at.row, c)),
          at.col,
          move === 'ctrlRight' ? 1 : -1,
        ),
      }
    case 'ctrlUp':
    case 'ctrlDown':
      return {
        row: jumpTarget(
          along(size.rows, (r) => filled(r, at.col)),
          at.row,
          move === 'ctrlDown' ? 1 : -1,
        ),
        col: at.col,
      }
  }
}
