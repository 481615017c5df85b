import { AllCommunityModule, ModuleRegistry, themeQuartz, type ColDef } from 'ag-grid-community'
import { fmt } from '../format'

ModuleRegistry.registerModules([AllCommunityModule])

/** Quartz tuned to the app: system font (no web fonts under our CSP), the tokens' colours, compact rows. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: 'var(--font-sans)',
  fontSize: 'var(--text-sm)',
  headerFontSize: 'var(--text-sm)',
  headerFontWeight: 600,
  foregroundColor: 'var(--color-text)',
  headerTextColor: 'var(--color-text)',
  headerBackgroundColor: 'var(--color-surface-3)',
  accentColor: 'var(--color-primary)',
  borderColor: 'var(--color-border)',
  rowBorder: { color: 'var(--color-border-soft)' },
  oddRowBackgroundColor: 'var(--color-surface-2)',
  rowHoverColor: 'var(--color-primary-tint)',
  selectedRowBackgroundColor: 'color-mix(in srgb, var(--color-primary-line) 50%, var(--color-surface))',
  pinnedRowFontWeight: 700,
  pinnedRowBackgroundColor: 'var(--color-surface-3)',
  rowHeight: 32,
  headerHeight: 36,
  spacing: 6,
  wrapperBorderRadius: 4,
  focusShadow: { radius: 0, spread: 2, color: 'var(--color-primary)' },
})

/** Indonesian text for what the community grid shows: filters, overlays and screen-reader labels. */
export const gridLocaleText: Record<string, string> = {
  applyFilter: 'Terapkan',
  clearFilter: 'Kosongkan',
  resetFilter: 'Atur ulang',
  cancelFilter: 'Batal',
  textFilter: 'Saring teks',
  numberFilter: 'Saring angka',
  filterOoo: 'Saring…',
  empty: 'Pilih satu',
  equals: 'Sama dengan',
  notEqual: 'Tidak sama dengan',
  lessThan: 'Kurang dari',
  greaterThan: 'Lebih dari',
  inRange: 'Di antara',
  inRangeStart: 'Dari',
  inRangeEnd: 'Sampai',
  lessThanOrEqual: 'Kurang dari atau sama dengan',
  greaterThanOrEqual: 'Lebih dari atau sama dengan',
  contains: 'Memuat',
  notContains: 'Tidak memuat',
  startsWith: 'Diawali',
  endsWith: 'Diakhiri',
  blank: 'Kosong',
  notBlank: 'Tidak kosong',
  andCondition: 'DAN',
  orCondition: 'ATAU',
  loadingOoo: 'Memuat…',
  noRowsToShow: 'Belum ada data',
  noMatchingRows: 'Tidak ada baris yang cocok dengan saringan',
  page: 'Halaman',
  of: 'dari',
  to: 'sampai',
  more: 'lainnya',
  firstPage: 'Halaman pertama',
  lastPage: 'Halaman terakhir',
  nextPage: 'Halaman berikutnya',
  previousPage: 'Halaman sebelumnya',
  thousandSeparator: '.',
  decimalSeparator: ',',
  invalidNumber: 'Angka tidak sah',
  ariaFilterInput: 'Isian saringan',
  ariaFilterColumn: 'Tekan CTRL ENTER untuk membuka saringan',
  ariaFilterMenuOpen: 'Buka menu saringan',
  ariaFilteringOperator: 'Operator saringan',
  ariaColumnFiltered: 'Kolom disaring',
  ariaLabelColumnFilter: 'Saringan kolom',
  ariaLabelColumnMenu: 'Menu kolom',
  ariaSortableColumn: 'Tekan ENTER untuk mengurutkan',
  ariaMenuColumn: 'Tekan ALT BAWAH untuk membuka menu kolom',
  ariaLabelInputClear: 'Kosongkan',
}

/** A right-aligned quantity column with Indonesian grouping and a number filter. */
export function numberCol<T>(field: string, headerName: string, extra: Partial<ColDef<T>> = {}): ColDef<T> {
  return {
    colId: field,
    field: field as ColDef<T>['field'],
    headerName,
    type: 'rightAligned',
    filter: 'agNumberColumnFilter',
    valueFormatter: (p) => (typeof p.value === 'number' ? fmt(p.value) : ''),
    // Numbers are not worth matching in the free-text search ("12" would hit every DPT containing 12).
    getQuickFilterText: () => '',
    width: 110,
    ...extra,
  }
}

export const defaultColDef: ColDef = {
  sortable: true,
  resizable: true,
  filter: 'agTextColumnFilter',
  floatingFilter: true,
  suppressHeaderMenuButton: true,
  wrapHeaderText: true,
  autoHeaderHeight: true,
}
