import type Database from 'better-sqlite3'
import { MIGRATIONS } from '../../src/db/migrations'
import { openDatabase } from '../../src/db/open'
import { TABLE_RENAMES } from '../../src/db/migrations/0015_nama_tabel'

/**
 * Takes a file built by today's app back before migration 0011 (the jejak chain), for the tests of earlier
 * migrations that build an older file by undoing later ones: the marking triggers, their table, the
 * chain's columns of the audit log, its settings and the migration's record go, the floor_flow trigger is
 * 0003's again; the audit rows stay, as plain rows.
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
    DELETE FROM schema_migrations WHERE version = 11;
    DELETE FROM setting WHERE key IN ('id_pemilihan', 'zona_waktu');
    DROP TRIGGER ledger_floor_flow;`)
  // The floor_flow trigger as 0003 wrote it (0011 dates rows in the satker's zone).
  const before = openDatabase(':memory:', { migrations: MIGRATIONS.filter((m) => m.version < 11) })
  raw.exec(before.prepare(`SELECT sql FROM sqlite_master WHERE name = 'ledger_floor_flow'`).pluck().get() as string)
  before.close()
}

/**
 * Takes a file back before migration 0015 (the glossary's table names): each table its name again. The
 * triggers and indexes 0016 renamed are then not the older schema's, and rollBackTo makes them again.
 */
export function undoMigration0015(raw: Database.Database): void {
  for (const [old, glossary] of TABLE_RENAMES) raw.exec(`ALTER TABLE ${glossary} RENAME TO ${old}`)
  raw.exec(`DELETE FROM schema_migrations WHERE version >= 15`)
}
