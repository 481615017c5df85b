/**
 * Deliveries of a variant declared complete (issue 13): the BA surat suara rusak dan kurang asks the
 * printer for undelivered sheets only once the coordinator has declared that no more ordinary deliveries
 * of that ballot type and dapil are coming; until then a shortfall may simply be the next truck.
 *
 * `tanggal` is the local date the declaration takes effect (a paper dated before it still says the
 * deliveries were open). One declaration per variant; like every fact of the floor it is never edited.
 */
export default /* sql */ `
CREATE TABLE kiriman_lengkap (
  variant_id INTEGER PRIMARY KEY REFERENCES item_variant(id),
  tanggal TEXT NOT NULL CHECK (tanggal GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE TRIGGER kiriman_lengkap_no_update BEFORE UPDATE ON kiriman_lengkap
BEGIN SELECT RAISE(ABORT, 'Pernyataan pengiriman lengkap tidak dapat diubah'); END;
CREATE TRIGGER kiriman_lengkap_no_delete BEFORE DELETE ON kiriman_lengkap
BEGIN SELECT RAISE(ABORT, 'Pernyataan pengiriman lengkap tidak dapat dihapus'); END;
`
