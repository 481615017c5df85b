import { createContext, useCallback, useContext, useMemo, useState, type ReactNode, useId } from 'react'
import type { HistoryRow, MethodInput } from '../../api/contract'
import { MOVE_REASON_LABEL } from '../../core/shifts'
import { invoke } from '../api'
import { fmt, fmtWaktu } from '../format'
import { useApi } from './data'
import { Dialog, DialogActions } from './Dialog'
import { ErrorBanner, Loading } from './Feedback'
import { FormFields, notPlacedIn, useFormState, type Fields } from './FormFields'
import { DataTable } from './TableHead'
import './history.css'
import { useWrite } from './useWrite'

/**
 * "The history of every number is one click away": any page calls useHistory().open(filter, title)
 * to list the ledger rows behind a number, and corrects a row from there (koreksi writes a reversing
 * row and the right value; nothing is edited).
 */
export type HistoryFilter = Omit<MethodInput<'ledger.lihatRiwayat'>, 'limit'>

interface HistoryApi {
  open(filter: HistoryFilter, title: string): void
}

const HistoryContext = createContext<HistoryApi>({ open: () => {} })

export function useHistory(): HistoryApi {
  return useContext(HistoryContext)
}

export function HistoryProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ filter: HistoryFilter; title: string } | null>(null)
  const open = useCallback((filter: HistoryFilter, title: string) => setState({ filter, title }), [])
  const api = useMemo(() => ({ open }), [open])
  return (
    <HistoryContext.Provider value={api}>
      {children}
      <Dialog
        open={state !== null}
        title={state ? `Riwayat: ${state.title}` : 'Riwayat'}
        onClose={() => setState(null)}
        wide
      >
        {state && <HistoryList filter={state.filter} />}
      </Dialog>
    </HistoryContext.Provider>
  )
}

/** A number that opens its history: the whole cell is a button so it is reachable by keyboard. */
export function HistoryLink({
  value,
  filter,
  title,
  className,
}: {
  value: number
  filter: HistoryFilter
  title: string
  className?: string
}) {
  const { open } = useHistory()
  return (
    <button
      type="button"
      className={`history-link${className ? ' ' + className : ''}`}
      onClick={() => open(filter, title)}
      title={`Lihat riwayat ${title}`}
    >
      {fmt(value)}
    </button>
  )
}

const when = (iso: string) => fmtWaktu(iso)

function HistoryList({ filter }: { filter: HistoryFilter }) {
  const q = useApi('ledger.lihatRiwayat', { ...filter, limit: 500 })
  const [correcting, setCorrecting] = useState<HistoryRow | null>(null)
  if (q.error) return <ErrorBanner error={q.error} onRetry={q.reload} title="Riwayat tidak dapat dimuat" />
  if (!q.data) return <Loading />
  if (q.data.rows.length === 0) return <p className="empty">Belum ada catatan.</p>
  return (
    <>
      <DataTable
        wrapClassName="table-scroll history-table"
        className="table-compact"
        testId="history-table"
        columns={[
          { label: 'Baris', num: true },
          'Waktu',
          'Barang',
          'Dari → ke',
          { label: 'Jumlah', num: true },
          'Petugas',
          'Keterangan',
          { label: 'Tindakan', hidden: true },
        ]}
      >
        {q.data.rows.map((r) => (
          <tr key={r.seq} className={r.reversedBy ? 'row-reversed' : r.reason === 'BATAL' ? 'row-reversal' : undefined}>
            <td className="num">{r.seq}</td>
            <td>{when(r.at)}</td>
            <td>{r.variant}</td>
            <td>
              {r.fromLabel} → {r.toLabel}
            </td>
            <td className="num">{fmt(r.qty)}</td>
            <td>
              {r.actor}
              {r.worker ? ` (pekerja: ${r.worker})` : ''}
            </td>
            <td>
              {[
                r.reason ? (MOVE_REASON_LABEL[r.reason as keyof typeof MOVE_REASON_LABEL] ?? r.reason) : null,
                r.correctsSeq ? `untuk baris ${r.correctsSeq}` : null,
                r.reversedBy ? `dibatalkan di baris ${r.reversedBy}` : null,
                r.note,
              ]
                .filter(Boolean)
                .join(' · ')}
            </td>
            <td>
              {!r.reversedBy && r.reason !== 'BATAL' && (
                <button type="button" className="btn btn-secondary btn-small" onClick={() => setCorrecting(r)}>
                  Koreksi…
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {q.data.truncated && <p className="muted small">Hanya 500 baris terbaru yang ditampilkan.</p>}
      {correcting && <CorrectionForm row={correcting} onDone={() => setCorrecting(null)} />}
    </>
  )
}

const CORRECTION: Fields<{ qty: string; note: string }> = [
  { name: 'qty', label: 'Jumlah yang benar', kind: 'numeric', autoFocus: true },
  {
    name: 'note',
    label: 'Alasan koreksi',
    className: 'history-correction-grow',
    input: { placeholder: 'mis. salah hitung ikatan regu Mawar' },
  },
]

function CorrectionForm({ row, onDone }: { row: HistoryRow; onDone(): void }) {
  const form = useFormState({ qty: String(row.qty), note: '' })
  const { error, errors, busy, run } = useWrite(onDone)
  const formId = useId()
  const submit = () =>
    run(async () => {
      const n = Number(form.values.qty)
      await invoke('ledger.koreksi', { seq: row.seq, qty: Number.isFinite(n) ? n : -1, note: form.values.note })
      return [`Baris ${row.seq} dikoreksi dari ${fmt(row.qty)} menjadi ${fmt(n)}.`, 'Koreksi tersimpan']
    })
  return (
    <form
      id={formId}
      className="history-correction"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <h3>
        Koreksi baris {row.seq}: {row.fromLabel} → {row.toLabel}, {fmt(row.qty)}
      </h3>
      <p className="muted small">
        Baris lama tidak diubah: dicatat baris pembatalan dan baris baru dengan jumlah yang benar. Isi 0 untuk
        membatalkan seluruhnya.
      </p>
      <ErrorBanner error={error} title="Koreksi ditolak" shown={notPlacedIn(CORRECTION)} />
      <div className="history-correction-row">
        <FormFields fields={CORRECTION} form={form} errors={errors} method="ledger.koreksi" />
      </div>
      <div className="form-actions">
        <DialogActions onCancel={onDone} busy={busy} label="Simpan koreksi" formId={formId} />
      </div>
    </form>
  )
}
