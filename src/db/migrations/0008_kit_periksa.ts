/**
 * Kits to re-check (issue 12): a re-imported TPS file that changes the needs of kits already packed is
 * applied only with the coordinator's explicit decision, and each kit it touched is recorded here with
 * the lines (variants) that no longer match. Such a kit is "perlu diperiksa" — packing beyond its need,
 * its labels and its handover are refused — until every one of those lines holds exactly its new need
 * (an excess taken out by a correction, a shortfall packed). The row stays as the record of the decision;
 * a later change of the same kit replaces it.
 */
export default /* sql */ `
CREATE TABLE kit_periksa (
  tps_id INTEGER PRIMARY KEY REFERENCES tps(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  variant_ids TEXT NOT NULL CHECK (json_valid(variant_ids) AND json_type(variant_ids) = 'array')
);
`
