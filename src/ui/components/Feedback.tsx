import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react'
import { toApiError, type ApiError, type Issue } from '../api'
import { fmt } from '../format'

/** Long lists (a CSV with thousands of bad rows) are cut here; the count of the rest is shown instead. */
const MAX_ISSUES_SHOWN = 200

export function IssueTable({ issues, caption }: { issues: Issue[]; caption?: string }) {
  if (issues.length === 0) return null
  const hasRow = issues.some((i) => i.row !== undefined)
  const hasColumn = issues.some((i) => i.column !== undefined)
  const shown = issues.slice(0, MAX_ISSUES_SHOWN)
  return (
    <div className="issue-table-wrap">
      <table className="table issue-table">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {hasRow && (
              <th scope="col" className="num">
                Baris
              </th>
            )}
            {hasColumn && <th scope="col">Kolom</th>}
            <th scope="col">Pesan</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((i, n) => (
            <tr key={n}>
              {hasRow && <td className="num">{i.row === undefined ? '—' : fmt(i.row)}</td>}
              {hasColumn && <td>{i.column ?? '—'}</td>}
              <td>{i.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {issues.length > shown.length && (
        <p className="muted small">
          …dan {fmt(issues.length - shown.length)} galat lain. Perbaiki yang tampil di atas lalu periksa ulang berkas.
        </p>
      )}
    </div>
  )
}

/** An inline error where the problem is (a page section or a dialog), with the API's details. */
export function ErrorBanner({
  error,
  onRetry,
  title,
}: {
  error: ApiError | undefined
  onRetry?: () => void
  title?: string
}) {
  if (!error) return null
  return (
    <div className="banner banner-error" role="alert">
      <div className="banner-body">
        <strong>{title ?? 'Terjadi masalah'}</strong>
        <p>{error.message}</p>
        <IssueTable issues={error.details} />
      </div>
      {onRetry && (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          Coba lagi
        </button>
      )}
    </div>
  )
}

interface Toast {
  id: number
  kind: 'error' | 'success'
  title: string
  message: string
  details: Issue[]
}

interface ToastApi {
  showError(err: unknown, title?: string): void
  showSuccess(message: string, title?: string): void
}

const ToastContext = createContext<ToastApi>({ showError: () => {}, showSuccess: () => {} })

export function useToast(): ToastApi {
  return useContext(ToastContext)
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([])
  const next = useRef(1)

  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), [])

  const push = useCallback(
    (t: Omit<Toast, 'id'>) => {
      const id = next.current++
      setToasts((list) => [...list.slice(-3), { ...t, id }])
      // Errors stay until dismissed: a coordinator may need to read the row numbers while fixing a file.
      if (t.kind === 'success') window.setTimeout(() => dismiss(id), 6000)
    },
    [dismiss],
  )

  const api = useMemo<ToastApi>(
    () => ({
      showError(err, title) {
        const e = toApiError(err)
        push({ kind: 'error', title: title ?? 'Gagal', message: e.message, details: e.details })
      },
      showSuccess(message, title) {
        push({ kind: 'success', title: title ?? 'Berhasil', message, details: [] })
      },
    }),
    [push],
  )

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
            <div className="toast-body">
              <strong>{t.title}</strong>
              <p>{t.message}</p>
              <IssueTable issues={t.details} />
            </div>
            <button
              type="button"
              className="toast-close"
              onClick={() => dismiss(t.id)}
              aria-label="Tutup pemberitahuan"
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  )
}

export function Loading({ label = 'Memuat data…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  )
}
