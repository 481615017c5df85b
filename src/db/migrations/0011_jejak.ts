import type { ReadableDB } from '../handles'

/**
 * The jejak chain (issue 15): the audit log becomes a hash chain that commits, row by row, to the ledger
 * head after each write and to the digests of the evidence tables that write changed (db/jejak.ts writes
 * and checks it; rows written before this migration stay unchained and are covered, as a whole, by the
 * digest the first chained row records).
 *
 * - audit gains prev_hash, hash, ledger_seq, ledger_hash and digests (JSON { table: sha256 }).
 * - jejak_kotor: the evidence tables a transaction changed, marked by triggers and cleared by the write
 *   that records their digests. The markers only make sealing cheap; verification recomputes every table.
 * - setting 'id_pemilihan': a random id of this election, naming its witness journal outside the file
 *   (services/saksi.ts); a backup or a restored copy keeps it.
 * - On every evidence table: AFTER INSERT, UPDATE and DELETE triggers marking it. Evidence is every
 *   table of the schema at this version except the chained ones (ledger, audit), the aggregates the
 *   ledger derives (balance, floor_flow, place_flow, checked by recomputing them) and bookkeeping
 *   (data_version, idempotensi). The list is taken from the schema this migration finds, so it covers
 *   whatever tables the migrations numbered before it made; a later migration adds its own tables' triggers.
 */
export const NOT_EVIDENCE_AT_0011 = [
  'ledger',
  'audit',
  'balance',
  'floor_flow',
  'place_flow',
  'data_version',
  'idempotensi',
  'jejak_kotor',
] as const

/**
 * The marking triggers of one table. Not INSERT OR IGNORE: a trigger's conflict clause yields to the one
 * of the statement that fired it, so an upsert on the table (ON CONFLICT DO UPDATE) would fail the mark.
 */
export function dirtyTriggers(table: string): string {
  return (['INSERT', 'UPDATE', 'DELETE'] as const)
    .map(
      (op) => `CREATE TRIGGER jejak_${table}_${op.toLowerCase()} AFTER ${op} ON ${table}
BEGIN INSERT INTO jejak_kotor (tabel) SELECT '${table}' WHERE NOT EXISTS (SELECT 1 FROM jejak_kotor WHERE tabel = '${table}'); END;`,
    )
    .join('\n')
}

export default function m0011(db: ReadableDB): string {
  const tables = (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all() as string[]
  ).filter((t) => !(NOT_EVIDENCE_AT_0011 as readonly string[]).includes(t))
  return /* sql */ `
ALTER TABLE audit ADD COLUMN prev_hash TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;
ALTER TABLE audit ADD COLUMN ledger_seq INTEGER;
ALTER TABLE audit ADD COLUMN ledger_hash TEXT;
ALTER TABLE audit ADD COLUMN digests TEXT;
CREATE TABLE jejak_kotor (tabel TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT OR IGNORE INTO setting (key, value) VALUES ('id_pemilihan', lower(hex(randomblob(16))));
${tables.map(dirtyTriggers).join('\n')}
`
}
