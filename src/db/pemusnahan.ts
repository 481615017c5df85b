import type { ReadableDB, WritableDB } from './handles'

/** Destruction's queries: the destructions, and the sheets that may be destroyed. */

/** A ballot variant's good (BAIK) and damaged (RUSAK:<reason>) balances above zero. */
export function destroyableBalances(db: ReadableDB, variantId: number): { place: string; qty: number }[] {
  return db
    .prepare(
      `SELECT place, qty FROM balance WHERE variant_id = ? AND qty > 0 AND (place = 'BAIK' OR place LIKE 'RUSAK:%')`,
    )
    .all(variantId) as { place: string; qty: number }[]
}

export function insertPemusnahan(
  db: WritableDB,
  row: { tanggal: string; at: string; actor: string; metode: string; tempat: string; note: string },
): number {
  return Number(
    db
      .prepare('INSERT INTO pemusnahan (tanggal, at, actor, metode, tempat, note) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.tanggal, row.at, row.actor, row.metode, row.tempat, row.note).lastInsertRowid,
  )
}

/** Every destruction, newest first, with its BA and the sheets its ledger rows destroyed (reversals netted). */
export function pemusnahanRows(db: ReadableDB) {
  return db
    .prepare(
      `SELECT p.id, p.tanggal, p.at, p.actor, p.metode, p.tempat, p.note, d.id AS documentId, d.nomor,
                (SELECT coalesce(sum(CASE WHEN l.reason = 'BATAL' THEN -l.qty ELSE l.qty END), 0) FROM ledger l WHERE l.document_id = 'PEMUSNAHAN:' || p.id) AS qty
         FROM pemusnahan p LEFT JOIN dokumen d ON d.doc_type = 'BA_PEMUSNAHAN' AND d.ref = 'PEMUSNAHAN:' || p.id ORDER BY p.id DESC`,
    )
    .all() as {
    id: number
    tanggal: string
    at: string
    actor: string
    metode: string
    tempat: string
    note: string
    documentId: number | null
    nomor: string | null
    qty: number
  }[]
}

export function pemusnahanById(
  db: ReadableDB,
  id: number,
): { id: number; metode: string; tempat: string; note: string } | undefined {
  return db.prepare('SELECT * FROM pemusnahan WHERE id = ?').get(id) as
    { id: number; metode: string; tempat: string; note: string } | undefined
}

/** What one destruction's ledger rows took, per variant and the place it left (reversals netted). */
export function destroyedBySource(db: ReadableDB, documentId: string): { v: number; src: string; qty: number }[] {
  return db
    .prepare(
      `SELECT variant_id AS v, CASE WHEN reason = 'BATAL' THEN to_place ELSE from_place END AS src, sum(CASE WHEN reason = 'BATAL' THEN -qty ELSE qty END) AS qty
       FROM ledger WHERE document_id = ? GROUP BY v, src HAVING qty <> 0`,
    )
    .all(documentId) as { v: number; src: string; qty: number }[]
}
