import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react'
import { fieldLabel } from '../../api/contract/labels'
import { toApiError, type ApiError, type Issue } from '../api'
import { fmt } from '../format'

/** Long lists (a CSV with thousands of bad rows) are cut here; the count of the rest is shown instead. */
const MAX_ISSUES_SHOWN = 200

/** `method`: the issues answer that method's input, so each field shows as its form names it (api/contract/labels.ts). */
export function IssueTable({
  issues,
  caption,
  method,
  columns = true,
}: {
  issues: Issue[]
  caption?: string
  method?: string
  /** False where the messages name what they are about and the field keys would mean nothing to a reader. */
  columns?: boolean
}) {
  if (issues.length === 0) return null
  const hasRow = issues.some((i) => i.row !== undefined)
  const hasColumn = columns && issues.some((i) => i.column !== undefined)
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
              {hasColumn && <td>{(method && fieldLabel(method, i.column)) ?? i.column ?? '—'}</td>}
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

export type BannerKind = 'error' | 'warning' | 'success' | 'info'

const BANNER_ROLE: Record<BannerKind, 'alert' | 'status' | 'note'> = {
  error: 'alert',
  warning: 'note',
  success: 'status',
  info: 'note',
}

/**
 * The one way a page says something went wrong, needs attention, went right, or is worth knowing: a message
 * where it applies. Toasts (below) say the same for what happened elsewhere or a moment ago.
 */
export function Banner({
  kind,
  title,
  children,
  role,
  testId,
  actions,
  icon,
  large,
  className,
}: {
  kind: BannerKind
  title?: ReactNode
  children?: ReactNode
  role?: 'alert' | 'status' | 'note'
  testId?: string
  actions?: ReactNode
  /** The kind's mark at the left: for notes a page carries before its content. */
  icon?: boolean
  /** A verdict (the ledger is intact, a document is genuine): the page's answer, read from across the room. */
  large?: boolean
  className?: string
}) {
  return (
    <div
      className={`banner banner-${kind}${large ? ' banner-large' : ''}${className ? ` ${className}` : ''}`}
      role={role ?? BANNER_ROLE[kind]}
      data-testid={testId}
    >
      {icon && <BannerIcon kind={kind} />}
      <div className="banner-body">
        {title && <strong className="banner-title">{title}</strong>}
        {children}
      </div>
      {actions}
    </div>
  )
}

function BannerIcon({ kind }: { kind: BannerKind }) {
  const line = {
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 2,
    strokeLinecap: 'round',
    strokeLinejoin: 'round',
  } as const
  return (
    <svg viewBox="0 0 24 24" className="banner-icon" aria-hidden="true">
      {kind === 'warning' ? (
        <>
          <path {...line} d="M12 3 2 21h20L12 3z" />
          <path {...line} d="M12 10v5M12 18v.5" />
        </>
      ) : kind === 'success' ? (
        <>
          <circle {...line} cx="12" cy="12" r="10" />
          <path {...line} d="M7.5 12.5l3 3 6-6.5" />
        </>
      ) : (
        <>
          <circle {...line} cx="12" cy="12" r="10" />
          <path {...line} d={kind === 'error' ? 'M12 7v6M12 16.5v.5' : 'M12 11v6M12 7.5v.5'} />
        </>
      )}
    </svg>
  )
}

/**
 * The answer of a check (the ledger is intact, a printed paper matches the ledger): the success and error
 * styles, large, with the page's own heading.
 */
export function Verdict({
  ok,
  title,
  headingId,
  testId,
  children,
}: {
  ok: boolean
  title: ReactNode
  headingId: string
  testId?: string
  children: ReactNode
}) {
  return (
    <section
      className={`banner banner-large banner-${ok ? 'success' : 'error'}`}
      aria-labelledby={headingId}
      data-testid={testId}
      role={ok ? 'status' : 'alert'}
    >
      {ok ? (
        <svg viewBox="0 0 24 24" className="banner-icon" aria-hidden="true">
          <circle cx="12" cy="12" r="11" fill="currentColor" />
          <path className="icon-mark" d="M6.5 12.5l3.7 3.7L17.5 8.8" strokeWidth="2.4" />
        </svg>
      ) : (
        <svg viewBox="0 0 24 24" className="banner-icon" aria-hidden="true">
          <path d="M8 1.5h8L22.5 8v8L16 22.5H8L1.5 16V8z" fill="currentColor" />
          <path className="icon-mark" d="M8.5 8.5l7 7M15.5 8.5l-7 7" strokeWidth="2.6" />
        </svg>
      )}
      <div className="banner-body">
        <h2 id={headingId} className="banner-title">
          {title}
        </h2>
        {children}
      </div>
    </section>
  )
}

/**
 * The method whose input fields an error's details name: an input its schema refused, or a service's
 * refusal that names a field of the input by its path ("signers.nama"). A refusal that names a column of an
 * imported file ("nik", never a path) shows it as the file has it.
 */
const fieldsOf = (e: ApiError): string | undefined =>
  e.code === 'INVALID_INPUT' || e.details.some((i) => i.column?.includes('.')) ? e.method : undefined

/**
 * Whether a refusal's column names mean something to a reader: the fields of a refused input (shown by their
 * labels) or the columns of a file's rows. A service's own field keys without a row ("proses") do not.
 */
const namesColumns = (e: ApiError): boolean => fieldsOf(e) !== undefined || e.details.some((i) => i.row !== undefined)

/** An inline error where the problem is (a page section or a dialog), with the API's details. */
export function ErrorBanner({
  error,
  onRetry,
  title,
  testId,
  shown,
  children,
}: {
  error: ApiError | undefined
  onRetry?: () => void
  title?: string
  testId?: string
  /**
   * In a form: the details listed here, the rest being shown under their fields. The list then leaves out
   * the field keys, which the messages of a form's refusal do not need.
   */
  shown?: (issue: Issue) => boolean
  /** What to do about it, after the details. */
  children?: ReactNode
}) {
  if (!error) return null
  const issues = shown ? error.details.filter(shown) : error.details
  return (
    <Banner
      kind="error"
      title={title ?? 'Terjadi masalah'}
      testId={testId}
      actions={
        onRetry && (
          <button type="button" className="btn btn-secondary" onClick={onRetry}>
            Coba lagi
          </button>
        )
      }
    >
      <p>{error.message}</p>
      <IssueTable issues={issues} method={fieldsOf(error)} columns={!shown && namesColumns(error)} />
      {children}
    </Banner>
  )
}

interface Toast {
  id: number
  kind: 'error' | 'success'
  title: string
  message: string
  details: Issue[]
  method?: string
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
        push({ kind: 'error', title: title ?? 'Gagal', message: e.message, details: e.details, method: fieldsOf(e) })
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
              <IssueTable issues={t.details} method={t.method} />
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
