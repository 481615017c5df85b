import { useCallback, useEffect, useRef, useState } from 'react'
import type { Draf } from '../../api/contract'
import type { DrafJenis } from '../../core/draf'
import { invoke, toApiError } from '../api'

type Bagian = Record<string, Record<string, string>>

/**
 * This window's draft writes and removals not yet answered, by draft. A sheet opened again (leaving a shift
 * flushes its draft, coming back reads it) reads only after them: the host may answer a read that left later
 * before it has committed the write (writes wait for their group commit, reads do not), and the sheet would
 * open empty with the typed rows still on their way.
 */
const unanswered = new Map<string, Promise<unknown>>()

function track(key: string, call: Promise<unknown>): void {
  const settled = call.catch(() => {})
  const before = unanswered.get(key)
  const last = before ? before.then(() => settled) : settled
  unanswered.set(key, last)
  void last.then(() => {
    if (unanswered.get(key) === last) unanswered.delete(key)
  })
}

/**
 * Settles once this window's draft writes for `key` are answered, or after WRITE_WAIT_MS at most: a write
 * that never comes back (a host gone away mid-request) must not keep the sheet from opening.
 */
function afterOwnWrites(key: string): Promise<unknown> {
  const pending = unanswered.get(key)
  if (!pending) return Promise.resolve()
  let timer: ReturnType<typeof setTimeout> | undefined
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, WRITE_WAIT_MS)))
  return Promise.race([pending, bound]).finally(() => clearTimeout(timer))
}
const WRITE_WAIT_MS = 5_000

/**
 * What the tally grid's and the long forms' drafts share (core/draf.ts): the draft restored once when the
 * sheet or form opens, each write's time or the reason it failed, and removal. Drafts are written without
 * asking anyone to sign in (askUser false): typing must never be interrupted by a draft.
 */
export function useDraftRecord({
  jenis,
  kunci,
  enabled,
  onRestore,
}: {
  jenis: DrafJenis
  kunci: string
  /** Until true nothing is read (a closed tally sheet restores nothing). */
  enabled: boolean
  /** `basisSeq`: the version the rows were typed against (core/draf.ts), or null. */
  onRestore(bagian: Bagian, basisSeq: number | null): void
}) {
  const [loaded, setLoaded] = useState(false)
  const [restored, setRestored] = useState<Draf | null>(null)
  const [savedAt, setSavedAt] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const restoreRef = useRef(onRestore)
  useEffect(() => {
    restoreRef.current = onRestore
  }, [onRestore])

  useEffect(() => {
    if (!enabled) return
    let live = true
    afterOwnWrites(`${jenis}:${kunci}`)
      .then(() => invoke('draf.lihat', { jenis, kunci }))
      .then(
        (d) => {
          if (!live) return
          if (Object.keys(d.bagian).length > 0) {
            restoreRef.current(d.bagian, d.basisSeq)
            setRestored(d)
            setSavedAt(d.diubahAt)
          }
          setLoaded(true)
        },
        (err: unknown) => {
          if (!live) return
          setFailure(toApiError(err).message)
          setLoaded(true)
        },
      )
    return () => {
      live = false
    }
  }, [jenis, kunci, enabled])

  /**
   * Writes these rows (or, with ganti, the whole form, replacing what the draft held), with the version
   * they were typed against when there is one (a tally grid's).
   */
  const write = useCallback(
    (bagian: Bagian, ganti?: boolean, basisSeq?: number) => {
      const call = invoke(
        'draf.simpan',
        { jenis, kunci, bagian, ...(ganti ? { ganti } : {}), ...(basisSeq !== undefined ? { basisSeq } : {}) },
        { askUser: false },
      )
      track(`${jenis}:${kunci}`, call)
      return call.then(
        (r) => {
          setSavedAt(r.diubahAt)
          setFailure(null)
        },
        (err: unknown) => setFailure(toApiError(err).message),
      )
    },
    [jenis, kunci],
  )

  /**
   * The notice goes; the draft's rows named (all of it, without rows) are removed — with milikSaya only
   * those this user typed (after a save: another station's unsaved row of the same team stays).
   */
  const forget = useCallback(
    (rows?: readonly string[], milikSaya = false) => {
      setRestored(null)
      setSavedAt(null)
      if (rows?.length === 0) return
      const call = invoke(
        'draf.hapus',
        { jenis, kunci, ...(rows ? { bagian: [...rows] } : {}), ...(milikSaya ? { milikSaya } : {}) },
        { askUser: false },
      )
      track(`${jenis}:${kunci}`, call)
      call.catch((err: unknown) => setFailure(toApiError(err).message))
    },
    [jenis, kunci],
  )

  return {
    loaded,
    restored,
    dismissRestored: () => setRestored(null),
    savedAt,
    failure,
    write,
    forget,
  }
}

/**
 * A write that waits for typing to pause: schedule() (re)starts the wait, flush() writes now, cancel() drops
 * it. Leaving the page (another menu, a reload, closing the tab) or unmounting flushes what is pending.
 */
export function usePausedWrite(write: () => void, delayMs: number) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const cancel = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }, [])
  const flush = useCallback(() => {
    cancel()
    write()
  }, [cancel, write])
  const schedule = useCallback(() => {
    cancel()
    timer.current = setTimeout(flush, delayMs)
  }, [cancel, flush, delayMs])

  useEffect(() => {
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [flush])

  return { schedule, flush, cancel }
}
