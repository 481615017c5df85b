import { AgGridReact } from 'ag-grid-react'
import type { CellKeyDownEvent, ColDef, ICellRendererParams } from 'ag-grid-community'
import { useCallback, useId, useMemo, useState, type KeyboardEvent } from 'react'
import type { Pemilihan, Regu, Pekerja } from '../../../api/contract'
import { invoke } from '../../api'
import { useApi, useRefreshAll } from '../../components/data'
import { ErrorBanner, Loading, useToast } from '../../components/Feedback'
import { GridToolbar, useFilteredGrid } from '../../components/filteredGrid'
import { PageHeader, Section } from '../../components/Page'
import { StatusBadge } from '../../components/StatusBadge'
import { TableHead, DataTable, numCol, hiddenCol } from '../../components/TableHead'
import { isIsoDate } from '../../../core/shifts'
import { fmt, fmtTanggal, readCount, todayIso } from '../../format'
import { ImportWorkersDialog, TeamDialog, WorkerDialog } from './PekerjaDialogs'
import './pekerja.css'
import { reguName } from '../../../core/regu'
import { DateInput } from '../../components/DateField'

export function PekerjaPage({ election, params }: { election: Pemilihan; params: string[] }) {
  void election
  void params
  const workers = useApi('pekerja.daftar', {})
  const teams = useApi('regu.daftar', {})
  const [editingWorker, setEditingWorker] = useState<Pekerja | 'new' | null>(null)
  const [editingTeam, setEditingTeam] = useState<Regu | 'new' | null>(null)
  const [importing, setImporting] = useState(false)

  const activeWorkers = (workers.data ?? []).filter((w) => w.active).length

  return (
    <>
      <PageHeader
        title="Pekerja & Regu"
        lead="Pekerja sortir-lipat dan rakit, regu beserta ketuanya, dan target harian setiap regu. NIK selalu ditampilkan tersamar."
        actions={[
          { label: 'Impor pekerja…', onClick: () => setImporting(true) },
          { label: 'Tambah pekerja…', onClick: () => setEditingWorker('new'), kind: 'primary' },
        ]}
      />

      <div className="pekerja-top">
        <Section title="Regu" actions={[{ label: 'Tambah regu…', onClick: () => setEditingTeam('new') }]}>
          <ErrorBanner error={teams.error} onRetry={teams.reload} title="Daftar regu tidak dapat dimuat" />
          {teams.data ? <TeamTable teams={teams.data} onEdit={setEditingTeam} /> : !teams.error && <Loading />}
        </Section>
        <TargetSection teams={teams.data ?? []} />
      </div>

      <Section title={`Pekerja${workers.data ? ` (${fmt(activeWorkers)} aktif)` : ''}`}>
        <ErrorBanner error={workers.error} onRetry={workers.reload} title="Daftar pekerja tidak dapat dimuat" />
        {workers.data && teams.data ? (
          workers.data.length === 0 ? (
            <div className="empty-state">
              <p>
                <strong>Belum ada pekerja.</strong> Impor daftar pekerja dari CSV atau XLSX (nama, NIK, telepon, regu,
                ketua), atau tambahkan satu per satu.
              </p>
              <button type="button" className="btn btn-primary" onClick={() => setImporting(true)}>
                Impor pekerja…
              </button>
            </div>
          ) : (
            <WorkerGrid rows={workers.data} teams={teams.data} onEdit={setEditingWorker} />
          )
        ) : (
          !workers.error && <Loading />
        )}
      </Section>

      {editingWorker !== null && (
        <WorkerDialog
          worker={editingWorker === 'new' ? null : editingWorker}
          teams={teams.data ?? []}
          onClose={() => setEditingWorker(null)}
        />
      )}
      {editingTeam !== null && (
        <TeamDialog
          team={editingTeam === 'new' ? null : editingTeam}
          workers={workers.data ?? []}
          onClose={() => setEditingTeam(null)}
        />
      )}
      <ImportWorkersDialog open={importing} onClose={() => setImporting(false)} />
    </>
  )
}

/* -------------------------------------------------------------------- teams */

function TeamTable({ teams, onEdit }: { teams: Regu[]; onEdit(t: Regu): void }) {
  if (teams.length === 0)
    return <p className="empty">Belum ada regu. Tambahkan regu, atau impor pekerja dengan kolom regu.</p>
  return (
    <DataTable
      className="table-compact pekerja-teams"
      testId="team-table"
      columns={['Regu', 'Ketua', numCol('Anggota'), numCol('Target harian'), hiddenCol('Aksi')]}
    >
      {teams.map((t) => (
        <tr key={t.id} className={t.active ? undefined : 'inactive'} data-testid={`team-${reguName(t.nama)}`}>
          <th scope="row" className="pekerja-team-name">
            {reguName(t.nama)}
            {!t.active && (
              <StatusBadge state="netral" className="pekerja-inactive">
                Tidak aktif
              </StatusBadge>
            )}
          </th>
          <td>{t.leader ?? <span className="text-warn">Belum ada ketua</span>}</td>
          <td className="num">{fmt(t.members)}</td>
          <td className="num">{t.dailyTarget > 0 ? fmt(t.dailyTarget) : <span className="muted">—</span>}</td>
          <td className="actions">
            <button
              type="button"
              className="btn btn-small btn-secondary"
              onClick={() => onEdit(t)}
              aria-label={`Ubah ${reguName(t.nama)}`}
            >
              Ubah
            </button>
          </td>
        </tr>
      ))}
    </DataTable>
  )
}

/* ------------------------------------------------------------------ targets */

function TargetSection({ teams }: { teams: Regu[] }) {
  const [tanggal, setTanggal] = useState(todayIso)
  const valid = isIsoDate(tanggal)
  const q = useApi('regu.lihatTarget', { tanggal: valid ? tanggal : todayIso() }, valid)
  const dateId = useId()
  const daily = new Map(teams.map((t) => [t.id, t.dailyTarget]))
  const label = valid ? fmtTanggal(tanggal) : ''

  return (
    <Section title="Target harian">
      <div className="field inline-field pekerja-date">
        <label htmlFor={dateId}>Tanggal</label>
        <DateInput id={dateId} value={tanggal} onChange={setTanggal} />
        <span className="muted small">{label}</span>
      </div>
      <p className="muted small pekerja-explain">
        Isi target khusus untuk tanggal ini (mis. hari pertama, atau regu yang kekurangan anggota) lalu tekan Enter;
        kosongkan untuk kembali ke target harian regu.
      </p>
      <ErrorBanner error={q.error} onRetry={q.reload} title="Target tidak dapat dimuat" />
      {q.data && valid ? (
        q.data.length === 0 ? (
          <p className="empty">Belum ada regu aktif.</p>
        ) : (
          <table className="table table-compact pekerja-targets" data-testid="target-table">
            <TableHead columns={['Regu', numCol('Harian'), 'Tanggal ini']} />
            <tbody>
              {q.data.map((r) => (
                <TargetRow key={`${r.teamId}:${tanggal}`} row={r} tanggal={tanggal} daily={daily.get(r.teamId) ?? 0} />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Jumlah</th>
                <td className="num">{fmt(q.data.reduce((s, r) => s + (daily.get(r.teamId) ?? 0), 0))}</td>
                <td>
                  <span className="pekerja-target-sum" data-testid="target-total">
                    {fmt(q.data.reduce((s, r) => s + r.target, 0))}
                  </span>
                </td>
              </tr>
            </tfoot>
          </table>
        )
      ) : (
        valid && !q.error && <Loading />
      )}
    </Section>
  )
}

function TargetRow({
  row,
  tanggal,
  daily,
}: {
  row: { teamId: number; team: string; target: number; override: boolean }
  tanggal: string
  daily: number
}) {
  const initial = row.override ? fmt(row.target) : ''
  const [text, setText] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()

  // The saved value comes back through the reload; the row stays mounted so keyboard focus stays put.
  const [shown, setShown] = useState(initial)
  if (initial !== shown) {
    setShown(initial)
    setText(initial)
  }

  async function commit(value = text) {
    if (busy) return
    const n = readCount(value)
    if (n === 'invalid') return setError('Isi dengan angka bulat')
    setError(null)
    if (n === (row.override ? row.target : null)) return setText(initial)
    setBusy(true)
    setError(null)
    try {
      await invoke('regu.aturTarget', { teamId: row.teamId, tanggal, qty: n })
      toast.showSuccess(
        n === null
          ? `${reguName(row.team)} kembali ke target harian ${fmt(daily)} lembar.`
          : `${reguName(row.team)}: ${fmt(n)} lembar pada tanggal ini.`,
        'Target tersimpan',
      )
      refreshAll()
    } catch (err) {
      toast.showError(err, `Target ${reguName(row.team)} tidak tersimpan`)
    } finally {
      setBusy(false)
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter') {
      e.preventDefault()
      void commit()
    } else if (e.key === 'Escape') {
      setText(initial)
      setError(null)
    }
  }

  return (
    <tr data-testid={`target-${reguName(row.team)}`}>
      <th scope="row">{reguName(row.team)}</th>
      <td className="num">{fmt(daily)}</td>
      <td>
        <span className="pekerja-target-cell">
          <input
            className={row.override ? 'pekerja-target-input pekerja-target-override' : 'pekerja-target-input'}
            inputMode="numeric"
            aria-label={`Target ${reguName(row.team)} pada tanggal ini`}
            aria-invalid={error !== null}
            aria-describedby={row.override ? `pk-override-${row.teamId}` : undefined}
            placeholder={fmt(daily)}
            value={text}
            readOnly={busy}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => void commit()}
          />
          {row.override && (
            <button
              type="button"
              className="btn btn-small btn-secondary"
              onClick={() => void commit('')}
              disabled={busy}
              aria-label={`Kembalikan target ${reguName(row.team)} ke target harian`}
            >
              Kembalikan
            </button>
          )}
        </span>
        {row.override && (
          <span className="pekerja-override-note" id={`pk-override-${row.teamId}`}>
            khusus tanggal ini
          </span>
        )}
        {error && <p className="field-error">{error}</p>}
      </td>
    </tr>
  )
}

/* ------------------------------------------------------------------ workers */

const NO_TEAM = 'none'

function EditCell(p: ICellRendererParams<Pekerja> & { onEdit(w: Pekerja): void }) {
  if (!p.data) return null
  const w = p.data
  return (
    <button
      type="button"
      className="btn btn-small btn-secondary pekerja-edit"
      onClick={() => p.onEdit(w)}
      aria-label={`Ubah ${w.nama}`}
      tabIndex={-1}
    >
      Ubah
    </button>
  )
}

const workerRowId = (w: Pekerja) => String(w.id)

function WorkerGrid({ rows, teams, onEdit }: { rows: Pekerja[]; teams: Regu[]; onEdit(w: Pekerja): void }) {
  const [team, setTeam] = useState('')
  const teamSelectId = useId()

  const columnDefs = useMemo<ColDef<Pekerja>[]>(
    () => [
      { field: 'nama', headerName: 'Nama', flex: 1.4, minWidth: 180 },
      {
        field: 'nikMasked',
        headerName: 'NIK',
        width: 190,
        cellClass: 'pekerja-nik',
        valueFormatter: (p) => p.value ?? '—',
        // The masked digits are still worth finding ("3201…").
        getQuickFilterText: (p) => p.value ?? '',
      },
      { field: 'telepon', headerName: 'Telepon', width: 150, valueFormatter: (p) => p.value || '—' },
      {
        field: 'team',
        headerName: 'Regu',
        width: 150,
        valueFormatter: (p) => (p.value ? reguName(p.value) : 'Tanpa regu'),
      },
      {
        colId: 'ketua',
        headerName: 'Ketua',
        width: 100,
        valueGetter: (p) => (p.data?.isLeader ? 'Ketua' : ''),
        cellRenderer: (p: ICellRendererParams<Pekerja>) =>
          p.data?.isLeader ? <StatusBadge state="info">Ketua</StatusBadge> : null,
      },
      {
        colId: 'status',
        headerName: 'Status',
        width: 120,
        valueGetter: (p) => (p.data?.active ? 'Aktif' : 'Tidak aktif'),
        cellRenderer: (p: ICellRendererParams<Pekerja>) =>
          p.data?.active ? (
            <StatusBadge state="success">Aktif</StatusBadge>
          ) : (
            <StatusBadge state="netral">Tidak aktif</StatusBadge>
          ),
      },
      {
        colId: 'aksi',
        headerName: '',
        width: 90,
        sortable: false,
        filter: false,
        resizable: false,
        cellRenderer: EditCell,
        cellRendererParams: { onEdit },
        getQuickFilterText: () => '',
      },
    ],
    [onEdit],
  )

  const filter = useMemo(
    () =>
      team === ''
        ? null
        : team === NO_TEAM
          ? (w: Pekerja) => w.teamId === null
          : (w: Pekerja) => String(w.teamId) === team,
    [team],
  )
  const grid = useFilteredGrid<Pekerja>({
    rowId: workerRowId,
    filter,
    initialShown: rows.length,
  })
  // Keyboard: Enter on any cell of a row opens that worker, as a double click does.
  const onCellKeyDown = useCallback(
    (e: CellKeyDownEvent<Pekerja>) => {
      if ((e.event as globalThis.KeyboardEvent | undefined)?.key === 'Enter' && e.data) onEdit(e.data)
    },
    [onEdit],
  )

  return (
    <>
      <GridToolbar
        grid={grid}
        total={rows.length}
        noun="pekerja"
        label="Cari pekerja"
        ariaLabel="Cari pekerja: nama, telepon atau regu"
        placeholder="Cari nama, telepon, regu…"
      >
        <div className="field inline-field pekerja-team-filter">
          <label htmlFor={teamSelectId}>Regu</label>
          <select id={teamSelectId} value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value="">Semua regu</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {reguName(t.nama)} ({fmt(t.members)})
              </option>
            ))}
            <option value={NO_TEAM}>Tanpa regu</option>
          </select>
        </div>
      </GridToolbar>
      <p className="muted small pekerja-explain">
        Tekan Enter pada baris, klik dua kali, atau pilih Ubah untuk memindahkan pekerja ke regu lain atau
        menonaktifkannya.
      </p>
      <div className="grid-box pekerja-grid" data-testid="worker-grid">
        <AgGridReact<Pekerja>
          {...grid.gridProps}
          rowData={rows}
          columnDefs={columnDefs}
          onRowDoubleClicked={(e) => e.data && onEdit(e.data)}
          onCellKeyDown={onCellKeyDown}
          getRowClass={(p) => (p.data && !p.data.active ? 'pekerja-row-inactive' : undefined)}
          enableCellTextSelection
        />
      </div>
    </>
  )
}
