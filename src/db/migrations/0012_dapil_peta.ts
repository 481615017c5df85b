/**
 * Dapil that are not yet mapped, and the PSU reserve per dapil (issue 12).
 *
 * - dapil.placeholder: 1 for the one row per ballot type that holds the kecamatan whose dapil the satker
 *   has not imported yet (DPR, DPRD Provinsi, DPRD Kabupaten/Kota: core/presets.ts dapilNeedsMapping).
 *   Until now `pemilihan.buat` made it as a believable dapil named after the satker; it is renamed
 *   "Belum dipetakan" here, so no need, kit, label or export presents it as a dapil. Only the rows a
 *   file still has under that made-up name are marked: a file whose mapping was imported keeps its dapil.
 * - dapil.psu_reserve: the PSU reserve of this dapil when it differs from its ballot type's
 *   (item.psu_per_dapil): a dapil shared with a neighbouring satker (DPR "Jawa Timur I") may carry its
 *   reserve in one satker only. NULL follows the ballot type.
 */
export default /* sql */ `
ALTER TABLE dapil ADD COLUMN placeholder INTEGER NOT NULL DEFAULT 0 CHECK (placeholder IN (0, 1));
ALTER TABLE dapil ADD COLUMN psu_reserve INTEGER CHECK (psu_reserve IS NULL OR psu_reserve BETWEEN 0 AND 1000000);
CREATE UNIQUE INDEX dapil_one_placeholder ON dapil(item_id) WHERE placeholder = 1;
UPDATE dapil SET placeholder = 1, name = 'Belum dipetakan', name_key = 'BELUM DIPETAKAN'
 WHERE item_id IN (SELECT id FROM item WHERE kind = 'ballot' AND code IN ('DPR', 'DPRD_PROV', 'DPRD_KAB'))
   AND name = (SELECT upper(satker) FROM election WHERE id = 1);
`
