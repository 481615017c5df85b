import { useCallback, useEffect, useRef } from 'react'
import type { Draf } from '../../api/contract'
import type { DrafJenis } from '../../core/draf'
import { useDraftRecord, usePausedWrite } from './draftRecord'

/** How long typing may pause before the form is written as a draft. */
const DRAFT_DELAY_MS = 600

type Parts = Record<string, Record<string, string>>

export interface FormDraft {
  /** The draft found when the form opened, until it is saved, discarded or its notice closed. */
  restored: Draf | null
  dismissRestored(): void
  /**
   * The form is being saved (its service removes the draft with the save) or was emptied: nothing more is
   * written. Called before the save is sent, so a write waiting for a pause cannot land after the save and
   * bring the draft back.
   */
  settle(): void
  /** The save was refused: the form is a draft again, written as it stands. */
  resume(): void
  /**
   * Throws the draft away (Kosongkan), or, after a save the form stays open on, drops what the save made
   * no longer a draft: what is typed next is a draft again.
   */
  discard(): void
  savedAt: string | null
  failure: string | null
}

/**
 * A long form's draft (core/draf.ts), written whole as the person types: the parts are the form as text.
 * What an earlier page, window or crash left is restored once when the form opens; until that answer is
 * in, nothing is written, so an empty new form never overwrites it.
 */
export function useFormDraft({
  jenis,
  kunci,
  parts,
  dirty,
  onRestore,
}: {
  jenis: DrafJenis
  kunci: string
  parts: Parts
  dirty: boolean
  onRestore(parts: Parts): void
}): FormDraft {
  const record = useDraftRecord({ jenis, kunci, enabled: true, onRestore })
  const { write, forget, loaded } = record
  const pending = useRef<Parts | null>(null)
  const settled = useRef(false)

  const writePending = useCallback(() => {
    const bagian = pending.current
    pending.current = null
    if (bagian && !settled.current) void write(bagian, true)
  }, [write])
  const { schedule, cancel } = usePausedWrite(writePending, DRAFT_DELAY_MS)

  // Every change of a form with something in it is written once typing pauses.
  const snapshot = JSON.stringify(parts)
  const current = useRef<Parts | null>(null)
  useEffect(() => {
    current.current = loaded && dirty ? (JSON.parse(snapshot) as Parts) : null
    if (!current.current || settled.current) return
    pending.current = current.current
    schedule()
  }, [loaded, dirty, snapshot, schedule])

  const settle = useCallback(() => {
    settled.current = true
    pending.current = null
    cancel()
  }, [cancel])

  const resume = useCallback(() => {
    settled.current = false
    pending.current = current.current
    if (pending.current) schedule()
  }, [schedule])

  const discard = useCallback(() => {
    settled.current = false
    pending.current = null
    cancel()
    forget()
  }, [cancel, forget])

  return {
    restored: record.restored,
    dismissRestored: record.dismissRestored,
    settle,
    resume,
    discard,
    savedAt: record.savedAt,
    failure: record.failure,
  }
}
