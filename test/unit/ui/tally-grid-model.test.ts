import { describe, expect, it } from 'vitest'
import { parseCount } from '../../../src/core/count'
import { DAMAGE_REASONS } from '../../../src/core/reasons'
import type { TallyWorld } from '../../../src/core/tally'
import {
  editorStartText,
  jumpTarget,
  sheetMoveOf,
  sheetMoveTarget,
  validateEntries,
  type DamageReason,
  type TallyBase,
} from '../../../src/ui/components/TallyGridModel'

/**
 * Typed and pasted values take one path (issue 14): the editor keeps what was typed as typed, and the
 * cell's text is read by core/count.ts whether it came from the keyboard or the clipboard. The real
 * keyboard is in test/e2e/shift-tally.test.ts.
 */
const reasons: DamageReason[] = DAMAGE_REASONS.filter((r) => r.appliesTo === 'ballot')

const row: TallyBase = {
  id: 't:1',
  teamId: 1,
  workerId: null,
  team: 'Mawar',
  worker: null,
  serah: 0,
  hasil: 0,
  rusak: 0,
  rusakBy: {},
  kembali: 0,
  proses: 100,
}
const world: TallyWorld = {
  shiftId: 1,
  unit: 'lembar',
  variant: { label: 'Gubernur', itemName: 'Surat suara Gubernur', kind: 'ballot' },
  teamInShift: () => 'Mawar',
  teamName: () => 'Mawar',
  workerName: () => undefined,
  presentIn: () => undefined,
  inProcess: () => 100,
  stock: 1000,
}

/** What the editor holds after typing `s` key by key into an empty cell. */
const typed = (s: string) => {
  const [first, ...rest] = [...s]
  return editorStartText(first, '') + rest.join('')
}

describe('one input path for typed and pasted counts', () => {
  it('keeps every typed key, so the count reader sees what was typed', () => {
    for (const s of ['-5', '1,5', '٣', '5e3', '4.500']) expect(typed(s), s).toBe(s)
    expect(editorStartText('Backspace', '12')).toBe('')
    expect(editorStartText(undefined, '12')).toBe('12')
  })

  it('marks a damage cell holding "-5", "1,5", "٣" or "5e3" with the count reader\'s own refusal', () => {
    const col = `rusak.${reasons[0]!.code}`
    for (const s of ['-5', '1,5', '٣', '5e3', '100000001']) {
      const read = parseCount(s)
      expect(read.ok, s).toBe(false)
      const errs = validateEntries([row], { [row.id]: { [col]: typed(s) } }, reasons, world)
      expect(errs[row.id]?.[col], s).toBe(read.ok ? undefined : read.message)
    }
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
