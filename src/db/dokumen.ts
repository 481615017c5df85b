import type { DocType } from '../core/documents'
import type { ReadableDB, WritableDB } from './handles'
import { ZONE } from './ledgerCategories'

/**
 * The document register's queries (tables document, document_print, doc_setting) and the reads the
 * documents' data and checks make of other tables.
 */

/** The nomor of each handover's BA serah terima, by handover id. */
export function serahTerimaBaNomor(db: ReadableDB): Map<number, string | null> {
  return new Map(
    (
      db
        .prepare(`SELECT CAST(substr(ref, 14) AS INTEGER) AS h, nomor FROM dokumen WHERE doc_type = 'BA_SERAH_TERIMA'`)
        .all() as { h: number; nomor: string | null }[]
    ).map((r) => [r.h, r.nomor]),
  )
}

/** A register entry as stored, with its print count and the formats printed so far. */
export interface DokumenRow {
  id: number
  doc_type: DocType
  tahun: number
  no: number | null
  nomor: string | null
  title: string
  subject: string
  ref: string
  snapshot: string
  chain_seq: number
  chain_hash: string
  issued_at: string
  issued_by: string
  prints: number
  printed_formats: string | null
}

const ROW_SQL = `SELECT d.*, (SELECT count(*) FROM dokumen_cetak p WHERE p.document_id = d.id) AS prints,
  (SELECT group_concat(DISTINCT p.format) FROM dokumen_cetak p WHERE p.document_id = d.id) AS printed_formats FROM dokumen d`

export function dokumenRow(db: ReadableDB, id: number): DokumenRow | undefined {
  return db.prepare(`${ROW_SQL} WHERE d.id = ?`).get(id) as DokumenRow | undefined
}

/** The register, newest first: every document, or those of one type. */
export function dokumenRows(db: ReadableDB, type?: DocType): DokumenRow[] {
  return (
    type
      ? db.prepare(`${ROW_SQL} WHERE d.doc_type = ? ORDER BY d.id DESC`).all(type)
      : db.prepare(`${ROW_SQL} ORDER BY d.id DESC`).all()
  ) as DokumenRow[]
}

/** A document of the register as another record names it: its id, and its nomor (null for an unnumbered type). */
export interface DokumenNomor {
  id: number
  nomor: string | null
}

/** The document already issued of this type for this event (ref), if any. */
export function dokumenOf(db: ReadableDB, type: DocType, ref: string): DokumenNomor | undefined {
  return db.prepare('SELECT id, nomor FROM dokumen WHERE doc_type = ? AND ref = ?').get(type, ref) as
    DokumenNomor | undefined
}

/** The highest number issued in a year, or null. */
export function lastNo(db: ReadableDB, tahun: number): number | null {
  return (db.prepare('SELECT max(no) AS n FROM dokumen WHERE tahun = ?').get(tahun) as { n: number | null }).n
}

export function nomorTaken(db: ReadableDB, nomor: string): boolean {
  return db.prepare('SELECT 1 FROM dokumen WHERE nomor = ?').get(nomor) !== undefined
}

/** A register entry to write: the stored row's own columns (its id and prints come later). */
export type NewDokumen = Omit<DokumenRow, 'id' | 'prints' | 'printed_formats'>

export function insertDokumen(db: WritableDB, row: NewDokumen): number {
  return Number(
    db
      .prepare(
        `INSERT INTO dokumen (doc_type, tahun, no, nomor, title, subject, ref, snapshot, chain_seq, chain_hash, issued_at, issued_by)
           VALUES (@doc_type, @tahun, @no, @nomor, @title, @subject, @ref, @snapshot, @chain_seq, @chain_hash, @issued_at, @issued_by)`,
      )
      .run(row).lastInsertRowid,
  )
}

export function printedAs(db: ReadableDB, documentId: number, format: string): boolean {
  return (
    db.prepare('SELECT 1 FROM dokumen_cetak WHERE document_id = ? AND format = ?').get(documentId, format) !== undefined
  )
}

export function printCount(db: ReadableDB, documentId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM dokumen_cetak WHERE document_id = ?').get(documentId) as { n: number })
    .n
}

export function insertPrint(
  db: WritableDB,
  row: { documentId: number; at: string; actor: string; copyNo: number; format: string },
): void {
  db.prepare('INSERT INTO dokumen_cetak (document_id, at, actor, copy_no, format) VALUES (?, ?, ?, ?, ?)').run(
    row.documentId,
    row.at,
    row.actor,
    row.copyNo,
    row.format,
  )
}

/** One document type's own number pattern and signers (JSON), if the satker set them. */
export function jenisSetting(db: ReadableDB, type: DocType): { pattern: string | null; signers: string } | undefined {
  return db.prepare('SELECT nomor_pattern AS pattern, signers FROM dokumen_pengaturan WHERE doc_type = ?').get(type) as
    { pattern: string | null; signers: string } | undefined
}

export function setJenisSetting(db: WritableDB, type: DocType, nomorPattern: string | null, signers: string): void {
  db.prepare(
    `INSERT INTO dokumen_pengaturan (doc_type, nomor_pattern, signers) VALUES (?, ?, ?)
         ON CONFLICT (doc_type) DO UPDATE SET nomor_pattern = excluded.nomor_pattern, signers = excluded.signers`,
  ).run(type, nomorPattern, signers)
}

// --- The printed-document check (dokumen.periksa) ---------------------------------------------------

/** A register entry as the check reads it. */
export interface DokumenCheckRow {
  id: number
  doc_type: string
  nomor: string | null
  title: string
  subject: string
  ref: string
  issued_at: string
  chain_seq: number
  chain_hash: string
}

export function dokumenById(db: ReadableDB, id: number): DokumenCheckRow | undefined {
  return db.prepare('SELECT * FROM dokumen WHERE id = ?').get(id) as DokumenCheckRow | undefined
}

export function dokumenByNomor(db: ReadableDB, nomor: string): DokumenCheckRow | undefined {
  return db.prepare('SELECT * FROM dokumen WHERE nomor = ?').get(nomor) as DokumenCheckRow | undefined
}

/** Ledger rows after a sequence in the shifts of a date range. Reads ledger and shift. */
export function laterShiftRows(db: ReadableDB, afterSeq: number, from: string, to: string): number {
  return (
    db
      .prepare(
        `SELECT count(*) AS n FROM ledger l JOIN shift s ON s.id = l.shift_id WHERE l.seq > ? AND s.tanggal BETWEEN ? AND ?`,
      )
      .get(afterSeq, from, to) as { n: number }
  ).n
}

/** Ledger rows after a sequence under one document id (an event's own rows). Reads ledger. */
export function laterEventRows(db: ReadableDB, afterSeq: number, documentId: string): number {
  return (
    db.prepare('SELECT count(*) AS n FROM ledger WHERE seq > ? AND document_id = ?').get(afterSeq, documentId) as {
      n: number
    }
  ).n
}

/** The hash of one ledger row, or undefined when the row is gone. Reads ledger. */
export function ledgerHashAt(db: ReadableDB, seq: number): string | undefined {
  return (db.prepare('SELECT hash FROM ledger WHERE seq = ?').get(seq) as { hash: string } | undefined)?.hash
}

// --- What documents state, read from the floor's tables (dokumenData) -------------------------------

/** The notes of every delivery line that received a variant as tertukar. Reads delivery_line (penerimaan). */
/** What the deliveries received up to a date said of a variant's tertukar sheets (whose they are). */
export function tertukarNotesUpTo(db: ReadableDB, variantId: number, tanggal: string): string[] {
  return db
    .prepare(
      `SELECT DISTINCT l.tertukar_note FROM penerimaan_baris l JOIN penerimaan d ON d.id = l.delivery_id
       WHERE l.variant_id = ? AND l.tertukar_note <> '' AND substr(d.received_at, 1, 10) <= ? ORDER BY d.received_at, l.id`,
    )
    .pluck()
    .all(variantId, tanggal) as string[]
}

export function tertukarNotes(db: ReadableDB, variantId: number): string[] {
  return (
    db
      .prepare(
        `SELECT DISTINCT tertukar_note AS note FROM penerimaan_baris WHERE variant_id = ? AND tertukar_note <> ''`,
      )
      .all(variantId) as { note: string }[]
  ).map((n) => n.note)
}

/** The sortir-lipat shifts of a date range. Reads shift. */
export function sortirShiftIds(db: ReadableDB, from: string, to: string): number[] {
  return (
    db.prepare(`SELECT id FROM shift WHERE kind = 'sortir_lipat' AND tanggal BETWEEN ? AND ?`).all(from, to) as {
      id: number
    }[]
  ).map((s) => s.id)
}

/** The sortir-lipat shifts of a date range still open. Reads shift. */
export function openSortirShiftIds(db: ReadableDB, from: string, to: string): number[] {
  return (
    db
      .prepare(`SELECT id FROM shift WHERE kind = 'sortir_lipat' AND tanggal BETWEEN ? AND ? AND status = 'open'`)
      .all(from, to) as { id: number }[]
  ).map((s) => s.id)
}

/** Every shift of a date range still open. Reads shift. */
export function openShiftIds(db: ReadableDB, from: string, to: string): number[] {
  return (
    db.prepare(`SELECT id FROM shift WHERE tanggal BETWEEN ? AND ? AND status = 'open'`).all(from, to) as {
      id: number
    }[]
  ).map((s) => s.id)
}

/** How many regu and how many pekerja took part in these shifts. Reads shift_team and shift_worker. */
export function shiftCrew(db: ReadableDB, shiftIds: readonly number[]): { teams: number; workers: number } {
  const teams = db
    .prepare(`SELECT count(DISTINCT team_id) AS n FROM shift_team WHERE shift_id IN (${shiftIds.join(',')})`)
    .get() as { n: number }
  const workers = db
    .prepare(`SELECT count(DISTINCT worker_id) AS n FROM shift_worker WHERE shift_id IN (${shiftIds.join(',')})`)
    .get() as { n: number }
  return { teams: teams.n, workers: workers.n }
}

/**
 * Re-classifications (RUSAK -> BAIK) of a date range not cancelled since; one outside any shift counts
 * on the local date it was recorded. Reads ledger and shift.
 */
export function reklasifikasiRows(
  db: ReadableDB,
  from: string,
  to: string,
): { variantId: number; place: string; note: string | null; qty: number }[] {
  return db
    .prepare(
      `SELECT l.variant_id AS variantId, l.from_place AS place, l.note, l.qty FROM ledger l LEFT JOIN shift s ON s.id = l.shift_id
       WHERE l.reason = 'REKLASIFIKASI' AND coalesce(s.tanggal, date(l.at, ${ZONE})) BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM ledger c WHERE c.corrects_seq = l.seq AND c.reason = 'BATAL')`,
    )
    .all(from, to) as { variantId: number; place: string; note: string | null; qty: number }[]
}

/** Who was present in which regu in the shifts of a date range. Reads shift_worker and shift. */
export function attendance(
  db: ReadableDB,
  from: string,
  to: string,
): { shiftId: number; teamId: number; workerId: number }[] {
  return db
    .prepare(
      `SELECT x.shift_id AS shiftId, x.team_id AS teamId, x.worker_id AS workerId FROM shift_worker x JOIN shift s ON s.id = x.shift_id WHERE s.tanggal BETWEEN ? AND ?`,
    )
    .all(from, to) as { shiftId: number; teamId: number; workerId: number }[]
}

/** The date of every shift in the range, which the daily PPh 21 rule groups a worker's pay by. */
export function shiftDates(db: ReadableDB, from: string, to: string): { id: number; tanggal: string }[] {
  return db.prepare('SELECT id, tanggal FROM shift WHERE tanggal BETWEEN ? AND ?').all(from, to) as {
    id: number
    tanggal: string
  }[]
}

/** A pekerja's name and the name of their regu ('' without one). Reads worker, team_member and team. */
export function pekerjaWithRegu(db: ReadableDB, workerId: number): { nama: string; regu: string } {
  return db
    .prepare(
      `SELECT w.nama, coalesce(t.nama, '') AS regu FROM pekerja w LEFT JOIN regu_anggota m ON m.worker_id = w.id LEFT JOIN regu t ON t.id = m.team_id WHERE w.id = ?`,
    )
    .get(workerId) as { nama: string; regu: string }
}

/** The register's BA hasil sortir whose period (ref SORTIR:<from>:<to>) overlaps [from, to]. */
export function sortirOverlapping(db: ReadableDB, from: string, to: string): (DokumenNomor & { ref: string })[] {
  return db
    .prepare(
      `SELECT id, nomor, ref FROM dokumen WHERE doc_type = 'BA_SORTIR'
         AND substr(ref, 8, 10) <= @to AND substr(ref, 19, 10) >= @from ORDER BY id`,
    )
    .all({ from, to }) as (DokumenNomor & { ref: string })[]
}
