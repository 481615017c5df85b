import { useState } from 'react'
import { useApi } from '../../components/data'
import { ErrorBanner, Loading } from '../../components/Feedback'
import { PageHeader, Section } from '../../components/Page'
import { DataTable } from '../../components/TableHead'
import { fmt, fmtJamRentang, fmtTanggal, shortItemName, todayIso } from '../../format'
import { href } from '../../router'
import { BukaShiftDialog } from './ShiftBuka'
import { ShiftStatusBadge } from './ShiftForms'

/** "Surat Suara Pemilihan Gubernur dan Wakil Gubernur · Dapil X" -> "Surat suara Gubernur · Dapil X" */
const shortLabel = (label: string) => {
  const [name = '', ...rest] = label.split(' · ')
  return [shortItemName(name), ...rest].join(' · ')
}

export function ShiftListPage() {
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [opening, setOpening] = useState(false)
  const input: { from?: string; to?: string } = {}
  if (from) input.from = from
  if (to) input.to = to
  const list = useApi('shift.daftar', input)
  const filtered = Boolean(from || to)

  return (
    <>
      <PageHeader
        title="Sortir & Rakit"
        lead="Shift sortir-lipat surat suara dan rakit kotak/bilik: regu yang hadir, yang diserahkan, hasil baik, rusak menurut kriteria dan yang dikembalikan. Tally diisi per regu di halaman shift."
        actions={
          <button type="button" className="btn btn-primary btn-large" onClick={() => setOpening(true)}>
            Buka shift…
          </button>
        }
      />
      <Section title="Daftar shift">
        <div className="toolbar shift-filter">
          <label className="shift-inline-date">
            Dari tanggal{' '}
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-label="Dari tanggal" />
          </label>
          <label className="shift-inline-date">
            Sampai tanggal{' '}
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label="Sampai tanggal" />
          </label>
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => {
              setFrom(todayIso())
              setTo(todayIso())
            }}
          >
            Hari ini
          </button>
          {filtered && (
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={() => {
                setFrom('')
                setTo('')
              }}
            >
              Semua tanggal
            </button>
          )}
          {list.data && (
            <span className="toolbar-count" aria-live="polite">
              {fmt(list.data.length)} shift
            </span>
          )}
        </div>
        <ErrorBanner error={list.error} onRetry={list.reload} title="Daftar shift tidak dapat dimuat" />
        {list.data ? (
          list.data.length === 0 ? (
            <div className="empty-state">
              <p>
                <strong>{filtered ? 'Tidak ada shift pada rentang tanggal ini.' : 'Belum ada shift.'}</strong> Buka
                shift untuk mencatat regu yang bekerja dan tally hasilnya.
              </p>
              <button type="button" className="btn btn-primary" onClick={() => setOpening(true)}>
                Buka shift…
              </button>
            </div>
          ) : (
            <DataTable
              className="shift-table"
              testId="shift-table"
              columns={[
                'Shift',
                'Tanggal dan jam',
                'Pekerjaan',
                'Regu/pekerja',
                { label: 'Diserahkan', num: true },
                { label: 'Baik/Siap', num: true },
                { label: 'Rusak', num: true },
                { label: 'Kembali', num: true },
                { label: 'Dalam proses', num: true },
                'Status',
              ]}
            >
              {list.data.map((s) => (
                <tr key={s.id} data-shift={s.id}>
                  <th scope="row">
                    <a href={href('shift', s.id)}>Shift #{s.id}</a>
                  </th>
                  <td>
                    {fmtTanggal(s.tanggal, 'short')}
                    <span className="muted small block">
                      {fmtJamRentang(s.mulai, s.selesai)}
                      {s.lokasi ? ` · ${s.lokasi}` : ''}
                    </span>
                  </td>
                  <td>
                    {s.kindLabel}
                    {s.kind === 'packing' ? (
                      <span className="small block">
                        <a href={href('kemas')}>Kit per TPS di halaman Pengemasan</a>
                      </span>
                    ) : (
                      <span className="muted small block">{s.variants.map(shortLabel).join('; ')}</span>
                    )}
                  </td>
                  <td>
                    {fmt(s.teams)} regu · {fmt(s.workers)} pekerja
                    {s.pengawas && <span className="muted small block">Pengawas: {s.pengawas}</span>}
                  </td>
                  {s.kind === 'packing' ? (
                    // Packing is not tallied per team; these columns do not apply.
                    <td className="muted small" colSpan={5} style={{ textAlign: 'center' }}>
                      tanpa tally regu
                    </td>
                  ) : (
                    <>
                      <td className="num">{fmt(s.serah)}</td>
                      <td className="num">{fmt(s.hasil)}</td>
                      <td className="num">{fmt(s.rusak)}</td>
                      <td className="num">{fmt(s.kembali)}</td>
                      <td className={s.inProcess > 0 ? 'num text-warn strong' : 'num'}>{fmt(s.inProcess)}</td>
                    </>
                  )}
                  <td>
                    <ShiftStatusBadge status={s.status} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        ) : (
          !list.error && <Loading />
        )}
      </Section>
      {opening && <BukaShiftDialog onClose={() => setOpening(false)} />}
    </>
  )
}
