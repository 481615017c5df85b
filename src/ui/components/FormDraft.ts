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
  /** After the form was saved (its service removed the draft) or emptied: nothing more is written. */
  settle(): void
  /** Throws the draft away (Kosongkan). */
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
  useEffect(() => {
    if (!loaded || !dirty || settled.current) return
    pending.current = JSON.parse(snapshot) as Parts
    schedule()
  }, [loaded, dirty, snapshot, schedule])

  const settle = useCallback(() => {
    settled.current = true
    pending.current = null
    cancel()
  }, [cancel])

  const discard = useCallback(() => {
    pending.current = null
    cancel()
    forget()
  }, [cancel, forget])

  return {
    restored: record.restored,
    dismissRestored: record.dismissRestored,
    settle,
    discard,
    savedAt: record.savedAt,
    failure: record.failure,
  }
}
