/**
 * Drafts (issue 14): what a person typed and has not saved yet, per kind (a tally grid, a new delivery), key
 * (a grid's shift and variant) and part (a row of the grid, a line of the form), as the text typed (JSON: column -> text). Kept in the election file
 * so a page change, a reload, a crash or another window finds it again; not the ledger, not audited, and
 * deleted when the real thing is saved. The kinds are listed here so a stray key cannot be stored.
 */
export default /* sql */ `
CREATE TABLE draf (
  jenis TEXT NOT NULL CHECK (jenis IN ('tally', 'penerimaan')),
  kunci TEXT NOT NULL,
  bagian TEXT NOT NULL,
  isi TEXT NOT NULL CHECK (json_valid(isi) AND json_type(isi) = 'object'),
  actor TEXT NOT NULL,
  diubah_at TEXT NOT NULL,
  PRIMARY KEY (jenis, kunci, bagian)
) WITHOUT ROWID;
`
