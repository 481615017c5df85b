import { useCallback, useEffect, useRef, useState } from 'react'
import type { JobStatus, MethodInput, MethodName, MethodOutput } from '../../api/contract'
import { ApiError, invoke, toApiError } from '../api'
import { fmt, fmtBytes } from '../format'
import './jobs.css'

/** How often a running job is asked how far it is: smooth enough for a bar, cheap for the server. */
const POLL_MS = 400

export interface JobHandle<M extends MethodName> {
  status: JobStatus | null
  /** The method's answer once the job is done. */
  result: MethodOutput<M> | null
  error: ApiError | undefined
  running: boolean
  start(input: MethodInput<M>): Promise<MethodOutput<M> | null>
  cancel(): Promise<void>
  reset(): void
}

/**
 * A long method run as a background job (job.mulai): the page shows its progress and time left, may
 * cancel it, and gets the method's answer at the end — while the rest of the app keeps working.
 */
export function useJob<M extends MethodName>(method: M, opts: { resume?: boolean } = {}): JobHandle<M> {
  const [status, setStatus] = useState<JobStatus | null>(null)
  const [error, setError] = useState<ApiError | undefined>()
  const alive = useRef(true)
  const current = useRef<string | null>(null)

  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])

  /** Watches one job to its end; the answer, or null when it failed, was cancelled or is no longer watched. */
  const follow = useCallback(
    async (id: string): Promise<MethodOutput<M> | null> => {
      current.current = id
      for (;;) {
        const s = await invoke('job.lihat', { id })
        if (!alive.current || current.current !== id) return null
        setStatus(s)
        if (s.state === 'selesai') return s.result as MethodOutput<M>
        if (s.state === 'gagal' || s.state === 'dibatalkan') {
          if (s.state === 'gagal' && s.error)
            setError(new ApiError(s.error.code as ApiError['code'], s.error.message, s.error.details ?? [], method))
          return null
        }
        await new Promise((r) => window.setTimeout(r, POLL_MS))
      }
    },
    [method],
  )

  // The job belongs to the server, not to the page: coming back to the page shows it still running.
  useEffect(() => {
    if (!opts.resume) return
    invoke('job.daftar', {}).then(
      (jobs) => {
        const running = jobs.find((j) => j.method === method && (j.state === 'menunggu' || j.state === 'berjalan'))
        if (running && alive.current && current.current === null)
          void follow(running.id).catch((err: unknown) => alive.current && setError(toApiError(err)))
      },
      () => {},
    )
  }, [method, opts.resume, follow])

  const start = useCallback(
    async (input: MethodInput<M>): Promise<MethodOutput<M> | null> => {
      setError(undefined)
      setStatus(null)
      try {
        const { id } = await invoke('job.mulai', { method, input })
        return await follow(id)
      } catch (err) {
        if (alive.current) setError(toApiError(err))
        return null
      }
    },
    [method, follow],
  )

  const cancel = useCallback(async () => {
    const id = current.current
    if (!id) return
    try {
      setStatus(await invoke('job.batal', { id }))
    } catch (err) {
      setError(toApiError(err))
    }
  }, [])

  const reset = useCallback(() => {
    current.current = null
    setStatus(null)
    setError(undefined)
  }, [])

  const running = status?.state === 'menunggu' || status?.state === 'berjalan'
  return {
    status,
    result: status?.state === 'selesai' ? (status.result as MethodOutput<M>) : null,
    error,
    running,
    start,
    cancel,
    reset,
  }
}

/** "about 3 minutes", "12 seconds": time left as people say it; exact seconds only near the end. */
export function fmtDuration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000))
  if (s < 60) return `${s} detik`
  const m = Math.round(s / 60)
  if (m < 60) return `${m} menit`
  const h = Math.floor(m / 60)
  return `${h} jam ${m % 60} menit`
}

/**
 * The bar of one job: what it is doing, how far (done of total), time left, and Batal; when finished,
 * the file to save. A job that cannot know its total shows a moving bar instead of a percentage.
 */
export function JobProgress({
  status,
  onCancel,
  label,
  testId = 'job-progress',
}: {
  status: JobStatus
  onCancel?: () => void
  label?: string
  testId?: string
}) {
  const running = status.state === 'menunggu' || status.state === 'berjalan'
  const known = status.total > 0
  const pct = known ? Math.min(100, Math.round((status.done / status.total) * 100)) : null
  const title = label ?? status.label
  return (
    <div className={`job job-${status.state}`} data-testid={testId} data-state={status.state}>
      <div className="job-head">
        <strong className="job-title">{title}</strong>
        <span className="job-state" role="status">
          {status.state === 'menunggu' && 'Menunggu giliran…'}
          {status.state === 'berjalan' && (pct !== null ? `${pct}%` : 'Sedang dikerjakan…')}
          {status.state === 'selesai' && 'Selesai'}
          {status.state === 'dibatalkan' && 'Dibatalkan'}
          {status.state === 'gagal' && 'Gagal'}
        </span>
      </div>
      {running && (
        <div
          className={`job-bar${pct === null ? ' job-bar-unknown' : ''}`}
          role="progressbar"
          aria-label={title}
          aria-valuemin={0}
          aria-valuemax={known ? status.total : undefined}
          aria-valuenow={known ? status.done : undefined}
          aria-valuetext={known ? `${fmt(status.done)} dari ${fmt(status.total)} ${status.unit}` : 'Sedang dikerjakan'}
        >
          <span className="job-bar-fill" style={pct !== null ? { width: `${pct}%` } : undefined} />
        </div>
      )}
      <div className="job-foot">
        <span className="muted small job-detail" data-testid={`${testId}-detail`}>
          {running && known && `${fmt(status.done)} dari ${fmt(status.total)} ${status.unit}`}
          {running && status.current && `${known ? ' · ' : ''}${status.current}`}
          {running && status.etaMs !== null && ` · sisa sekitar ${fmtDuration(status.etaMs)}`}
          {!running && `Lama pengerjaan ${fmtDuration(status.elapsedMs)}`}
          {status.state === 'dibatalkan' && ' · berkas yang belum selesai sudah dihapus'}
        </span>
        {running && onCancel && (
          <button type="button" className="btn btn-secondary btn-small" onClick={onCancel}>
            Batal
          </button>
        )}
        {status.state === 'selesai' && status.download && (
          <a
            className="btn btn-primary btn-small"
            href={status.download.url}
            download={status.download.fileName}
            data-testid={`${testId}-unduh`}
          >
            Unduh {status.download.fileName} ({fmtBytes(status.download.bytes)})
          </a>
        )}
      </div>
    </div>
  )
}
