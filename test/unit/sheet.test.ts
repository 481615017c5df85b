import { describe, expect, it } from 'vitest'
import { parseCount } from '../../src/core/count'
import { editorStartText, jumpTarget, sheetMoveOf, sheetMoveTarget } from '../../src/core/sheet'

/**
 * The tally grid typed like a spreadsheet (core/sheet.ts). Typed and pasted counts take one path (issue
 * 14): the editor keeps what was typed as typed, and the cell's text is read by core/count.ts whether it
 * came from the keyboard or the clipboard. The real keyboard is in test/e2e/shift-tally.test.ts.
 */

/** What the editor holds after typing `s` key by key into an empty cell. */
const typed = (s: string) => {
  const [first, ...rest] = [...s]
  return editorStartText(first, '') + rest.join('')
}

describe('one input path for typed and pasted counts', () => {
  it('keeps every typed key, so the count reader sees what was typed and refuses it as a paste', () => {
    for (const s of ['-5', '1,5', '٣', '5e3', '100000001']) {
      expect(typed(s), s).toBe(s)
      expect(parseCount(typed(s)), s).toEqual(parseCount(s))
      expect(parseCount(s).ok, s).toBe(false)
    }
    expect(typed('4.500')).toBe('4.500')
    expect(editorStartText('Backspace', '12')).toBe('')
    expect(editorStartText(undefined, '12')).toBe('12')
  })
})

describe('moving around the sheet as in Excel', () => {
  const F = true
  const o = false
  it('Ctrl+arrow runs to the end of a filled run, or to the next filled cell, or the edge', () => {
    const row = [F, F, F, o, o, F, o]
    expect(jumpTarget(row, 0, 1)).toBe(2)
    expect(jumpTarget(row, 2, 1)).toBe(5)
    expect(jumpTarget(row, 3, 1)).toBe(5)
    expect(jumpTarget(row, 5, 1)).toBe(6)
    expect(jumpTarget(row, 6, 1)).toBe(6)
    expect(jumpTarget(row, 5, -1)).toBe(2)
    expect(jumpTarget(row, 2, -1)).toBe(0)
    expect(jumpTarget([o, o, o], 0, 1)).toBe(2)
  })

  it('Home, End, Ctrl+Home and Ctrl+End, and only those keys (with Ctrl for arrows)', () => {
    const size = { rows: 4, cols: 6 }
    const filled = (r: number, c: number) => c < 2 || (r === 1 && c === 4)
    const at = { row: 1, col: 2 }
    expect(sheetMoveTarget('home', at, size, filled)).toEqual({ row: 1, col: 0 })
    expect(sheetMoveTarget('end', at, size, filled)).toEqual({ row: 1, col: 5 })
    expect(sheetMoveTarget('ctrlHome', at, size, filled)).toEqual({ row: 0, col: 0 })
    expect(sheetMoveTarget('ctrlEnd', at, size, filled)).toEqual({ row: 3, col: 5 })
    expect(sheetMoveTarget('ctrlRight', at, size, filled)).toEqual({ row: 1, col: 4 })
    expect(sheetMoveTarget('ctrlDown', { row: 0, col: 4 }, size, filled)).toEqual({ row: 1, col: 4 })
    expect(sheetMoveTarget('ctrlUp', { row: 3, col: 0 }, size, filled)).toEqual({ row: 0, col: 0 })
    const key = (k: string, ctrlKey = false) => sheetMoveOf({ key: k, ctrlKey, metaKey: false, altKey: false })
    expect([key('End'), key('Home', true), key('ArrowRight', true), key('ArrowRight'), key('a')]).toEqual([
      'end',
      'ctrlHome',
      'ctrlRight',
      null,
      null,
    ])
  })
})
