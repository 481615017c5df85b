/**
 * A pay recap a bendahara accepts (issue 13): each worker's NPWP (optional; 15 digits, or 16 since the NIK
 * serves as NPWP), bank and account number beside the NIK the worker table already has; and how PPh 21 is
 * withheld on the rekap upah: by the daily rule for pegawai tidak tetap of PMK 168/2023 (`ter_harian`,
 * docs/pph21.md) or as the flat percentage `tax_bp` (`persen`).
 *
 * A file whose satker already set a percentage keeps it (`persen`): its next recap computes as its last.
 * No new table: worker and election keep their jejak triggers, and the first write after the migration
 * records every evidence table's digest again (db/jejak.ts).
 */
export default /* sql */ `
ALTER TABLE worker ADD COLUMN npwp TEXT CHECK (npwp IS NULL OR (length(npwp) IN (15, 16) AND npwp NOT GLOB '*[^0-9]*'));
ALTER TABLE worker ADD COLUMN bank TEXT NOT NULL DEFAULT '';
ALTER TABLE worker ADD COLUMN no_rekening TEXT NOT NULL DEFAULT '' CHECK (no_rekening NOT GLOB '*[^0-9]*');
ALTER TABLE election ADD COLUMN pph21_metode TEXT NOT NULL DEFAULT 'ter_harian' CHECK (pph21_metode IN ('ter_harian', 'persen'));
UPDATE election SET pph21_metode = 'persen' WHERE tax_bp > 0;
`
