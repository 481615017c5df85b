import { AgGridReact } from 'ag-grid-react'
import type { ColDef, GetRowIdParams, GridApi } from 'ag-grid-community'
import { useCallback, useDeferredValue, useRef, useState } from 'react'
import { GridToolbar } from './filteredGrid'
import { defaultColDef, gridLocaleText, gridTheme } from './grid'

interface SummedGridProps<T> {
  rows: T[]
  columnDefs: ColDef<T>[]
  rowId(row: T): string
  /** Builds the pinned total row from the rows that pass the current filters; null for no total row. */
  makeTotals?(rows: T[], filtered: boolean): T[]
  noun: string
  searchPlaceholder: string
  testId?: string
  /** 'tall' fills the window (thousands of rows, virtualised); 'auto' grows with a short list (a few dozen rows). */
  size?: 'tall' | 'auto'
}

/**
 * A read-only AG Grid with a search box, a row count and pinned totals that follow the filters,
 * so a coordinator who filters to one kecamatan sees that kecamatan's sum, not the satker's.
 */
export function SummedGrid<T>({
  rows,
  columnDefs,
  rowId,
  makeTotals,
  noun,
  searchPlaceholder,
  testId,
  size = 'tall',
}: SummedGridProps<T>) {
  const [search, setSearch] = useState('')
  const quickFilter = useDeferredValue(search)
  const [shown, setShown] = useState(rows.length)
  const [totals, setTotals] = useState<T[]>(() => makeTotals?.(rows, false) ?? [])
  const apiRef = useRef<GridApi<T> | null>(null)

  const recompute = useCallback(
    (api: GridApi<T>) => {
      const visible: T[] = []
      api.forEachNodeAfterFilter((n) => {
        if (n.data) visible.push(n.data)
      })
      setShown(visible.length)
      if (makeTotals) setTotals(makeTotals(visible, visible.length !== rows.length))
    },
    [makeTotals, rows.length],
  )

  const getRowId = useCallback((p: GetRowIdParams<T>) => rowId(p.data), [rowId])

  return (
    <>
      <GridToolbar grid={{ search, setSearch, shown }} total={rows.length} noun={noun} label={searchPlaceholder} />
      <div className={size === 'tall' ? 'grid-box grid-tall' : 'grid-box grid-auto'} data-testid={testId}>
        <AgGridReact<T>
          theme={gridTheme}
          localeText={gridLocaleText}
          rowData={rows}
          columnDefs={columnDefs}
          defaultColDef={defaultColDef}
          getRowId={getRowId}
          quickFilterText={quickFilter}
          cacheQuickFilter
          pinnedBottomRowData={totals}
          domLayout={size === 'auto' ? 'autoHeight' : 'normal'}
          onGridReady={(e) => {
            apiRef.current = e.api
            recompute(e.api)
          }}
          onFilterChanged={(e) => recompute(e.api)}
          onRowDataUpdated={(e) => recompute(e.api)}
          tooltipShowDelay={300}
          enableCellTextSelection
          ensureDomOrder
        />
      </div>
    </>
  )
}
