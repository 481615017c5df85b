/**
 * The warehouse floor: deliveries from the printer, workers and teams, shifts, worker attribution on
 * ledger rows, the document register and the settings documents and pay recaps need.
 */
export default /* sql */ `
-- Kop surat, signing place, paper and the document number register's defaults.
ALTER TABLE election ADD COLUMN kota_ttd TEXT NOT NULL DEFAULT '';
ALTER TABLE election ADD COLUMN kontak TEXT NOT NULL DEFAULT '';
ALTER TABLE election ADD COLUMN paper TEXT NOT NULL DEFAULT 'A4' CHECK (paper IN ('A4', 'F4'));
ALTER TABLE election ADD COLUMN nomor_pattern TEXT NOT NULL DEFAULT '{no}/PP.09.4-BA/{kode_wilayah}/{tahun}';
ALTER TABLE election ADD COLUMN nomor_start INTEGER NOT NULL DEFAULT 1 CHECK (nomor_start >= 1);
ALTER TABLE election ADD COLUMN logo BLOB;
ALTER TABLE election ADD COLUMN logo_mime TEXT CHECK (logo_mime IS NULL OR logo_mime IN ('image/png', 'image/jpeg'));
-- Income tax withheld from worker pay, in basis points (6% = 600).
ALTER TABLE election ADD COLUMN tax_bp INTEGER NOT NULL DEFAULT 0 CHECK (tax_bp BETWEEN 0 AND 10000);

-- Pay per lembar sorted (ballots) or per unit assembled (kotak, bilik), in whole rupiah.
CREATE TABLE pay_rate (
  item_id INTEGER PRIMARY KEY REFERENCES item(id),
  rate INTEGER NOT NULL CHECK (rate >= 0)
);

-- Who produced a result, when a team tallies per worker. Part of the row's hash (ledger encoding v2).
ALTER TABLE ledger ADD COLUMN worker_id INTEGER;
CREATE INDEX ledger_shift ON ledger(shift_id) WHERE shift_id IS NOT NULL;
CREATE INDEX ledger_document ON ledger(document_id) WHERE document_id IS NOT NULL;
CREATE INDEX ledger_corrects ON ledger(corrects_seq) WHERE corrects_seq IS NOT NULL;
CREATE INDEX ledger_at ON ledger(at);

-- A delivery from the printer. Quantities counted and set apart are ledger rows whose document_id is
-- 'PENERIMAAN:<id>'; the paperwork's stated quantities live here. Facts, never edited.
CREATE TABLE delivery (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('biasa', 'pengganti')),
  received_at TEXT NOT NULL,
  penyedia TEXT NOT NULL,
  surat_jalan TEXT NOT NULL,
  bttb TEXT NOT NULL DEFAULT '',
  kendaraan TEXT NOT NULL DEFAULT '',
  pengemudi TEXT NOT NULL DEFAULT '',
  wakil_nama TEXT NOT NULL DEFAULT '',
  wakil_jabatan TEXT NOT NULL DEFAULT '',
  pengganti_untuk TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE TABLE delivery_line (
  id INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL REFERENCES delivery(id),
  variant_id INTEGER NOT NULL REFERENCES item_variant(id),
  dus INTEGER CHECK (dus IS NULL OR dus >= 0),
  isi_per_dus INTEGER CHECK (isi_per_dus IS NULL OR isi_per_dus > 0),
  stated_qty INTEGER NOT NULL CHECK (stated_qty >= 0),
  tertukar_note TEXT NOT NULL DEFAULT '',
  UNIQUE (delivery_id, variant_id)
);
CREATE TRIGGER delivery_no_update BEFORE UPDATE ON delivery
BEGIN SELECT RAISE(ABORT, 'Catatan penerimaan tidak dapat diubah; catat koreksi'); END;
CREATE TRIGGER delivery_no_delete BEFORE DELETE ON delivery
BEGIN SELECT RAISE(ABORT, 'Catatan penerimaan tidak dapat dihapus'); END;
CREATE TRIGGER delivery_line_no_update BEFORE UPDATE ON delivery_line
BEGIN SELECT RAISE(ABORT, 'Catatan penerimaan tidak dapat diubah; catat koreksi'); END;
CREATE TRIGGER delivery_line_no_delete BEFORE DELETE ON delivery_line
BEGIN SELECT RAISE(ABORT, 'Catatan penerimaan tidak dapat dihapus'); END;

-- A kurang/lebih between the surat jalan and the count, marked settled by the coordinator.
CREATE TABLE selisih_selesai (
  id INTEGER PRIMARY KEY,
  delivery_line_id INTEGER NOT NULL UNIQUE REFERENCES delivery_line(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE TRIGGER selisih_selesai_no_update BEFORE UPDATE ON selisih_selesai
BEGIN SELECT RAISE(ABORT, 'Penyelesaian selisih tidak dapat diubah'); END;
CREATE TRIGGER selisih_selesai_no_delete BEFORE DELETE ON selisih_selesai
BEGIN SELECT RAISE(ABORT, 'Penyelesaian selisih tidak dapat dihapus'); END;

-- Tertukar sheets sent back to the printer with a return note (ledger rows 'RETUR:<id>').
CREATE TABLE retur (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  penyedia TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE TRIGGER retur_no_update BEFORE UPDATE ON retur
BEGIN SELECT RAISE(ABORT, 'Catatan pengembalian tidak dapat diubah'); END;
CREATE TRIGGER retur_no_delete BEFORE DELETE ON retur
BEGIN SELECT RAISE(ABORT, 'Catatan pengembalian tidak dapat dihapus'); END;

CREATE TABLE worker (
  id INTEGER PRIMARY KEY,
  nama TEXT NOT NULL,
  nama_key TEXT NOT NULL,
  nik TEXT UNIQUE CHECK (nik IS NULL OR length(nik) = 16),
  telepon TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX worker_nama ON worker(nama_key);

CREATE TABLE team (
  id INTEGER PRIMARY KEY,
  nama TEXT NOT NULL,
  nama_key TEXT NOT NULL UNIQUE,
  leader_id INTEGER REFERENCES worker(id),
  daily_target INTEGER NOT NULL DEFAULT 0 CHECK (daily_target >= 0),
  active INTEGER NOT NULL DEFAULT 1
);

-- A worker belongs to at most one team at a time.
CREATE TABLE team_member (
  team_id INTEGER NOT NULL REFERENCES team(id),
  worker_id INTEGER NOT NULL UNIQUE REFERENCES worker(id),
  PRIMARY KEY (team_id, worker_id)
);

-- A team's target for one day, overriding its daily_target.
CREATE TABLE team_target (
  team_id INTEGER NOT NULL REFERENCES team(id),
  tanggal TEXT NOT NULL,
  qty INTEGER NOT NULL CHECK (qty >= 0),
  PRIMARY KEY (team_id, tanggal)
);

CREATE TABLE shift (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('sortir_lipat', 'rakit_kotak', 'rakit_bilik', 'packing')),
  tanggal TEXT NOT NULL,
  mulai TEXT NOT NULL,
  selesai TEXT NOT NULL,
  lokasi TEXT NOT NULL DEFAULT '',
  pengawas TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX shift_tanggal ON shift(tanggal);

-- What the shift works on (a ballot type in one dapil, or an item to assemble).
CREATE TABLE shift_variant (
  shift_id INTEGER NOT NULL REFERENCES shift(id),
  variant_id INTEGER NOT NULL REFERENCES item_variant(id),
  PRIMARY KEY (shift_id, variant_id)
);
CREATE TABLE shift_team (
  shift_id INTEGER NOT NULL REFERENCES shift(id),
  team_id INTEGER NOT NULL REFERENCES team(id),
  PRIMARY KEY (shift_id, team_id)
);
-- Attendance: who was present, in which team.
CREATE TABLE shift_worker (
  shift_id INTEGER NOT NULL REFERENCES shift(id),
  worker_id INTEGER NOT NULL REFERENCES worker(id),
  team_id INTEGER NOT NULL REFERENCES team(id),
  PRIMARY KEY (shift_id, worker_id),
  FOREIGN KEY (shift_id, team_id) REFERENCES shift_team(shift_id, team_id)
);
-- Opening, closing and reopening, with who and why: the record the coordinator signs off.
CREATE TABLE shift_event (
  id INTEGER PRIMARY KEY,
  shift_id INTEGER NOT NULL REFERENCES shift(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  event TEXT NOT NULL CHECK (event IN ('buka', 'tutup', 'buka_kembali')),
  note TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER shift_event_no_update BEFORE UPDATE ON shift_event
BEGIN SELECT RAISE(ABORT, 'Riwayat shift tidak dapat diubah'); END;
CREATE TRIGGER shift_event_no_delete BEFORE DELETE ON shift_event
BEGIN SELECT RAISE(ABORT, 'Riwayat shift tidak dapat dihapus'); END;

-- Signers, witnesses and number pattern per document type (signers as a JSON list checked by the service).
CREATE TABLE doc_setting (
  doc_type TEXT PRIMARY KEY,
  nomor_pattern TEXT,
  signers TEXT NOT NULL DEFAULT '[]'
);

-- The register of issued documents. The snapshot is what was printed, so a reprint is the same
-- document marked SALINAN; the chain head says which ledger state it was made from.
CREATE TABLE document (
  id INTEGER PRIMARY KEY,
  doc_type TEXT NOT NULL,
  tahun INTEGER NOT NULL,
  no INTEGER,
  nomor TEXT UNIQUE,
  title TEXT NOT NULL,
  subject TEXT NOT NULL,
  ref TEXT NOT NULL DEFAULT '',
  snapshot TEXT NOT NULL,
  chain_seq INTEGER NOT NULL,
  chain_hash TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  UNIQUE (tahun, no)
);
CREATE INDEX document_type ON document(doc_type, issued_at);
CREATE TRIGGER document_no_update BEFORE UPDATE ON document
BEGIN SELECT RAISE(ABORT, 'Dokumen yang sudah diterbitkan tidak dapat diubah; terbitkan dokumen baru'); END;
CREATE TRIGGER document_no_delete BEFORE DELETE ON document
BEGIN SELECT RAISE(ABORT, 'Dokumen yang sudah diterbitkan tidak dapat dihapus'); END;

CREATE TABLE document_print (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  copy_no INTEGER NOT NULL,
  format TEXT NOT NULL,
  UNIQUE (document_id, copy_no)
);
`
