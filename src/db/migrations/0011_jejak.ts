import type { ReadableDB } from '../handles'
import { categorised } from './0003_aggregates'

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
 * - setting 'zona_waktu' (WIB, WITA or WIT, issue 15 defect 4): the satker's zone. floor_flow dated a row
 *   without a shift by `date(at, 'localtime')`, the zone of whichever PC wrote (or verified) it; its
 *   trigger is rewritten to use the setting and floor_flow recomputed. The default is the zone of the PC
 *   that migrates the file (the warehouse's own), WIB when it is none of the three.
 * - On every evidence table: AFTER INSERT, UPDATE and DELETE triggers marking it. Evidence is every
 *   table of the schema at this version except the chained ones (ledger, audit), the aggregates the
 *   ledger derives (balance, floor_flow, place_flow, checked by recomputing them) and bookkeeping
 *   (data_version, idempotensi) and drafts (draf: entries typed and not yet saved, which are no record and
 *   are written beside the ledger without an audit row). The list is taken from the schema this migration finds, so it covers
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
  'draf',
  'jejak_kotor',
] as const

/**
 * The marking triggers of one table. Not INSERT OR IGNORE: a trigger's conflict clause yields to the one
 * of the statement that fired it, so an upsert on the table (ON CONFLICT DO UPDATE) would fail the mark.
 */
/** The SQLite date modifier of the satker's zone; 'localtime' only for a file without the setting. */
export const ZONE_MODIFIER = `coalesce((SELECT CASE value WHEN 'WITA' THEN '+8 hours' WHEN 'WIT' THEN '+9 hours' ELSE '+7 hours' END FROM setting WHERE key = 'zona_waktu'), 'localtime')`

const inZone = (sql: string) => {
  const out = sql.replace("date(l.at, 'localtime')", `date(l.at, ${ZONE_MODIFIER})`)
  if (out === sql) throw new Error('0011: the date of floor_flow was not found in 0003')
  return out
}

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
INSERT OR IGNORE INTO setting (key, value) VALUES ('zona_waktu',
  CASE CAST(round((julianday('now', 'localtime') - julianday('now')) * 24) AS INTEGER)
    WHEN 8 THEN 'WITA' WHEN 9 THEN 'WIT' ELSE 'WIB' END);
DROP TRIGGER ledger_floor_flow;
CREATE TRIGGER ledger_floor_flow AFTER INSERT ON ledger
BEGIN
  INSERT INTO floor_flow (tanggal, shift_id, team_id, worker_id, variant_id, category, reason, qty)
  SELECT tanggal, shift_id, team_id, worker_id, variant_id, category, reason, qty FROM (
    ${inZone(categorised('(SELECT NEW.seq AS seq, NEW.at AS at, NEW.variant_id AS variant_id, NEW.from_place AS from_place, NEW.to_place AS to_place, NEW.qty AS qty, NEW.shift_id AS shift_id, NEW.reason AS reason, NEW.worker_id AS worker_id) l', '1'))}
  ) WHERE category IS NOT NULL
  ON CONFLICT (tanggal, shift_id, team_id, worker_id, variant_id, category, reason) DO UPDATE SET qty = qty + excluded.qty;
END;
DELETE FROM floor_flow;
INSERT INTO floor_flow (tanggal, shift_id, team_id, worker_id, variant_id, category, reason, qty)
SELECT tanggal, shift_id, team_id, worker_id, variant_id, category, reason, sum(qty) FROM (
  ${inZone(categorised('ledger l', '1'))}
) WHERE category IS NOT NULL
GROUP BY tanggal, shift_id, team_id, worker_id, variant_id, category, reason;
${tables.map(dirtyTriggers).join('\n')}
`
}
