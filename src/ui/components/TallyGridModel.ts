import type { MethodOutput, VariantInfo } from '../../api/contract'
import { damageReason, reasonsForItem } from '../../core/reasons'
import { parseCount as readCount } from '../../core/count'
import { tallyIssues, type TallyRow, type TallyWorld } from '../../core/tally'
import type { Issue } from '../../core/errors'
import { tallyRowId } from '../../core/draf'
import type { ItemKind } from '../../core/presets'

/**
 * The tally grid's arithmetic, kept apart from AG Grid: reading what a coordinator typed or pasted,
 * the hints shown while typing, the rows sent to `tally.simpan`, and a refusal mapped back onto cells.
 * The hints are the service's own rule (core/tally.ts) run on what is typed, so mistakes show at once
 * in the words the service will use; the service still decides.
 */

type Shift = MethodOutput<'shift.lihat'>
export type DamageReason = MethodOutput<'rusak.daftarAlasan'>[number]

/** One row of the grid: a team, or a present worker of a team ("per pekerja"). */
export interface TallyBase {
  id: string
  teamId: number
  workerId: number | null
  team: string
  worker: string | null
  /** So far, for this variant in this shift. */
  serah: number
  hasil: number
  rusak: number
  /** Rusak so far per reason code. */
  rusakBy: Record<string, number>
  kembali: number
  /** The team's sheets in process now; worker rows carry their team's number (shown once per team). */
  proses: number
}

/** What was typed per row and column, as typed: a cell can hold "abc" until it is fixed. */
export type Entries = Record<string, Record<string, string>>
export type CellErrors = Record<string, Record<string, string>>

export const ENTRY_NUMERIC_FIXED = ['serahkan', 'hasil', 'kembali'] as const
export const NOTE_COL = 'rusakNote'
export const LABEL_COL = 'label'
export const TOTAL_ROW_ID = 'total'
export const rusakCol = (code: string) => `rusak.${code}`
export const OUT_COLS = (reasons: readonly DamageReason[]) => [
  'hasil',
  ...reasons.map((r) => rusakCol(r.code)),
  'kembali',
]
export const numericEntryCols = (reasons: readonly DamageReason[]) => ['serahkan', ...OUT_COLS(reasons)]

/** The reasons of the list that apply to the variant's item (core/reasons.ts decides which). */
export function reasonsForVariant(all: readonly DamageReason[], v: { kind: ItemKind }): DamageReason[] {
  const applies = new Set(reasonsForItem(v).map((r) => r.code))
  return all.filter((r) => applies.has(r.code))
}

export type Parsed = { ok: true; value: number } | { ok: false; message: string }

/** A cell's count (core/count.ts, as every form reads one); an empty cell is 0. */
export function parseCount(raw: string | undefined | null): Parsed {
  const p = readCount(raw)
  return p.ok ? { ok: true, value: p.value ?? 0 } : p
}

export const countOf = (raw: string | undefined) => {
  const p = parseCount(raw)
  return p.ok ? p.value : 0
}

/** Rows and cells from the clipboard: Excel ends a copied block with a line break, which is not a row. */
export function parseClipboard(text: string): string[][] {
  const lines = text.split(/\r?\n/)
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines.map((l) => l.split('\t'))
}

/** Base rows from the shift: one per team, or one per present worker (a team without anyone present keeps a team row). */
export function baseRows(shift: Shift, variantId: number, perWorker: boolean): TallyBase[] {
  const out: TallyBase[] = []
  for (const t of shift.teams) {
    const tt = t.tallies.find((x) => x.variantId === variantId)
    const proses = tt?.proses ?? 0
    // The team's own row, or one per present worker, each with its own tally of this variant.
    const who =
      perWorker && t.workers.length > 0
        ? t.workers.map((w) => ({ w, tally: w.tallies.find((x) => x.variantId === variantId) }))
        : [{ w: null, tally: tt }]
    for (const { w, tally } of who) {
      out.push({
        id: tallyRowId(t.teamId, w?.workerId ?? null),
        teamId: t.teamId,
        workerId: w?.workerId ?? null,
        team: t.nama,
        worker: w?.nama ?? null,
        serah: tally?.serah ?? 0,
        hasil: tally?.hasil ?? 0,
        rusak: tally?.rusakTotal ?? 0,
        rusakBy: tally?.rusak ?? {},
        kembali: tally?.kembali ?? 0,
        proses,
      })
    }
  }
  return out
}

/** Totals of the read-only columns come from the teams, so worker rows that do not cover team-level entries cannot make them wrong. */
export function shiftTotals(shift: Shift, variantId: number) {
  const sum = { serah: 0, hasil: 0, rusak: 0, kembali: 0, proses: 0 }
  const rusakBy: Record<string, number> = {}
  for (const t of shift.teams) {
    const tt = t.tallies.find((x) => x.variantId === variantId)
    if (!tt) continue
    sum.serah += tt.serah
    sum.hasil += tt.hasil
    sum.rusak += tt.rusakTotal
    sum.kembali += tt.kembali
    sum.proses += tt.proses
    for (const [code, n] of Object.entries(tt.rusak)) rusakBy[code] = (rusakBy[code] ?? 0) + n
  }
  return { ...sum, rusakBy }
}

/** Adds a message to a cell; the hint and the service often say the same thing, which is said once. */
const put = (errs: CellErrors, row: string, col: string, msg: string) => {
  const r = (errs[row] ??= {})
  const had = r[col]
  r[col] = !had ? msg : had.split(' · ').includes(msg) ? had : `${had} · ${msg}`
}

/** The tally rule's view of the shift as the grid shows it: its teams, present workers and what each team holds. */
export function tallyWorld(
  shift: Shift,
  variant: Pick<VariantInfo, 'variantId' | 'label' | 'itemName' | 'kind'>,
  stock: number | undefined,
): TallyWorld {
  const teams = new Map(shift.teams.map((t) => [t.teamId, t]))
  const workers = new Map(shift.teams.flatMap((t) => t.workers.map((w) => [w.workerId, { ...w, teamId: t.teamId }])))
  return {
    shiftId: shift.id,
    unit: shift.unit,
    variant,
    teamInShift: (id) => teams.get(id)?.nama,
    teamName: (id) => teams.get(id)?.nama,
    workerName: (id) => workers.get(id)?.nama,
    presentIn: (id) => workers.get(id)?.teamId,
    inProcess: (id) => teams.get(id)?.tallies.find((x) => x.variantId === variant.variantId)?.proses ?? 0,
    stock,
  }
}

/**
 * The hints shown while typing: cells that are not whole numbers, then the service's tally rule on the
 * rows as they would be sent. A missing note is also marked on the note cell, where it is written.
 */
export function validateEntries(
  rows: readonly TallyBase[],
  entries: Entries,
  reasons: readonly DamageReason[],
  world: TallyWorld,
): CellErrors {
  const errs: CellErrors = {}
  const numeric = numericEntryCols(reasons)
  for (const r of rows) {
    const e = entries[r.id] ?? {}
    for (const c of numeric) {
      const p = parseCount(e[c])
      if (!p.ok) put(errs, r.id, c, p.message)
    }
  }
  const { payload, ids } = toTallyRows(rows, entries, reasons)
  if (payload.length === 0) return errs
  const { placed } = mapRefusal(tallyIssues(payload, world), ids)
  for (const p of placed) {
    if (!p.rowId || !p.colId) continue
    put(errs, p.rowId, p.colId, p.message)
    const code = p.colId.startsWith('rusak.') ? p.colId.slice('rusak.'.length) : null
    if (code && damageReason(code)?.needsNote && !(entries[p.rowId]?.[NOTE_COL] ?? '').trim())
      put(errs, p.rowId, NOTE_COL, p.message)
  }
  return errs
}

export function isDirty(entries: Entries): boolean {
  return Object.values(entries).some((e) => Object.values(e).some((v) => v.trim() !== ''))
}

/** The rows `tally.simpan` gets: only rows with a number in them, in grid order; `ids` maps the service's row numbers back. */
export function toTallyRows(rows: readonly TallyBase[], entries: Entries, reasons: readonly DamageReason[]) {
  const payload: TallyRow[] = []
  const ids: string[] = []
  let ledgerRows = 0
  for (const r of rows) {
    const e = entries[r.id] ?? {}
    const rusak: Record<string, number> = {}
    for (const reason of reasons) {
      const n = countOf(e[rusakCol(reason.code)])
      if (n > 0) rusak[reason.code] = n
    }
    const serahkan = countOf(e.serahkan)
    const hasil = countOf(e.hasil)
    const kembali = countOf(e.kembali)
    if (serahkan + hasil + kembali + Object.values(rusak).reduce((s, n) => s + n, 0) === 0) continue
    const row: TallyRow = { teamId: r.teamId, serahkan, hasil, rusak, kembali }
    if (r.workerId !== null) row.workerId = r.workerId
    const note = (e[NOTE_COL] ?? '').trim()
    if (note) row.rusakNote = note
    // One ledger row per move, as the service writes them.
    ledgerRows += (serahkan > 0 ? 1 : 0) + (hasil > 0 ? 1 : 0) + Object.keys(rusak).length + (kembali > 0 ? 1 : 0)
    payload.push(row)
    ids.push(r.id)
  }
  return { payload, ids, ledgerRows }
}

/**
 * A refusal's details onto cells: `row` counts the rows as sent (1-based), `column` names the field
 * ('hasil', 'rusak.CETAK', 'workerId'); zod's own issues arrive as 'rows.0.hasil'.
 */
export function mapRefusal(
  details: readonly Issue[],
  ids: readonly string[],
): { cells: CellErrors; placed: { rowId: string | null; colId: string | null; message: string }[] } {
  const cells: CellErrors = {}
  const placed: { rowId: string | null; colId: string | null; message: string }[] = []
  for (const d of details) {
    let row = d.row
    let col = d.column ?? null
    const m = col ? /^rows\.(\d+)\.(.+)$/.exec(col) : null
    if (m) {
      row = Number(m[1]) + 1
      col = m[2]!
    }
    if (col === 'workerId' || col === 'teamId') col = LABEL_COL
    const rowId = row !== undefined ? (ids[row - 1] ?? null) : col === 'serahkan' ? TOTAL_ROW_ID : null
    if (rowId && col) put(cells, rowId, col, d.message)
    placed.push({ rowId, colId: col, message: d.message })
  }
  return { cells, placed }
}

export function mergeErrors(a: CellErrors, b: CellErrors): CellErrors {
  const out: CellErrors = {}
  for (const src of [a, b])
    for (const [row, cols] of Object.entries(src))
      for (const [col, msg] of Object.entries(cols)) put(out, row, col, msg)
  return out
}
