import type Database from 'better-sqlite3'

/**
 * Takes a file built by today's app back before migration 0011 (the jejak chain), for the tests of earlier
 * migrations that build an older file by undoing later ones: the marking triggers, their table, the
 * chain's columns of the audit log and the migration's record go; the audit rows stay, as plain rows.
 */
export function undoMigration0011(raw: Database.Database): void {
  const triggers = raw
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'jejak\\_%' ESCAPE '\\'`)
    .pluck()
    .all() as string[]
  for (const t of triggers) raw.exec(`DROP TRIGGER ${t}`)
  raw.exec(`DROP TABLE jejak_kotor;
    ALTER TABLE audit DROP COLUMN digests; ALTER TABLE audit DROP COLUMN ledger_hash; ALTER TABLE audit DROP COLUMN ledger_seq;
    ALTER TABLE audit DROP COLUMN hash; ALTER TABLE audit DROP COLUMN prev_hash;
    DELETE FROM schema_migrations WHERE version = 11;`)
}
