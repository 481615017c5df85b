import { readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importsOf, resolveImport } from '../support/imports'

/**
 * The first screen waits for the entry script and everything it imports statically; pages come later, in
 * their own chunks (App.tsx). A value import that reaches zod (the contract's schemas, 290 KB) or AG Grid
 * (1.1 MB) from the shell doubles what every start must download and run before anything is drawn.
 */
const ROOT = resolve(__dirname, '../..')
const ENTRY = resolve(ROOT, 'src/ui/main.tsx')
const HEAVY = [/^zod(\/|$)/, /^ag-grid-/]

/** Static value imports and re-exports of a file (type-only ones and import() are left out: they add nothing here). */
const staticImports = (text: string): string[] =>
  importsOf(text)
    .filter((i) => !i.typeOnly && !i.dynamic)
    .map((i) => i.spec)

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
      const target = resolveImport(file, spec)
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
