/**
 * The people who use this PC's copy of the election: operators pick their name, koordinator and admin
 * also give a PIN. The ledger and audit keep the name as written at the time (`actor`), so renaming or
 * deactivating a user never rewrites history.
 */
export default /* sql */ `
CREATE TABLE pengguna (
  id INTEGER PRIMARY KEY,
  nama TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('operator', 'koordinator', 'admin')),
  -- scrypt of the PIN with a per-user salt; NULL for an operator, who has none.
  pin_hash TEXT,
  pin_salt TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  CHECK (role = 'operator' OR (pin_hash IS NOT NULL AND pin_salt IS NOT NULL))
);

-- Sign-ins, sign-outs, lapses and wrong PINs: who sat at the PC when, for an audit. Append-only.
CREATE TABLE sesi_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  pengguna_id INTEGER REFERENCES pengguna(id),
  nama TEXT NOT NULL,
  event TEXT NOT NULL CHECK (event IN ('masuk', 'keluar', 'kedaluwarsa', 'pin_salah', 'terkunci')),
  transport TEXT NOT NULL
);
CREATE TRIGGER sesi_log_no_update BEFORE UPDATE ON sesi_log BEGIN SELECT RAISE(ABORT, 'sesi_log hanya dapat ditambah'); END;
CREATE TRIGGER sesi_log_no_delete BEFORE DELETE ON sesi_log BEGIN SELECT RAISE(ABORT, 'sesi_log hanya dapat ditambah'); END;
`
