import type { ReadableDB } from './handles'

/**
 * The document register's queries (tables document, document_print, doc_setting) and the reads the
 * documents' data and checks make of other tables.
 */

/** The nomor of each handover's BA serah terima, by handover id. */
export function serahTerimaBaNomor(db: ReadableDB): Map<number, string | null> {
  return new Map(
    (
      db
        .prepare(`SELECT CAST(substr(ref, 14) AS INTEGER) AS h, nomor FROM document WHERE doc_type = 'BA_SERAH_TERIMA'`)
        .all() as { h: number; nomor: string | null }[]
    ).map((r) => [r.h, r.nomor]),
  )
}
