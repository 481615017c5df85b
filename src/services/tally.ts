import { refused, type Issue } from '../core/errors'
import type { MoveInput } from '../core/moves'
import { damageReason, reasonsFor, rusakPlace } from '../core/reasons'
import { MOVE_REASON, SHIFT_KINDS, prosesPlace } from '../core/shifts'
import { formatAngka } from '../core/terbilang'
import { writeTx, type Actor, type ServiceContext } from './context'
import { balanceOf } from '../db/ledger'
import { recordMoves } from './ledger'
import * as shift from './shift'
import { getVariant, usablePlace } from './variants'

/**
 * Saving a tally grid: for one shift and one item variant, each row (a team, or a worker of a team)
 * may hand out more sheets, report good and damaged results by reason, and hand back unfinished work.
 * The whole grid is one transaction; anything wrong refuses all of it with the row and column named.
 */
export interface TallyRow {
  teamId: number
  workerId?: number | null | undefined
  serahkan: number
  hasil: number
  rusak: Record<string, number>
  /** Required when anything is tallied as "lainnya". */
  rusakNote?: string | undefined
  kembali: number
}

export interface TallyInput {
  shiftId: number
  variantId: number
  rows: TallyRow[]
}

const fmt = formatAngka

const prepare = (db: ServiceContext['db']) => ({
  declared: db.prepare('SELECT variant_id AS v FROM shift_variant WHERE shift_id = ?'),
  teams: db.prepare('SELECT t.id, t.nama FROM shift_team x JOIN team t ON t.id = x.team_id WHERE x.shift_id = ?'),
  presentIn: db.prepare('SELECT team_id AS teamId FROM shift_worker WHERE shift_id = ? AND worker_id = ?'),
  workerName: db.prepare('SELECT nama FROM worker WHERE id = ?'),
})
/** Prepared once per connection: a coordinator saves a grid every few seconds all day. */
const statements = new WeakMap<ServiceContext['db'], ReturnType<typeof prepare>>()
const prepared = (ctx: ServiceContext) =>
  statements.get(ctx.db) ?? (statements.set(ctx.db, prepare(ctx.db)), statements.get(ctx.db)!)

export function simpan(ctx: ServiceContext, who: Actor, input: TallyInput) {
  const open = shift.requireOpenShift(ctx, input.shiftId)
  if (open.kind === 'packing')
    throw refused(`Shift #${open.id} adalah shift pengemasan; kit TPS dicatat di halaman Pengemasan`, [
      { column: 'shiftId', message: 'Shift pengemasan' },
    ])
  const variant = getVariant(ctx, input.variantId)
  const unit = SHIFT_KINDS[open.kind].unit
  const st = prepared(ctx)
  const declared = (st.declared.all(open.id) as { v: number }[]).map((r) => r.v)
  if (!declared.includes(variant.variantId)) {
    const names = declared.map((v) => getVariant(ctx, v).label).join('; ')
    throw refused(
      `${variant.label} bukan pekerjaan shift #${open.id}. Shift ini mengerjakan: ${names}. Periksa jenis dan dapil pada dus surat suara.`,
      [{ column: 'variantId', message: 'Jenis/dapil tidak sesuai shift' }],
    )
  }
  const allowed = new Set(reasonsFor(variant.kind === 'ballot' ? 'ballot' : 'assembled').map((r) => r.code))
  const teamName = new Map((st.teams.all(open.id) as { id: number; nama: string }[]).map((t) => [t.id, t.nama]))
  const { presentIn, workerName } = st

  const issues: Issue[] = []
  const perTeam = new Map<number, { serah: number; out: number; rowIdx: number }>()
  let totalSerah = 0
  let anything = false
  input.rows.forEach((r, i) => {
    const row = i + 1
    const team = teamName.get(r.teamId)
    if (team === undefined) {
      const known = ctx.db.prepare('SELECT nama FROM team WHERE id = ?').get(r.teamId) as { nama: string } | undefined
      issues.push({
        row,
        column: 'teamId',
        message: known
          ? `Regu ${known.nama} tidak tercatat bekerja di shift #${open.id}`
          : `Regu dengan id ${r.teamId} tidak dikenal`,
      })
      return
    }
    const who =
      r.workerId != null
        ? ((workerName.get(r.workerId) as { nama: string } | undefined)?.nama ?? `#${r.workerId}`)
        : `Regu ${team}`
    if (r.workerId != null) {
      const at = presentIn.get(open.id, r.workerId) as { teamId: number } | undefined
      if (!at) issues.push({ row, column: 'workerId', message: `${who} tidak tercatat hadir di shift ini` })
      else if (at.teamId !== r.teamId)
        issues.push({
          row,
          column: 'workerId',
          message: `${who} hadir di regu ${teamName.get(at.teamId)}, bukan regu ${team}`,
        })
    }
    let rusakSum = 0
    for (const [code, qty] of Object.entries(r.rusak)) {
      if (qty === 0) continue
      const reason = damageReason(code)
      if (!reason || !allowed.has(code)) {
        issues.push({
          row,
          column: `rusak.${code}`,
          message: `Alasan rusak "${code}" tidak berlaku untuk ${variant.itemName}`,
        })
        continue
      }
      if (reason.needsNote && !(r.rusakNote ?? '').trim()) {
        issues.push({
          row,
          column: `rusak.${code}`,
          message: `${who}: rusak "${reason.short}" wajib diberi keterangan`,
        })
      }
      rusakSum += qty
    }
    const out = r.hasil + rusakSum + r.kembali
    if (out + r.serahkan > 0) anything = true
    const t = perTeam.get(r.teamId) ?? { serah: 0, out: 0, rowIdx: row }
    t.serah += r.serahkan
    t.out += out
    perTeam.set(r.teamId, t)
    totalSerah += r.serahkan
  })
  if (!anything && issues.length === 0) issues.push({ message: 'Tidak ada angka yang diisi; tidak ada yang disimpan' })

  for (const [teamId, t] of perTeam) {
    const inProcess = balanceOf(ctx.db, variant.variantId, prosesPlace(open.id, teamId))
    const available = inProcess + t.serah
    if (t.out > available) {
      issues.push({
        row: t.rowIdx,
        column: 'hasil',
        message: `Regu ${teamName.get(teamId)}: baik + rusak + kembali = ${fmt(t.out)} ${unit}, melebihi yang ada di tangan regu (${
          t.serah
            ? `${fmt(inProcess)} dalam proses + ${fmt(t.serah)} diserahkan sekarang = ${fmt(available)}`
            : `${fmt(inProcess)} dalam proses`
        })`,
      })
    }
  }
  const stock = balanceOf(ctx.db, variant.variantId, 'DITERIMA')
  if (totalSerah > stock) {
    issues.push({
      column: 'serahkan',
      message: `Diserahkan ${fmt(totalSerah)} ${unit}, tetapi stok ${variant.label} yang belum disortir hanya ${fmt(stock)}`,
    })
  }
  if (issues.length) throw refused('Tally ditolak; tidak ada yang disimpan', issues)

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
  return shift.lihat(ctx, open.id)
}
