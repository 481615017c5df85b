import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contract } from '../../src/api/contract'
import { DOMAINS, LONG_DOMAINS, mergeHandlers } from '../../src/api/handlers'
import type { HandlerContext } from '../../src/api/handlers/context'

/** The API is grouped by namespace (docs/glossary.md): one contract file and one handler file each. */
const noop = () => null
const bind = (names: string[]) => Object.fromEntries(names.map((n) => [n, noop]))
const METHODS = Object.keys(contract)

/** Building the handler tables calls no service: a context with nothing behind it is enough. */
const hc = {
  ctx: {},
  appVersion: '0.0.0',
  state: { mode: 'normal', problem: null },
  sessions: {},
  jobs: undefined,
} as unknown as HandlerContext
const domains = Object.fromEntries(Object.entries(DOMAINS).map(([name, make]) => [name, make(hc)]))
const longDomains = Object.fromEntries(Object.entries(LONG_DOMAINS).map(([name, make]) => [name, make(hc.ctx)]))

describe('API handlers', () => {
  it('bind every contract method exactly once, each in the file of its namespace', () => {
    const long = Object.fromEntries(Object.entries(longDomains).map(([name, h]) => [`${name} (long)`, h]))
    expect(() => mergeHandlers({ ...domains, ...long })).not.toThrow()
    for (const table of [domains, longDomains])
      for (const [name, handlers] of Object.entries(table))
        for (const method of Object.keys(handlers)) expect(method.split('.')[0], method).toBe(name)
  })

  it('refuse to start when two domains bind the same method', () => {
    expect(() => mergeHandlers({ semua: bind(METHODS), kemas: { 'serahTerima.serahkan': noop } })).toThrow(
      /serahTerima\.serahkan is bound by both handlers\/semua and handlers\/kemas/,
    )
  })

  it('refuse to start when a contract method has no handler', () => {
    expect(() => mergeHandlers({ semua: bind(METHODS.filter((m) => m !== 'serahTerima.pratinjau')) })).toThrow(
      /serahTerima\.pratinjau has no handler/,
    )
  })

  it('refuse to start when a handler binds a method the contract does not have', () => {
    expect(() => mergeHandlers({ semua: bind([...METHODS, 'contoh.tidakAda']) })).toThrow(
      /contoh\.tidakAda \(handlers\/semua\) is not a contract method/,
    )
  })

  it('have one contract file per namespace, named as it, exporting <namespace>Methods', async () => {
    const dir = join(__dirname, '../../src/api/contract')
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !['index.ts', 'define.ts', 'common.ts', 'labels.ts'].includes(f))
      .map((f) => f.slice(0, -3))
    const namespaces = [...new Set(METHODS.map((m) => m.split('.')[0]!))]
    expect(files.sort()).toEqual([...namespaces].sort())
    expect([...new Set([...Object.keys(DOMAINS), ...Object.keys(LONG_DOMAINS)])].sort()).toEqual([...namespaces].sort())
    for (const ns of files) {
      const mod = (await import(join(dir, `${ns}.ts`))) as Record<string, object>
      const methods = Object.keys(mod[`${ns}Methods`] ?? {})
      expect(methods.length, ns).toBeGreaterThan(0)
      for (const m of methods) expect(m.startsWith(`${ns}.`), m).toBe(true)
    }
  })
})
