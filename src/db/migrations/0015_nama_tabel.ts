/**
 * The glossary's names for the tables made before it (issue 11: one name per concept, used for the API
 * namespace, the modules, the UI folder and the table). `ALTER TABLE … RENAME` also rewrites every
 * foreign key, trigger body and view that names the table; the triggers and indexes named after the old
 * table take their new names in 0016, which reads the schema this migration leaves. Columns keep their
 * names (`item_id`, `team_id`, …): they are part of every query and of the evidence digests' column
 * lists, and renaming them is a change of its own.
 *
 * The jejak marks (0011) name tables by their names: a mark left for an old name follows it.
 */
export const TABLE_RENAMES: readonly (readonly [old: string, glossary: string])[] = [
  ['election', 'pemilihan'],
  ['setting', 'pengaturan'],
  ['item', 'barang'],
  ['item_variant', 'barang_varian'],
  ['pay_rate', 'tarif_upah'],
  ['delivery', 'penerimaan'],
  ['delivery_line', 'penerimaan_baris'],
  ['worker', 'pekerja'],
  ['team', 'regu'],
  ['team_member', 'regu_anggota'],
  ['team_target', 'regu_target'],
  ['handover', 'serah_terima'],
  ['handover_tps', 'serah_terima_tps'],
  ['handover_confirmation', 'serah_terima_konfirmasi'],
  ['document', 'dokumen'],
  ['document_print', 'dokumen_cetak'],
  ['doc_setting', 'dokumen_pengaturan'],
]

export default TABLE_RENAMES.map(
  ([old, glossary]) => `ALTER TABLE ${old} RENAME TO ${glossary};
UPDATE jejak_kotor SET tabel = '${glossary}' WHERE tabel = '${old}';`,
).join('\n')
