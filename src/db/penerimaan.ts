import type { Penerimaan, PenerimaanBaris, PenerimaanHeader } from '../api/contract/penerimaan'
import type { DokumenNomor } from './dokumen'
import type { ReadableDB, WritableDB } from './handles'

/**
 * Deliveries from the printer and returns to it: tables delivery, delivery_line, selisih_selesai, retur.
 * Counted and tertukar figures are never stored here: they are sums of the ledger rows of the delivery.
 */

/** A delivery as recorded, without its lines and its berita acara. */
export type PenerimaanRecord = Omit<Penerimaan, 'lines' | 'baNomor' | 'baDocumentId'>

interface DeliveryRow {
  id: number
  kind: 'biasa' | 'pengganti'
  received_at: string
  penyedia: string
  surat_jalan: string
  bttb: string
  kendaraan: string
  pengemudi: string
  wakil_nama: string
  wakil_jabatan: string
  pengganti_untuk: string
  note: string
  recorded_at: string
  recorded_by: string
}

const toRecord = (r: DeliveryRow): PenerimaanRecord => ({
  id: r.id,
  kind: r.kind,
  receivedAt: r.received_at,
  penyedia: r.penyedia,
  suratJalan: r.surat_jalan,
  bttb: r.bttb,
  kendaraan: r.kendaraan,
  pengemudi: r.pengemudi,
  wakilNama: r.wakil_nama,
  wakilJabatan: r.wakil_jabatan,
  penggantiUntuk: r.pengganti_untuk,
  note: r.note,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
})

/** Every delivery, the latest first. */
export function daftarPenerimaan(db: ReadableDB): PenerimaanRecord[] {
  return (db.prepare('SELECT * FROM penerimaan ORDER BY received_at DESC, id DESC').all() as DeliveryRow[]).map(
    toRecord,
  )
}

export function penerimaanById(db: ReadableDB, id: number): PenerimaanRecord | undefined {
  const r = db.prepare('SELECT * FROM penerimaan WHERE id = ?').get(id) as DeliveryRow | undefined
  return r && toRecord(r)
}

/** A delivery of the same surat jalan from the same penyedia, spelt with other case or spaces. */
export function penerimaanBySuratJalan(db: ReadableDB, penyedia: string, suratJalan: string): number | undefined {
  return (
    db
      .prepare(
        'SELECT id FROM penerimaan WHERE lower(trim(penyedia)) = lower(trim(?)) AND lower(trim(surat_jalan)) = lower(trim(?))',
      )
      .get(penyedia, suratJalan) as { id: number } | undefined
  )?.id
}

/** Every penyedia named on a delivery or a return. */
export function penyediaNames(db: ReadableDB): string[] {
  return db.prepare('SELECT penyedia FROM penerimaan UNION SELECT penyedia FROM retur').pluck().all() as string[]
}

export function insertPenerimaan(db: WritableDB, h: PenerimaanHeader & { at: string; actor: string }): number {
  return Number(
    db
      .prepare(
        `INSERT INTO penerimaan (kind, received_at, penyedia, surat_jalan, bttb, kendaraan, pengemudi, wakil_nama, wakil_jabatan, pengganti_untuk, note, recorded_at, recorded_by)
           VALUES (@kind, @receivedAt, @penyedia, @suratJalan, @bttb, @kendaraan, @pengemudi, @wakilNama, @wakilJabatan, @penggantiUntuk, @note, @at, @actor)`,
      )
      .run({
        kind: h.kind,
        receivedAt: h.receivedAt,
        penyedia: h.penyedia,
        suratJalan: h.suratJalan,
        bttb: h.bttb,
        kendaraan: h.kendaraan,
        pengemudi: h.pengemudi,
        wakilNama: h.wakilNama,
        wakilJabatan: h.wakilJabatan,
        penggantiUntuk: h.penggantiUntuk,
        note: h.note,
        at: h.at,
        actor: h.actor,
      }).lastInsertRowid,
  )
}

export function insertPenerimaanBaris(
  db: WritableDB,
  deliveryId: number,
  l: { variantId: number; dus: number | null; isiPerDus: number | null; statedQty: number; tertukarNote: string },
): void {
  db.prepare(
    'INSERT INTO penerimaan_baris (delivery_id, variant_id, dus, isi_per_dus, stated_qty, tertukar_note) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(deliveryId, l.variantId, l.dus, l.isiPerDus, l.statedQty, l.tertukarNote)
}

/** A delivery's line as recorded, with its counted and tertukar sheets from the ledger rows of `ref`. */
export type PenerimaanBarisRecord = Omit<PenerimaanBaris, 'label' | 'unit' | 'selisih'>

/**
 * Counted and tertukar per line are sums of the ledger rows of this delivery (document `ref`),
 * corrections included, so the numbers shown are always the ledger's.
 */
export function barisOf(db: ReadableDB, deliveryId: number, ref: string): PenerimaanBarisRecord[] {
  const rows = db
    .prepare(
      `SELECT l.id AS lineId, l.variant_id AS variantId, l.dus, l.isi_per_dus AS isiPerDus, l.stated_qty AS statedQty, l.tertukar_note AS tertukarNote,
              coalesce((SELECT sum(CASE WHEN g.to_place = 'DITERIMA' THEN g.qty WHEN g.from_place = 'DITERIMA' THEN -g.qty ELSE 0 END)
                        FROM ledger g WHERE g.document_id = ? AND g.variant_id = l.variant_id), 0) AS countedQty,
              coalesce((SELECT sum(CASE WHEN g.to_place = 'TERTUKAR' THEN g.qty WHEN g.from_place = 'TERTUKAR' THEN -g.qty ELSE 0 END)
                        FROM ledger g WHERE g.document_id = ? AND g.variant_id = l.variant_id), 0) AS tertukarQty,
              s.at AS selesaiAt, s.actor AS selesaiActor, s.note AS selesaiNote
       FROM penerimaan_baris l LEFT JOIN selisih_selesai s ON s.delivery_line_id = l.id
       WHERE l.delivery_id = ? ORDER BY l.id`,
    )
    .all(ref, ref, deliveryId) as (Omit<PenerimaanBarisRecord, 'selesai'> & {
    selesaiAt: string | null
    selesaiActor: string | null
    selesaiNote: string | null
  })[]
  return rows.map(({ selesaiAt, selesaiActor, selesaiNote, ...r }) => ({
    ...r,
    selesai: selesaiAt ? { at: selesaiAt, actor: selesaiActor ?? '', note: selesaiNote ?? '' } : null,
  }))
}

/** The delivery a line belongs to. */
export function penerimaanOfBaris(db: ReadableDB, lineId: number): number | undefined {
  return (
    db.prepare('SELECT delivery_id AS deliveryId FROM penerimaan_baris WHERE id = ?').get(lineId) as
      { deliveryId: number } | undefined
  )?.deliveryId
}

export function insertSelisihSelesai(
  db: WritableDB,
  s: { lineId: number; at: string; actor: string; note: string },
): void {
  db.prepare(
    'INSERT INTO selisih_selesai (delivery_line_id, at, actor, note) VALUES (@lineId, @at, @actor, @note)',
  ).run(s)
}

/** The latest BA penerimaan issued for a delivery (document `ref`). */
export function baPenerimaanOf(db: ReadableDB, ref: string): DokumenNomor | undefined {
  return db
    .prepare(`SELECT id, nomor FROM dokumen WHERE doc_type = 'BA_PENERIMAAN' AND ref = ? ORDER BY id DESC LIMIT 1`)
    .get(ref) as DokumenNomor | undefined
}

export function insertRetur(db: WritableDB, r: { at: string; actor: string; penyedia: string; note: string }): number {
  return Number(
    db
      .prepare('INSERT INTO retur (at, actor, penyedia, note) VALUES (?, ?, ?, ?)')
      .run(r.at, r.actor, r.penyedia, r.note).lastInsertRowid,
  )
}

/** Every return, the latest first. */
export function daftarRetur(
  db: ReadableDB,
): { id: number; at: string; actor: string; penyedia: string; note: string }[] {
  return db.prepare('SELECT id, at, actor, penyedia, note FROM retur ORDER BY id DESC').all() as {
    id: number
    at: string
    actor: string
    penyedia: string
    note: string
  }[]
}

/** What a document's ledger rows moved, per variant (a return's sheets). */
export function qtyPerVariantOf(db: ReadableDB, ref: string): { variantId: number; qty: number }[] {
  return db
    .prepare(`SELECT variant_id AS variantId, sum(qty) AS qty FROM ledger WHERE document_id = ? GROUP BY variant_id`)
    .all(ref) as { variantId: number; qty: number }[]
}

/** The latest nota pengembalian issued for a return (document `ref`). */
export function notaReturOf(db: ReadableDB, ref: string): { id: number; nomor: string | null } | undefined {
  return db
    .prepare(`SELECT id, nomor FROM dokumen WHERE doc_type = 'NOTA_RETUR' AND ref = ? ORDER BY id DESC LIMIT 1`)
    .get(ref) as DokumenNomor | undefined
}

/** The declaration that no more ordinary deliveries of a variant are coming (migration 0009). */
export interface KirimanLengkapRow {
  variantId: number
  tanggal: string
  at: string
  actor: string
  note: string
}

export function kirimanLengkapOf(db: ReadableDB, variantId: number): KirimanLengkapRow | undefined {
  return db
    .prepare('SELECT variant_id AS variantId, tanggal, at, actor, note FROM kiriman_lengkap WHERE variant_id = ?')
    .get(variantId) as KirimanLengkapRow | undefined
}

/** Every declaration, in the order they take effect. */
export function daftarKirimanLengkap(db: ReadableDB): KirimanLengkapRow[] {
  return db
    .prepare(
      'SELECT variant_id AS variantId, tanggal, at, actor, note FROM kiriman_lengkap ORDER BY tanggal, variant_id',
    )
    .all() as KirimanLengkapRow[]
}

export function insertKirimanLengkap(db: WritableDB, r: KirimanLengkapRow): void {
  db.prepare('INSERT INTO kiriman_lengkap (variant_id, tanggal, at, actor, note) VALUES (?, ?, ?, ?, ?)').run(
    r.variantId,
    r.tanggal,
    r.at,
    r.actor,
    r.note,
  )
}
