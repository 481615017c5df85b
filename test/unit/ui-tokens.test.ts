import { readFileSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { filesUnder } from '../support/files'

/**
 * One look (docs/architecture.md "UI"): every colour, type size, spacing step, radius and breakpoint of the
 * stylesheets comes from src/ui/tokens.css, each state has one colour, and every class says whose it is
 * (docs/glossary.md: a page's classes carry its concept's prefix, a component's its own).
 */
const ROOT = resolve(__dirname, '../..')
const UI = join(ROOT, 'src/ui')
const TOKENS = join(UI, 'tokens.css')

const rel = (p: string) => relative(ROOT, p).replaceAll('\\', '/')
const sheets = filesUnder(UI, /\.css$/, { declarations: true }).filter((f) => f !== TOKENS)
const uncommented = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))

interface Decl {
  file: string
  line: number
  selector: string
  property: string
  value: string
}

/** Every declaration of a sheet with the selector it sits under (nested @media blocks included). */
function declarations(file: string, css = readFileSync(file, 'utf8')): Decl[] {
  const text = uncommented(css)
  const out: Decl[] = []
  const stack: string[] = []
  let buf = ''
  let line = 1
  let bufLine = 1
  for (const ch of text) {
    if (ch === '{') {
      stack.push(buf.trim())
      buf = ''
    } else if (ch === '}') {
      flush()
      stack.pop()
      buf = ''
    } else if (ch === ';') {
      flush()
      buf = ''
    } else {
      if (buf.trim() === '') bufLine = line
      buf += ch
    }
    if (ch === '\n') line++
  }
  function flush() {
    const m = /^\s*([-a-z]+)\s*:\s*([\s\S]*)$/.exec(buf)
    if (!m || stack.length === 0) return
    const selector = stack.filter((s) => !s.startsWith('@')).join(' ') || stack.join(' ')
    out.push({ file: rel(file), line: bufLine, selector, property: m[1]!, value: m[2]!.trim().replace(/\s+/g, ' ') })
  }
  return out
}

/* ------------------------------------------------------------- raw values */

const COLOUR =
  /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(|\b(?:white|black|red|green|blue|gray|grey|silver|maroon|navy|yellow|orange|purple|teal|olive|lime|aqua|fuchsia)\b/i
const SPACING =
  /^(?:margin|padding)(?:-(?:top|right|bottom|left|block|inline)(?:-(?:start|end))?)?$|^(?:row-|column-)?gap$/
const SPACE_TERM =
  /^(?:0|auto|inherit|var\(--space-\d\)|calc\((?:-1 \* )?var\(--space-\d\)(?: [-+] var\(--space-\d\))*\))$/
const SIZE_TERM = /^(?:inherit|var\(--text-(?:xs|sm|md|lg|xl|2xl)\))$/
const RADIUS_TERM = /^(?:0|inherit|var\(--radius(?:-sm|-pill|-round)?\))$/

/** Terms of a value, with calc(...) and var(...) kept whole. */
function terms(value: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  for (const ch of value) {
    if (ch === '(') depth++
    if (ch === ')') depth--
    if (ch === ' ' && depth === 0) {
      if (cur) out.push(cur)
      cur = ''
    } else cur += ch
  }
  if (cur) out.push(cur)
  return out
}

function rawValues(decls: Decl[]): string[] {
  const found: string[] = []
  for (const d of decls) {
    const at = `${d.file}:${d.line} ${d.selector} { ${d.property}: ${d.value} }`
    if (!d.property.startsWith('--') && COLOUR.test(d.value)) found.push(`colour ${at}`)
    if (d.property === 'font-size' && !SIZE_TERM.test(d.value)) found.push(`size ${at}`)
    if (SPACING.test(d.property) && !terms(d.value).every((t) => SPACE_TERM.test(t))) found.push(`spacing ${at}`)
    if (d.property === 'border-radius' && !terms(d.value).every((t) => RADIUS_TERM.test(t))) found.push(`radius ${at}`)
    if (d.property.startsWith('--') && !/^--tone$/.test(d.property))
      found.push(`custom property outside tokens.css ${at}`)
  }
  return found
}

/** The few raw values a sheet keeps, each for a reason no token could serve. */
const ALLOWED_RAW: { at: RegExp; why: string }[] = [
  { at: /^spacing src\/ui\/styles\.css:\d+ \.tab \{ margin-bottom: -1px \}$/, why: 'a tab covers the bar line' },
  { at: /^size src\/ui\/styles\.css:\d+ :root \{ font-size: 11pt \}$/, why: 'paper is set in points' },
]

/** Widths an @media query may use: the breakpoints tokens.css names. */
function breakpoints(): Map<string, string> {
  const map = new Map<string, string>()
  for (const m of readFileSync(TOKENS, 'utf8').matchAll(/(--bp-[a-z]+):\s*(\d+px);/g)) map.set(m[2]!, m[1]!)
  return map
}

function mediaWidths(file: string): { at: string; width: string }[] {
  const text = uncommented(readFileSync(file, 'utf8'))
  const out: { at: string; width: string }[] = []
  for (const m of text.matchAll(/@media[^{]*/g))
    for (const w of m[0].matchAll(/(?:min|max)-width:\s*([^)]+)\)/g))
      out.push({ at: `${rel(file)} ${m[0].trim()}`, width: w[1]!.trim() })
  return out
}

/* ------------------------------------------------------------------ prefixes */

/** The prefix of each page folder's classes (docs/glossary.md); components keep their own names. */
const PAGE_PREFIX: Record<string, string> = {
  beranda: 'beranda-',
  penerimaan: 'penerimaan-',
  shift: 'shift-',
  pekerja: 'pekerja-',
  kemas: 'kemas-',
  serahTerima: 'serah-terima-',
  pemusnahan: 'pemusnahan-',
  dokumen: 'dokumen-',
  cekDokumen: 'dokumen-',
  wilayah: 'wilayah-',
  kebutuhan: 'kebutuhan-',
  pengaturan: 'pengaturan-',
  pengguna: 'pengguna-',
  cadangan: 'cadangan-',
  integritas: 'integritas-',
  pemulihan: 'pemulihan-',
  setup: 'setup-',
  stasiun: 'stasiun-',
}

/** A component's sheet names its classes after the component: jobs.css .job-, charts/charts.css .chart-. */
const COMPONENT_PREFIX: Record<string, string[]> = {
  'components/scan.css': ['scan-'],
  'components/user.css': ['user-'],
  'components/jobs.css': ['job'],
  'components/history.css': ['history-'],
  'components/status.css': ['status-'],
  'components/tally.css': ['tally-'],
  'components/charts/charts.css': ['chart', 'legend-'],
  'components/date.css': ['date-', 'datetime-'],
}

/** Each selector of a sheet (comma-separated lists split), with where it is. */
function selectors(file: string): { at: string; selector: string }[] {
  const seen = new Set<string>()
  const out: { at: string; selector: string }[] = []
  for (const d of declarations(file))
    for (const sel of d.selector.split(',').map((x) => x.trim())) {
      if (seen.has(sel)) continue
      seen.add(sel)
      out.push({ at: `${rel(file)}:${d.line}`, selector: sel })
    }
  return out
}

const classesIn = (selector: string) => [...selector.matchAll(/\.([a-zA-Z_][\w-]*)/g)].map((m) => m[1]!)

/* --------------------------------------------------------------------- tests */

describe('one look: tokens', () => {
  it('no colour, type size, spacing or radius in a stylesheet except through tokens.css', () => {
    const found = sheets.flatMap((f) => rawValues(declarations(f)))
    expect(found.filter((f) => !ALLOWED_RAW.some((a) => a.at.test(f)))).toEqual([])
    // The allow-list stays exact: each entry still matches something.
    expect(ALLOWED_RAW.filter((a) => !found.some((f) => a.at.test(f))).map((a) => a.why)).toEqual([])
  })

  it('every @media query uses a breakpoint of tokens.css, and there are two or three of them', () => {
    const bps = breakpoints()
    expect(bps.size).toBeGreaterThanOrEqual(2)
    expect(bps.size).toBeLessThanOrEqual(3)
    const bad = sheets.flatMap(mediaWidths).filter((m) => !bps.has(m.width))
    expect(bad).toEqual([])
  })

  it('the scales are short: 4–6 type sizes, 4–6 spacing steps', () => {
    const tokens = readFileSync(TOKENS, 'utf8')
    const count = (re: RegExp) => [...tokens.matchAll(re)].length
    expect(count(/^\s*--text-[a-z0-9]+:/gm)).toBeGreaterThanOrEqual(4)
    expect(count(/^\s*--text-[a-z0-9]+:/gm)).toBeLessThanOrEqual(6)
    expect(count(/^\s*--space-\d:/gm)).toBeGreaterThanOrEqual(4)
    expect(count(/^\s*--space-\d:/gm)).toBeLessThanOrEqual(6)
  })

  it('each state has one colour token, and a badge class that uses it', () => {
    const tokens = readFileSync(TOKENS, 'utf8')
    const status = readFileSync(join(UI, 'components/status.css'), 'utf8')
    const states = [
      'belum',
      'sebagian',
      'lengkap',
      'diserahkan',
      'diterima',
      'perlu-diperiksa',
      'kurang',
      'lebih',
      'rusak',
      'tertukar',
      'error',
      'warning',
      'success',
      'info',
    ]
    for (const s of states) {
      expect(tokens, s).toMatch(new RegExp(`^\\s*--state-${s}:`, 'm'))
      expect(status, s).toMatch(new RegExp(`\\.status-${s} \\{\\s*--tone: var\\(--state-${s}\\);`))
    }
  })

  it("no palette in the UI code: colours are the stylesheets' (through tokens) or the data's", () => {
    const code = filesUnder(UI, /\.tsx?$/, { declarations: true }).filter((f) => !f.endsWith('.d.ts'))
    const found = code.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((l, i) => ({ at: `${rel(f)}:${i + 1}`, l }))
        .filter(
          ({ l }) =>
            /(?<![&\w])#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b(?!['"]?\s*:)|\brgba?\(/.test(l) && !/href|#\//.test(l),
        ),
    )
    expect(found.map((f) => f.at)).toEqual([])
  })

  it('the checks see raw values: a copied page with its own red, size, padding and breakpoint', () => {
    const file = join(UI, 'pages/contoh/contoh.css')
    const css = `.contoh-box { color: #c40000; font-size: 13px; padding: 6px var(--space-2); border-radius: 7px }
      @media (max-width: 1000px) { .contoh-box { margin: 0 } }`
    expect(rawValues(declarations(file, css)).map((f) => f.split(' ')[0])).toEqual([
      'colour',
      'size',
      'spacing',
      'radius',
    ])
  })
})

describe('one look: class names', () => {
  it("every rule of a page's sheet is scoped by a class with its concept's prefix", () => {
    const bad: string[] = []
    for (const f of sheets.filter((f) => rel(f).startsWith('src/ui/pages/'))) {
      const folder = basename(dirname(f))
      const prefix = PAGE_PREFIX[folder]
      expect(prefix, `no prefix known for src/ui/pages/${folder}`).toBeDefined()
      for (const s of selectors(f))
        if (!/^(?:\d+%|from|to)$/.test(s.selector) && !classesIn(s.selector).some((c) => c.startsWith(prefix!)))
          bad.push(`${s.at} ${s.selector}`)
    }
    expect(bad).toEqual([])
  })

  it("every rule of a component's sheet is scoped by a class with the component's prefix", () => {
    const bad: string[] = []
    for (const f of sheets.filter((f) => rel(f).startsWith('src/ui/components/'))) {
      const key = rel(f).replace('src/ui/', '')
      const prefixes = COMPONENT_PREFIX[key]
      expect(prefixes, `no prefix known for ${key}`).toBeDefined()
      for (const s of selectors(f))
        if (
          !/^@keyframes|^(?:\d+%|from|to)$/.test(s.selector) &&
          !classesIn(s.selector).some((c) => prefixes!.some((p) => c.startsWith(p)))
        )
          bad.push(`${s.at} ${s.selector}`)
    }
    expect(bad).toEqual([])
  })

  it('no page sheet is shared between pages', () => {
    const imports = filesUnder(UI, /\.tsx?$/, { declarations: true }).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/^import '([^']+\.css)'/gm)].map((m) => ({
        from: rel(f),
        sheet: rel(resolve(dirname(f), m[1]!)),
      })),
    )
    const crossing = imports.filter((i) => i.sheet.startsWith('src/ui/pages/') && dirname(i.sheet) !== dirname(i.from))
    expect(crossing).toEqual([])
  })
})
