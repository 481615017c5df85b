/**
 * How a ledger row is classified, written in SQL for `ledger.periksa` to recompute the aggregates with.
 *
 * The triggers that maintain floor_flow and place_flow were written by migration 0003 and stay as that
 * released migration wrote them; this is the verification's own copy of the same rule, so what checks the
 * aggregates does not depend on a migration file. test/integration/ledger-categories.test.ts proves the
 * two classify every kind of row alike, against the triggers of the latest schema.
 *
 * - place kind: the part of a place before its first colon (`PROSES:12:3` -> `PROSES`).
 * - floor category (the SQL form of src/core/shifts.ts#floorCategory): serah, hasil, rusak, kembali,
 *   reklasifikasi, or NULL for a row that is no floor work. A reversal (BATAL) has its places swapped, so
 *   it is categorised by swapping them back and counted negative.
 */
/**
 * The day of a row without a shift: in the satker's zone (setting 'zona_waktu', migration 0011), never the
 * zone of the PC that verifies; 'localtime' only for a file from before the setting existed.
 */
/** The zone modifier read from a settings table by its name (`setting` in a file from before 0015). */
export const zoneFrom = (settings: string) =>
  `coalesce((SELECT CASE value WHEN 'WITA' THEN '+8 hours' WHEN 'WIT' THEN '+9 hours' ELSE '+7 hours' END FROM ${settings} WHERE key = 'zona_waktu'), 'localtime')`
export const ZONE = zoneFrom('pengaturan')

export const placeKindSql = (p: string) =>
  `CASE WHEN instr(${p}, ':') > 0 THEN substr(${p}, 1, instr(${p}, ':') - 1) ELSE ${p} END`

/** The team id in PROSES:<shift>:<team>. */
const teamSql = (p: string) => `CAST(substr(${p}, 8 + instr(substr(${p}, 8), ':')) AS INTEGER)`

/** A SELECT over rows aliased `l` yielding floor_flow rows (category NULL for rows that are no floor work). */
export function floorCategorisedSql(source: string, where: string, zone: string = ZONE): string {
  // f/t: the row's places as the corrected row had them.
  const f = `CASE WHEN l.reason = 'BATAL' THEN l.to_place ELSE l.from_place END`
  const t = `CASE WHEN l.reason = 'BATAL' THEN l.from_place ELSE l.to_place END`
  return `
    SELECT coalesce((SELECT s.tanggal FROM shift s WHERE s.id = l.shift_id), date(l.at, ${zone})) AS tanggal,
           coalesce(l.shift_id, 0) AS shift_id,
           CASE WHEN (${f}) LIKE 'PROSES:%' THEN ${teamSql(f)} WHEN (${t}) LIKE 'PROSES:%' THEN ${teamSql(t)} ELSE 0 END AS team_id,
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
