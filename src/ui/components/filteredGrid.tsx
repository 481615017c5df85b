import type { GetRowIdParams, GridApi, IRowNode, ModelUpdatedEvent } from 'ag-grid-community'
import { useCallback, useDeferredValue, useEffect, useRef, useState, type ReactNode } from 'react'
import { fmt } from '../format'
import { defaultColDef, gridLocaleText, gridTheme } from './grid'

/**
 * A list page's AG Grid with the page's own filters: the search box's text (deferred: filtering 15,000 rows
 * on every keystroke would make typing stutter on an office PC), the page's selects as one predicate, and
 * the count of rows shown. `filter` is null when no select narrows the list; it must be memoised on what
 * it reads, because the grid asks for it again only when it changes. `gridProps` spread onto AgGridReact
 * carry the app's theme and Indonesian texts with all of that wired in.
 */
export function useFilteredGrid<T>({
  rowId,
  filter,
  initialShown,
}: {
  rowId(row: T): string
  filter: ((row: T) => boolean) | null
  initialShown: number
}) {
  const apiRef = useRef<GridApi<T> | null>(null)
  const [search, setSearch] = useState('')
  const quickFilter = useDeferredValue(search)
  const [shown, setShown] = useState(initialShown)

  const getRowId = useCallback((p: GetRowIdParams<T>) => rowId(p.data), [rowId])
  const isExternalFilterPresent = useCallback(() => filter !== null, [filter])
  const doesExternalFilterPass = useCallback(
    (node: IRowNode<T>) => node.data !== undefined && filter !== null && filter(node.data),
    [filter],
  )
  // The grid asks for the external filter only when told the predicate changed.
  useEffect(() => apiRef.current?.onFilterChanged(), [filter])
  const onModelUpdated = useCallback((e: ModelUpdatedEvent<T>) => setShown(e.api.getDisplayedRowCount()), [])

  return {
    search,
    setSearch,
    shown,
    gridProps: {
      theme: gridTheme,
      localeText: gridLocaleText,
      defaultColDef,
      getRowId,
      quickFilterText: quickFilter,
      cacheQuickFilter: true,
      isExternalFilterPresent,
      doesExternalFilterPass,
      onGridReady: (e: { api: GridApi<T> }) => (apiRef.current = e.api),
      onModelUpdated,
      ensureDomOrder: true,
    },
  }
}

/** The search box of a grid's toolbar; ariaLabel, when given, says more than the short label. */
export function GridSearch({
  value,
  onChange,
  label,
  ariaLabel = label,
  placeholder,
}: {
  value: string
  onChange(text: string): void
  label: string
  ariaLabel?: string
  placeholder: string
}) {
  return (
    <label className="search">
      <span className="visually-hidden">{label}</span>
      <input
        type="search"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        aria-label={ariaLabel}
      />
    </label>
  )
}

/** "Menampilkan 12 dari 340 TPS", announced as the filters change. */
export function GridCount({ shown, total, noun }: { shown: number; total: number; noun: string }) {
  return (
    <span className="toolbar-count" aria-live="polite">
      Menampilkan {fmt(shown)} dari {fmt(total)} {noun}
    </span>
  )
}

/**
 * A grid's toolbar: its search box, the page's own filters (children), and how many rows show. `grid` is what
 * useFilteredGrid returned (or a grid's own search and count).
 */
export function GridToolbar({
  grid,
  total,
  noun,
  label,
  ariaLabel,
  placeholder = label,
  children,
}: {
  grid: { search: string; setSearch(text: string): void; shown: number }
  total: number
  noun: string
  label: string
  ariaLabel?: string
  placeholder?: string
  children?: ReactNode
}) {
  return (
    <div className="toolbar">
      <GridSearch
        value={grid.search}
        onChange={grid.setSearch}
        label={label}
        ariaLabel={ariaLabel}
        placeholder={placeholder}
      />
      {children}
      <GridCount shown={grid.shown} total={total} noun={noun} />
    </div>
  )
}
