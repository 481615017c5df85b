import type { Issue } from './errors'
import { damageReason, reasonsForItem } from './reasons'
import { formatAngka } from './terbilang'
import { reguName } from './regu'
import type { ItemKind } from './presets'

/**
 * The tally rule: what one save of a shift's grid may record, for one variant. The service refuses a save
 * with these issues and the grid shows them while the coordinator types, so both say the same thing.
 */

/** One row of a tally grid as saved: a team, or a worker of a team. */
export interface TallyRow {
  teamId: number
  workerId?: number | null | undefined
  /** Handed to the team now, from the stock not yet processed. */
  serahkan: number
  hasil: number
  /** Damaged, per reason code. */
  rusak: Record<string, number>
  /** Required when anything is tallied under a reason that needs a note ("lainnya"). */
  rusakNote?: string | undefined
  /** Unfinished work handed back to the stock. */
  kembali: number
}

/** What the rule needs to know of the shift and the stock: the service answers from the database, the grid from the shift it shows. */
export interface TallyWorld {
  shiftId: number
  /** The shift's unit: lembar, buah. */
  unit: string
  variant: { label: string; itemName: string; kind: ItemKind }
  /** The name of a team working in this shift; undefined for any other team. */
  teamInShift(teamId: number): string | undefined
  /** The name of any team, to say which one does not work in this shift. */
  teamName(teamId: number): string | undefined
  workerName(workerId: number): string | undefined
  /** The team a worker is recorded present in, in this shift. */
  presentIn(workerId: number): number | undefined
  /** What the team holds now (PROSES:<shift>:<team>). */
  inProcess(teamId: number): number
  /** The stock not yet processed (DITERIMA); undefined when not known, which leaves that limit unchecked. */
  stock: number | undefined
}

const fmt = formatAngka

/**
 * Every problem of a save, rows numbered from 1 as given: a team that does not work in the shift, a
 * worker not present in that team, a damage reason that does not apply to the item or lacks its note,
 * a team handing in more than it holds (in process plus what it is handed now), and more handed out
 * than the stock holds. An empty list means the save may be written.
 */
export function tallyIssues(rows: readonly TallyRow[], world: TallyWorld): Issue[] {
  const { variant, unit } = world
  const allowed = new Set(reasonsForItem(variant).map((r) => r.code))
  const issues: Issue[] = []
  const perTeam = new Map<number, { serah: number; out: number; rowIdx: number }>()
  let totalSerah = 0
  let anything = false
  rows.forEach((r, i) => {
    const row = i + 1
    const team = world.teamInShift(r.teamId)
    if (team === undefined) {
      const known = world.teamName(r.teamId)
      issues.push({
        row,
        column: 'teamId',
        message:
          known !== undefined
            ? `${reguName(known)} tidak tercatat bekerja di shift #${world.shiftId}`
            : `Regu dengan id ${r.teamId} tidak dikenal`,
      })
      return
    }
    const who = r.workerId != null ? (world.workerName(r.workerId) ?? `#${r.workerId}`) : reguName(team)
    if (r.workerId != null) {
      const at = world.presentIn(r.workerId)
      if (at === undefined)
        issues.push({ row, column: 'workerId', message: `${who} tidak tercatat hadir di shift ini` })
      else if (at !== r.teamId)
        issues.push({
          row,
          column: 'workerId',
          message: `${who} hadir di ${reguName(world.teamInShift(at) ?? '', true)}, bukan ${reguName(team, true)}`,
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
    const inProcess = world.inProcess(teamId)
    const available = inProcess + t.serah
    if (t.out > available) {
      issues.push({
        row: t.rowIdx,
        column: 'hasil',
        message: `${reguName(world.teamInShift(teamId) ?? '')}: baik + rusak + kembali = ${fmt(t.out)} ${unit}, melebihi yang ada di tangan regu (${
          t.serah
            ? `${fmt(inProcess)} dalam proses + ${fmt(t.serah)} diserahkan sekarang = ${fmt(available)}`
            : `${fmt(inProcess)} dalam proses`
        })`,
      })
    }
  }
  if (world.stock !== undefined && totalSerah > world.stock) {
    issues.push({
      column: 'serahkan',
      message: `Diserahkan ${fmt(totalSerah)} ${unit}, tetapi stok ${variant.label} yang belum disortir hanya ${fmt(world.stock)}`,
    })
  }
  return issues
}
