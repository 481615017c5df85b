/**
 * LAN stations (issue 16): other PCs and tablets of the warehouse working on this one file through the
 * coordinator's PC (the host).
 *
 * - stasiun: a paired station with its scope (cakupan). Its credential is a 256-bit secret, stored as its
 *   SHA-256 only (the secret has the entropy a slow hash exists to make up for); NULL until paired, and
 *   again once revoked (dicabut_at).
 * - stasiun_kode: one-time pairing codes, 128-bit secrets stored as SHA-256, expiring after ten minutes;
 *   dipakai_at is set in the same transaction that gives the station its credential, so a code pairs once.
 * - stasiun_host: the one row saying whether this PC listens for stations, where, and on which port.
 * - idempotensi: the answer to every write a station (or a window) sent with an idempotency key, written in
 *   the same transaction as the write itself: a retried request gets the first answer and records nothing
 *   again. stasiun_id 0 is this PC's own windows. Rows older than seven days are deleted.
 *
 * The TLS certificate and its key are NOT here: they belong to this PC, not to the election, and a backup
 * carried to another PC must not carry the key (they live in the stasiun/ folder beside the file).
 */
export default /* sql */ `
CREATE TABLE stasiun (
  id INTEGER PRIMARY KEY,
  nama TEXT NOT NULL UNIQUE COLLATE NOCASE,
  cakupan TEXT NOT NULL CHECK (cakupan IN ('tally', 'pintu', 'dasbor', 'penuh')),
  izinkan_http INTEGER NOT NULL DEFAULT 0 CHECK (izinkan_http IN (0, 1)),
  kunci_hash TEXT UNIQUE,
  dibuat_at TEXT NOT NULL,
  dipasang_at TEXT,
  dicabut_at TEXT
);

CREATE TABLE stasiun_kode (
  id INTEGER PRIMARY KEY,
  stasiun_id INTEGER NOT NULL REFERENCES stasiun(id),
  kode_hash TEXT NOT NULL UNIQUE,
  dibuat_at TEXT NOT NULL,
  kedaluwarsa_at TEXT NOT NULL,
  dipakai_at TEXT
);
CREATE INDEX stasiun_kode_stasiun ON stasiun_kode(stasiun_id);

CREATE TABLE stasiun_host (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  aktif INTEGER NOT NULL CHECK (aktif IN (0, 1)),
  port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
  -- JSON array of the addresses to listen on; [] = every LAN address of this PC.
  alamat TEXT NOT NULL DEFAULT '[]',
  -- Plain HTTP for browser stations the admin allowed it for; NULL = none.
  port_http INTEGER CHECK (port_http IS NULL OR port_http BETWEEN 1 AND 65535)
);

CREATE TABLE idempotensi (
  stasiun_id INTEGER NOT NULL,
  kunci TEXT NOT NULL,
  metode TEXT NOT NULL,
  -- SHA-256 of the method and its checked input: the same key with another request is refused.
  input_hash TEXT NOT NULL,
  -- The answer as JSON. NULL only between a write that awaited something and the answer it then gave:
  -- if the host stopped in that moment, a retry is told the write is recorded and to reload.
  jawaban TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (stasiun_id, kunci)
) WITHOUT ROWID;
CREATE INDEX idempotensi_at ON idempotensi(at);
`
