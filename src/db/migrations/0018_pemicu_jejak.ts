import type { ReadableDB } from '../handles'

/**
 * The jejak marking triggers (0011, renamed by 0016) test for the mark in a WHEN clause instead of in their
 * body. A row-level trigger with a body runs its program for every row a statement touches, even when the
 * table is already marked; with the test in WHEN, SQLite skips the body once the mark exists. Same guarantee
 * (the first changed row of a table marks it, in the writer's transaction), without the per-row insert
 * attempt: a first TPS import of 15,228 rows spent 27 ms of its upsert in this trigger (test/bench/analysis.md),
 * and every ledger row of a tally save paid it too. Still no INSERT OR IGNORE (see 0011): the body runs only
 * when the mark is absent, so it cannot conflict. Every jejak trigger the file holds is remade, whatever table
 * it is on, so the set stays the one 0011 and 0016 left.
 */
export function markingTrigger(table: string, op: 'INSERT' | 'UPDATE' | 'DELETE'): string {
  return `CREATE TRIGGER jejak_${table}_${op.toLowerCase()} AFTER ${op} ON ${table}
WHEN NOT EXISTS (SELECT 1 FROM jejak_kotor WHERE tabel = '${table}')
BEGIN INSERT INTO jejak_kotor (tabel) VALUES ('${table}'); END;`
}

export default function m0018(db: ReadableDB): string {
  const triggers = db
    .prepare(
      `SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'jejak\\_%' ESCAPE '\\' ORDER BY name`,
    )
    .all() as { name: string; tbl_name: string }[]
  const out: string[] = []
  for (const t of triggers) {
    const op = /_(insert|update|delete)$/.exec(t.name)?.[1]?.toUpperCase() as 'INSERT' | 'UPDATE' | 'DELETE' | undefined
    if (!op || t.name !== `jejak_${t.tbl_name}_${op.toLowerCase()}`)
      throw new Error(`0018: pemicu ${t.name} tidak dikenal sebagai pemicu jejak`)
    out.push(`DROP TRIGGER ${t.name};`, markingTrigger(t.tbl_name, op))
  }
  if (out.length === 0) throw new Error('0018: tidak ada pemicu jejak (0011) untuk diperbarui')
  return out.join('\n')
}
