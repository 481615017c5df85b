import type { WritableDB } from './handles'

/** Dapil (electoral districts) per ballot type, and which dapil each kecamatan votes in for each ballot type. */

/** A dapil of a ballot type; returns its id. `nameKey` is the name as compared (core/text.ts normalizeName). */
export function insertDapil(db: WritableDB, itemId: number, name: string, nameKey: string): number {
  return Number(
    db.prepare('INSERT INTO dapil (item_id, name, name_key) VALUES (?, ?, ?)').run(itemId, name, nameKey)
      .lastInsertRowid,
  )
}
