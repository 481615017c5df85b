import { describe, expect, it } from 'vitest'
import { parseCount } from '../../../src/core/count'
import { DAMAGE_REASONS } from '../../../src/core/reasons'
import type { TallyWorld } from '../../../src/core/tally'
import { editorStartText } from '../../../src/core/sheet'
import { validateEntries, type DamageReason, type TallyBase } from '../../../src/ui/components/TallyGridModel'

/**
 * Typed and pasted values take one path (issue 14): the editor keeps what was typed as typed, and the
 * cell's text is read by core/count.ts whether it came from the keyboard or the clipboard. The real
 * keyboard is in test/e2e/shift-tally.test.ts; the editor's own start and the sheet keys in
 * test/unit/sheet.test.ts.
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
