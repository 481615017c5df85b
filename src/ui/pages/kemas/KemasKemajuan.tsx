import { AgGridReact } from 'ag-grid-react'
import type { CellKeyDownEvent, ColDef, RowClickedEvent } from 'ag-grid-community'
import { useMemo, useState } from 'react'
import type { MethodOutput } from '../../../api/contract'
import { KIT_STATUS_LABEL, KIT_STATUS_SHORT, KIT_STATUSES, type KitStatus } from '../../../core/kit'
import { useApi } from '../../components/data'
import { ErrorBanner, Loading } from '../../components/Feedback'
import { useFilteredGrid } from '../../components/filteredGrid'
import { numberCol } from '../../components/grid'
import { Section } from '../../components/Page'
import { KitStatusBadge, KitStatusBar, KitStatusLegend, sumKitCounts } from '../../components/StatusBadge'
import { fmt, fmtPercent, formatTpsNumber, lowerFirst } from '../../format'
import { navigate } from '../../router'

type Progress = MethodOutput<'kemas.lihatKemajuan'>[number]
type KitRow = MethodOutput<'kemas.daftarKit'>[number]

const KEC_KEY = 'gudang.kemas.kecamatan'

/** The kecamatan last looked at, so "back" from a kit returns to its list. */
export function rememberKecamatan(id: number): void {
  try {
    sessionStorage.setItem(KEC_KEY, String(id))
  } catch {
    /* not kept */
  }
}

export function rememberedKecamatan(): number | null {
  try {
    const v = Number(sessionStorage.getItem(KEC_KEY))
    return Number.isInteger(v) && v > 0 ? v : null
  } catch {
    return null
  }
}

/** "LAUT TADOR: 40 lengkap, 1 sebagian, 41 belum dari 82 TPS": from the furthest a kit has come, as the bar. */
const describe = (p: Progress) =>
  `${p.nama}: ${[...KIT_STATUSES]
    .reverse()
    .filter((s) => p[s] > 0)
    .map((s) => `${fmt(p[s])} ${lowerFirst(KIT_STATUS_SHORT[s])}`)
    .join(', ')} dari ${fmt(p.tps)} TPS`

export function KemajuanView() {
  const status = useApi('kemas.lihatKemajuan', { level: 'kecamatan' })
  const [selected, setSelected] = useState<number | null>(rememberedKecamatan)
  const rows = status.data ?? []
  const current = rows.find((r) => r.id === selected) ?? rows[0]

  const total = sumKitCounts(rows)
  const done = total.lengkap + total.diserahkan + total.diterima

  return (
    <div className="kemas-layout">
      <Section title="Kecamatan">
        <ErrorBanner error={status.error} onRetry={status.reload} title="Kemajuan pengemasan tidak dapat dimuat" />
        {!status.data ? (
          !status.error && <Loading />
        ) : rows.length === 0 ? (
          <p className="empty">
            Belum ada TPS. Impor daftar TPS di halaman <a href="#/wilayah">Wilayah &amp; TPS</a>.
          </p>
        ) : (
          <>
            <div className="kemas-total" data-testid="kemas-total">
              <strong>{fmt(done)}</strong> dari {fmt(total.tps)} kit TPS lengkap atau sudah diserahkan
              <span className="muted"> ({fmtPercent(Math.round((done / Math.max(1, total.tps)) * 1000) / 10)})</span>
              <KitStatusBar p={total} />
            </div>
            <KitStatusLegend short />
            <ul className="kemas-kec-bars" data-testid="kec-bars">
              {rows.map((r) => (
                <li key={r.id}>
                  <button
                    type="button"
                    className="kemas-kec-bar"
                    aria-pressed={r.id === current?.id}
                    aria-label={describe(r)}
                    onClick={() => {
                      setSelected(r.id)
                      rememberKecamatan(r.id)
                    }}
                  >
                    <span className="kemas-kec-bar-head">
                      <span className="kemas-kec-bar-name">{r.nama}</span>
                      <span className="kemas-kec-bar-count">
                        {fmt(r.lengkap + r.diserahkan + r.diterima)}/{fmt(r.tps)}
                        {r.sebagian > 0 && <span className="kemas-kec-bar-partial"> · {fmt(r.sebagian)} sebagian</span>}
                      </span>
                    </span>
                    <KitStatusBar p={r} size="slim" />
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
      <Section title={current ? `TPS Kecamatan ${current.nama}` : 'TPS'}>
        {current ? (
          <KitGrid key={current.id} kecamatanId={current.id} />
        ) : (
          status.data && <p className="empty">Pilih kecamatan.</p>
        )}
      </Section>
    </div>
  )
}

function StatusCell({ value }: { value: KitStatus | undefined }) {
  return value ? <KitStatusBadge status={value} /> : null
}

const kitRowId = (r: KitRow) => String(r.tpsId)

function KitGrid({ kecamatanId }: { kecamatanId: number }) {
  const q = useApi('kemas.daftarKit', { kecamatanId })
  const [desaId, setDesaId] = useState<number | ''>('')
  const [status, setStatus] = useState<KitStatus | ''>('')
  const rows = q.data

  const desas = useMemo(() => {
    const m = new Map<number, string>()
    for (const r of rows ?? []) m.set(r.desaId, r.desa)
    return [...m.entries()]
  }, [rows])
  const counts = useMemo(() => {
    const c = Object.fromEntries(KIT_STATUSES.map((s) => [s, 0])) as Record<KitStatus, number>
    for (const r of rows ?? []) if (desaId === '' || r.desaId === desaId) c[r.status]++
    return c
  }, [rows, desaId])

  const columnDefs = useMemo<ColDef<KitRow>[]>(
    () => [
      { field: 'desa', headerName: 'Desa/Kelurahan (PPS)', flex: 1, minWidth: 150 },
      {
        field: 'nomor',
        headerName: 'TPS',
        width: 90,
        filter: 'agNumberColumnFilter',
        valueFormatter: (p) => (typeof p.value === 'number' ? formatTpsNumber(p.value) : ''),
        cellClass: 'kemas-cell-strong',
      },
      numberCol<KitRow>('dpt', 'DPT', { width: 84 }),
      {
        field: 'status',
        headerName: 'Status kit',
        width: 160,
        cellRenderer: StatusCell,
        filter: false,
        comparator: (a: KitStatus, b: KitStatus) => KIT_STATUSES.indexOf(a) - KIT_STATUSES.indexOf(b),
      },
      // One column: "dikemas / kebutuhan" reads as progress and leaves the desa name room.
      numberCol<KitRow>('packed', 'Dikemas / kebutuhan', {
        width: 150,
        valueFormatter: (p) => (p.data ? `${fmt(p.data.packed)} / ${fmt(p.data.need)}` : ''),
      }),
    ],
    [],
  )

  const filter = useMemo(
    () =>
      desaId === '' && status === ''
        ? null
        : (r: KitRow) => (desaId === '' || r.desaId === desaId) && (status === '' || r.status === status),
    [desaId, status],
  )
  const { shown, gridProps } = useFilteredGrid<KitRow>({ rowId: kitRowId, filter, initialShown: 0 })
  const open = (row: KitRow | undefined) => {
    if (!row) return
    rememberKecamatan(row.kecamatanId)
    navigate('kemas', row.tpsId)
  }

  if (q.error) return <ErrorBanner error={q.error} onRetry={q.reload} title="Daftar kit TPS tidak dapat dimuat" />
  if (!rows) return <Loading />
  return (
    <>
      <div className="toolbar kemas-filter">
        <label className="inline-field">
          Desa/kelurahan
          <select value={desaId} onChange={(e) => setDesaId(e.target.value === '' ? '' : Number(e.target.value))}>
            <option value="">Semua ({fmt(desas.length)})</option>
            {desas.map(([id, nama]) => (
              <option key={id} value={id}>
                {nama}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as KitStatus | '')}>
            <option value="">Semua status</option>
            {KIT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {KIT_STATUS_LABEL[s]} ({fmt(counts[s])})
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-count" aria-live="polite">
          {fmt(shown)} dari {fmt(rows.length)} TPS
        </span>
      </div>
      <div className="grid-box kemas-kit-grid" data-testid="kit-grid">
        <AgGridReact<KitRow>
          {...gridProps}
          rowData={rows}
          columnDefs={columnDefs}
          onRowClicked={(e: RowClickedEvent<KitRow>) => open(e.data)}
          onCellKeyDown={(e: CellKeyDownEvent<KitRow>) => {
            if ((e.event as KeyboardEvent | null)?.key === 'Enter') open(e.data)
          }}
          rowClass="kemas-kit-grid-row"
        />
      </div>
      <p className="muted small">Klik baris atau tekan Enter untuk membuka kit TPS itu.</p>
    </>
  )
}
