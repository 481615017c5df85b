import { AppError, type Issue } from '../core/errors'
import { prosesPlace } from '../core/shifts'
import { latestTeamChange, shiftVersion } from '../db/tallyVersi'
import { localDateTime } from './clock'
import type { ReadContext } from './context'
import { reguName } from '../core/regu'

/**
 * Optimistic concurrency for tally grids (issue 16): two stations, or a station and the host's window, may
 * have the same team of the same shift open. A grid is loaded at a version (ShiftDetail.versi, the last
 * ledger row of the shift) and saved with it as basisSeq; when a team on the grid was changed after that,
 * the save is refused naming who changed it and when, and the station reloads that team. Teams nobody
 * else touched save as usual: two tables tallying different teams of one shift never collide.
 */

/** The version a shift's grid is loaded at. */
export const versiShift = (ctx: ReadContext, shiftId: number): number => shiftVersion(ctx.db, shiftId)

/** "14.05" on the warehouse wall (the satker's zone), as the refusal tells it. */
const pukul = (ctx: ReadContext, iso: string): string => localDateTime(ctx, new Date(iso)).slice(11).replace(':', '.')

export function requireFreshTeams(
  ctx: ReadContext,
  shiftId: number,
  variantId: number,
  basisSeq: number,
  teams: readonly { teamId: number; nama: string; row: number }[],
): void {
  const issues: Issue[] = []
  const seen = new Set<number>()
  for (const t of teams) {
    if (seen.has(t.teamId)) continue
    seen.add(t.teamId)
    const change = latestTeamChange(ctx.db, shiftId, variantId, prosesPlace(shiftId, t.teamId), basisSeq)
    if (change)
      issues.push({
        row: t.row,
        column: 'teamId',
        message: `${reguName(t.nama)} diubah oleh ${change.actor} pukul ${pukul(ctx, change.at)}; muat ulang`,
      })
  }
  if (issues.length)
    throw new AppError(
      'CONFLICT',
      `${issues.map((i) => i.message.replace(/; muat ulang$/, '')).join('; ')}, setelah lembar ini dimuat. Muat ulang regu tersebut lalu isi lagi; tidak ada yang disimpan`,
      issues,
    )
}
