import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

/**
 * One model per entity (docs/architecture.md): an entity's zod schema in src/api/contract is the only
 * place its shape is written; services, core, reports and the UI use the types inferred from it. This
 * test finds twins: an interface or object type outside the contract with the name of a contract schema
 * or type, or with exactly the keys of a contract object schema (three keys or more).
 */
const ROOT = resolve(__dirname, '../..')

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : []
  })
}

const parse = (file: string) =>
  ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)

const nameOf = (n: ts.PropertyName | ts.BindingName): string | null =>
  ts.isIdentifier(n) || ts.isStringLiteral(n) ? n.text : null

/** The keys of `z.object({...})` at the root of an initializer such as `z.object({...}).strict()`. */
function zodObjectKeys(init: ts.Expression): string[] | null {
  let e: ts.Expression = init
  for (;;) {
    if (ts.isCallExpression(e)) {
      const callee = e.expression
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'object' && e.arguments[0]) {
        const arg = e.arguments[0]
        if (ts.isObjectLiteralExpression(arg)) {
          return arg.properties.map((p) => (p.name ? nameOf(p.name) : null)).filter((k): k is string => !!k)
        }
        return null
      }
      e = ts.isPropertyAccessExpression(callee) ? callee.expression : callee
      continue
    }
    // `z.object({...}) satisfies z.ZodType<core.X>`: the schema of a shape core owns.
    if (ts.isPropertyAccessExpression(e) || ts.isSatisfiesExpression(e)) {
      e = e.expression
      continue
    }
    // `z.object({...}).strict() satisfies z.ZodType<core.X>`: the schema checked against core's shape.
    if (ts.isSatisfiesExpression(e) || ts.isAsExpression(e) || ts.isParenthesizedExpression(e)) {
      e = e.expression
      continue
    }
    return null
  }
}

interface Shape {
  file: string
  name: string
  keys: string[]
}

/**
 * Core owns the shapes its rules need (core imports nothing, not even zod); the contract's schema of such
 * a shape imports the core type and checks itself against it (`satisfies z.ZodType<core.X>`). A core
 * declaration the contract imports is the one model, not a twin.
 */
function contractShapes(): { names: Set<string>; shapes: Shape[]; fromCore: Set<string> } {
  const names = new Set<string>()
  const fromCore = new Set<string>()
  const shapes: Shape[] = []
  for (const file of walk(join(ROOT, 'src/api/contract'))) {
    const sf = parse(file)
    sf.forEachChild((node) => {
      if (
        ts.isImportDeclaration(node) &&
        ts.isStringLiteral(node.moduleSpecifier) &&
        node.moduleSpecifier.text.includes('/core/')
      ) {
        const bindings = node.importClause?.namedBindings
        // The name core exports, also when the contract renames it (`DamageReason as CoreDamageReason`).
        if (bindings && ts.isNamedImports(bindings))
          for (const el of bindings.elements) fromCore.add((el.propertyName ?? el.name).text)
      } else if (ts.isVariableStatement(node)) {
        for (const d of node.declarationList.declarations) {
          const name = ts.isIdentifier(d.name) ? d.name.text : null
          if (!name || !d.initializer || !/^[A-Z]/.test(name)) continue
          const keys = zodObjectKeys(d.initializer)
          if (keys) {
            names.add(name)
            shapes.push({ file: relative(ROOT, file), name, keys })
          }
        }
      } else if (
        (ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) &&
        /^[A-Z]/.test(node.name.text)
      ) {
        names.add(node.name.text)
      }
    })
  }
  return { names, shapes, fromCore }
}

/**
 * The shapes the syntax does not list: a schema made by `.extend()`, `.pick()` or from shared fragments
 * (`...counts(...)`, `...dicatat`) has its keys only once built, so every exported object schema is read
 * from the contract modules themselves.
 */
async function builtShapes(): Promise<Shape[]> {
  const out: Shape[] = []
  for (const file of walk(join(ROOT, 'src/api/contract'))) {
    const mod = (await import(file)) as Record<string, unknown>
    for (const [name, value] of Object.entries(mod))
      if (/^[A-Z]/.test(name) && value instanceof z.ZodObject)
        out.push({ file: relative(ROOT, file), name, keys: Object.keys(value.shape) })
  }
  return out
}

const contract = contractShapes()
for (const built of await builtShapes()) {
  contract.names.add(built.name)
  const i = contract.shapes.findIndex((s) => s.name === built.name && s.file === built.file)
  if (i === -1) contract.shapes.push(built)
  else contract.shapes[i] = built
}

/** Interfaces and object-literal type aliases outside the contract. */
function declaredShapes(dirs: string[]): Shape[] {
  const out: Shape[] = []
  for (const dir of dirs) {
    for (const file of walk(join(ROOT, dir))) {
      const sf = parse(file)
      const visit = (node: ts.Node) => {
        let members: ts.NodeArray<ts.TypeElement> | null = null
        let name: string | null = null
        if (ts.isInterfaceDeclaration(node)) {
          members = node.members
          name = node.name.text
        } else if (ts.isTypeAliasDeclaration(node) && ts.isTypeLiteralNode(node.type)) {
          members = node.type.members
          name = node.name.text
        }
        if (members && name) {
          const keys = members.map((m) => (m.name ? nameOf(m.name) : null)).filter((k): k is string => !!k)
          out.push({ file: relative(ROOT, file), name, keys })
        }
        ts.forEachChild(node, visit)
      }
      visit(sf)
    }
  }
  return out
}

const sameKeys = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join()

export function findTwins(
  contract: { names: Set<string>; shapes: Shape[]; fromCore: Set<string> },
  declared: Shape[],
): string[] {
  const twins: string[] = []
  for (const d of declared) {
    if (d.file.startsWith('src/core/') && contract.fromCore.has(d.name)) continue
    if (contract.names.has(d.name)) twins.push(`${d.file}: ${d.name} (same name as a contract type)`)
    else {
      const twin = contract.shapes.find((c) => c.keys.length >= 3 && sameKeys(c.keys, d.keys))
      if (twin) twins.push(`${d.file}: ${d.name} (same keys as ${twin.name} in ${twin.file})`)
    }
  }
  return twins
}

/** Twins that existed when this test was written; each is removed as its entity gets one model. */
const KNOWN_TWINS = new Set<string>([])

describe('one model per entity', () => {
  const twins = findTwins(contract, declaredShapes(['src/services', 'src/core', 'src/reports', 'src/ui']))

  it('reads the contract', () => {
    expect(contract.shapes.length).toBeGreaterThan(30)
    // A schema built from another (KitTps extends wilayah's TpsTempat) is read with all its keys.
    expect(contract.shapes.find((s) => s.name === 'KitTps')?.keys.sort()).toEqual(
      ['desa', 'desaId', 'dpt', 'kecamatan', 'kecamatanId', 'nomor', 'tpsId'].sort(),
    )
  })

  it('no entity shape is declared twice', () => {
    expect(twins.filter((t) => !KNOWN_TWINS.has(t))).toEqual([])
  })

  it('the list of known twins holds only twins that still exist', () => {
    expect([...KNOWN_TWINS].filter((t) => !twins.includes(t))).toEqual([])
  })

  it('finds a twin by name and by keys', () => {
    const c = {
      names: new Set(['Penerimaan', 'Progress']),
      shapes: [{ file: 'c.ts', name: 'Penerimaan', keys: ['id', 'at', 'penyedia'] }],
      fromCore: new Set(['Progress']),
    }
    expect(findTwins(c, [{ file: 'src/core/progress.ts', name: 'Progress', keys: ['done'] }])).toHaveLength(0)
    const init = (
      ts.createSourceFile('x.ts', 'const X = z.object({ a: 1, b: 2 }).strict() satisfies T', ts.ScriptTarget.Latest)
        .statements[0] as ts.VariableStatement
    ).declarationList.declarations[0]!.initializer!
    expect(zodObjectKeys(init)).toEqual(['a', 'b'])
    expect(findTwins(c, [{ file: 'src/services/x.ts', name: 'Progress', keys: ['done'] }])).toHaveLength(1)
    expect(findTwins(c, [{ file: 's.ts', name: 'Penerimaan', keys: ['x'] }])).toHaveLength(1)
    expect(findTwins(c, [{ file: 's.ts', name: 'Delivery', keys: ['penyedia', 'id', 'at'] }])).toHaveLength(1)
    expect(findTwins(c, [{ file: 's.ts', name: 'Other', keys: ['id', 'at'] }])).toHaveLength(0)
  })
})
