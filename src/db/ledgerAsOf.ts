import { DAMAGE_REASONS } from '../core/reasons'
import type { ReadableDB } from './handles'
import { ZONE } from './ledgerCategories'

/**
 * The ledger as it stood at a cut, for papers that state figures "as of" their date: the balance and
 * balance tables hold today's position only, so a paper dated last week computed from them would show
 * what happened since.
 *
 * A cut is either
 * - `{ seq }`: every row up to and including that sequence (what a document's recorded chain head saw),
 * - `{ tanggal }`: every row that belongs to a day up to and including that local date. A row belongs to
 *   the day of its event, as the floor_flow aggregate dates the floor's work: a shift's row to the shift's
 *   date, a delivery's row to the day the goods arrived, a return's to the day the sheets left, a correction to the day of the row it corrects,
 *   anything else to the date it was recorded on in the satker's zone (setting 'zona_waktu', never the
 *   zone of the PC that computes the paper). So a correction of Monday's shift made on Wednesday
 *   is part of Monday (the paper for Monday, issued again, tells the corrected truth), while Tuesday's
 *   packing or Thursday's destruction never reaches back into Monday.
 */
export type AsOf = { seq: number } | { tanggal: string }

/** The local date the ledger row `l` belongs to (see AsOf). `c` is the row it corrects, if any. */
const ROW_DAY = `coalesce(
  (SELECT s.tanggal FROM shift s WHERE s.id = coalesce(c.shift_id, l.shift_id)),
  (SELECT substr(d.received_at, 1, 10) FROM penerimaan d
     WHERE coalesce(c.document_id, l.document_id) LIKE 'PENERIMAAN:%'
       AND d.id = CAST(substr(coalesce(c.document_id, l.document_id), 12) AS INTEGER)),
  (SELECT date(r.at, ${ZONE}) FROM retur r
     WHERE coalesce(c.document_id, l.document_id) LIKE 'RETUR:%'
       AND r.id = CAST(substr(coalesce(c.document_id, l.document_id), 7) AS INTEGER)),
  date(coalesce(c.at, l.at), ${ZONE}))`

/** The ledger rows inside the cut, aliased `l`, with the bound parameter `@cut`. */
function rowsIn(cut: AsOf): string {
  return 'seq' in cut
    ? `ledger l WHERE l.seq <= @cut`
    : `ledger l LEFT JOIN ledger c ON c.seq = l.corrects_seq WHERE ${ROW_DAY} <= @cut`
}
const param = (cut: AsOf) => ({ cut: 'seq' in cut ? cut.seq : cut.tanggal })

/** Every place's balance that is not zero at the cut, per variant (what `balance` held then). */
export function positionAsOf(db: ReadableDB, cut: AsOf): { v: number; place: string; qty: number }[] {
  return db
    .prepare(
      `SELECT v, place, sum(q) AS qty FROM (
         SELECT l.variant_id AS v, l.to_place AS place, l.qty AS q FROM ${rowsIn(cut)}
         UNION ALL
         SELECT l.variant_id, l.from_place, -l.qty FROM ${rowsIn(cut)}
       ) GROUP BY v, place HAVING sum(q) <> 0`,
    )
    .all(param(cut)) as { v: number; place: string; qty: number }[]
}

/**
 * Net flows between kinds of place per variant and reason at the cut (what `place_flow` held then):
 * received from the printer, returned, destroyed from rusak or from surplus.
 */
export function placeFlowsAsOf(
  db: ReadableDB,
  cut: AsOf,
): { v: number; fromKind: string; toKind: string; reason: string; qty: number }[] {
  const kind = (p: string) => `CASE WHEN instr(${p}, ':') > 0 THEN substr(${p}, 1, instr(${p}, ':') - 1) ELSE ${p} END`
  return db
    .prepare(
      `SELECT l.variant_id AS v, ${kind('l.from_place')} AS fromKind, ${kind('l.to_place')} AS toKind,
              coalesce(l.reason, '') AS reason, sum(l.qty) AS qty
       FROM ${rowsIn(cut)} GROUP BY 1, 2, 3, 4`,
    )
    .all(param(cut)) as { v: number; fromKind: string; toKind: string; reason: string; qty: number }[]
}

/** The last ledger sequence recorded at or before an instant (ISO, UTC); 0 before the first row. */
export function seqAt(db: ReadableDB, instant: string): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS s FROM ledger WHERE at <= ?').get(instant) as { s: number }).s
}

/**
 * Per variant, the deliveries received up to the date: what the surat jalan of the ordinary deliveries
 * stated (split by whether the line's selisih was declared settled by then), and what was counted in
 * from ordinary and from replacement (pengganti) deliveries, corrections included.
 */
export function deliveriesAsOf(
  db: ReadableDB,
  tanggal: string,
): { v: number; stated: number; statedSettled: number; countedSettled: number; counted: number; pengganti: number }[] {
  return db
    .prepare(
      `WITH lines AS (
         SELECT dl.variant_id AS v, d.kind, dl.stated_qty AS stated,
                (SELECT coalesce(sum(CASE WHEN l.to_place = 'DITERIMA' THEN l.qty WHEN l.from_place = 'DITERIMA' THEN -l.qty ELSE 0 END), 0)
                   FROM ledger l WHERE l.document_id = 'PENERIMAAN:' || d.id AND l.variant_id = dl.variant_id) AS counted,
                EXISTS (SELECT 1 FROM selisih_selesai s WHERE s.delivery_line_id = dl.id AND date(s.at, ${ZONE}) <= @t) AS settled
         FROM penerimaan d JOIN penerimaan_baris dl ON dl.delivery_id = d.id
         WHERE substr(d.received_at, 1, 10) <= @t)
       SELECT v,
              sum(CASE WHEN kind = 'biasa' AND NOT settled THEN stated ELSE 0 END) AS stated,
              sum(CASE WHEN kind = 'biasa' AND settled THEN stated ELSE 0 END) AS statedSettled,
              sum(CASE WHEN kind = 'biasa' AND settled THEN counted ELSE 0 END) AS countedSettled,
              sum(CASE WHEN kind = 'biasa' THEN counted ELSE 0 END) AS counted,
              sum(CASE WHEN kind = 'pengganti' THEN counted ELSE 0 END) AS pengganti
       FROM lines GROUP BY v`,
    )
    .all({ t: tanggal }) as {
    v: number
    stated: number
    statedSettled: number
    countedSettled: number
    counted: number
    pengganti: number
  }[]
}

/**
 * What went into one place at the cut, net of what came back out, per variant and the other place
 * (e.g. into DIMUSNAHKAN: from which RUSAK:<reason> and how many from BAIK).
 */
export function netIntoAsOf(db: ReadableDB, cut: AsOf, place: string): { v: number; other: string; qty: number }[] {
  return db
    .prepare(
      `SELECT v, other, sum(q) AS qty FROM (
         SELECT l.variant_id AS v, l.from_place AS other, l.qty AS q FROM ${rowsIn(cut)} AND l.to_place = @place
         UNION ALL
         SELECT l.variant_id, l.to_place, -l.qty FROM ${rowsIn(cut)} AND l.from_place = @place
       ) GROUP BY v, other HAVING sum(q) <> 0`,
    )
    .all({ ...param(cut), place }) as { v: number; other: string; qty: number }[]
}

/**
 * Per variant, the selisih (counted less stated) of the delivery lines received inside the cut and not yet
 * declared settled at it: what the dashboard calls the open kurang/lebih, as it stood then. A line counts
 * what the ledger rows inside the cut counted in; a settlement counts from the day (or instant) it was
 * recorded.
 */
export function openSelisihAsOf(db: ReadableDB, cut: AsOf): { v: number; selisih: number }[] {
  // The instant of a sequence cut: deliveries recorded and settlements made by then.
  const inCut =
    'seq' in cut
      ? {
          delivery: `d.recorded_at <= (SELECT at FROM ledger WHERE seq = @cut)`,
          settled: `s.at <= (SELECT at FROM ledger WHERE seq = @cut)`,
        }
      : { delivery: `substr(d.received_at, 1, 10) <= @cut`, settled: `date(s.at, ${ZONE}) <= @cut` }
  return db
    .prepare(
      `WITH counted AS (
         SELECT l.document_id AS doc, l.variant_id AS v,
                sum(CASE WHEN l.to_place = 'DITERIMA' THEN l.qty WHEN l.from_place = 'DITERIMA' THEN -l.qty ELSE 0 END) AS q
         FROM ${rowsIn(cut)} AND l.document_id LIKE 'PENERIMAAN:%' GROUP BY 1, 2)
       SELECT dl.variant_id AS v, sum(coalesce(c.q, 0) - dl.stated_qty) AS selisih
       FROM penerimaan d JOIN penerimaan_baris dl ON dl.delivery_id = d.id
         LEFT JOIN counted c ON c.doc = 'PENERIMAAN:' || d.id AND c.v = dl.variant_id
       WHERE ${inCut.delivery}
         AND coalesce(c.q, 0) <> dl.stated_qty
         AND NOT EXISTS (SELECT 1 FROM selisih_selesai s WHERE s.delivery_line_id = dl.id AND ${inCut.settled})
       GROUP BY dl.variant_id HAVING sum(coalesce(c.q, 0) - dl.stated_qty) <> 0`,
    )
    .all(param(cut)) as { v: number; selisih: number }[]
}

/** The variants whose deliveries were declared complete with effect on or before the date. */
export function lengkapAsOf(db: ReadableDB, tanggal: string): Set<number> {
  return new Set(
    db.prepare('SELECT variant_id FROM kiriman_lengkap WHERE tanggal <= ?').pluck().all(tanggal) as number[],
  )
}

/**
 * Packing and handover per variant, up to and on a date (rows dated by the day they belong to): sheets
 * and items packed into TPS kits (less what was taken out of a kit again, a reversal included), and what
 * went from the kits to the PPK (Panitia Pemilihan Kecamatan), less reversed handovers.
 */
export function packedAndHandedUpTo(
  db: ReadableDB,
  tanggal: string,
): { v: number; dikemas: number; dikemasHariIni: number; diserahkan: number; diserahkanHariIni: number }[] {
  const packed = `CASE WHEN l.to_place LIKE 'DIKEMAS:%' AND l.from_place NOT LIKE 'DIKEMAS:%' THEN l.qty
      WHEN l.from_place LIKE 'DIKEMAS:%' AND l.to_place NOT LIKE 'DIKEMAS:%' AND l.to_place NOT LIKE 'DIKIRIM:%' THEN -l.qty ELSE 0 END`
  const handed = `CASE WHEN l.from_place LIKE 'DIKEMAS:%' AND l.to_place LIKE 'DIKIRIM:%' THEN l.qty
      WHEN l.from_place LIKE 'DIKIRIM:%' AND l.to_place LIKE 'DIKEMAS:%' THEN -l.qty ELSE 0 END`
  return db
    .prepare(
      `SELECT v, sum(p) AS dikemas, sum(CASE WHEN day = @cut THEN p ELSE 0 END) AS dikemasHariIni,
              sum(h) AS diserahkan, sum(CASE WHEN day = @cut THEN h ELSE 0 END) AS diserahkanHariIni
       FROM (SELECT l.variant_id AS v, ${ROW_DAY} AS day, ${packed} AS p, ${handed} AS h
             FROM ledger l LEFT JOIN ledger c ON c.seq = l.corrects_seq
             WHERE l.from_place LIKE 'DIKEMAS:%' OR l.to_place LIKE 'DIKEMAS:%')
       WHERE day <= @cut GROUP BY v`,
    )
    .all({ cut: tanggal }) as {
    v: number
    dikemas: number
    dikemasHariIni: number
    diserahkan: number
    diserahkanHariIni: number
  }[]
}

/** The reasons whose damage must carry a note (Lainnya): only their notes describe the damage. */
const NOTED = DAMAGE_REASONS.filter((r) => r.needsNote).map((r) => r.code)

/**
 * The notes written with damage at the cut (a "Lainnya" sheet must say what was wrong with it), per
 * variant and reason, in the order they were recorded; optionally only those of some shifts.
 */
export function damageNotesAsOf(
  db: ReadableDB,
  cut: AsOf,
  shiftIds?: readonly number[],
): { v: number; reason: string; note: string }[] {
  const inShifts = shiftIds ? `AND l.shift_id IN (${shiftIds.map(Number).join(',') || 'NULL'})` : ''
  return db
    .prepare(
      `SELECT l.variant_id AS v, substr(l.to_place, 7) AS reason, l.note AS note, min(l.seq) AS first
       FROM ${rowsIn(cut)} AND l.to_place IN (${NOTED.map((c) => `'RUSAK:${c}'`).join(', ')})
         AND l.reason IS NULL AND coalesce(l.note, '') <> '' ${inShifts}
       GROUP BY 1, 2, 3 ORDER BY first`,
    )
    .all(param(cut)) as { v: number; reason: string; note: string }[]
}

/** Notes per variant as `{ reason: [notes] }`, for a document's rows. */
export function notesByVariant(rows: readonly { v: number; reason: string; note: string }[]) {
  const out = new Map<number, Record<string, string[]>>()
  for (const r of rows) {
    const m = out.get(r.v) ?? {}
    ;(m[r.reason] ??= []).push(r.note)
    out.set(r.v, m)
  }
  return out
}
