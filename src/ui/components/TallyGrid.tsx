import { AgGridReact } from 'ag-grid-react'
import type { CellKeyDownEvent, CellPosition, Column, GetRowIdParams, GridApi } from 'ag-grid-community'
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react'
import type { MethodOutput, VariantInfo } from '../../api/contract'
import { invoke, toApiError, transport } from '../api'
import { fmt, fmtWaktu } from '../format'
import { useLeaveGuard } from '../router'
import { useTallyDraft } from './TallyDraft'
import { useRefreshAll } from './data'
import { gridLocaleText } from './grid'
import { useHistory } from './History'
import {
  EMPTY,
  RO_TITLE,
  SO_FAR_GROUP,
  TALLY_COL_DEFAULTS,
  useTallyColumns,
  tallyTheme,
  variantShort,
  type GridRow,
  type HistoryTarget,
  type RoCol,
} from './TallyGridColumns'
import './tally.css'

export { variantShort }
import { Banner, useToast } from './Feedback'
import {
  LABEL_COL,
  NOTE_COL,
  TOTAL_ROW_ID,
  baseRows,
  countOf,
  isDirty,
  mapRefusal,
  mergeErrors,
  numericEntryCols,
  parseClipboard,
  parseCount,
  rusakCol,
  shiftTotals,
  tallyWorld,
  toTallyRows,
  validateEntries,
  type CellErrors,
  type DamageReason,
  type Entries,
  type TallyBase,
} from './TallyGridModel'
import { sheetMoveOf, sheetMoveTarget, type SheetMove } from '../../core/sheet'
import { reguName } from '../../core/regu'

type Shift = MethodOutput<'shift.lihat'>

const rowLabel = (r: Pick<TallyBase, 'team' | 'worker'>) =>
  r.worker ? `${r.worker} (${reguName(r.team, true)})` : reguName(r.team)

interface Refusal {
  message: string
  items: { where: string; message: string }[]
}

export interface TallyGridProps {
  shift: Shift
  variant: VariantInfo
  /** Damage reasons that apply to this variant, in column order. */
  reasons: DamageReason[]
  /** The visible tab: only it takes focus and Ctrl+S. */
  active: boolean
  /** Received and not yet sorted/assembled (DITERIMA), when known: the Serahkan total is checked against it. */
  stock: number | undefined
  onReopen(): void
  /** Told when the sheet gains or loses unsaved numbers, so the tab can say so. */
  onDirtyChange?(dirty: boolean): void
}

/**
 * The tally sheet of one shift and one variant: read-only figures so far (each opens its ledger
 * history) and entry columns typed or pasted like Excel, saved in one `tally.simpan`.
 */
export function TallyGrid({ shift, variant, reasons, active, stock, onReopen, onDirtyChange }: TallyGridProps) {
  const open = shift.status === 'open'
  const unit = shift.unit
  const isRakit = shift.kind !== 'sortir_lipat'
  const hasilLabel = isRakit ? 'Siap' : 'Baik'
  const vShort = variantShort(variant)
  const stockLabel = isRakit ? 'Stok belum dirakit' : 'Stok belum disortir'
  const [perWorker, setPerWorker] = useState(false)
  const [entries, setEntriesState] = useState<Entries>({})
  const entriesRef = useRef<Entries>({})
  const [serverErrors, setServerErrors] = useState<CellErrors>({})
  const [refusal, setRefusal] = useState<Refusal | null>(null)
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState(false)
  const apiRef = useRef<GridApi<GridRow> | null>(null)
  const boxRef = useRef<HTMLDivElement>(null)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const history = useHistory()

  // Optimistic concurrency (docs/lan.md): the shift's version when typing began is what the numbers were
  // typed against. A live update may bring newer figures meanwhile; the save still names the old version, so
  // a team another station or the host changed since is refused with who and when, not silently added to.
  const versiRef = useRef(shift.versi)
  const basisRef = useRef<number | null>(null)
  useEffect(() => {
    versiRef.current = shift.versi
  }, [shift.versi])

  const setEntries = useCallback((f: (e: Entries) => Entries) => {
    const before = entriesRef.current
    entriesRef.current = f(before)
    if (!isDirty(entriesRef.current)) basisRef.current = null
    else if (!isDirty(before) && basisRef.current === null) basisRef.current = versiRef.current
    setEntriesState(entriesRef.current)
  }, [])

  // A draft found when the sheet opens fills the rows not typed into yet; a worker's row needs the per-worker view.
  // Its numbers were typed against the version the draft kept, not the one loaded now: that stays the basis,
  // so a team another station saved since is refused as stale rather than overwritten.
  const restoreDraft = useCallback(
    (rows: Entries, basisSeq: number | null) => {
      setEntries((prev) => {
        const next = { ...rows }
        for (const [id, e] of Object.entries(prev)) if (Object.values(e).some((v) => v.trim() !== '')) next[id] = e
        return next
      })
      if (basisSeq !== null) basisRef.current = Math.min(basisRef.current ?? basisSeq, basisSeq)
      if (Object.keys(rows).some((id) => id.startsWith('w:'))) setPerWorker(true)
    },
    [setEntries],
  )
  const basisOf = useCallback(() => basisRef.current ?? versiRef.current, [])
  const draft = useTallyDraft({
    shiftId: shift.id,
    variantId: variant.variantId,
    open,
    entriesRef,
    basisOf,
    onRestore: restoreDraft,
  })
  const { touch: touchDraft, settle: settleDraft, hold: holdDraft, resume: resumeDraft } = draft

  const base = useMemo(() => baseRows(shift, variant.variantId, perWorker), [shift, variant.variantId, perWorker])
  // Read by writeCells, which the grid calls from its events; kept current after each render.
  const teamOfRow = useRef(new Map<string, number>())
  useEffect(() => {
    teamOfRow.current = new Map(base.map((r) => [r.id, r.teamId]))
  }, [base])

  /**
   * Writes cells. The service's complaints are about a team's sums (what it holds, what it hands in),
   * so touching any cell of a team clears them for the whole team; the hints recompute at once anyway.
   */
  const writeCells = useCallback(
    (cells: { rowId: string; colId: string; value: string }[]) => {
      if (cells.length === 0) return
      setEntries((prev) => {
        const next = { ...prev }
        for (const c of cells) next[c.rowId] = { ...(next[c.rowId] ?? {}), [c.colId]: c.value }
        return next
      })
      touchDraft(cells.map((c) => c.rowId))
      setServerErrors((prev) => {
        const teams = new Set(cells.map((c) => teamOfRow.current.get(c.rowId)))
        const next: CellErrors = {}
        let changed = false
        for (const [rowId, cols] of Object.entries(prev)) {
          // The stock check is about the Serahkan total, which any Serahkan edit changes.
          const stale =
            rowId === TOTAL_ROW_ID ? cells.some((c) => c.colId === 'serahkan') : teams.has(teamOfRow.current.get(rowId))
          if (stale) changed = true
          else next[rowId] = cols
        }
        return changed ? next : prev
      })
    },
    [setEntries, touchDraft],
  )

  const numericCols = useMemo(() => numericEntryCols(reasons), [reasons])
  const entryCols = useMemo(() => new Set([...numericCols, NOTE_COL]), [numericCols])

  const world = useMemo(() => tallyWorld(shift, variant, stock), [shift, variant, stock])
  const hints = useMemo(() => validateEntries(base, entries, reasons, world), [base, entries, reasons, world])
  const errors = useMemo(() => mergeErrors(hints, serverErrors), [hints, serverErrors])

  const rowData = useMemo<GridRow[]>(
    () => base.map((b) => ({ ...b, entry: entries[b.id] ?? EMPTY, errors: errors[b.id] ?? EMPTY })),
    [base, entries, errors],
  )

  const totals = useMemo<GridRow[]>(() => {
    const t = shiftTotals(shift, variant.variantId)
    const entry: Record<string, string> = {}
    for (const c of numericCols) {
      const n = base.reduce((s, r) => s + countOf(entries[r.id]?.[c]), 0)
      entry[c] = n ? String(n) : ''
    }
    return [
      {
        id: TOTAL_ROW_ID,
        teamId: 0,
        workerId: null,
        team: 'Jumlah',
        worker: perWorker ? '' : null,
        ...t,
        entry,
        errors: errors[TOTAL_ROW_ID] ?? EMPTY,
      },
    ]
  }, [shift, variant.variantId, numericCols, base, entries, errors, perWorker])

  const dirty = isDirty(entries)
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange])
  useLeaveGuard(
    dirty && open
      ? `Isian tally ${vShort} di shift #${shift.id} belum disimpan. Isian tetap disimpan sebagai draf dan muncul lagi saat shift ini dibuka.`
      : null,
  )

  // Where each read-only number comes from in the ledger.
  const historyFor = useCallback(
    (col: RoCol) =>
      (row: GridRow): HistoryTarget => {
        const v = variant.variantId
        const s = shift.id
        const total = row.id === TOTAL_ROW_ID
        const who = total ? 'semua regu' : reguName(row.team, true)
        switch (col) {
          case 'serah':
          case 'proses':
          case 'kembali':
            return total
              ? {
                  filter: { variantId: v, placePrefix: `PROSES:${s}:` },
                  title: `${RO_TITLE[col]}, ${who} · shift #${s} · ${vShort}`,
                }
              : {
                  filter: { variantId: v, place: `PROSES:${s}:${row.teamId}` },
                  title: `${RO_TITLE[col]}, ${who} · shift #${s} · ${vShort}`,
                }
          case 'hasil':
            return {
              filter: { variantId: v, place: isRakit ? 'SIAP' : 'BAIK', shiftId: s },
              title: `${hasilLabel} · shift #${s} · ${vShort}`,
            }
          case 'rusak':
            return {
              filter: { variantId: v, placePrefix: 'RUSAK:', shiftId: s },
              title: `Rusak · shift #${s} · ${vShort}`,
            }
        }
      },
    [variant.variantId, shift.id, vShort, isRakit, hasilLabel],
  )

  const columnDefs = useTallyColumns({
    perWorker,
    unit,
    hasilLabel,
    isRakit,
    reasons,
    open,
    writeCells,
    historyFor,
    variantId: variant.variantId,
    shiftId: shift.id,
    vShort,
    stockLabel,
  })

  // Column names for messages, in the grid's words.
  const colLabel = useMemo(() => {
    const m = new Map<string, string>([
      [LABEL_COL, perWorker ? 'Pekerja' : 'Regu'],
      ['serahkan', 'Serahkan'],
      ['hasil', hasilLabel],
      ['kembali', 'Kembali (belum selesai)'],
      [NOTE_COL, 'Keterangan lainnya'],
      ['proses', 'Dalam proses'],
    ])
    for (const r of reasons) m.set(rusakCol(r.code), `Rusak ${r.short}`)
    return m
  }, [perWorker, hasilLabel, reasons])

  const labelOfRow = useCallback(
    (rowId: string | null) => {
      if (rowId === TOTAL_ROW_ID) return 'Jumlah'
      const r = base.find((b) => b.id === rowId)
      return r ? rowLabel(r) : null
    },
    [base],
  )

  const entryColsInOrder = useCallback(
    (api: GridApi<GridRow>) =>
      api
        .getAllDisplayedColumns()
        .map((c) => c.getColId())
        .filter((id) => entryCols.has(id)),
    [entryCols],
  )

  const focusFirstEntry = useCallback(() => {
    const api = apiRef.current
    if (!api || api.getDisplayedRowCount() === 0) return
    // Back to the left edge: after a round of Tab to the right the figures so far must show again.
    const firstScrolling = api.getAllDisplayedColumns().find((c) => !c.getPinned())
    if (firstScrolling) api.ensureColumnVisible(firstScrolling, 'start')
    api.setFocusedCell(0, open ? 'serahkan' : (firstScrolling ?? LABEL_COL))
  }, [open])

  // At an office PC's 1366 px the figures so far and a dozen damage criteria do not fit side by side: the
  // history folds to "Dalam proses" so every entry column is typed on screen; where they fit it opens
  // again. Its chevron still opens it by hand (until the window is resized). Per pekerja (two name columns),
  // where even "Dalam proses" leaves no room, the history goes and a note under the grid says where it is.
  // Once the coordinator folds or opens it by hand, that choice stands (a page growing a scrollbar must not undo it).
  const soFarByHand = useRef(false)
  const fittingSoFar = useRef(false)
  const [soFarHidden, setSoFarHidden] = useState(false)
  const fitSoFar = useCallback(() => {
    const api = apiRef.current
    const room = boxRef.current?.querySelector('.ag-root-wrapper')?.clientWidth ?? 0
    if (!api || !open || room === 0) return
    const cols = api.getColumns() ?? []
    const width = (list: typeof cols) => list.reduce((sum, c) => sum + c.getActualWidth(), 0)
    const need = width(cols)
    const soFar = cols.filter((c) => c.getColId().startsWith(`${SO_FAR_GROUP}.`))
    const folded = need - width(soFar.filter((c) => c.getColDef().columnGroupShow === 'open'))
    // Only per pekerja: the team view keeps "Dalam proses" (what is in hand) on any screen, and a tablet
    // narrower than an office PC scrolls sideways to the rest.
    const hide = perWorker && folded > room
    if (soFar.some((c) => c.isVisible() === hide)) api.setColumnsVisible(soFar, !hide)
    setSoFarHidden(hide)
    if (soFarByHand.current || hide) return
    const fits = need <= room
    if (api.getColumnGroupState().find((g) => g.groupId === SO_FAR_GROUP)?.open === fits) return
    fittingSoFar.current = true
    api.setColumnGroupOpened(SO_FAR_GROUP, fits)
    fittingSoFar.current = false
    // Folded, everything fits: a sideways scroll left from before would hide the last columns behind the edge.
    const first = api.getAllDisplayedColumns().find((c) => !c.getPinned())
    if (first) api.ensureColumnVisible(first, 'start')
  }, [open, perWorker])

  const save = useCallback(async () => {
    const api = apiRef.current
    api?.stopEditing()
    const current = entriesRef.current
    const local = validateEntries(base, current, reasons, world)
    const unreadable = base.flatMap((r) =>
      numericCols
        .filter((c) => !parseCount(current[r.id]?.[c]).ok)
        .map((c) => ({ where: `${rowLabel(r)} · ${colLabel.get(c) ?? c}`, message: local[r.id]?.[c] ?? '' })),
    )
    if (unreadable.length) {
      setRefusal({
        message: `Belum disimpan: ${fmt(unreadable.length)} sel bukan bilangan bulat. Perbaiki sel yang ditandai merah.`,
        items: unreadable,
      })
      return
    }
    const { payload, ids, ledgerRows } = toTallyRows(base, current, reasons)
    if (payload.length === 0) {
      setRefusal({ message: 'Belum ada angka yang diisi; tidak ada yang disimpan.', items: [] })
      return
    }
    setBusy(true)
    holdDraft()
    try {
      await invoke('tally.simpan', {
        shiftId: shift.id,
        variantId: variant.variantId,
        rows: payload,
        basisSeq: basisRef.current ?? versiRef.current,
      })
      // The service removed the saved rows' draft; rows sent without a number (a note alone) go too.
      settleDraft(Object.keys(current), true)
      setEntries(() => ({}))
      setServerErrors({})
      setRefusal(null)
      setStatus('')
      toast.showSuccess(`Tally tersimpan: ${fmt(ledgerRows)} baris buku besar`, vShort)
      refreshAll()
      focusFirstEntry()
    } catch (err) {
      resumeDraft()
      const e = toApiError(err)
      if (e.antre) {
        // A station that lost the host: the grid is in its outbox and is sent by itself when the host is back.
        setEntries(() => ({}))
        setServerErrors({})
        setRefusal(null)
        toast.showSuccess(e.message, `Tally ${vShort} menunggu dikirim`)
        return
      }
      if (e.code === 'CONFLICT') {
        // Another station or the host changed these teams since the numbers were typed: show the figures as
        // they are now; the next save is judged against them.
        basisRef.current = null
        refreshAll()
      }
      const { cells, placed } = mapRefusal(e.details, ids)
      setServerErrors(cells)
      setRefusal({
        message: e.message,
        items: placed.map((x) => ({
          where: [labelOfRow(x.rowId), x.colId ? (colLabel.get(x.colId) ?? x.colId) : null].filter(Boolean).join(' · '),
          message: x.message,
        })),
      })
    } finally {
      setBusy(false)
    }
  }, [
    base,
    reasons,
    world,
    numericCols,
    colLabel,
    shift.id,
    variant.variantId,
    setEntries,
    toast,
    vShort,
    refreshAll,
    focusFirstEntry,
    labelOfRow,
    settleDraft,
    holdDraft,
    resumeDraft,
  ])

  const clear = () => {
    apiRef.current?.stopEditing(true)
    settleDraft(Object.keys(entriesRef.current), false)
    setEntries(() => ({}))
    setServerErrors({})
    setRefusal(null)
    setStatus('')
  }

  // Ctrl+S saves the visible sheet instead of the browser's "save page".
  useEffect(() => {
    if (!active || !open) return
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S')) {
        e.preventDefault()
        // Not from inside a dialog (closing the shift, a correction): that is another form.
        if (!document.querySelector('dialog[open]')) void save()
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [active, open, save])

  // Unsaved numbers are a day's work: ask before the tab goes. Browser mode only: in Electron a
  // cancelled beforeunload silently keeps the window from closing, with no question asked.
  useEffect(() => {
    if (!dirty || transport() === 'electron') return
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', onUnload)
    return () => window.removeEventListener('beforeunload', onUnload)
  }, [dirty])

  // Paste from Excel: AG Grid community has no clipboard module, so a block is written from the focused cell.
  useEffect(() => {
    const box = boxRef.current
    if (!box || !open) return
    const onPaste = (e: ClipboardEvent) => {
      const api = apiRef.current
      const focused = api?.getFocusedCell()
      if (!api || !focused || focused.rowPinned) return
      const text = e.clipboardData?.getData('text/plain') ?? ''
      if (text === '') return
      const block = parseClipboard(text)
      const single = block.length === 1 && block[0]!.length === 1
      const editing = api.getEditingCells().length > 0
      // One value into an open editor is the editor's own business.
      if (single && editing) return
      e.preventDefault()
      e.stopPropagation()
      if (editing) api.stopEditing(true)
      const cols = entryColsInOrder(api)
      const startCol = Math.max(0, cols.indexOf(focused.column.getColId()))
      const cells: { rowId: string; colId: string; value: string }[] = []
      let dropped = 0
      block.forEach((line, i) => {
        const node = api.getDisplayedRowAtIndex(focused.rowIndex + i)
        line.forEach((value, j) => {
          const colId = cols[startCol + j]
          if (!node?.data || !colId) {
            if (value.trim() !== '') dropped++
            return
          }
          cells.push({ rowId: node.data.id, colId, value: value.trim() })
        })
      })
      writeCells(cells)
      const width = Math.max(...block.map((l) => l.length))
      // Show the pasted block: its last column, then its first (AG Grid scrolls only as far as needed).
      const lastCol = cols[Math.min(cols.length - 1, startCol + width - 1)]
      if (lastCol) api.ensureColumnVisible(lastCol)
      api.ensureColumnVisible(cols[startCol]!)
      setStatus(
        `Ditempel ${fmt(block.length)} baris × ${fmt(width)} kolom mulai ${colLabel.get(cols[startCol]!) ?? ''}.` +
          (dropped ? ` ${fmt(dropped)} nilai di luar tabel diabaikan.` : ''),
      )
    }
    box.addEventListener('paste', onPaste, true)
    return () => box.removeEventListener('paste', onPaste, true)
  }, [open, entryColsInOrder, writeCells, colLabel])

  const onBoxKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && open) {
      e.preventDefault()
      e.stopPropagation()
      void save()
      return
    }
    const api = apiRef.current
    const focused = api?.getFocusedCell()
    // An open editor keeps its own Home, End and Ctrl+arrows (the caret, as in Excel's edit mode).
    if (!api || !focused || api.getEditingCells().length > 0) return
    const move = sheetMoveOf(e)
    if (move) {
      e.preventDefault()
      e.stopPropagation()
      moveInSheet(api, focused, move)
      return
    }
    // A key typed into a cell that takes none: say why, instead of nothing happening.
    if (e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const why = readOnlyReason(focused.column, Boolean(focused.rowPinned), open)
      if (why) setStatus(why)
    }
  }

  const onCellKeyDown = useCallback((e: CellKeyDownEvent<GridRow>) => {
    const ke = e.event as KeyboardEvent | null | undefined
    const colId = e.column.getColId()
    if (!ke || ke.key !== ' ' || !e.data || !colId.startsWith('soFar.')) return
    ke.preventDefault()
    // The cell's own button knows its history; Space presses it.
    const button = (ke.target as HTMLElement | null)?.querySelector<HTMLButtonElement>('button.history-link')
    button?.click()
  }, [])

  /** Excel's Home, End, Ctrl+Home, Ctrl+End and Ctrl+arrows over the rows and columns as displayed. */
  const moveInSheet = (api: GridApi<GridRow>, focused: CellPosition, move: SheetMove) => {
    const cols = api.getAllDisplayedColumns()
    const rows = api.getDisplayedRowCount()
    if (rows === 0) return
    const filled = (r: number, c: number) => {
      const data = api.getDisplayedRowAtIndex(r)?.data
      const id = cols[c]!.getColId()
      if (!data) return false
      return entryCols.has(id) ? (data.entry[id] ?? '').trim() !== '' : true
    }
    const horizontal = move === 'home' || move === 'end' || move === 'ctrlLeft' || move === 'ctrlRight'
    const at = { row: focused.rowPinned ? rows - 1 : focused.rowIndex, col: cols.indexOf(focused.column) }
    const t = sheetMoveTarget(move, at, { rows, cols: cols.length }, filled)
    const col = cols[t.col]!
    // Along the totals row it stays on the totals row; any other move lands on a team's row.
    const pinned = focused.rowPinned && horizontal ? focused.rowPinned : null
    if (!pinned) api.ensureIndexVisible(t.row)
    api.ensureColumnVisible(col)
    api.setFocusedCell(pinned ? focused.rowIndex : t.row, col, pinned)
  }

  /** Why a cell takes no typing, in the coordinator's words; null where typing is welcome. */
  const readOnlyReason = (column: Column, totalRow: boolean, isOpen: boolean): string | null => {
    const id = column.getColId()
    const header = (column.getColDef().headerName ?? '').replaceAll('\u200b', '')
    if (!isOpen)
      return 'Shift sudah ditutup: angka tidak dapat ditambah. Untuk mengoreksi, buka kembali shift dengan alasan.'
    if (entryCols.has(id))
      return totalRow ? 'Baris Jumlah dihitung dari baris di atasnya; ketik angka di baris regu.' : null
    if (id.startsWith('soFar.'))
      return `Kolom "${header}" hanya dibaca: angkanya dari buku besar shift ini. Ketik angka baru di kolom Isian sekarang; untuk membetulkan angka yang sudah tersimpan, klik angkanya lalu pilih Koreksi…`
    return `Kolom "${header}" hanya dibaca: regu dan pekerja diatur di Daftar hadir.`
  }

  const getRowId = useCallback((p: GetRowIdParams<GridRow>) => p.data.id, [])

  // The hints as a list too: tooltips need a mouse, and a coordinator reads the list while fixing.
  const hintList = useMemo(() => {
    const out: { where: string; message: string }[] = []
    for (const [rowId, cols] of Object.entries(hints)) {
      for (const [colId, message] of Object.entries(cols))
        out.push({ where: `${labelOfRow(rowId) ?? rowId} · ${colLabel.get(colId) ?? colId}`, message })
    }
    return out
  }, [hints, labelOfRow, colLabel])

  const hasWorkers = shift.teams.some((t) => t.workers.length > 0)

  return (
    <div className="tally" data-testid={`tally-${variant.variantId}`}>
      <div className="tally-toolbar">
        <div className="tally-toolbar-info">
          {stock !== undefined && (
            <span className="tally-stock">
              {stockLabel}:{' '}
              <button
                type="button"
                className="history-link"
                onClick={() =>
                  history.open({ variantId: variant.variantId, place: 'DITERIMA' }, `${stockLabel} · ${vShort}`)
                }
              >
                {fmt(stock)}
              </button>{' '}
              {unit}
            </span>
          )}
          {hasWorkers && (
            <label
              className="check tally-toggle"
              title={dirty ? 'Simpan atau kosongkan isian dulu sebelum mengganti tampilan' : undefined}
            >
              <input
                type="checkbox"
                checked={perWorker}
                disabled={dirty}
                onChange={(e) => setPerWorker(e.target.checked)}
              />
              Per pekerja
            </label>
          )}
        </div>
        {open && (
          <div className="tally-toolbar-actions">
            {dirty && (draft.failure || draft.savedAt) && (
              <span
                className={`tally-draf small${draft.failure ? ' tally-draf-gagal' : ' muted'}`}
                data-testid="tally-draf"
              >
                {draft.failure
                  ? `Draf tidak tersimpan: ${draft.failure}`
                  : `Draf tersimpan ${fmtWaktu(draft.savedAt!)}`}
              </span>
            )}
            <button type="button" className="btn btn-secondary" onClick={clear} disabled={!dirty || busy}>
              Kosongkan isian
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void save()}
              disabled={busy}
              title="Simpan (Ctrl+S atau Ctrl+Enter)"
            >
              {busy ? 'Menyimpan…' : 'Simpan tally'}
            </button>
          </div>
        )}
      </div>

      {!open && (
        <Banner
          kind="warning"
          title="Shift sudah ditutup"
          actions={
            <button type="button" className="btn btn-secondary" onClick={onReopen}>
              Buka kembali shift…
            </button>
          }
        >
          <p>
            Angka tidak dapat ditambah. Untuk mengoreksi angka yang keliru, pilih <strong>Buka kembali shift</strong>{' '}
            dengan alasan, lalu klik angkanya dan pilih Koreksi… pada riwayatnya.
          </p>
        </Banner>
      )}

      {draft.restored && open && (
        <Banner
          kind="info"
          title="Isian yang belum disimpan dipulihkan dari draf"
          testId="tally-draf-dipulihkan"
          actions={
            <button type="button" className="dialog-close" aria-label="Tutup pesan" onClick={draft.dismissRestored}>
              ×
            </button>
          }
        >
          <p>
            {fmt(Object.keys(draft.restored.bagian).length)} baris diketik
            {draft.restored.actor ? ` oleh ${draft.restored.actor}` : ''}
            {draft.restored.diubahAt ? ` pada ${fmtWaktu(draft.restored.diubahAt)}` : ''} dan belum disimpan sebagai
            tally. Periksa angkanya, lalu <strong>Simpan tally</strong>; atau <strong>Kosongkan isian</strong> untuk
            membuangnya.
          </p>
        </Banner>
      )}

      {refusal && (
        <Banner
          kind="error"
          title="Tally belum tersimpan"
          testId="tally-refusal"
          actions={
            <button type="button" className="dialog-close" aria-label="Tutup pesan" onClick={() => setRefusal(null)}>
              ×
            </button>
          }
        >
          <p>{refusal.message}</p>
          {refusal.items.length > 0 && (
            <ul>
              {refusal.items.map((i, n) => (
                <li key={n}>
                  {i.where && <strong>{i.where}: </strong>}
                  {i.message}
                </li>
              ))}
            </ul>
          )}
        </Banner>
      )}

      <div className="tally-grid" ref={boxRef} onKeyDownCapture={onBoxKeyDown}>
        <AgGridReact<GridRow>
          // A fresh grid per view and per status: rows and columns both change, and spans are set up when the grid starts.
          key={`${perWorker ? 'per-pekerja' : 'per-regu'}:${shift.status}`}
          theme={tallyTheme}
          localeText={gridLocaleText}
          rowData={rowData}
          columnDefs={columnDefs}
          defaultColDef={TALLY_COL_DEFAULTS}
          getRowId={getRowId}
          pinnedBottomRowData={totals}
          getRowClass={(p) => (p.node.rowPinned ? 'tally-total-row' : undefined)}
          singleClickEdit
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          // Initial-only in AG Grid: always on; only the per-worker columns ask for spans.
          enableCellSpan
          suppressMovableColumns
          // A score of columns: render them all, so Tab, paste and the totals never wait for a scroll.
          suppressColumnVirtualisation
          domLayout="autoHeight"
          tooltipShowDelay={150}
          tooltipInteraction
          onGridReady={(e) => {
            apiRef.current = e.api
            soFarByHand.current = false
            fitSoFar()
          }}
          onFirstDataRendered={() => {
            fitSoFar()
            if (active && !apiRef.current?.getFocusedCell()) focusFirstEntry()
          }}
          onGridSizeChanged={fitSoFar}
          onColumnGroupOpened={() => {
            if (!fittingSoFar.current) soFarByHand.current = true
          }}
          onCellKeyDown={onCellKeyDown}
        />
      </div>

      <p className="tally-status muted small" aria-live="polite">
        {status}
      </p>
      {hintList.length > 0 && (
        <Banner kind="error" role="status" testId="tally-hints" title="Periksa sebelum menyimpan:">
          <ul>
            {hintList.slice(0, 8).map((h, n) => (
              <li key={n}>
                <strong>{h.where}: </strong>
                {h.message}
              </li>
            ))}
            {hintList.length > 8 && <li>…dan {fmt(hintList.length - 8)} lagi (sel merah).</li>}
          </ul>
        </Banner>
      )}
      {open && (
        <p className="tally-keys muted small">
          <kbd>0–9</kbd> mengisi sel · <kbd>Enter</kbd> simpan sel dan turun · <kbd>Tab</kbd> ke kanan · <kbd>Esc</kbd>{' '}
          batal · <kbd>Ctrl</kbd>+<kbd>→</kbd>, <kbd>End</kbd>, <kbd>Ctrl</kbd>+<kbd>Home</kbd> melompat seperti di
          Excel · <kbd>Ctrl</kbd>+<kbd>V</kbd> tempel dari Excel · <kbd>Ctrl</kbd>+<kbd>S</kbd> simpan tally ·{' '}
          <kbd>Spasi</kbd> pada angka abu-abu: riwayatnya
        </p>
      )}
      {perWorker && (
        <p className="muted small">
          Angka per pekerja hanya memuat catatan yang diisi per pekerja; baris Jumlah memuat seluruh regu. Dalam proses
          selalu dihitung per regu.
        </p>
      )}
      {open && soFarHidden && (
        <p className="muted small" data-testid="tally-sofar-hidden">
          Kolom Sampai sekarang tidak ditampilkan agar semua kolom isian muat di layar ini; lihat di tampilan per regu.
        </p>
      )}
    </div>
  )
}
