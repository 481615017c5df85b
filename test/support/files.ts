import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Every file under `dir` whose name matches `name`, depth first; TypeScript declarations (.d.ts) only when asked. */
export function filesUnder(dir: string, name: RegExp, { declarations = false } = {}): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = join(dir, entry)
    if (statSync(p).isDirectory()) return filesUnder(p, name, { declarations })
    return name.test(entry) && (declarations || !entry.endsWith('.d.ts')) ? [p] : []
  })
}
