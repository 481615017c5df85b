import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Which folder may import which (ARCHITECTURE.md): a reader knows from a file's folder what it may touch.
 * Layers are matched longest prefix first; `packages` lists the bare imports a layer may use.
 */
const ROOT = resolve(__dirname, '../..')

interface Rule {
  layers: string[]
  packages: (string | RegExp)[]
}

const NODE = /^node:/
const RULES: Record<string, Rule> = {
  // unhomoglyph: Unicode's confusables table, the data of the look-alike name rule (core/names.ts).
  'src/core': { layers: ['src/core'], packages: ['unhomoglyph'] },
  'src/api/contract': { layers: ['src/api/contract', 'src/core'], packages: ['zod'] },
  'src/db': { layers: ['src/db', 'src/core'], packages: [NODE, 'better-sqlite3'] },
  'src/reports': { layers: ['src/reports', 'src/core'], packages: [NODE, 'exceljs', 'pdfkit', 'pdfmake'] },
  'src/services': { layers: ['src/services', 'src/db', 'src/core', 'src/reports'], packages: [NODE, 'exceljs'] },
  'src/api': { layers: ['src/api', 'src/services', 'src/db', 'src/core', 'package.json'], packages: [NODE, 'zod'] },
  // @peculiar/x509 (with the reflect-metadata it needs): the LAN host's self-signed certificate.
  'src/server': {
    layers: ['src/server', 'src/api', 'src/db/paths.ts', 'src/core'],
    packages: [NODE, '@peculiar/x509', 'reflect-metadata'],
  },
  'src/cli': { layers: ['src/cli', 'src/api', 'src/server', 'src/db/paths.ts', 'src/core'], packages: [NODE, 'zod'] },
  'src/ui': {
    layers: ['src/ui', 'src/api/contract', 'src/core'],
    packages: ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', /^ag-grid-(community|react)$/],
  },
  'electron/main': {
    // src/cli: the installed app runs the command line for its `cli` argument (electron/main/cli.ts).
    // src/server: the LAN listener of a host and the forwarding client of a station (src/server/lan).
    layers: ['electron/main', 'src/cli', 'src/api', 'src/server', 'src/db/paths.ts', 'src/core'],
    packages: [NODE, 'electron'],
  },
  'electron/preload': { layers: ['electron/preload'], packages: ['electron'] },
}

const SOURCE = /\.(ts|tsx|mts|mjs|js)$/

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? walk(p) : SOURCE.test(name) && !name.endsWith('.d.ts') ? [p] : []
  })
}

/** Import specifiers of real (value) imports; `import type` is erased and crosses no boundary at run time. */
export function importsOf(text: string): string[] {
  const out: string[] = []
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  const patterns = [
    /^\s*import\s+(?!type\s)(?:[\s\S]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
    /^\s*export\s+(?!type\s)[^'";]*?\sfrom\s+['"]([^'"]+)['"]/gm,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ]
  for (const re of patterns) for (const m of code.matchAll(re)) out.push(m[1] as string)
  return out
}

function ruleFor(rel: string): [string, Rule] | undefined {
  const key = Object.keys(RULES)
    .sort((a, b) => b.length - a.length)
    .find((k) => rel === k || rel.startsWith(k + '/'))
  return key ? [key, RULES[key] as Rule] : undefined
}

/** Problems in one file, given its path relative to the repo root and its text. */
function violations(rel: string, text: string): string[] {
  const found = ruleFor(rel)
  const specs = importsOf(text)
  const problems: string[] = []
  for (const spec of specs) {
    if (spec === 'electron' && !rel.startsWith('electron/')) {
      problems.push(`${rel} imports electron outside electron/`)
      continue
    }
    if (!found) continue
    const [layer, rule] = found
    if (spec.startsWith('.')) {
      const target = relative(ROOT, resolve(ROOT, dirname(rel), spec)).replaceAll('\\', '/')
      const ok = rule.layers.some(
        (l) => target === l || target.startsWith(l + '/') || target === l.replace(/\.ts$/, ''),
      )
      if (!ok) problems.push(`${rel} (${layer}) imports ${target}`)
    } else {
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec
      const ok = rule.packages.some((p) => (typeof p === 'string' ? p === spec || p === pkg : p.test(spec)))
      if (!ok) problems.push(`${rel} (${layer}) imports package ${spec}`)
    }
  }
  return problems
}

describe('dependency rules', () => {
  const files = [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'electron')), ...walk(join(ROOT, 'test'))]

  it('finds the source files it checks', () => {
    expect(files.some((f) => f.includes('src/core/'))).toBe(true)
    expect(files.some((f) => f.includes('src/ui/'))).toBe(true)
  })

  it('every import points the allowed way', () => {
    const problems = files.flatMap((f) => violations(relative(ROOT, f).replaceAll('\\', '/'), readFileSync(f, 'utf8')))
    expect(problems).toEqual([])
  })

  it('reads value imports and skips type-only imports', () => {
    const specs = importsOf(
      `import a from './a'\nimport type { B } from '../db/b'\nimport { c,\n d } from "zod"\nexport { e } from './e'\nexport type { F } from './f'\nconst g = await import('./g')\n// import x from 'ignored'\n`,
    )
    expect(specs).toEqual(['./a', 'zod', './e', './g'])
  })

  it('flags files that cross a boundary', () => {
    expect(violations('src/ui/pages/Fake.tsx', `import { openDatabase } from '../../db/open'`)).toEqual([
      'src/ui/pages/Fake.tsx (src/ui) imports src/db/open',
    ])
    expect(violations('src/ui/api.ts', `import { contract } from '../api/contract'`)).toEqual([])
    expect(violations('src/core/x.ts', `import { readFileSync } from 'node:fs'`)).toEqual([
      'src/core/x.ts (src/core) imports package node:fs',
    ])
    expect(violations('src/core/x.ts', `import { z } from 'zod'`)).toHaveLength(1)
    expect(violations('src/services/x.ts', `import { BrowserWindow } from 'electron'`)).toEqual([
      'src/services/x.ts imports electron outside electron/',
    ])
    expect(violations('src/api/contract/x.ts', `import { listTps } from '../../services/wilayah'`)).toHaveLength(1)
    expect(violations('src/services/x.ts', `import { createDispatcher } from '../api/dispatch'`)).toHaveLength(1)
    expect(violations('electron/preload/index.ts', `import { openApp } from '../../src/api/app'`)).toHaveLength(1)
  })
})
