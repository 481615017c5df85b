import { MIGRATIONS } from './migrations'
import type { ReadableDB } from './handles'
import { openDatabase, schemaVersion } from './open'

/**
 * The file's schema against the one the app's migrations make (issue 15): every table, index, trigger
 * and view compared by its SQL with a database built in memory by applying MIGRATIONS up to the file's
 * version. A protective trigger dropped or rewritten by an editor is named; the verification never reads
 * a migration file, only what the migrations produce.
 */
interface Entry {
  type: string
  sql: string
}

/**
 * The latest version's schema as the build made it (electron.vite.config.ts runs the migrations in memory
 * and defines it), so a start of the built app or `gudang` does not apply every migration again (about
 * 100 ms). Sources run by tsx or vitest have no build: they make it below, as for any older version.
 */
declare const __GUDANG_SKEMA__: { version: number; entries: [string, Entry][] } | undefined

const expectedByVersion = new Map<number, Map<string, Entry>>(
  typeof __GUDANG_SKEMA__ === 'undefined' ? [] : [[__GUDANG_SKEMA__.version, new Map(__GUDANG_SKEMA__.entries)]],
)

function entries(db: ReadableDB): Map<string, Entry> {
  const rows = db
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'`)
    .all() as { type: string; name: string; sql: string }[]
  return new Map(rows.map((r) => [r.name, { type: r.type, sql: r.sql }]))
}

/** The schema MIGRATIONS make up to `version`, built in memory: what the build embeds for the latest. */
export function schemaOfVersion(version: number): [string, Entry][] {
  const db = openDatabase(':memory:', { migrations: MIGRATIONS.filter((m) => m.version <= version) })
  try {
    return [...entries(db)]
  } finally {
    db.close()
  }
}

function expected(version: number): Map<string, Entry> {
  let e = expectedByVersion.get(version)
  if (!e) {
    e = new Map(schemaOfVersion(version))
    expectedByVersion.set(version, e)
  }
  return e
}

const KIND: Record<string, string> = { table: 'Tabel', index: 'Indeks', trigger: 'Pemicu', view: 'Tampilan' }

/** What differs from the schema the app would have made, in Indonesian; empty when nothing does. */
export function schemaProblems(db: ReadableDB): string[] {
  const version = schemaVersion(db)
  if (version === 0) return []
  const want = expected(version)
  const have = entries(db)
  const out: string[] = []
  for (const [name, e] of want) {
    const h = have.get(name)
    const kind = KIND[e.type] ?? e.type
    if (!h) out.push(`${kind} ${name} hilang dari basis data: dihapus di luar aplikasi`)
    else if (h.sql !== e.sql) out.push(`${kind} ${name} berbeda dari yang dibuat aplikasi: diubah di luar aplikasi`)
  }
  for (const [name, h] of have)
    if (!want.has(name))
      out.push(`${KIND[h.type] ?? h.type} ${name} tidak dikenal aplikasi: ditambahkan di luar aplikasi`)
  return out
}
