import { DAMAGE_REASONS } from '../core/reasons'
import type { ReadableDB } from './handles'

/** Every place's balance that is not zero, per variant (the balance table the ledger's trigger keeps). */
export function nonZeroBalances(db: ReadableDB): { v: number; place: string; qty: number }[] {
  return db.prepare('SELECT variant_id AS v, place, qty FROM balance WHERE qty <> 0').all() as {
    v: number
    place: string
    qty: number
  }[]
}

/**
 * Net flows between kinds of place, from the place_flow aggregate: received from the printer (less
 * corrections back), and tertukar sheets returned (less reversed returns).
 */
export function receivedAndReturned(db: ReadableDB): { v: number; diterima: number; retur: number }[] {
  return db
    .prepare(
      `SELECT variant_id AS v,
              sum(CASE WHEN from_kind = 'PENYEDIA' AND to_kind = 'DITERIMA' THEN qty WHEN from_kind = 'DITERIMA' AND to_kind = 'PENYEDIA' THEN -qty ELSE 0 END) AS diterima,
              sum(CASE WHEN from_kind = 'TERTUKAR' AND to_kind = 'PENYEDIA' AND reason <> 'BATAL' THEN qty
                       WHEN from_kind = 'PENYEDIA' AND to_kind = 'TERTUKAR' AND reason = 'BATAL' THEN -qty ELSE 0 END) AS retur
       FROM place_flow GROUP BY variant_id`,
    )
    .all() as { v: number; diterima: number; retur: number }[]
}

export interface DateRange {
  from?: string | undefined
  to?: string | undefined
}

const rangeOf = (filter: DateRange) =>
  `${filter.from !== undefined ? 'AND tanggal >= @from' : ''} ${filter.to !== undefined ? 'AND tanggal <= @to' : ''}`

/**
 * Per day, shift and team: the good and damaged sheets (NULL when the group has no row of that
 * category), in the aggregate's own key order. Only rows with a non-zero quantity count.
 */
export function workPerDayShiftTeam(
  db: ReadableDB,
  filter: DateRange,
): { tanggal: string; shiftId: number; teamId: number; hasil: number | null; rusak: number | null }[] {
  return db
    .prepare(
      `SELECT tanggal, shift_id AS shiftId, team_id AS teamId,
                sum(qty) FILTER (WHERE category = 'hasil') AS hasil, sum(qty) FILTER (WHERE category = 'rusak') AS rusak
         FROM floor_flow WHERE qty <> 0 ${rangeOf(filter)} GROUP BY tanggal, shift_id, team_id`,
    )
    .all({ from: filter.from, to: filter.to }) as {
    tanggal: string
    shiftId: number
    teamId: number
    hasil: number | null
    rusak: number | null
  }[]
}

/** Damage per reason (column r<i> for DAMAGE_REASONS[i]), per day and shift, in the aggregate's key order. */
export function damagePerDayShift(
  db: ReadableDB,
  filter: DateRange,
): ({ shiftId: number } & Record<string, number | null>)[] {
  return db
    .prepare(
      `SELECT shift_id AS shiftId, ${DAMAGE_REASONS.map((r, i) => `sum(qty) FILTER (WHERE reason = '${r.code}') AS r${i}`).join(', ')}
         FROM floor_flow WHERE qty <> 0 AND category = 'rusak' ${rangeOf(filter)} GROUP BY tanggal, shift_id`,
    )
    .all({ from: filter.from, to: filter.to }) as ({ shiftId: number } & Record<string, number | null>)[]
}

/** Targets of the teams that worked each sortir-lipat day (a day's override, or the team's daily target). */
export function plannedPerDay(db: ReadableDB, filter: DateRange): { tanggal: string; target: number }[] {
  return db
    .prepare(
      `SELECT d.tanggal, sum(d.target) AS target FROM (
         SELECT DISTINCT s.tanggal, x.team_id, coalesce(tt.qty, t.daily_target) AS target
         FROM shift s JOIN shift_team x ON x.shift_id = s.id JOIN regu t ON t.id = x.team_id
         LEFT JOIN regu_target tt ON tt.team_id = t.id AND tt.tanggal = s.tanggal
         WHERE s.kind = 'sortir_lipat' ${filter.from ? 'AND s.tanggal >= @from' : ''} ${filter.to ? 'AND s.tanggal <= @to' : ''}
       ) d GROUP BY d.tanggal`,
    )
    .all({ from: filter.from, to: filter.to }) as { tanggal: string; target: number }[]
}
