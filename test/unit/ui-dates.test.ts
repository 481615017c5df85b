import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * One set of formats (issue 14): every date, time and number on screen goes through src/ui/format.ts, and
 * every date or time is typed into DateField/TimeField (components/DateField.tsx). A native date or time box
 * follows the browser's language (mm/dd/yyyy, AM/PM on an English Windows); a page's own toLocaleString or
 * Intl formatter is a second place where the form can drift.
 */
const ROOT = resolve(__dirname, '../..')
const UI = join(ROOT, 'src/ui')
const FORMAT = join(UI, 'format.ts')

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(name) ? [p] : []
  })
}

const FORBIDDEN: [string, RegExp][] = [
  ['a native date or time box', /type=["'{]+(date|time|datetime-local|month|week)["'}]/],
  ['a formatter of its own', /\.toLocale(Date|Time)?String\(|new Intl\.(DateTimeFormat|NumberFormat)\(/],
  ["the PC's clock read by hand", /\.get(Hours|Minutes|Date|Month|FullYear)\(\)/],
]

describe('dates, times and numbers on screen', () => {
  it('are formatted only in src/ui/format.ts and typed only into the date and time fields', () => {
    const found: string[] = []
    for (const file of walk(UI)) {
      if (file === FORMAT) continue
      const lines = readFileSync(file, 'utf8').split('\n')
      lines.forEach((line, i) => {
        for (const [what, re] of FORBIDDEN)
          if (re.test(line)) found.push(`${relative(ROOT, file)}:${i + 1} ${what}: ${line.trim()}`)
      })
    }
    expect(found).toEqual([])
  })
})
