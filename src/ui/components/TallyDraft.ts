import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import type { Draf } from '../../api/contract'
import { tallyDrafKunci } from '../../core/draf'
import { invoke, toApiError } from '../api'
import type { Entries } from './TallyGridModel'

/** How long typing may pause before what was typed is written as a draft. */
const DRAFT_DELAY_MS = 400

export interface TallyDraft {
  /** Rows whose entries changed: written as a draft once typing pauses. */
  touch(rowIds: Iterable<string>): void
  /**
   * After a save (`milikSaya`: only the parts this user typed; another station's unsaved row stays) or a
   * clear: nothing pending is written any more, and these rows' draft is removed.
   */
  settle(rowIds: readonly string[], milikSaya: boolean): void
  /** The draft found when the sheet opened, until it is saved, discarded or its notice closed. */
  restored: Draf | null
  dismissRestored(): void
  /** When the draft was last written, or why it could not be. */
  savedAt: string | null
  failure: string | null
}

/**
 * The tally grid's draft (core/draf.ts): entries are written per row as the coordinator types, so a page
 * change, a reload, a crash or another window finds them again. Opening the sheet restores what the
 * draft holds for rows not typed into yet; unmounting or leaving the page writes what is pending at once.
 */
export function useTallyDraft({
  shiftId,
  variantId,
  open,
  entriesRef,
  basisOf,
  onRestore,
}: {
  shiftId: number
  variantId: number
  open: boolean
  entriesRef: RefObject<Entries>
  /** The version the grid's numbers are typed against, written with the draft. */
  basisOf(): number
  /** `basisSeq`: the version the restored rows were typed against (null for a draft from before it was kept). */
  onRestore(rows: Entries, basisSeq: number | null): void
}): TallyDraft {
  const kunci = tallyDrafKunci(shiftId, variantId)
  const pending = useRef(new Set<string>())
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const [restored, setRestored] = useState<Draf | null>(null)
  const [savedAt, setSavedAt] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const restoreRef = useRef(onRestore)
  const basisRef = useRef(basisOf)
  useEffect(() => {
    restoreRef.current = onRestore
    basisRef.current = basisOf
  }, [onRestore, basisOf])

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (pending.current.size === 0) return
    const bagian: Entries = {}
    for (const id of pending.current) bagian[id] = entriesRef.current[id] ?? {}
    pending.current.clear()
    invoke('draf.simpan', { jenis: 'tally', kunci, bagian, basisSeq: basisRef.current() }, { askUser: false }).then(
      (r) => {
        setSavedAt(r.diubahAt)
        setFailure(null)
      },
      (err: unknown) => setFailure(toApiError(err).message),
    )
  }, [kunci, entriesRef])

  const touch = useCallback(
    (rowIds: Iterable<string>) => {
      if (!open) return
      for (const id of rowIds) pending.current.add(id)
      if (timer.current) clearTimeout(timer.current)
      timer.current = setTimeout(flush, DRAFT_DELAY_MS)
    },
    [open, flush],
  )

  const settle = useCallback(
    (rowIds: readonly string[], milikSaya: boolean) => {
      if (timer.current) clearTimeout(timer.current)
      timer.current = null
      pending.current.clear()
      setRestored(null)
      setSavedAt(null)
      if (rowIds.length === 0) return
      invoke('draf.hapus', { jenis: 'tally', kunci, bagian: [...rowIds], milikSaya }, { askUser: false }).catch(
        (err: unknown) => setFailure(toApiError(err).message),
      )
    },
    [kunci],
  )

  // What an earlier page, window or crash left: restored once, when the sheet opens.
  useEffect(() => {
    if (!open) return
    let live = true
    invoke('draf.lihat', { jenis: 'tally', kunci }).then(
      (d) => {
        if (!live || Object.keys(d.bagian).length === 0) return
        restoreRef.current(d.bagian, d.basisSeq)
        setRestored(d)
        setSavedAt(d.diubahAt)
      },
      (err: unknown) => live && setFailure(toApiError(err).message),
    )
    return () => {
      live = false
    }
  }, [kunci, open])

  // Leaving the page (another menu, a reload, closing the tab) writes what is pending now.
  useEffect(() => {
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [flush])

  return { touch, settle, restored, dismissRestored: () => setRestored(null), savedAt, failure }
}
