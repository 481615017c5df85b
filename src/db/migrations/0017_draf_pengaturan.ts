/**
 * Drafts of Pengaturan's forms (issue 14): the draf table's CHECK lists the kinds a draft may be (0010), so a
 * new kind, 'pengaturan' (core/draf.ts), needs the table again with the wider list. SQLite cannot change a
 * CHECK in place: the table is renamed, made again as 0010 and 0014 left it plus the new kind, its rows
 * copied and the old table dropped. draf is no evidence (0011's NOT_EVIDENCE_AT_0011): it has no jejak
 * triggers before or after, and no other table, trigger or view names it.
 */
export default /* sql */ `
ALTER TABLE draf RENAME TO draf_0016;
CREATE TABLE draf (
  jenis TEXT NOT NULL CHECK (jenis IN ('tally', 'penerimaan', 'pengaturan')),
  kunci TEXT NOT NULL,
  bagian TEXT NOT NULL,
  isi TEXT NOT NULL CHECK (json_valid(isi) AND json_type(isi) = 'object'),
  actor TEXT NOT NULL,
  diubah_at TEXT NOT NULL,
  basis_seq INTEGER CHECK (basis_seq IS NULL OR (typeof(basis_seq) = 'integer' AND basis_seq >= 0)),
  PRIMARY KEY (jenis, kunci, bagian)
) WITHOUT ROWID;
INSERT INTO draf (jenis, kunci, bagian, isi, actor, diubah_at, basis_seq)
  SELECT jenis, kunci, bagian, isi, actor, diubah_at, basis_seq FROM draf_0016;
DROP TABLE draf_0016;
`
