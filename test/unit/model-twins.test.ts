import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

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
    if (ts.isPropertyAccessExpression(e)) {
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
const KNOWN_TWINS = new Set<string>([
  'src/services/barang.ts: Item (same name as a contract type)',
  'src/services/barang.ts: ItemUpdate (same name as a contract type)',
  'src/services/barang.ts: ItemCreate (same name as a contract type)',
  'src/services/cadangan.ts: BackupInfo (same name as a contract type)',
  'src/services/dapil.ts: DapilOfBallot (same name as a contract type)',
  'src/services/dokumen.ts: DocumentInfo (same name as a contract type)',
  'src/services/dokumenJenis.ts: DocTypeSetting (same name as a contract type)',
  'src/services/kebutuhan.ts: NeedColumn (same name as a contract type)',
  'src/services/kebutuhan.ts: Acc (same keys as AreaNeedRow in src/api/contract/kebutuhan.ts)',
  'src/services/kemas.ts: KitSummary (same name as a contract type)',
  'src/services/kemasCetak.ts: KitScope (same keys as Scope in src/api/contract/kemas.ts)',
  'src/services/pemilihan.ts: Election (same name as a contract type)',
  'src/services/pemilihan.ts: ElectionInit (same name as a contract type)',
  'src/services/pengguna.ts: User (same name as a contract type)',
  'src/services/sesi.ts: SessionView (same keys as SessionStatus in src/api/contract/sesi.ts)',
  'src/services/variants.ts: VariantInfo (same name as a contract type)',
  'src/services/wilayah.ts: TpsRow (same name as a contract type)',
  'src/services/wilayah.ts: Change (same keys as ChangeRow in src/api/contract/wilayah.ts)',
  'src/core/documents.ts: Signer (same name as a contract type)',
  'src/core/errors.ts: Issue (same name as a contract type)',
  'src/core/progress.ts: Progress (same name as a contract type)',
  'src/reports/kit/labels.ts: LabelGrid (same name as a contract type)',
  'src/reports/pdf/signatures.ts: Signer (same name as a contract type)',
])

describe('one model per entity', () => {
  const contract = contractShapes()
  const twins = findTwins(contract, declaredShapes(['src/services', 'src/core', 'src/reports', 'src/ui']))

  it('reads the contract', () => {
    expect(contract.shapes.length).toBeGreaterThan(30)
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
    expect(findTwins(c, [{ file: 'src/services/x.ts', name: 'Progress', keys: ['done'] }])).toHaveLength(1)
    expect(findTwins(c, [{ file: 's.ts', name: 'Penerimaan', keys: ['x'] }])).toHaveLength(1)
    expect(findTwins(c, [{ file: 's.ts', name: 'Delivery', keys: ['penyedia', 'id', 'at'] }])).toHaveLength(1)
    expect(findTwins(c, [{ file: 's.ts', name: 'Other', keys: ['id', 'at'] }])).toHaveLength(0)
  })
})
