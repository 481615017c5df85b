import type { TallyInput, TallySaved } from '../api/contract/tally'
import { refused } from '../core/errors'
import type { MoveInput } from '../core/moves'
import { damageReason, rusakPlace } from '../core/reasons'
import { MOVE_REASON, SHIFT_KINDS, prosesPlace } from '../core/shifts'
import { tallyIssues } from '../core/tally'
import { tallyDrafKunci, tallyRowId } from '../core/draf'
import { hapusDraf } from '../db/draf'
import { balanceOf } from '../db/ledger'
import { pekerjaById } from '../db/pekerja'
import { reguById } from '../db/regu'
import { presentIn, shiftTeamNames, shiftVariantIds } from '../db/shift'
import { writeTx, type Actor, type ServiceContext } from './context'
import { recordMoves } from './ledger'
import * as shift from './shift'
import { getVariant, usablePlace } from './variants'
import { requireFreshTeams, versiShift } from './tallyVersi'

/**
 * Saving a tally grid: for one shift and one item variant, each row (a team, or a worker of a team)
 * may hand out more sheets, report good and damaged results by reason, and hand back unfinished work.
 * The whole grid is one transaction; anything wrong (core/tally.ts) refuses all of it with the row and
 * column named. It answers with the saved teams and the shift's new version, not the whole shift.
 */
export function simpan(ctx: ServiceContext, who: Actor, input: TallyInput): TallySaved {
  const open = shift.requireOpenShift(ctx, input.shiftId)
  if (open.kind === 'packing')
    throw refused(`Shift #${open.id} adalah shift pengemasan; kit TPS dicatat di halaman Pengemasan`, [
      { column: 'shiftId', message: 'Shift pengemasan' },
    ])
  const variant = getVariant(ctx, input.variantId)
  const declared = shiftVariantIds(ctx.db, open.id)
  if (!declared.includes(variant.variantId)) {
    const names = declared.map((v) => getVariant(ctx, v).label).join('; ')
    throw refused(
      `${variant.label} bukan pekerjaan shift #${open.id}. Shift ini mengerjakan: ${names}. Periksa jenis dan dapil pada dus surat suara.`,
      [{ column: 'variantId', message: 'Jenis/dapil tidak sesuai shift' }],
    )
  }
  const teams = shiftTeamNames(ctx.db, open.id)
  const issues = tallyIssues(input.rows, {
    shiftId: open.id,
    unit: SHIFT_KINDS[open.kind].unit,
    variant,
    teamInShift: (teamId) => teams.get(teamId),
    teamName: (teamId) => reguById(ctx.db, teamId)?.nama,
    workerName: (workerId) => pekerjaById(ctx.db, workerId)?.nama,
    presentIn: (workerId) => presentIn(ctx.db, open.id, workerId),
    inProcess: (teamId) => balanceOf(ctx.db, variant.variantId, prosesPlace(open.id, teamId)),
    stock: balanceOf(ctx.db, variant.variantId, 'DITERIMA'),
  })
  if (issues.length) throw refused('Tally ditolak; tidak ada yang disimpan', issues)
  if (input.basisSeq !== undefined)
    requireFreshTeams(
      ctx,
      open.id,
      variant.variantId,
      input.basisSeq,
      input.rows.map((r, i) => ({ teamId: r.teamId, nama: teams.get(r.teamId)!, row: i + 1 })),
    )

  const output = usablePlace(variant)
  const base = { variantId: variant.variantId, shiftId: open.id }
  const moves: MoveInput[] = []
  for (const r of input.rows) {
    if (r.serahkan > 0)
      moves.push({
        ...base,
        from: 'DITERIMA',
        to: prosesPlace(open.id, r.teamId),
        qty: r.serahkan,
        workerId: r.workerId ?? null,
      })
  }
  for (const r of input.rows) {
    const from = prosesPlace(open.id, r.teamId)
    const workerId = r.workerId ?? null
    if (r.hasil > 0) moves.push({ ...base, from, to: output, qty: r.hasil, workerId })
    for (const [code, qty] of Object.entries(r.rusak)) {
      if (qty > 0)
        moves.push({
          ...base,
          from,
          to: rusakPlace(code),
          qty,
          workerId,
          note: damageReason(code)?.needsNote ? (r.rusakNote ?? '').trim() : null,
        })
    }
  }
  for (const r of input.rows) {
    if (r.kembali > 0)
      moves.push({
        ...base,
        from: prosesPlace(open.id, r.teamId),
        to: 'DITERIMA',
        qty: r.kembali,
        workerId: r.workerId ?? null,
        reason: MOVE_REASON.KEMBALI,
      })
  }
  writeTx(ctx, who, 'tally.simpan', () => {
    const written = recordMoves(ctx, who, moves)
    // What was saved is no longer a draft; other rows' drafts (another window's teams) stay, and so does a
    // row another station typed and has not saved: restored, it is judged against its own version.
    hapusDraf(
      ctx.db,
      'tally',
      tallyDrafKunci(open.id, variant.variantId),
      input.rows.map((r) => tallyRowId(r.teamId, r.workerId)),
      who.actor,
    )
    return {
      result: null,
      detail: {
        shiftId: open.id,
        variantId: variant.variantId,
        rows: written.length,
        seqs: [written[0]?.seq, written.at(-1)?.seq],
      },
    }
  })
  const { teams: saved, inProcess } = shift.reguShift(
    ctx,
    open.id,
    [...declared].sort((a, b) => a - b),
    new Set(input.rows.map((r) => r.teamId)),
  )
  return {
    shiftId: open.id,
    variantId: variant.variantId,
    versi: versiShift(ctx, open.id),
    inProcess,
    teams: saved,
  }
}
