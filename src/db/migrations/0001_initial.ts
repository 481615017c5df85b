/** Election settings, wilayah (kecamatan, desa, TPS), items with their variants and dapil, the ledger and the audit log. */
export default /* sql */ `
CREATE TABLE election (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  jenis TEXT NOT NULL CHECK (jenis IN ('pemilu', 'pilkada')),
  tahun INTEGER NOT NULL,
  provinsi TEXT NOT NULL DEFAULT '',
  satker TEXT NOT NULL,
  kode_wilayah TEXT NOT NULL DEFAULT '',
  alamat TEXT NOT NULL DEFAULT '',
  reserve_bp INTEGER NOT NULL CHECK (reserve_bp BETWEEN 0 AND 10000),
  rounding TEXT NOT NULL CHECK (rounding IN ('up', 'nearest', 'down', 'up_even')),
  max_voters_per_tps INTEGER NOT NULL CHECK (max_voters_per_tps > 0),
  data_note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

CREATE TABLE kecamatan (
  id INTEGER PRIMARY KEY,
  kode TEXT UNIQUE,
  nama TEXT NOT NULL,
  nama_key TEXT NOT NULL UNIQUE
);

CREATE TABLE desa (
  id INTEGER PRIMARY KEY,
  kecamatan_id INTEGER NOT NULL REFERENCES kecamatan(id),
  kode TEXT UNIQUE,
  nama TEXT NOT NULL,
  nama_key TEXT NOT NULL,
  UNIQUE (kecamatan_id, nama_key)
);

CREATE TABLE tps (
  id INTEGER PRIMARY KEY,
  desa_id INTEGER NOT NULL REFERENCES desa(id),
  nomor INTEGER NOT NULL CHECK (nomor > 0),
  dpt INTEGER NOT NULL CHECK (dpt >= 0),
  UNIQUE (desa_id, nomor)
);
CREATE INDEX tps_desa ON tps(desa_id);

CREATE TABLE item (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ballot', 'logistics')),
  unit TEXT NOT NULL,
  color TEXT,
  color_hex TEXT,
  rule TEXT NOT NULL CHECK (rule IN ('ballot', 'per_tps', 'per_dpt', 'per_desa', 'per_kecamatan')),
  qty INTEGER NOT NULL DEFAULT 0 CHECK (qty >= 0),
  per INTEGER NOT NULL DEFAULT 1 CHECK (per >= 1),
  psu_per_dapil INTEGER NOT NULL DEFAULT 0 CHECK (psu_per_dapil >= 0),
  preset INTEGER NOT NULL DEFAULT 0,
  confirmed INTEGER NOT NULL DEFAULT 1,
  assembled INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL,
  CHECK ((kind = 'ballot') = (rule = 'ballot'))
);

CREATE TABLE dapil (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES item(id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  UNIQUE (item_id, name_key)
);

-- Every kecamatan belongs to exactly one dapil of each ballot type.
CREATE TABLE dapil_kecamatan (
  item_id INTEGER NOT NULL REFERENCES item(id),
  kecamatan_id INTEGER NOT NULL REFERENCES kecamatan(id),
  dapil_id INTEGER NOT NULL REFERENCES dapil(id),
  PRIMARY KEY (item_id, kecamatan_id)
);

-- What the ledger counts: a ballot type in one dapil, or a logistics item (no dapil).
CREATE TABLE item_variant (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES item(id),
  dapil_id INTEGER REFERENCES dapil(id),
  UNIQUE (item_id, dapil_id)
);
CREATE UNIQUE INDEX item_variant_no_dapil ON item_variant(item_id) WHERE dapil_id IS NULL;

-- The ledger: one immutable row per move, hash-chained.
CREATE TABLE ledger (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  variant_id INTEGER NOT NULL REFERENCES item_variant(id),
  from_place TEXT NOT NULL,
  to_place TEXT NOT NULL,
  qty INTEGER NOT NULL CHECK (qty > 0 AND qty = CAST(qty AS INTEGER)),
  note TEXT,
  shift_id INTEGER,
  document_id TEXT,
  reason TEXT,
  corrects_seq INTEGER REFERENCES ledger(seq),
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  CHECK (from_place <> to_place)
);
CREATE INDEX ledger_variant ON ledger(variant_id);

CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN SELECT RAISE(ABORT, 'Buku besar hanya boleh ditambah: baris tidak dapat diubah; catat koreksi sebagai baris baru'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN SELECT RAISE(ABORT, 'Buku besar hanya boleh ditambah: baris tidak dapat dihapus; catat koreksi sebagai baris baru'); END;

-- Balances maintained in the same statement as each ledger insert; checked against the ledger by verify.
CREATE TABLE balance (
  variant_id INTEGER NOT NULL REFERENCES item_variant(id),
  place TEXT NOT NULL,
  qty INTEGER NOT NULL,
  PRIMARY KEY (variant_id, place),
  CHECK (qty >= 0 OR place = 'PENYEDIA')
) WITHOUT ROWID;

-- Insert a zero row first and then update: an UPSERT would test the CHECK on the candidate row (-qty)
-- before resolving the conflict and refuse a valid move out of a non-empty place.
CREATE TRIGGER ledger_balance AFTER INSERT ON ledger
BEGIN
  INSERT OR IGNORE INTO balance (variant_id, place, qty) VALUES (NEW.variant_id, NEW.from_place, 0);
  INSERT OR IGNORE INTO balance (variant_id, place, qty) VALUES (NEW.variant_id, NEW.to_place, 0);
  UPDATE balance SET qty = qty - NEW.qty WHERE variant_id = NEW.variant_id AND place = NEW.from_place;
  UPDATE balance SET qty = qty + NEW.qty WHERE variant_id = NEW.variant_id AND place = NEW.to_place;
END;

-- Who changed master data and settings, and how; append-only like the ledger.
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'Jejak audit tidak dapat diubah'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'Jejak audit tidak dapat dihapus'); END;
`
