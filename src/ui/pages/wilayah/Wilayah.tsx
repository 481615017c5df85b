import { AgGridReact } from 'ag-grid-react'
import type { ColDef } from 'ag-grid-community'
import { useMemo, useState } from 'react'
import type { Pemilihan, MethodOutput, TpsRow } from '../../../api/contract'
import { useApi } from '../../components/data'
import { Loaded } from '../../components/Loaded'
import { ErrorBanner, Loading } from '../../components/Feedback'
import { GridToolbar, useFilteredGrid } from '../../components/filteredGrid'
import { numberCol } from '../../components/grid'
import { DataNote, PageHeader, Section } from '../../components/Page'
import { TableHead } from '../../components/TableHead'
import { fmt, formatTpsNumber } from '../../format'
import { ImportTpsDialog } from './ImportTpsDialog'
import './wilayah.css'

type KecamatanRow = MethodOutput<'wilayah.daftarKecamatan'>[number]

export function WilayahPage({ election }: { election: Pemilihan }) {
  const tps = useApi('wilayah.daftarTps', {})
  const kecamatan = useApi('wilayah.daftarKecamatan', {})
  const [importOpen, setImportOpen] = useState(false)

  return (
    <>
      <PageHeader
        title="Wilayah & TPS"
        lead="Kecamatan (wilayah PPK, Panitia Pemilihan Kecamatan), desa/kelurahan dan TPS beserta jumlah DPT. Kebutuhan logistik dihitung dari daftar ini."
        actions={[{ label: 'Impor TPS…', onClick: () => setImportOpen(true), kind: 'primary' }]}
      />
      <DataNote note={election.dataNote} />

      <div className="wilayah-layout">
        <Section title="Daftar TPS">
          <Loaded query={tps} title="Daftar TPS tidak dapat dimuat">
            {(data) =>
              data.length === 0 ? (
                <div className="empty-state">
                  <p>
                    <strong>Belum ada TPS.</strong> Impor berkas CSV atau XLSX berisi kecamatan, desa/kelurahan, nomor
                    TPS dan DPT untuk mulai.
                  </p>
                  <button type="button" className="btn btn-primary" onClick={() => setImportOpen(true)}>
                    Impor TPS…
                  </button>
                </div>
              ) : (
                <TpsGrid rows={data} maxVoters={election.maxVotersPerTps} />
              )
            }
          </Loaded>
        </Section>

        <Section title="Rekap per kecamatan">
          <ErrorBanner error={kecamatan.error} onRetry={kecamatan.reload} title="Rekap kecamatan tidak dapat dimuat" />
          {kecamatan.data ? <KecamatanTable rows={kecamatan.data} /> : !kecamatan.error && <Loading />}
        </Section>
      </div>

      <ImportTpsDialog open={importOpen} onClose={() => setImportOpen(false)} />
    </>
  )
}

const tpsRowId = (r: TpsRow) => String(r.id)

function TpsGrid({ rows, maxVoters }: { rows: TpsRow[]; maxVoters: number }) {
  const [overOnly, setOverOnly] = useState(false)
  const overCount = useMemo(() => rows.reduce((n, r) => n + (r.dpt > maxVoters ? 1 : 0), 0), [rows, maxVoters])

  const columnDefs = useMemo<ColDef<TpsRow>[]>(
    () => [
      { field: 'kecamatan', headerName: 'Kecamatan', flex: 1.1, minWidth: 140 },
      { field: 'desa', headerName: 'Desa/Kelurahan', flex: 1.3, minWidth: 160 },
      {
        field: 'nomor',
        headerName: 'No. TPS',
        width: 110,
        filter: 'agNumberColumnFilter',
        valueFormatter: (p) => (typeof p.value === 'number' ? formatTpsNumber(p.value) : ''),
        getQuickFilterText: (p) => formatTpsNumber(p.data.nomor),
      },
      numberCol<TpsRow>('dpt', 'DPT', {
        width: 110,
        cellClassRules: { 'wilayah-over-max': (p) => typeof p.value === 'number' && p.value > maxVoters },
        tooltipValueGetter: (p) =>
          typeof p.value === 'number' && p.value > maxVoters
            ? `Melebihi batas ${fmt(maxVoters)} pemilih per TPS`
            : undefined,
      }),
    ],
    [maxVoters],
  )

  const filter = useMemo(() => (overOnly ? (r: TpsRow) => r.dpt > maxVoters : null), [overOnly, maxVoters])
  const grid = useFilteredGrid<TpsRow>({
    rowId: tpsRowId,
    filter,
    initialShown: rows.length,
  })

  return (
    <>
      <GridToolbar
        grid={grid}
        total={rows.length}
        noun="TPS"
        label="Cari TPS"
        ariaLabel="Cari kecamatan, desa/kelurahan atau nomor TPS"
        placeholder="Cari kecamatan, desa atau TPS 001…"
      >
        <label className="check">
          <input type="checkbox" checked={overOnly} onChange={(e) => setOverOnly(e.target.checked)} />
          Hanya TPS di atas batas ({fmt(overCount)})
        </label>
      </GridToolbar>
      <div className="grid-box grid-tall" data-testid="tps-grid">
        <AgGridReact<TpsRow>
          {...grid.gridProps}
          rowData={rows}
          columnDefs={columnDefs}
          tooltipShowDelay={300}
          enableCellTextSelection
        />
      </div>
    </>
  )
}

function KecamatanTable({ rows }: { rows: KecamatanRow[] }) {
  if (rows.length === 0) return <p className="empty">Belum ada kecamatan. Daftar kecamatan terbentuk dari impor TPS.</p>
  const total = rows.reduce((t, r) => ({ desa: t.desa + r.desa, tps: t.tps + r.tps, dpt: t.dpt + r.dpt }), {
    desa: 0,
    tps: 0,
    dpt: 0,
  })
  return (
    <div className="table-wrap table-scroll">
      <table className="table table-compact" data-testid="kecamatan-table">
        <TableHead
          columns={[
            'Kecamatan',
            { label: 'Desa/Kel.', num: true },
            { label: 'TPS', num: true },
            { label: 'DPT', num: true },
          ]}
        />
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row" title={r.kode ? `Kode kecamatan ${r.kode}` : undefined}>
                {r.nama}
              </th>
              <td className="num">{fmt(r.desa)}</td>
              <td className="num">{fmt(r.tps)}</td>
              <td className="num">{fmt(r.dpt)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="kecamatan-total">
            <th scope="row">Jumlah</th>
            <td className="num">{fmt(total.desa)}</td>
            <td className="num" data-testid="kecamatan-total-tps">
              {fmt(total.tps)}
            </td>
            <td className="num">{fmt(total.dpt)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}
