import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The first screen waits for the entry script and everything it imports statically; pages come later, in
 * their own chunks (App.tsx). A value import that reaches zod (the contract's schemas, 290 KB) or AG Grid
 * (1.1 MB) from the shell doubles what every start must download and run before anything is drawn.
 */
const ROOT = resolve(__dirname, '../..')
const ENTRY = resolve(ROOT, 'src/ui/main.tsx')
const HEAVY = [/^zod(\/|$)/, /^ag-grid-/]

/** Static value imports and re-exports of a file (type-only ones and import() are left out: they add nothing here). */
function staticImports(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  const out: string[] = []
  for (const re of [
    /^\s*import\s+(type\s+)?(?:([\s\S]*?)\sfrom\s+)?['"]([^'"]+)['"]/gm,
    /^\s*export\s+(type\s+)?([^'";]*?)\sfrom\s+['"]([^'"]+)['"]/gm,
  ])
    for (const m of code.matchAll(re)) {
      const names = /^\{([^}]*)\}$/
        .exec((m[2] ?? '').trim())?.[1]
        ?.split(',')
        .map((n) => n.trim())
        .filter(Boolean)
      const typeOnly =
        m[1] !== undefined || (names !== undefined && names.length > 0 && names.every((n) => n.startsWith('type ')))
      if (!typeOnly) out.push(m[3]!)
    }
  return out
}

function resolveFile(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec)
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    const p = base + ext
    if (existsSync(p) && statSync(p).isFile()) return p
  }
  return null
}

/** Every package the entry reaches through static value imports, with the chain of files that brings it in. */
function packagesReached(): Map<string, string[]> {
  const via = new Map<string, string[]>([[ENTRY, [ENTRY]]])
  const packages = new Map<string, string[]>()
  const queue = [ENTRY]
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) {
        if (!packages.has(spec)) packages.set(spec, via.get(file)!)
        continue
      }
      const target = resolveFile(file, spec)
      if (!target || via.has(target)) continue
      via.set(target, [...via.get(file)!, target])
      queue.push(target)
    }
  }
  return packages
}

describe('the first screen entry', () => {
  it('reaches neither zod nor AG Grid through static imports', () => {
    const heavy = [...packagesReached()]
      .filter(([pkg]) => HEAVY.some((h) => h.test(pkg)))
      .map(([pkg, chain]) => `${pkg} <- ${chain.map((f) => relative(ROOT, f)).join(' <- ')}`)
    expect(heavy).toEqual([])
  })
})
