/**
 * Setting and packing per TPS, handover to each PPK (Panitia Pemilihan Kecamatan), returns from the PPK
 * and destruction. Quantities stay in the ledger (DIKEMAS:<tps>, DIKIRIM:<kecamatan>, DIMUSNAHKAN, with
 * document ids SERAH_TERIMA:<id>, PENGEMBALIAN:<id>, PEMUSNAHAN:<id>); these tables hold the facts around
 * them: who received, which TPS, which exceptions, which seal numbers.
 */
export default /* sql */ `
-- The seal number put on each kotak of a TPS kit while packing. Kept current (a mistyped number is
-- replaced); every change is in the audit log.
CREATE TABLE segel (
  tps_id INTEGER NOT NULL REFERENCES tps(id),
  kotak_no INTEGER NOT NULL CHECK (kotak_no >= 1),
  nomor TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (tps_id, kotak_no)
);

-- A handover of TPS kits to the PPK of one kecamatan, with its berita acara.
CREATE TABLE handover (
  id INTEGER PRIMARY KEY,
  kecamatan_id INTEGER NOT NULL REFERENCES kecamatan(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  tanggal TEXT NOT NULL,
  ppk_nama TEXT NOT NULL,
  ppk_jabatan TEXT NOT NULL,
  kendaraan TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
);
-- Which TPS went in it; an incomplete kit only with the coordinator's reason, printed on the BA.
CREATE TABLE handover_tps (
  handover_id INTEGER NOT NULL REFERENCES handover(id),
  tps_id INTEGER NOT NULL REFERENCES tps(id),
  exception TEXT,
  PRIMARY KEY (handover_id, tps_id)
);
CREATE INDEX handover_tps_tps ON handover_tps(tps_id);
-- The PPK's confirmation that it received what the BA says.
CREATE TABLE handover_confirmation (
  handover_id INTEGER PRIMARY KEY REFERENCES handover(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  note TEXT NOT NULL
);

-- Logistics a PPK brings back to the warehouse.
CREATE TABLE pengembalian (
  id INTEGER PRIMARY KEY,
  kecamatan_id INTEGER NOT NULL REFERENCES kecamatan(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  note TEXT NOT NULL
);

-- Destruction of damaged and surplus ballots before witnesses.
CREATE TABLE pemusnahan (
  id INTEGER PRIMARY KEY,
  tanggal TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  metode TEXT NOT NULL,
  tempat TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);

${['handover', 'handover_tps', 'handover_confirmation', 'pengembalian', 'pemusnahan']
  .map(
    (t) => `CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t}
BEGIN SELECT RAISE(ABORT, 'Catatan distribusi dan pemusnahan tidak dapat diubah; catat koreksi'); END;
CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t}
BEGIN SELECT RAISE(ABORT, 'Catatan distribusi dan pemusnahan tidak dapat dihapus'); END;`,
  )
  .join('\n')}

-- Small settings kept as JSON and checked by their service (the label sheet grid, …).
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`
