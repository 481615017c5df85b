/**
 * Aggregates the screens read instead of scanning a million ledger rows, each maintained by a trigger
 * in the same statement as the ledger insert (like the balance table) and back-filled here from the
 * rows already written. `ledger.verify` recomputes both from the ledger and compares.
 *
 * - floor_flow: the floor's work per day, shift, team, worker, variant and category (serah, hasil,
 *   rusak, kembali, reklasifikasi), the categories of src/core/shifts.ts#floorCategory written in SQL.
 *   A reversal (BATAL) has its places swapped, so it is categorised by swapping them back and counted
 *   negative — the same rule floorCategory applies.
 * - place_flow: net quantities between kinds of place (PENYEDIA -> DITERIMA, TERTUKAR -> PENYEDIA …)
 *   per variant and reason, so "received from the printer" is one lookup.
 * - data_version: bumped whenever master data that needs depend on changes, so computed needs can be
 *   cached until the next change.
 */
export const KIND = (p: string) =>
  `CASE WHEN instr(${p}, ':') > 0 THEN substr(${p}, 1, instr(${p}, ':') - 1) ELSE ${p} END`
/** The team id in PROSES:<shift>:<team>. */
const TEAM = (p: string) => `CAST(substr(${p}, 8 + instr(substr(${p}, 8), ':')) AS INTEGER)`

/** A SELECT over rows aliased `l` yielding floor_flow rows; shared by the trigger and the back-fill. */
export function categorised(source: string, where: string): string {
  // f/t: the row's places as the corrected row had them.
  const f = `CASE WHEN l.reason = 'BATAL' THEN l.to_place ELSE l.from_place END`
  const t = `CASE WHEN l.reason = 'BATAL' THEN l.from_place ELSE l.to_place END`
  return `
    SELECT coalesce((SELECT s.tanggal FROM shift s WHERE s.id = l.shift_id), date(l.at, 'localtime')) AS tanggal,
           coalesce(l.shift_id, 0) AS shift_id,
           CASE WHEN (${f}) LIKE 'PROSES:%' THEN ${TEAM(f)} WHEN (${t}) LIKE 'PROSES:%' THEN ${TEAM(t)} ELSE 0 END AS team_id,
           coalesce(l.worker_id, 0) AS worker_id,
           l.variant_id,
           CASE
             WHEN (${f}) = 'DITERIMA' AND (${t}) LIKE 'PROSES:%' THEN 'serah'
             WHEN (${f}) LIKE 'PROSES:%' AND (${t}) IN ('BAIK', 'SIAP') THEN 'hasil'
             WHEN (${f}) LIKE 'PROSES:%' AND (${t}) LIKE 'RUSAK:%' THEN 'rusak'
             WHEN (${f}) LIKE 'PROSES:%' AND (${t}) = 'DITERIMA' THEN 'kembali'
             WHEN (${f}) LIKE 'RUSAK:%' AND (${t}) IN ('BAIK', 'SIAP') THEN 'reklasifikasi'
           END AS category,
           CASE WHEN (${t}) LIKE 'RUSAK:%' THEN substr(${t}, 7) WHEN (${f}) LIKE 'RUSAK:%' THEN substr(${f}, 7) ELSE '' END AS reason,
           CASE WHEN l.reason = 'BATAL' THEN -l.qty ELSE l.qty END AS qty
    FROM ${source} WHERE ${where}`
}

export default /* sql */ `
CREATE INDEX ledger_reason ON ledger(reason) WHERE reason IS NOT NULL;

CREATE TABLE floor_flow (
  tanggal TEXT NOT NULL,
  shift_id INTEGER NOT NULL,
  team_id INTEGER NOT NULL,
  worker_id INTEGER NOT NULL,
  variant_id INTEGER NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('serah', 'hasil', 'rusak', 'kembali', 'reklasifikasi')),
  reason TEXT NOT NULL,
  qty INTEGER NOT NULL,
  PRIMARY KEY (tanggal, shift_id, team_id, worker_id, variant_id, category, reason)
) WITHOUT ROWID;
CREATE INDEX floor_flow_shift ON floor_flow(shift_id);

INSERT INTO floor_flow (tanggal, shift_id, team_id, worker_id, variant_id, category, reason, qty)
SELECT tanggal, shift_id, team_id, worker_id, variant_id, category, reason, sum(qty) FROM (
  ${categorised('ledger l', '1')}
) WHERE category IS NOT NULL
GROUP BY tanggal, shift_id, team_id, worker_id, variant_id, category, reason;

CREATE TRIGGER ledger_floor_flow AFTER INSERT ON ledger
BEGIN
  INSERT INTO floor_flow (tanggal, shift_id, team_id, worker_id, variant_id, category, reason, qty)
  SELECT tanggal, shift_id, team_id, worker_id, variant_id, category, reason, qty FROM (
    ${categorised('(SELECT NEW.seq AS seq, NEW.at AS at, NEW.variant_id AS variant_id, NEW.from_place AS from_place, NEW.to_place AS to_place, NEW.qty AS qty, NEW.shift_id AS shift_id, NEW.reason AS reason, NEW.worker_id AS worker_id) l', '1')}
  ) WHERE category IS NOT NULL
  ON CONFLICT (tanggal, shift_id, team_id, worker_id, variant_id, category, reason) DO UPDATE SET qty = qty + excluded.qty;
END;

CREATE TABLE place_flow (
  variant_id INTEGER NOT NULL,
  from_kind TEXT NOT NULL,
  to_kind TEXT NOT NULL,
  reason TEXT NOT NULL,
  qty INTEGER NOT NULL,
  PRIMARY KEY (variant_id, from_kind, to_kind, reason)
) WITHOUT ROWID;

INSERT INTO place_flow (variant_id, from_kind, to_kind, reason, qty)
SELECT variant_id, ${KIND('from_place')}, ${KIND('to_place')}, coalesce(reason, ''), sum(qty) FROM ledger
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER ledger_place_flow AFTER INSERT ON ledger
BEGIN
  INSERT INTO place_flow (variant_id, from_kind, to_kind, reason, qty)
  VALUES (NEW.variant_id, ${KIND('NEW.from_place')}, ${KIND('NEW.to_place')}, coalesce(NEW.reason, ''), NEW.qty)
  ON CONFLICT (variant_id, from_kind, to_kind, reason) DO UPDATE SET qty = qty + excluded.qty;
END;

CREATE TABLE data_version (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
INSERT INTO data_version (name, version) VALUES ('master', 1);
${['election', 'kecamatan', 'desa', 'tps', 'item', 'dapil', 'dapil_kecamatan', 'item_variant']
  .flatMap((table) =>
    ['INSERT', 'UPDATE', 'DELETE'].map(
      (op) => `CREATE TRIGGER ${table}_${op.toLowerCase()}_version AFTER ${op} ON ${table}
BEGIN UPDATE data_version SET version = version + 1 WHERE name = 'master'; END;`,
    ),
  )
  .join('\n')}
`
