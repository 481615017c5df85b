/**
 * Indexes for lookups that scanned a Bogor-size database (a million ledger rows, 28,000 balances):
 *
 * - ledger(document_id, variant_id): a delivery line's counted and tertukar sheets are the rows of one
 *   document and one variant. With only ledger_document and ledger_variant to choose from, SQLite took
 *   ledger_variant and read every row of the variant (about 200,000) per line, which made the dashboard's
 *   open-selisih check alone take a quarter of a second. The new index starts with document_id, so it
 *   also serves every lookup by document alone, and ledger_document goes.
 * - balance(place COLLATE NOCASE): what is still in process in a shift is `place LIKE 'PROSES:<id>:%'`.
 *   LIKE ignores case, so only a NOCASE index can answer it as a range instead of a scan of every
 *   balance; every tally save reads it. Updating a quantity leaves this index untouched.
 * - tps_desa goes: UNIQUE (desa_id, nomor) already indexes desa_id first, and every TPS written kept both
 *   up to date.
 */
export default /* sql */ `
CREATE INDEX ledger_document_variant ON ledger(document_id, variant_id) WHERE document_id IS NOT NULL;
DROP INDEX ledger_document;
CREATE INDEX balance_place ON balance(place COLLATE NOCASE);
DROP INDEX tps_desa;
`
