/**
 * A tally draft keeps the version it was typed against (issue 16, optimistic concurrency): `basis_seq` is
 * the shift's `versi` (its last ledger row) when the numbers of that row were first typed. A draft restored
 * after a reload or a crash is saved against that version, not the newest, so a team another station saved
 * meanwhile is refused as stale with who and when instead of being overwritten. Null for drafts written
 * before this migration and for drafts that have no version (a new delivery's form).
 */
export default /* sql */ `
ALTER TABLE draf ADD COLUMN basis_seq INTEGER CHECK (basis_seq IS NULL OR (typeof(basis_seq) = 'integer' AND basis_seq >= 0));
`
