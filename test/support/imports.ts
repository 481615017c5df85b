import { existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/**
 * What a source file imports, read as text (comments dropped): the dependency rules and the first
 * screen's weight both follow the same imports the same way.
 */
export interface Import {
  spec: string
  /** `import type`, `export type`, or only `type` names between the braces. */
  typeOnly: boolean
  /** require() or import(): loaded when the code runs, not with the file. */
  dynamic: boolean
}

/** What a file imports: value and type imports and re-exports, require() and import(). */
export function importsOf(text: string): Import[] {
  const out: Import[] = []
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  const statements = [
    /^\s*import\s+(type\s+)?(?:([\s\S]*?)\sfrom\s+)?['"]([^'"]+)['"]/gm,
    /^\s*export\s+(type\s+)?([^'";]*?)\sfrom\s+['"]([^'"]+)['"]/gm,
  ]
  for (const re of statements)
    for (const m of code.matchAll(re)) {
      const names = /^\{([^}]*)\}$/
        .exec((m[2] ?? '').trim())?.[1]
        ?.split(',')
        .map((n) => n.trim())
        .filter(Boolean)
      const typeOnly =
        m[1] !== undefined || (names !== undefined && names.length > 0 && names.every((n) => n.startsWith('type ')))
      out.push({ spec: m[3] as string, typeOnly, dynamic: false })
    }
  for (const re of [/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g])
    for (const m of code.matchAll(re)) out.push({ spec: m[1] as string, typeOnly: false, dynamic: true })
  return out
}

const RESOLVE_AS = ['', '.ts', '.tsx', '.mts', '.mjs', '.js', '/index.ts', '/index.tsx']

/** The file a relative import names (absolute path), or null for a package or a file that is not there. */
export function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null
  const base = resolve(dirname(from), spec)
  for (const ext of RESOLVE_AS) {
    const candidate = base + ext
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return null
}
