import type { ReadableDB, WritableDB } from './handles'

/**
 * Handover's queries: the handovers to each PPK (Panitia Pemilihan Kecamatan), the TPS that went in each,
 * the PPK's confirmations and returns, and what went out of each kit by the handovers' own ledger rows.
 */

/** Which TPS went out in which handover, with its exception, and whether the PPK confirmed that handover. */
export function handedOverTps(
  db: ReadableDB,
): { tpsId: number; handoverId: number; exception: string | null; confirmed: number }[] {
  return db
    .prepare(
      `SELECT x.tps_id AS tpsId, x.handover_id AS handoverId, x.exception, c.handover_id IS NOT NULL AS confirmed
       FROM serah_terima_tps x LEFT JOIN serah_terima_konfirmasi c ON c.handover_id = x.handover_id`,
    )
    .all() as { tpsId: number; handoverId: number; exception: string | null; confirmed: number }[]
}

/**
 * What went out of the kits in handovers (SERAH_TERIMA:<id> rows, reversals netted), per place the sheets
 * left and variant; for one kit's place, or for every place.
 */
export function handedOutByPlace(db: ReadableDB, place?: string): { place: string; v: number; qty: number }[] {
  return db
    .prepare(
      `SELECT CASE WHEN reason = 'BATAL' THEN to_place ELSE from_place END AS place, variant_id AS v,
              sum(CASE WHEN reason = 'BATAL' THEN -qty ELSE qty END) AS qty
       FROM ledger WHERE document_id LIKE 'SERAH_TERIMA:%' ${place === undefined ? '' : 'AND (from_place = @p OR to_place = @p)'}
       GROUP BY place, v`,
    )
    .all(place === undefined ? {} : { p: place }) as { place: string; v: number; qty: number }[]
}

/** A kecamatan's id and name (table kecamatan, wilayah's), or undefined. */
export function kecamatanById(db: ReadableDB, id: number): { id: number; nama: string } | undefined {
  return db.prepare('SELECT id, nama FROM kecamatan WHERE id = ?').get(id) as { id: number; nama: string } | undefined
}

export interface SerahTerimaRow {
  id: number
  kecamatan_id: number
  kecamatan: string
  at: string
  actor: string
  tanggal: string
  ppk_nama: string
  ppk_jabatan: string
  kendaraan: string
  note: string
  confirmedAt: string | null
  confirmedBy: string | null
  confirmNote: string | null
  tps: number
  exceptions: number
  documentId: number | null
  nomor: string | null
}

/** Every handover (of one kecamatan, or all), newest first, with its confirmation, counts and BA. */
export function serahTerimaRows(db: ReadableDB, kecamatanId?: number): SerahTerimaRow[] {
  return db
    .prepare(
      `SELECT h.*, k.nama AS kecamatan, c.at AS confirmedAt, c.actor AS confirmedBy, c.note AS confirmNote,
              (SELECT count(*) FROM serah_terima_tps x WHERE x.handover_id = h.id) AS tps,
              (SELECT count(*) FROM serah_terima_tps x WHERE x.handover_id = h.id AND x.exception IS NOT NULL) AS exceptions,
              d.id AS documentId, d.nomor
       FROM serah_terima h JOIN kecamatan k ON k.id = h.kecamatan_id LEFT JOIN serah_terima_konfirmasi c ON c.handover_id = h.id
       LEFT JOIN dokumen d ON d.doc_type = 'BA_SERAH_TERIMA' AND d.ref = 'SERAH_TERIMA:' || h.id
       ${kecamatanId === undefined ? '' : 'WHERE h.kecamatan_id = ?'} ORDER BY h.id DESC`,
    )
    .all(...(kecamatanId === undefined ? [] : [kecamatanId])) as SerahTerimaRow[]
}

/** The handover a TPS went out in, with its BA's nomor. */
export function serahTerimaOfTps(db: ReadableDB, tpsId: number): { id: number; nomor: string | null } | undefined {
  return db
    .prepare(
      `SELECT h.id, d.nomor FROM serah_terima_tps x JOIN serah_terima h ON h.id = x.handover_id
     LEFT JOIN dokumen d ON d.doc_type = 'BA_SERAH_TERIMA' AND d.ref = 'SERAH_TERIMA:' || h.id WHERE x.tps_id = ?`,
    )
    .get(tpsId) as { id: number; nomor: string | null } | undefined
}

export function insertSerahTerima(
  db: WritableDB,
  row: {
    kecamatanId: number
    at: string
    actor: string
    tanggal: string
    ppkNama: string
    ppkJabatan: string
    kendaraan: string
    note: string
  },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO serah_terima (kecamatan_id, at, actor, tanggal, ppk_nama, ppk_jabatan, kendaraan, note)
         VALUES (@kecamatanId, @at, @actor, @tanggal, @ppkNama, @ppkJabatan, @kendaraan, @note)`,
      )
      .run(row).lastInsertRowid,
  )
}

export function insertSerahTerimaTps(db: WritableDB, handoverId: number, tpsId: number, exception: string | null) {
  db.prepare('INSERT INTO serah_terima_tps (handover_id, tps_id, exception) VALUES (?, ?, ?)').run(
    handoverId,
    tpsId,
    exception,
  )
}

export function insertKonfirmasi(db: WritableDB, row: { handoverId: number; at: string; actor: string; note: string }) {
  db.prepare(
    'INSERT INTO serah_terima_konfirmasi (handover_id, at, actor, note) VALUES (@handoverId, @at, @actor, @note)',
  ).run(row)
}

export function insertPengembalian(
  db: WritableDB,
  row: { kecamatanId: number; at: string; actor: string; note: string },
): number {
  return Number(
    db
      .prepare('INSERT INTO pengembalian (kecamatan_id, at, actor, note) VALUES (@kecamatanId, @at, @actor, @note)')
      .run(row).lastInsertRowid,
  )
}

/** What one place holds now, per variant in variant order (a PPK's DIKIRIM:<kecamatan>). */
export function heldAt(db: ReadableDB, place: string): { variantId: number; qty: number }[] {
  return db
    .prepare('SELECT variant_id AS variantId, qty FROM balance WHERE place = ? AND qty > 0 ORDER BY variant_id')
    .all(place) as { variantId: number; qty: number }[]
}

/** The TPS of every handover: their kits need nothing more from the warehouse. */
export function handedTpsIds(db: ReadableDB): number[] {
  return (db.prepare('SELECT tps_id AS t FROM serah_terima_tps').all() as { t: number }[]).map((r) => r.t)
}

/** One handover with its kecamatan's name, as its BA states it. */
export function serahTerimaForBa(db: ReadableDB, handoverId: number) {
  return db
    .prepare(
      'SELECT h.*, k.nama AS kecamatan FROM serah_terima h JOIN kecamatan k ON k.id = h.kecamatan_id WHERE h.id = ?',
    )
    .get(handoverId) as
    | { id: number; kecamatan: string; ppk_nama: string; ppk_jabatan: string; kendaraan: string; note: string }
    | undefined
}

/** What each TPS kit in a handover held, from the handover's own ledger rows (corrections included). */
export function handedPerTps(db: ReadableDB, documentId: string): { tpsId: number; v: number; qty: number }[] {
  return db
    .prepare(
      `SELECT CAST(substr(CASE WHEN reason = 'BATAL' THEN to_place ELSE from_place END, 9) AS INTEGER) AS tpsId, variant_id AS v,
              sum(CASE WHEN reason = 'BATAL' THEN -qty ELSE qty END) AS qty
       FROM ledger WHERE document_id = ? GROUP BY tpsId, v`,
    )
    .all(documentId) as { tpsId: number; v: number; qty: number }[]
}

/** The TPS of a handover with their desa and exceptions, in the BA's order (desa code or name, TPS number). */
export function serahTerimaMembers(
  db: ReadableDB,
  handoverId: number,
): { tpsId: number; exception: string | null; nomor: number; desa: string; desaId: number }[] {
  return db
    .prepare(
      `SELECT x.tps_id AS tpsId, x.exception, t.nomor, d.nama AS desa, d.id AS desaId FROM serah_terima_tps x JOIN tps t ON t.id = x.tps_id JOIN desa d ON d.id = t.desa_id
       WHERE x.handover_id = ? ORDER BY coalesce(d.kode, ''), d.nama_key, t.nomor`,
    )
    .all(handoverId) as { tpsId: number; exception: string | null; nomor: number; desa: string; desaId: number }[]
}
