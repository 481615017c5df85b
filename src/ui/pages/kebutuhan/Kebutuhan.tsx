import type { ColDef, ICellRendererParams } from 'ag-grid-community'
import { useCallback, useMemo, useState, type ReactNode } from 'react'
import type { Pemilihan, Barang, MethodOutput } from '../../../api/contract'
import { invoke } from '../../api'
import { useApi, type Query } from '../../components/data'
import { ErrorBanner, Loading, useToast } from '../../components/Feedback'
import { saveDownload } from '../../components/files'
import { numberCol } from '../../components/grid'
import { PageHeader, Section, Swatch } from '../../components/Page'
import { TabPanel, Tabs } from '../../components/Tabs'
import { SummedGrid } from '../../components/SummedGrid'
import { fmt, fmtPercent, shortItemName, formatTpsNumber } from '../../format'
import { href } from '../../router'
import './kebutuhan.css'
import { useRun } from '../../components/useWrite'
import { RunButton } from '../../components/RunButton'

type PerTps = MethodOutput<'kebutuhan.daftarTps'>
type TpsNeed = PerTps['rows'][number]
type Column = PerTps['columns'][number]
type AreaNeed = MethodOutput<'kebutuhan.lihatRekap'>['rows'][number]
type VariantNeed = MethodOutput<'kebutuhan.daftarDapil'>[number]

type Tab = 'tps' | 'desa' | 'kecamatan' | 'dapil'
/** The files the needs download as, with what the button's tooltip calls each. */
const EXPORTS = [
  ['xlsx', 'Excel'],
  ['csv', 'CSV'],
] as const

const TABS: { id: Tab; label: string }[] = [
  { id: 'tps', label: 'Per TPS' },
  { id: 'desa', label: 'Per desa/kelurahan' },
  { id: 'kecamatan', label: 'Per kecamatan' },
  { id: 'dapil', label: 'Per dapil' },
]

export function KebutuhanPage({ election }: { election: Pemilihan }) {
  const [tab, setTab] = useState<Tab>('tps')
  const [visited, setVisited] = useState<Set<Tab>>(() => new Set(['tps']))
  const satker = useApi('kebutuhan.lihatRekap', { level: 'satker' })
  const perDapil = useApi('kebutuhan.daftarDapil', {})
  const items = useApi('barang.daftar', {})
  // Big tables load when their tab is first opened: the per-TPS table alone can be 15,000 rows.
  const perTps = useApi('kebutuhan.daftarTps', {}, visited.has('tps'))
  const perDesa = useApi('kebutuhan.lihatRekap', { level: 'desa' }, visited.has('desa'))
  const perKec = useApi('kebutuhan.lihatRekap', { level: 'kecamatan' }, visited.has('kecamatan'))
  const toast = useToast()
  const { running: exporting, run } = useRun<'xlsx' | 'csv'>((err) => toast.showError(err, 'Berkas tidak dapat dibuat'))

  const select = (t: Tab) => {
    setTab(t)
    setVisited((v) => (v.has(t) ? v : new Set(v).add(t)))
  }

  const download = (format: 'xlsx' | 'csv') =>
    run(format, async () => saveDownload(await invoke('kebutuhan.ekspor', { format, level: tab })))

  const colorOf = useMemo(() => new Map((items.data ?? []).map((i) => [i.code, i])), [items.data])
  const noTps = satker.data?.rows[0]?.tps === 0
  const tabLabel = TABS.find((t) => t.id === tab)!.label.toLowerCase()

  return (
    <>
      <PageHeader
        title="Kebutuhan Logistik"
        lead={
          <>
            Kebutuhan surat suara dan perlengkapan dihitung dari DPT setiap TPS: surat suara = DPT + cadangan{' '}
            {fmtPercent(election.reservePercent)} per TPS, ditambah cadangan PSU per dapil yang disimpan di satker.
            Rekap per kecamatan adalah wilayah kerja PPK (Panitia Pemilihan Kecamatan).
          </>
        }
      />

      <Section title={`Total satker · KPU ${election.satker}`}>
        <ErrorBanner
          error={satker.error ?? perDapil.error}
          onRetry={() => (satker.reload(), perDapil.reload())}
          title="Kebutuhan tidak dapat dihitung"
        />
        {satker.data && perDapil.data ? (
          <SatkerTotals rekap={satker.data} perDapil={perDapil.data} items={colorOf} />
        ) : (
          !(satker.error ?? perDapil.error) && <Loading />
        )}
        {noTps && (
          <p className="empty">
            Belum ada TPS, sehingga semua kebutuhan masih nol. Impor daftar TPS di{' '}
            <a href={href('wilayah')}>Wilayah &amp; TPS</a>.
          </p>
        )}
      </Section>

      <section className="section" aria-label="Rincian kebutuhan">
        <Tabs
          label="Tingkat rincian"
          idBase="kebutuhan"
          items={TABS}
          selected={tab}
          onSelect={select}
          actions={EXPORTS.map(([format, name]) => (
            <RunButton
              key={format}
              run={format}
              busy={exporting}
              onRun={download}
              label={`Unduh ${format.toUpperCase()}`}
              title={`Unduh kebutuhan ${tabLabel} sebagai ${name}`}
              secondary
            />
          ))}
        />

        <TabPanel idBase="kebutuhan" id={tab} selected>
          {tab === 'tps' && <Panel query={perTps}>{(d) => <PerTpsGrid data={d} />}</Panel>}
          {tab === 'desa' && <Panel query={perDesa}>{(d) => <AreaGrid data={d} level="desa" />}</Panel>}
          {tab === 'kecamatan' && <Panel query={perKec}>{(d) => <AreaGrid data={d} level="kecamatan" />}</Panel>}
          {tab === 'dapil' && <Panel query={perDapil}>{(d) => <DapilGrid rows={d} items={colorOf} />}</Panel>}
        </TabPanel>
      </section>
    </>
  )
}

function Panel<T>({ query, children }: { query: Query<T>; children(d: T): ReactNode }) {
  if (query.error && query.data === undefined)
    return <ErrorBanner error={query.error} onRetry={query.reload} title="Rincian tidak dapat dimuat" />
  if (query.data === undefined) return <Loading />
  return <>{children(query.data)}</>
}

function SatkerTotals({
  rekap,
  perDapil,
  items,
}: {
  rekap: MethodOutput<'kebutuhan.lihatRekap'>
  perDapil: VariantNeed[]
  items: Map<string, Barang>
}) {
  const row = rekap.rows[0]
  if (!row) return null
  const psuOf = (code: string) => perDapil.filter((v) => v.itemCode === code).reduce((s, v) => s + v.psu, 0)
  return (
    <div className="tile-grid" data-testid="satker-totals">
      {rekap.columns.map((c) => {
        const item = items.get(c.code)
        const psu = c.kind === 'ballot' ? psuOf(c.code) : 0
        const value = row.qty[c.code] ?? 0
        return (
          <div
            key={c.code}
            className={`kebutuhan-total kebutuhan-total-${c.kind}`}
            data-testid={`satker-total-${c.code}`}
            data-code={c.code}
          >
            <span className="kebutuhan-total-name" title={c.name}>
              {c.kind === 'ballot' && <Swatch hex={item?.colorHex ?? null} label={item?.color} />}
              <span className="kebutuhan-total-name-text">{c.kind === 'ballot' ? shortItemName(c.name) : c.name}</span>
            </span>
            <span className="kebutuhan-total-value">
              <span data-value>{fmt(value)}</span> <span className="kebutuhan-total-unit">{c.unit}</span>
            </span>
            {c.kind === 'ballot' && (
              <span className="kebutuhan-total-note">
                {fmt(value - psu)} untuk TPS + {fmt(psu)} cadangan PSU
              </span>
            )}
          </div>
        )
      })}
    </div>
  )
}

function itemCols<T extends { qty: Record<string, number> }>(
  columns: Column[],
  dapilOf?: (row: T, code: string) => string | undefined,
): ColDef<T>[] {
  return columns.map((c) =>
    numberCol<T>(`qty.${c.code}`, `${shortItemName(c.name)} (${c.unit})`, {
      field: undefined,
      valueGetter: (p) => p.data?.qty[c.code] ?? 0,
      headerTooltip: `${c.name} (${c.unit})`,
      width: c.kind === 'ballot' ? 150 : 120,
      tooltipValueGetter:
        c.kind === 'ballot' && dapilOf
          ? (p) => {
              const d = p.data && p.node?.rowPinned == null ? dapilOf(p.data, c.code) : undefined
              return d ? `Dapil: ${d}` : undefined
            }
          : undefined,
    }),
  )
}

function sumQty<T extends { dpt: number; qty: Record<string, number> }>(rows: T[], columns: Column[]) {
  const qty: Record<string, number> = Object.fromEntries(columns.map((c) => [c.code, 0]))
  let dpt = 0
  for (const r of rows) {
    dpt += r.dpt
    for (const c of columns) qty[c.code]! += r.qty[c.code] ?? 0
  }
  return { dpt, qty }
}

const totalLabel = (filtered: boolean) => (filtered ? 'Jumlah (tersaring)' : 'Jumlah')

function PerTpsGrid({ data }: { data: PerTps }) {
  const columnDefs = useMemo<ColDef<TpsNeed>[]>(
    () => [
      { field: 'kecamatan', headerName: 'Kecamatan', width: 150, pinned: 'left' },
      { field: 'desa', headerName: 'Desa/Kelurahan', width: 170, pinned: 'left' },
      {
        field: 'nomor',
        headerName: 'TPS',
        width: 90,
        pinned: 'left',
        filter: 'agNumberColumnFilter',
        valueFormatter: (p) => (typeof p.value === 'number' ? formatTpsNumber(p.value) : ''),
        getQuickFilterText: (p) => formatTpsNumber(p.data.nomor),
      },
      numberCol<TpsNeed>('dpt', 'DPT', { width: 90 }),
      ...itemCols<TpsNeed>(data.columns, (row, code) => row.dapil[code]),
    ],
    [data.columns],
  )
  const makeTotals = useCallback(
    (rows: TpsNeed[], filtered: boolean): TpsNeed[] => [
      // nomor null: the TPS column's formatter prints nothing for the total row.
      {
        tpsId: -1,
        kecamatan: totalLabel(filtered),
        desa: `${fmt(rows.length)} TPS`,
        nomor: null as unknown as number,
        dapil: {},
        ...sumQty(rows, data.columns),
      },
    ],
    [data.columns],
  )
  if (data.rows.length === 0) return <NoTpsYet />
  return (
    <SummedGrid<TpsNeed>
      rows={data.rows}
      columnDefs={columnDefs}
      rowId={(r) => String(r.tpsId)}
      makeTotals={makeTotals}
      noun="TPS"
      searchPlaceholder="Cari kecamatan, desa atau TPS 001…"
      testId="grid-tps"
    />
  )
}

function AreaGrid({ data, level }: { data: MethodOutput<'kebutuhan.lihatRekap'>; level: 'desa' | 'kecamatan' }) {
  const columnDefs = useMemo<ColDef<AreaNeed>[]>(() => {
    const area: ColDef<AreaNeed>[] =
      level === 'desa'
        ? [
            { field: 'kecamatan', headerName: 'Kecamatan', width: 160, pinned: 'left' },
            { field: 'desa', headerName: 'Desa/Kelurahan', width: 180, pinned: 'left' },
          ]
        : [{ field: 'kecamatan', headerName: 'Kecamatan', width: 200, pinned: 'left' }]
    return [
      ...area,
      numberCol<AreaNeed>('tps', 'TPS', { width: 80 }),
      numberCol<AreaNeed>('dpt', 'DPT', { width: 100 }),
      ...itemCols<AreaNeed>(data.columns),
    ]
  }, [data.columns, level])
  const makeTotals = useCallback(
    (rows: AreaNeed[], filtered: boolean): AreaNeed[] => [
      {
        level,
        kecamatan: totalLabel(filtered),
        desa: level === 'desa' ? `${fmt(rows.length)} desa/kelurahan` : null,
        tps: rows.reduce((s, r) => s + r.tps, 0),
        ...sumQty(rows, data.columns),
      },
    ],
    [data.columns, level],
  )
  if (data.rows.length === 0) return <NoTpsYet />
  return (
    <>
      <SummedGrid<AreaNeed>
        rows={data.rows}
        columnDefs={columnDefs}
        rowId={(r) => `${r.kecamatan}\u0000${r.desa ?? ''}`}
        makeTotals={makeTotals}
        noun={level === 'desa' ? 'desa/kelurahan' : 'kecamatan'}
        searchPlaceholder={level === 'desa' ? 'Cari kecamatan atau desa/kelurahan…' : 'Cari kecamatan…'}
        testId={`grid-${level}`}
        size={level === 'desa' ? 'tall' : 'auto'}
      />
      <p className="muted small">
        {level === 'desa'
          ? 'Jumlah per desa/kelurahan mencakup isi kotak setiap TPS dan barang yang dihitung per desa/kelurahan. Barang per kecamatan tampil di rekap per kecamatan.'
          : 'Jumlah per kecamatan mencakup isi kotak setiap TPS, barang per desa/kelurahan dan barang per kecamatan (PPK). Cadangan PSU disimpan di satker dan tidak termasuk di sini.'}
      </p>
    </>
  )
}

function BallotCell(p: ICellRendererParams<VariantNeed> & { items: Map<string, Barang> }) {
  if (!p.data || p.node.rowPinned) return <strong>{p.value as string}</strong>
  const item = p.items.get(p.data.itemCode)
  return (
    <span className="ballot-name kebutuhan-name-cell" title={p.data.itemName}>
      <Swatch hex={item?.colorHex ?? null} label={item?.color} />
      <span className="ellipsis">{shortItemName(p.data.itemName)}</span>
    </span>
  )
}

function DapilGrid({ rows, items }: { rows: VariantNeed[]; items: Map<string, Barang> }) {
  const columnDefs = useMemo<ColDef<VariantNeed>[]>(
    () => [
      {
        field: 'itemName',
        headerName: 'Jenis surat suara',
        flex: 1.4,
        minWidth: 220,
        cellRenderer: BallotCell,
        cellRendererParams: { items },
      },
      { field: 'dapil', headerName: 'Dapil', flex: 1, minWidth: 150 },
      numberCol<VariantNeed>('tps', 'TPS', { width: 80 }),
      numberCol<VariantNeed>('dpt', 'DPT', { width: 100 }),
      numberCol<VariantNeed>('reserve', 'Cadangan', {
        width: 100,
        headerTooltip: 'Cadangan persentase yang dihitung di setiap TPS',
      }),
      numberCol<VariantNeed>('kits', 'Kebutuhan TPS', {
        width: 115,
        headerTooltip: 'DPT + cadangan, dikemas ke kotak TPS',
      }),
      numberCol<VariantNeed>('psu', 'Cadangan PSU', {
        width: 110,
        headerTooltip: 'Cadangan pemungutan suara ulang per dapil, disimpan di satker',
      }),
      numberCol<VariantNeed>('total', 'Total', { width: 110, cellClass: 'strong' }),
    ],
    [items],
  )
  // A total across ballot types adds different ballots together; sum only within a type that spans several dapil.
  const makeTotals = useCallback((visible: VariantNeed[]): VariantNeed[] => {
    const byCode = new Map<string, VariantNeed[]>()
    for (const r of visible) byCode.set(r.itemCode, [...(byCode.get(r.itemCode) ?? []), r])
    return [...byCode.values()]
      .filter((list) => list.length > 1)
      .map((list, i) => {
        const s = (k: 'tps' | 'dpt' | 'reserve' | 'kits' | 'psu' | 'total') => list.reduce((t, r) => t + r[k], 0)
        return {
          // Pinned rows go through getRowId too; negative ids never meet a real variant.
          variantId: -1 - i,
          itemCode: list[0]!.itemCode,
          itemName: `Jumlah ${shortItemName(list[0]!.itemName)}`,
          dapil: `${fmt(list.length)} dapil`,
          tps: s('tps'),
          dpt: s('dpt'),
          reserve: s('reserve'),
          kits: s('kits'),
          psu: s('psu'),
          total: s('total'),
        }
      })
  }, [])
  if (rows.length === 0) return <p className="empty">Belum ada jenis surat suara.</p>
  return (
    <SummedGrid<VariantNeed>
      rows={rows}
      columnDefs={columnDefs}
      rowId={(r) => String(r.variantId)}
      makeTotals={makeTotals}
      noun="dapil"
      searchPlaceholder="Cari jenis surat suara atau dapil…"
      testId="grid-dapil"
      size="auto"
    />
  )
}

function NoTpsYet() {
  return (
    <p className="empty">
      Belum ada TPS. Impor daftar TPS di <a href={href('wilayah')}>Wilayah &amp; TPS</a> untuk menghitung kebutuhan.
    </p>
  )
}
