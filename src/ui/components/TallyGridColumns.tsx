import type { CustomCellEditorProps, CustomCellRendererProps } from 'ag-grid-react'
import type { ColDef, ColGroupDef, IRowNode, SpanRowsParams } from 'ag-grid-community'
import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react'
import type { VariantInfo } from '../../api/contract'
import { fmt, shortItemName } from '../format'
import { gridTheme } from './grid'
import { useHistory, type HistoryFilter } from './History'
import { LABEL_COL, NOTE_COL, parseCount, rusakCol, type DamageReason, type TallyBase } from './TallyGridModel'
import { editorStartText } from '../../core/sheet'
import { reguName } from '../../core/regu'
import { useShallowStable } from './useKeyed'

/** The tally grid's columns: what each shows, which take entries, and the cells that edit and open history. */

export interface GridRow extends TallyBase {
  entry: Record<string, string>
  errors: Record<string, string>
}

export const EMPTY: Record<string, string> = {}

/** Many narrow number columns: smaller headers and padding than the app's other grids, and no empty band under two rows. */
export const tallyTheme = gridTheme.withParams({
  headerFontSize: 12,
  cellHorizontalPadding: 8,
  autoHeightMinBodyHeight: 0,
})

/** Group headers wrap between words like the column headers (the folded history is one narrow column). */
const GROUP_WRAP = { wrapHeaderText: true, autoHeaderHeight: true } as const

/**
 * A damage column's header: its narrow label where the short one has a word too wide for the column
 * ("Berlubang"), breakable at a slash ("Kusut/sobek"), never inside a word; the full criterion is its tooltip.
 */
const reasonHeader = (r: DamageReason) => (r.narrow ?? r.short).replace(/\//g, '/\u200b')

/** A team row's team as every screen names it ("Regu Mawar"); undefined on the pinned total row. */
const teamLabel = (p: { data?: GridRow | undefined; node?: IRowNode<GridRow> | null }): string | undefined =>
  p.data && !p.node?.rowPinned ? reguName(p.data.team) : undefined

/** "Surat suara Gubernur · Dapil SUMATERA UTARA": shortItemName must not swallow the dapil part. */
export function variantShort(v: Pick<VariantInfo, 'itemName' | 'dapil' | 'kind'>): string {
  const name = v.kind === 'ballot' ? shortItemName(v.itemName) : v.itemName
  return v.dapil ? `${name} · Dapil ${v.dapil}` : name
}

/** Shown in entry cells: a valid count grouped id-ID, blank for nothing, anything else as typed (it is marked invalid). */
function showEntry(raw: unknown): string {
  const s = typeof raw === 'string' ? raw : raw == null ? '' : String(raw)
  const p = parseCount(s)
  if (!p.ok) return s
  return s.trim() === '' ? '' : fmt(p.value)
}

/**
 * Excel-like: the key that started the edit replaces the value, a click selects the value, arrows up/down
 * commit and move like Enter does, Escape (handled by the grid) throws the edit away. What is typed is
 * kept exactly as typed, like a paste: "-5" or "1,5" must reach the one count reader (core/count.ts) and
 * be refused there in its words, not be quietly turned into 5 or 15 on the way.
 */
function CountEditor(p: CustomCellEditorProps<GridRow, string>) {
  const ref = useRef<HTMLInputElement>(null)
  const [text, setText] = useState(() => editorStartText(p.eventKey, p.value))
  const { onValueChange } = p
  useEffect(() => onValueChange(text), [text, onValueChange])
  const startedByTyping = Boolean(p.eventKey && p.eventKey.length === 1)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    el.focus()
    // Typed into: keep typing. Clicked or F2: the old number is selected, so typing replaces it as in Excel.
    if (startedByTyping) el.setSelectionRange(el.value.length, el.value.length)
    else el.select()
  }, [startedByTyping])
  const onKeyDown = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return
    e.preventDefault()
    e.stopPropagation()
    const next = (p.node.rowIndex ?? 0) + (e.key === 'ArrowDown' ? 1 : -1)
    p.stopEditing(true)
    if (next >= 0 && next < p.api.getDisplayedRowCount()) p.api.setFocusedCell(next, p.column)
  }
  return (
    <input
      ref={ref}
      className="tally-editor"
      inputMode="numeric"
      autoComplete="off"
      value={text}
      aria-label={`${p.colDef.headerName ?? ''}: isi bilangan bulat`}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={onKeyDown}
    />
  )
}

/** The "Sampai sekarang" group, which the grid folds when the entry columns need its room. */
export const SO_FAR_GROUP = 'soFar'

/**
 * A damage criterion's column: nine of them sit side by side, so narrow enough that all fit beside the
 * other entry columns at 1366 px, headers wrapping onto three lines ("Warna / penanda / salah") in a
 * lighter, tighter header (tally.css: .tally-head-reason) so no word breaks inside.
 */
const REASON_WIDTH = 60

export interface HistoryTarget {
  filter: HistoryFilter
  title: string
}

function HistoryCell(p: CustomCellRendererProps<GridRow, number> & { target(row: GridRow): HistoryTarget }) {
  const { open } = useHistory()
  if (!p.data || typeof p.value !== 'number') return null
  const t = p.target(p.data)
  return (
    <button
      type="button"
      className="history-link"
      tabIndex={-1}
      onClick={() => open(t.filter, t.title)}
      title={`Lihat riwayat: ${t.title}`}
    >
      {fmt(p.value)}
    </button>
  )
}

export type RoCol = 'serah' | 'proses' | 'hasil' | 'rusak' | 'kembali'
export const RO_TITLE: Record<'serah' | 'proses' | 'kembali', string> = {
  serah: 'Diserahkan',
  proses: 'Dalam proses',
  kembali: 'Kembali (belum selesai)',
}

export interface TallyColumnsInput {
  perWorker: boolean
  unit: string
  hasilLabel: string
  isRakit: boolean
  reasons: DamageReason[]
  open: boolean
  writeCells(cells: { rowId: string; colId: string; value: string }[]): void
  historyFor(col: RoCol): (row: GridRow) => HistoryTarget
  variantId: number
  shiftId: number
  vShort: string
  stockLabel: string
}

/**
 * The columns, kept stable while their inputs are: new column definitions would reset the grid under the
 * user's fingers.
 */
export function useTallyColumns(input: TallyColumnsInput): (ColDef<GridRow> | ColGroupDef<GridRow>)[] {
  const stable = useShallowStable(input)
  return useMemo(() => tallyColumns(stable), [stable])
}

function tallyColumns(input: TallyColumnsInput): (ColDef<GridRow> | ColGroupDef<GridRow>)[] {
  const { perWorker, unit, hasilLabel, isRakit, reasons, open } = input
  const { writeCells, historyFor, variantId, shiftId, vShort, stockLabel } = input
  const labelClass = { 'tally-invalid': (p: { data?: GridRow }) => Boolean(p.data?.errors[LABEL_COL]) }
  const labelCols: ColDef<GridRow>[] = perWorker
    ? [
        {
          // Narrow, so every entry column still fits at 1366 px: a long name in full in its tooltip.
          colId: 'team',
          headerName: 'Regu',
          pinned: 'left',
          width: 96,
          valueGetter: (p) => teamLabel(p) ?? p.data?.team,
          tooltipValueGetter: teamLabel,
          spanRows: ({ nodeA, nodeB }: SpanRowsParams<GridRow>) =>
            !nodeA?.rowPinned && !nodeB?.rowPinned && nodeA?.data?.teamId === nodeB?.data?.teamId,
          cellClass: 'tally-label tally-team-span',
        },
        {
          // Not LABEL_COL: the grid must not reuse the team view's column (and its cells) for workers.
          colId: 'worker',
          headerName: 'Pekerja',
          pinned: 'left',
          width: 128,
          valueGetter: (p) => (p.node?.rowPinned ? '' : (p.data?.worker ?? '(seluruh regu)')),
          cellClass: 'tally-label',
          cellClassRules: labelClass,
          tooltipValueGetter: (p) => p.data?.errors[LABEL_COL] ?? p.data?.worker ?? undefined,
        },
      ]
    : [
        {
          colId: LABEL_COL,
          headerName: 'Regu',
          pinned: 'left',
          width: 104,
          valueGetter: (p) => teamLabel(p) ?? p.data?.team,
          cellClass: 'tally-label',
          cellClassRules: labelClass,
          tooltipValueGetter: (p) => p.data?.errors[LABEL_COL] ?? teamLabel(p),
        },
      ]

  const ro = (
    colId: RoCol,
    headerName: string,
    headerTooltip: string,
    extra: Partial<ColDef<GridRow>> = {},
  ): ColDef<GridRow> => ({
    colId: `soFar.${colId}`,
    headerName,
    headerTooltip,
    width: 80,
    type: 'rightAligned',
    valueGetter: (p) => p.data?.[colId],
    cellRenderer: HistoryCell,
    cellRendererParams: { target: historyFor(colId) },
    cellClass: 'ag-right-aligned-cell tally-ro',
    ...extra,
  })

  // Fixed widths, narrow enough that all entry columns fit at 1366 px: flex widths were not recomputed when
  // the history folded, leaving the last columns off-screen.
  const entry = (
    colId: string,
    headerName: string,
    width: number,
    headerTooltip: string,
    extra: Partial<ColDef<GridRow>> = {},
  ): ColDef<GridRow> => ({
    colId,
    headerName,
    headerTooltip,
    width,
    type: 'rightAligned',
    editable: (p) => open && !p.node.rowPinned,
    valueGetter: (p) => p.data?.entry[colId] ?? '',
    valueSetter: (p) => {
      if (p.data && !p.node?.rowPinned) writeCells([{ rowId: p.data.id, colId, value: String(p.newValue ?? '') }])
      // The grid re-renders from the new rowData; nothing to mutate here.
      return false
    },
    valueFormatter: (p) => showEntry(p.value),
    cellEditor: CountEditor,
    // The column type's right alignment is a cellClass too; naming ours replaces it, so it is repeated here.
    cellClass: (p) =>
      p.node.rowPinned ? 'ag-right-aligned-cell tally-entry-total' : 'ag-right-aligned-cell tally-entry',
    cellClassRules: { 'tally-invalid': (p) => Boolean(p.data?.errors[colId]) },
    tooltipValueGetter: (p) => p.data?.errors[colId],
    ...extra,
  })

  const soFarHeader = `Sampai sekarang (${unit})`
  const readOnly: (ColDef<GridRow> | ColGroupDef<GridRow>)[] = [
    {
      groupId: SO_FAR_GROUP,
      headerName: soFarHeader,
      headerClass: 'tally-group-ro',
      ...GROUP_WRAP,
      // Folded by the grid when the entry columns would not fit beside it (fitSoFar); what is in hand always shows.
      openByDefault: true,
      children: [
        ro('serah', 'Diserahkan', `Yang sudah diserahkan ke regu di shift ini (${unit})`, {
          columnGroupShow: 'open',
          width: 96,
        }),
        ro(
          'proses',
          'Dalam proses',
          `Yang masih di tangan regu sekarang: diserahkan − ${hasilLabel.toLowerCase()} − rusak − kembali (${unit})`,
          {
            // Folded, the group's header sits over this column alone, beside its chevron: wide enough for
            // "sekarang" whole.
            width: 104,
            spanRows: perWorker
              ? ({ nodeA, nodeB }: SpanRowsParams<GridRow>) =>
                  !nodeA?.rowPinned && !nodeB?.rowPinned && nodeA?.data?.teamId === nodeB?.data?.teamId
              : undefined,
          },
        ),
        ro(
          'hasil',
          hasilLabel,
          isRakit
            ? `Yang sudah selesai dirakit (${unit})`
            : `Yang sudah disortir dan dilipat dalam keadaan baik (${unit})`,
          { columnGroupShow: 'open' },
        ),
        ro('rusak', 'Rusak', `Rusak yang sudah dicatat, semua kriteria (${unit})`, { columnGroupShow: 'open' }),
        // A closed shift has nothing to enter; what went back to stock completes its picture instead.
        ...(open
          ? []
          : [
              ro('kembali', 'Kembali', `Dikembalikan ke ${stockLabel.toLowerCase()} (${unit})`, {
                columnGroupShow: 'open',
              }),
            ]),
      ],
    },
  ]
  if (!open) {
    // A closed shift reads as its record: rusak per criterion, each with its ledger rows.
    const perReason: ColGroupDef<GridRow> = {
      headerName: isRakit ? 'Rusak per alasan' : 'Rusak menurut kriteria (Kep. KPU 1395/2023)',
      headerClass: 'tally-group-ro',
      ...GROUP_WRAP,
      children: reasons.map((r) => ({
        colId: `soFar.${rusakCol(r.code)}`,
        headerName: reasonHeader(r),
        headerTooltip: r.label,
        width: REASON_WIDTH,
        valueGetter: (p) => p.data?.rusakBy[r.code] ?? 0,
        cellRenderer: HistoryCell,
        cellRendererParams: {
          target: (): HistoryTarget => ({
            filter: { variantId: variantId, place: `RUSAK:${r.code}`, shiftId: shiftId },
            title: `Rusak "${r.short}" · shift #${shiftId} · ${vShort}`,
          }),
        },
        cellClass: 'ag-right-aligned-cell tally-ro',
        headerClass: 'ag-right-aligned-header tally-head-reason',
      })),
    }
    return [...labelCols, ...readOnly, perReason]
  }
  return [
    ...labelCols,
    ...readOnly,
    {
      headerName: `Isian sekarang (${unit})`,
      headerClass: 'tally-group-entry',
      ...GROUP_WRAP,
      children: [
        entry('serahkan', 'Serahkan', 80, `Diserahkan ke regu sekarang, dari ${stockLabel.toLowerCase()} (${unit})`),
        entry(
          'hasil',
          hasilLabel,
          60,
          isRakit ? `Selesai dirakit dalam keadaan baik (${unit})` : `Selesai disortir dan dilipat, baik (${unit})`,
        ),
        {
          headerName: isRakit ? 'Rusak' : 'Rusak menurut kriteria (Kep. KPU 1395/2023)',
          headerClass: 'tally-group-rusak',
          ...GROUP_WRAP,
          children: reasons.map((r) =>
            entry(
              rusakCol(r.code),
              reasonHeader(r),
              REASON_WIDTH,
              r.needsNote ? `${r.label}: tulis keterangannya di kolom Ket. lainnya` : r.label,
              { headerClass: 'ag-right-aligned-header tally-head-reason' },
            ),
          ),
        },
        // "Keterangan" does not fit whole in a column this narrow: shortened as on paper forms, named in full by its tooltip.
        entry(
          NOTE_COL,
          'Ket. lainnya',
          64,
          'Keterangan lainnya: wajib diisi bila ada rusak "Lainnya", apa kerusakannya',
          {
            type: undefined,
            headerClass: 'tally-head-reason',
            cellEditor: 'agTextCellEditor',
            cellEditorParams: { maxLength: 300 },
            valueFormatter: undefined,
            cellClass: (p) => (p.node.rowPinned ? 'tally-entry-total' : 'tally-entry tally-note'),
          },
        ),
        entry(
          'kembali',
          'Kembali (belum selesai)',
          72,
          `Belum selesai dikerjakan, dikembalikan ke ${stockLabel.toLowerCase()} (${unit})`,
        ),
      ],
    },
  ]
}

export const TALLY_COL_DEFAULTS: ColDef<GridRow> = {
  sortable: false,
  resizable: true,
  suppressHeaderMenuButton: true,
  wrapHeaderText: true,
  autoHeaderHeight: true,
}
