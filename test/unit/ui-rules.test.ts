import { readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { filesUnder } from '../support/files'

/**
 * Every rule once, in core (docs/architecture.md "Layers"): the screen imports what the service uses, so the
 * two cannot disagree. These checks fail when src/ui writes a rule of its own: a regular expression, a TPS
 * number padded by hand, or a table whose keys or words are a core export's. What the UI may keep is listed
 * here, each with the reason it is not a rule of the warehouse.
 */
const ROOT = resolve(__dirname, '../..')
const UI = join(ROOT, 'src/ui')
const CORE = join(ROOT, 'src/core')

const rel = (p: string) => relative(ROOT, p).replaceAll('\\', '/')

function parse(file: string, text = readFileSync(file, 'utf8')): ts.SourceFile {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind)
}

function each(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node)
  ts.forEachChild(node, (c) => each(c, visit))
}

const uiFiles = filesUnder(UI, /\.tsx?$/)

/* ------------------------------------------------------------- regexes */

/**
 * Regular expressions the UI may hold: reading its own inputs, routes and display strings. A pattern that
 * decides what the warehouse accepts (a name, a number, a date, a place) belongs in src/core.
 */
const ALLOWED_REGEX: { file: string; regex: string; why: string }[] = [
  { file: 'src/ui/router.ts', regex: String.raw`/^#\/?/`, why: 'the hash route' },
  { file: 'src/ui/pages/kemas/Kemas.tsx', regex: String.raw`/^\d+$/`, why: 'a route segment that is a TPS id' },
  { file: 'src/ui/components/Form.tsx', regex: String.raw`/\D/g`, why: 'a PIN box keeps digits only' },
  { file: 'src/ui/components/UserSwitchDialog.tsx', regex: String.raw`/\D/g`, why: 'a PIN box keeps digits only' },
  { file: 'src/ui/components/ScanField.tsx', regex: String.raw`/[\r\n]+/g`, why: 'a scanner ends a code with Enter' },
  { file: 'src/ui/components/ScanField.tsx', regex: String.raw`/[\r\n]/`, why: 'a scanner ends a code with Enter' },
  // The tally grid: its header text and the clipboard (counts, typed or pasted, are core/count.ts's).
  { file: 'src/ui/components/TallyGridColumns.tsx', regex: String.raw`/\//g`, why: 'a header breaks at its slash' },
  { file: 'src/ui/components/TallyGridModel.ts', regex: String.raw`/\r?\n/`, why: 'clipboard rows' },
  { file: 'src/ui/components/TallyGridModel.ts', regex: String.raw`/^rows\.(\d+)\.(.+)$/`, why: 'an input path' },
  { file: 'src/ui/pages/cadangan/backups.tsx', regex: String.raw`/[\\/]/`, why: 'the file name of a path' },
  { file: 'src/ui/pages/cadangan/backups.tsx', regex: String.raw`/\.[^.]+$/`, why: 'a file name without extension' },
  {
    file: 'src/ui/pages/dokumen/DokumenShared.tsx',
    regex: String.raw`/\b(\d{4}-\d{2}-\d{2})\b/g`,
    why: "dates inside a document's subject",
  },
  { file: 'src/ui/pages/dokumen/DokumenShared.tsx', regex: String.raw`/SALINAN/`, why: 'the file name the API gave' },
  // Where the API's messages point: a refused line by its input path.
  { file: 'src/ui/pages/kemas/KemasKitIsi.tsx', regex: String.raw`/^lines\.(\d+)\./`, why: 'an input path' },
  {
    file: 'src/ui/pages/penerimaan/PenerimaanForm.tsx',
    regex: String.raw`/^lines\.(\d+)\.(\w+)$/`,
    why: 'an input path',
  },
  { file: 'src/ui/pages/kemas/KemasShiftHasil.tsx', regex: String.raw`/^Dikemas /`, why: "the API's place label" },
  {
    file: 'src/ui/pages/pengaturan/PengaturanPenandaTangan.tsx',
    regex: String.raw`/pejabat pembuat komitmen|\bPPK\b/i`,
    why: 'when to spell out which PPK a signer is',
  },
]

function regexesIn(file: string, text?: string): string[] {
  const out: string[] = []
  each(parse(file, text), (n) => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) out.push(n.getText())
  })
  return out
}

/* ------------------------------------------------------------ core tables */

interface CoreTable {
  name: string
  keys: Set<string>
  words: Set<string>
}

const word = (s: string) => s.trim().toLowerCase()

/** Every exported table of core: objects (their keys, and the words they hold) and lists of strings. */
async function coreTables(): Promise<CoreTable[]> {
  const tables: CoreTable[] = []
  for (const file of filesUnder(CORE, /\.ts$/)) {
    const mod = (await import(file)) as Record<string, unknown>
    for (const [name, value] of Object.entries(mod)) {
      if (!value || typeof value !== 'object') continue
      const words = new Set<string>()
      const collect = (v: unknown) => {
        if (typeof v === 'string') words.add(word(v))
        else if (v && typeof v === 'object' && !Array.isArray(v))
          for (const x of Object.values(v as Record<string, unknown>)) if (typeof x === 'string') words.add(word(x))
      }
      if (Array.isArray(value)) {
        if (!value.every((v) => typeof v === 'string')) continue
        tables.push({ name: `${rel(file)} ${name}`, keys: new Set(value as string[]), words: new Set() })
        continue
      }
      Object.values(value).forEach(collect)
      tables.push({ name: `${rel(file)} ${name}`, keys: new Set(Object.keys(value)), words })
    }
  }
  return tables
}

interface UiTable {
  at: string
  name: string
  keys: Set<string>
  words: string[]
}

const propName = (p: ts.ObjectLiteralElementLike): string | null => {
  if (!p.name) return null
  if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name)) return p.name.text
  return null
}

/** Object and array literals bound to a name at the top of a UI module. */
function uiTables(file: string, text?: string): UiTable[] {
  const src = parse(file, text)
  const out: UiTable[] = []
  for (const stmt of src.statements) {
    if (!ts.isVariableStatement(stmt)) continue
    for (const d of stmt.declarationList.declarations) {
      let init = d.initializer
      while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)))
        init = init.expression
      if (!init || !ts.isIdentifier(d.name)) continue
      const at = `${rel(file)}:${src.getLineAndCharacterOfPosition(d.getStart()).line + 1}`
      const words: string[] = []
      if (ts.isObjectLiteralExpression(init)) {
        const keys = new Set<string>()
        for (const p of init.properties) {
          const k = propName(p)
          if (k !== null) keys.add(k)
          if (ts.isPropertyAssignment(p)) {
            const v = p.initializer
            if (ts.isStringLiteral(v) || ts.isNoSubstitutionTemplateLiteral(v)) words.push(word(v.text))
            if (ts.isObjectLiteralExpression(v))
              for (const q of v.properties)
                if (ts.isPropertyAssignment(q) && ts.isStringLiteral(q.initializer))
                  words.push(word(q.initializer.text))
          }
        }
        out.push({ at, name: d.name.text, keys, words })
      } else if (ts.isArrayLiteralExpression(init)) {
        const items = init.elements.filter(ts.isStringLiteral).map((e) => e.text)
        if (items.length === init.elements.length && items.length > 0)
          out.push({ at, name: d.name.text, keys: new Set(items), words: [] })
      }
    }
  }
  return out
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x))

/** UI tables keyed like a core table that are the UI's own words, not a second copy of a rule. */
const ALLOWED_TABLES: { name: string; file: string; why: string }[] = []

/** Lines that write a TPS number by hand instead of calling formatTpsNumber. */
const paddedTps = (file: string, text = readFileSync(file, 'utf8')) =>
  text
    .split('\n')
    .map((line, i) => ({ at: `${rel(file)}:${i + 1}`, line }))
    .filter(({ line }) => /padStart\(\s*3\b|['"`]TPS ['"`]?\s*\+|TPS \$\{String\(/.test(line))

function copiedTables(file: string, core: CoreTable[], text?: string): string[] {
  const problems: string[] = []
  for (const t of uiTables(file, text)) {
    if (ALLOWED_TABLES.some((a) => a.name === t.name && a.file === rel(file))) continue
    for (const c of core) {
      const shared = new Set(t.words.filter((w) => c.words.has(w)))
      if (t.keys.size >= 2 && sameSet(t.keys, c.keys)) problems.push(`${t.at} ${t.name}: the keys of ${c.name}`)
      else if (shared.size >= 2) problems.push(`${t.at} ${t.name}: words of ${c.name} (${[...shared].join(', ')})`)
    }
  }
  return problems
}

/** Literal lists given to z.enum in a contract file: the values an input may take. */
function enumLists(file: string, text?: string): UiTable[] {
  const src = parse(file, text)
  const out: UiTable[] = []
  each(src, (n) => {
    if (!ts.isCallExpression(n) || n.expression.getText(src) !== 'z.enum') return
    const arg = n.arguments[0]
    if (!arg || !ts.isArrayLiteralExpression(arg)) return
    const items = arg.elements.filter(ts.isStringLiteral).map((e) => e.text)
    const at = `${rel(file)}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`
    out.push({ at, name: 'z.enum', keys: new Set(items), words: [] })
  })
  return out
}

const copiedEnums = (file: string, core: CoreTable[], text?: string): string[] =>
  enumLists(file, text).flatMap((e) =>
    core
      .filter((c) => e.keys.size >= 2 && sameSet(e.keys, c.keys))
      .map((c) => `${e.at} ${e.name}: the keys of ${c.name}`),
  )

/* ------------------------------------------------------------------ tests */

describe('every rule once, in core', () => {
  it('src/ui holds no regular expression but those listed (UI plumbing, not rules of the warehouse)', () => {
    const found = uiFiles.flatMap((f) => regexesIn(f).map((regex) => ({ file: rel(f), regex })))
    const allowed = new Set(ALLOWED_REGEX.map((a) => `${a.file} ${a.regex}`))
    const foundKeys = new Set(found.map((f) => `${f.file} ${f.regex}`))
    expect(found.filter((f) => !allowed.has(`${f.file} ${f.regex}`))).toEqual([])
    // The list stays exact: an entry whose regex is gone is removed from it.
    expect([...allowed].filter((a) => !foundKeys.has(a))).toEqual([])
  })

  it("the contract's value lists that core holds are core's own, not a second literal list", async () => {
    const core = await coreTables()
    const contract = filesUnder(join(ROOT, 'src/api/contract'), /\.ts$/)
    expect(contract.flatMap((f) => copiedEnums(f, core))).toEqual([])
  })

  it('a TPS number is written by core/tps.ts formatTpsNumber only', () => {
    const offenders = ['src/ui', 'src/services', 'src/reports', 'src/api', 'src/cli', 'src/db']
      .flatMap((d) => filesUnder(join(ROOT, d), /\.(ts|tsx)$/))
      .flatMap((f) => paddedTps(f))
    expect(offenders).toEqual([])
  })

  it("no table in src/ui restates a core export's keys or words", async () => {
    const core = await coreTables()
    const problems = uiFiles.flatMap((f) => copiedTables(f, core))
    expect(problems).toEqual([])
  })

  it('the checks see a copied rule: a rounding table, a padded TPS number, a regex', async () => {
    // The checks above pass on an empty result as well; here they are shown a page that copies core.
    const page = join(UI, 'pages/contoh/Contoh.tsx')
    const text = `
      const ROUNDING_INFO = { up: 'Ke atas', nearest: 'Ke terdekat', down: 'Ke bawah', up_even: 'Genap ke atas' }
      const ROLE_NAMES = { a: 'Operator', b: 'Koordinator' }
      export const tpsLabel = (n: number) => 'TPS ' + String(n).padStart(3, '0')
      const daerah = (s: string) => s.replace(/^(kabupaten|kota)\\s+/i, '')`
    const core = await coreTables()
    expect(copiedTables(page, core, text)).toEqual([
      'src/ui/pages/contoh/Contoh.tsx:2 ROUNDING_INFO: the keys of src/core/reserve.ts ROUNDINGS',
      'src/ui/pages/contoh/Contoh.tsx:2 ROUNDING_INFO: the keys of src/core/reserve.ts ROUNDING_LABELS',
      'src/ui/pages/contoh/Contoh.tsx:2 ROUNDING_INFO: the keys of src/core/reserve.ts ROUNDING_EXPLAIN',
      'src/ui/pages/contoh/Contoh.tsx:3 ROLE_NAMES: words of src/core/roles.ts ROLE_LABEL (operator, koordinator)',
    ])
    expect(paddedTps(page, text).map((o) => o.at)).toEqual(['src/ui/pages/contoh/Contoh.tsx:4'])
    const contract = join(ROOT, 'src/api/contract/contoh.ts')
    expect(
      copiedEnums(contract, core, `export const R = z.object({ r: z.enum(['down', 'up', 'nearest', 'up_even']) })`),
    ).toEqual([
      'src/api/contract/contoh.ts:1 z.enum: the keys of src/core/reserve.ts ROUNDINGS',
      'src/api/contract/contoh.ts:1 z.enum: the keys of src/core/reserve.ts ROUNDING_LABELS',
      'src/api/contract/contoh.ts:1 z.enum: the keys of src/core/reserve.ts ROUNDING_EXPLAIN',
    ])
    expect(regexesIn(page, text)).toEqual([String.raw`/^(kabupaten|kota)\s+/i`])
  })
})
