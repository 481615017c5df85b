import { useCallback, useRef, type RefObject } from 'react'
import type { Draf } from '../../api/contract'
import { tallyDrafKunci } from '../../core/draf'
import { useDraftRecord, usePausedWrite } from './draftRecord'
import type { Entries } from './TallyGridModel'

/** How long typing may pause before what was typed is written as a draft. */
const DRAFT_DELAY_MS = 400

export interface TallyDraft {
  /** Rows whose entries changed: written as a draft once typing pauses. */
  touch(rowIds: Iterable<string>): void
  /**
   * After a save (`milikSaya`: only the rows this user typed; another station's unsaved row stays) or a
   * clear: nothing pending is written any more, and these rows' draft is removed.
   */
  settle(rowIds: readonly string[], milikSaya: boolean): void
  /**
   * A save is on its way: no draft write leaves meanwhile (it would land after the save removed the rows'
   * draft, and bring back figures already saved). `resume` writes what is pending if the save did not go.
   */
  hold(): void
  resume(): void
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
  /** The version the grid's numbers are typed against, written with the draft (docs/lan.md). */
  basisOf(): number
  /** `basisSeq`: the version the restored rows were typed against (null for a draft from before it was kept). */
  onRestore(rows: Entries, basisSeq: number | null): void
}): TallyDraft {
  const kunci = tallyDrafKunci(shiftId, variantId)
  const record = useDraftRecord({ jenis: 'tally', kunci, enabled: open, onRestore })
  const { write, forget } = record
  const pending = useRef(new Set<string>())

  const writePending = useCallback(() => {
    if (pending.current.size === 0) return
    const bagian: Entries = {}
    for (const id of pending.current) bagian[id] = entriesRef.current[id] ?? {}
    pending.current.clear()
    void write(bagian, false, basisOf())
  }, [write, entriesRef, basisOf])
  const { schedule, cancel } = usePausedWrite(writePending, DRAFT_DELAY_MS)

  const touch = useCallback(
    (rowIds: Iterable<string>) => {
      if (!open) return
      for (const id of rowIds) pending.current.add(id)
      schedule()
    },
    [open, schedule],
  )

  const settle = useCallback(
    (rowIds: readonly string[], milikSaya: boolean) => {
      cancel()
      pending.current.clear()
      forget(rowIds, milikSaya)
    },
    [cancel, forget],
  )

  const resume = useCallback(() => {
    if (pending.current.size) schedule()
  }, [schedule])

  return {
    touch,
    settle,
    hold: cancel,
    resume,
    restored: record.restored,
    dismissRestored: record.dismissRestored,
    savedAt: record.savedAt,
    failure: record.failure,
  }
}
