import type { ReadableDB } from '../handles'
import { dirtyTriggers } from './0011_jejak'
import { TABLE_RENAMES } from './0015_nama_tabel'

/**
 * The triggers and indexes named after a table 0015 renamed take the table's glossary name
 * (`item_insert_version` → `barang_insert_version`, `jejak_item_insert` → `jejak_barang_insert`,
 * `document_type` → `dokumen_type`). SQLite cannot rename a trigger or an index: each is dropped and made
 * again from the SQL 0015 left (which already names the new table), under its new name. The jejak marking
 * triggers are made again by 0011's own builder, since their bodies name the table in a string.
 */
export default function m0016(db: ReadableDB): string {
  const glossaryOf = new Map(TABLE_RENAMES.map(([old, glossary]) => [glossary, old]))
  const objects = db
    .prepare(
      `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'index') AND sql IS NOT NULL ORDER BY type, name`,
    )
    .all() as { type: 'trigger' | 'index'; name: string; tbl_name: string; sql: string }[]
  const out: string[] = []
  const jejakRemade = new Set<string>()
  for (const o of objects) {
    const old = glossaryOf.get(o.tbl_name)
    if (!old) continue
    if (o.type === 'trigger' && o.name.startsWith(`jejak_${old}_`)) {
      out.push(`DROP TRIGGER ${o.name};`)
      if (!jejakRemade.has(o.tbl_name)) out.push(dirtyTriggers(o.tbl_name))
      jejakRemade.add(o.tbl_name)
      continue
    }
    if (!o.name.startsWith(`${old}_`)) continue
    const name = o.tbl_name + o.name.slice(old.length)
    const head = new RegExp(
      `^(CREATE\\s+(?:UNIQUE\\s+)?${o.type === 'index' ? 'INDEX' : 'TRIGGER'}\\s+)"?${o.name}"?`,
      'i',
    )
    if (!head.test(o.sql)) throw new Error(`0016: the name of ${o.type} ${o.name} was not found in its SQL`)
    out.push(`DROP ${o.type.toUpperCase()} ${o.name};`, `${o.sql.replace(head, `$1${name}`)};`)
  }
  return out.join('\n')
}
