import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importsOf, resolveImport } from '../support/imports'
import { filesUnder } from '../support/files'

/**
 * Which folder may import which (docs/architecture.md): a reader knows from a file's folder what it may
 * touch. Layers are matched longest prefix first; `packages` lists the bare imports a layer may use.
 * Type imports count like any other: a ui file that takes a type from services depends on services' model
 * as much as one that calls it. And no file of src/ reaches itself again through its imports.
 */
const ROOT = resolve(__dirname, '../..')

interface Rule {
  layers: string[]
  packages: (string | RegExp)[]
  /** Layers only whose types it may use (`import type`): erased when built, so they add no code. */
  typesFrom?: string[]
}

const NODE = /^node:/
const MODEL = ['src/api/contract']
const RULES: Record<string, Rule> = {
  // unhomoglyph: Unicode's confusables table, the data of the look-alike name rule (core/names.ts).
  'src/core': { layers: ['src/core'], packages: ['unhomoglyph'] },
  'src/api/contract': { layers: ['src/api/contract', 'src/core'], packages: ['zod'] },
  // The contract's zod schemas are the one model of every entity (issue 11): the layers below the api use
  // their inferred types, never the schemas themselves.
  'src/db': { layers: ['src/db', 'src/core'], packages: [NODE, 'better-sqlite3'], typesFrom: MODEL },
  'src/reports': {
    layers: ['src/reports', 'src/core'],
    packages: [NODE, 'exceljs', 'pdfkit', 'pdfmake'],
    typesFrom: MODEL,
  },
  'src/services': {
    layers: ['src/services', 'src/db', 'src/core', 'src/reports'],
    packages: [NODE, 'exceljs'],
    typesFrom: MODEL,
  },
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
  // The bridge is typed by the contract's answer shape; a value import would bundle zod into the preload.
  'electron/preload': { layers: ['electron/preload'], packages: ['electron'], typesFrom: ['src/api/contract'] },
}

const SOURCE = /\.(ts|tsx|mts|mjs|js)$/

/**
 * Every import cycle among `files` (one per strongly connected group of files, Tarjan's algorithm), each as
 * a path that starts and ends at the same file: a -> b -> c -> a.
 */
export function importCycles(files: Map<string, string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const groups: string[][] = []
  const visit = (v: string): void => {
    index.set(v, index.size)
    low.set(v, index.get(v)!)
    stack.push(v)
    onStack.add(v)
    for (const w of files.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const group: string[] = []
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      onStack.delete(w)
      group.push(w)
      if (w === v) break
    }
    if (group.length > 1 || (files.get(v) ?? []).includes(v)) groups.push(group)
  }
  for (const f of [...files.keys()].sort()) if (!index.has(f)) visit(f)
  // Name each group by one cycle through it: the shortest way back to its first file.
  return groups.map((group) => {
    const inGroup = new Set(group)
    const start = [...group].sort()[0]!
    const from = new Map<string, string>([[start, '']])
    const queue = [start]
    for (let i = 0; i < queue.length; i++) {
      for (const w of files.get(queue[i]!) ?? []) {
        if (w === start) {
          const path = [start]
          for (let at = queue[i]!; at !== start; at = from.get(at)!) path.splice(1, 0, at)
          return [...path, start]
        }
        if (inGroup.has(w) && !from.has(w)) {
          from.set(w, queue[i]!)
          queue.push(w)
        }
      }
    }
    return [...group, group[0]!]
  })
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
  const problems: string[] = []
  for (const { spec, typeOnly } of importsOf(text)) {
    if (spec === 'electron' && !rel.startsWith('electron/')) {
      problems.push(`${rel} imports electron outside electron/`)
      continue
    }
    if (!found) continue
    const [layer, rule] = found
    if (spec.startsWith('.')) {
      const target = relative(ROOT, resolve(ROOT, dirname(rel), spec)).replaceAll('\\', '/')
      const layers = typeOnly ? [...rule.layers, ...(rule.typesFrom ?? [])] : rule.layers
      const ok = layers.some((l) => target === l || target.startsWith(l + '/') || target === l.replace(/\.ts$/, ''))
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
  const files = [
    ...filesUnder(join(ROOT, 'src'), SOURCE),
    ...filesUnder(join(ROOT, 'electron'), SOURCE),
    ...filesUnder(join(ROOT, 'test'), SOURCE),
  ]

  it('finds the source files it checks', () => {
    expect(files.some((f) => f.includes('src/core/'))).toBe(true)
    expect(files.some((f) => f.includes('src/ui/'))).toBe(true)
  })

  it('every import points the allowed way', () => {
    const problems = files.flatMap((f) => violations(relative(ROOT, f).replaceAll('\\', '/'), readFileSync(f, 'utf8')))
    expect(problems).toEqual([])
  })

  it('no file of src/ imports itself again through other files', () => {
    const src = files.filter((f) => f.startsWith(join(ROOT, 'src') + sep))
    const graph = new Map(
      src.map((f) => [
        f,
        importsOf(readFileSync(f, 'utf8'))
          .map(({ spec }) => resolveImport(f, spec))
          .filter((t): t is string => t !== null),
      ]),
    )
    const cycles = importCycles(graph).map((c) => c.map((f) => relative(ROOT, f).replaceAll('\\', '/')).join(' -> '))
    expect(cycles).toEqual([])
  })

  it('reads value and type imports, re-exports and import()', () => {
    const specs = importsOf(
      `import a from './a'\nimport type { B } from '../db/b'\nimport { c,\n d } from "zod"\nimport { type H } from './h'\nexport { e } from './e'\nexport type { F } from './f'\nconst g = await import('./g')\n// import x from 'ignored'\n`,
    )
    expect(specs).toEqual([
      { spec: './a', typeOnly: false, dynamic: false },
      { spec: '../db/b', typeOnly: true, dynamic: false },
      { spec: 'zod', typeOnly: false, dynamic: false },
      { spec: './h', typeOnly: true, dynamic: false },
      { spec: './e', typeOnly: false, dynamic: false },
      { spec: './f', typeOnly: true, dynamic: false },
      { spec: './g', typeOnly: false, dynamic: true },
    ])
  })

  it('finds a cycle and names its files in order, and none in a tree', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
      ['e', ['e']],
    ])
    expect(importCycles(graph).sort()).toEqual([
      ['a', 'b', 'c', 'a'],
      ['e', 'e'],
    ])
    expect(
      importCycles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([])
  })

  it('flags files that cross a boundary', () => {
    expect(violations('src/ui/pages/Fake.tsx', `import { openDatabase } from '../../db/open'`)).toEqual([
      'src/ui/pages/Fake.tsx (src/ui) imports src/db/open',
    ])
    expect(violations('src/ui/api.ts', `import { contract } from '../api/contract'`)).toEqual([])
    // A type is a dependency too; a type from a layer below is fine.
    expect(violations('src/ui/pages/Fake.tsx', `import type { KitDetail } from '../../services/kemas'`)).toEqual([
      'src/ui/pages/Fake.tsx (src/ui) imports src/services/kemas',
    ])
    expect(
      violations('src/ui/pages/Fake.tsx', `import { type Kit, contract } from '../../services/kemas'`),
    ).toHaveLength(1)
    expect(violations('src/ui/pages/Fake.tsx', `import type { Progress } from '../../core/progress'`)).toEqual([])
    expect(violations('src/services/x.ts', `import type { CallMeta } from '../api/dispatch'`)).toHaveLength(1)
    // A layer whose types only it may use: a value import from it is still refused.
    expect(violations('electron/preload/x.ts', `import type { ApiResponse } from '../../src/api/contract'`)).toEqual([])
    expect(violations('electron/preload/x.ts', `import { contract } from '../../src/api/contract'`)).toHaveLength(1)
    expect(violations('src/core/x.ts', `import { readFileSync } from 'node:fs'`)).toEqual([
      'src/core/x.ts (src/core) imports package node:fs',
    ])
    expect(violations('src/core/x.ts', `import { z } from 'zod'`)).toHaveLength(1)
    expect(violations('src/services/x.ts', `import { BrowserWindow } from 'electron'`)).toEqual([
      'src/services/x.ts imports electron outside electron/',
    ])
    expect(violations('src/api/contract/x.ts', `import { listTps } from '../../services/wilayah'`)).toHaveLength(1)
    // Below the api, the contract's entity types are the model; its schemas (values) are not theirs to use.
    expect(violations('src/services/x.ts', `import type { Regu } from '../api/contract/regu'`)).toEqual([])
    expect(violations('src/db/x.ts', `import { reguMethods } from '../api/contract/regu'`)).toHaveLength(1)
    expect(violations('src/services/x.ts', `import { createDispatcher } from '../api/dispatch'`)).toHaveLength(1)
    expect(violations('electron/preload/index.ts', `import { openApp } from '../../src/api/app'`)).toHaveLength(1)
  })
})
