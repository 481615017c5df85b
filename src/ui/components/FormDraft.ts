import { useCallback, useEffect, useRef, useState } from 'react'
import type { Draf } from '../../api/contract'
import type { DrafJenis } from '../../core/draf'
import { invoke, toApiError } from '../api'

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
  const [loaded, setLoaded] = useState(false)
  const [restored, setRestored] = useState<Draf | null>(null)
  const [savedAt, setSavedAt] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const pending = useRef<Parts | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const settled = useRef(false)
  const restoreRef = useRef(onRestore)
  useEffect(() => {
    restoreRef.current = onRestore
  }, [onRestore])

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    const bagian = pending.current
    pending.current = null
    if (!bagian || settled.current) return
    invoke('draf.simpan', { jenis, kunci, bagian, ganti: true }, { askUser: false }).then(
      (r) => {
        setSavedAt(r.diubahAt)
        setFailure(null)
      },
      (err: unknown) => setFailure(toApiError(err).message),
    )
  }, [jenis, kunci])

  useEffect(() => {
    let live = true
    invoke('draf.lihat', { jenis, kunci }).then(
      (d) => {
        if (!live) return
        if (Object.keys(d.bagian).length > 0) {
          restoreRef.current(d.bagian)
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
  }, [jenis, kunci])

  // Every change of a form with something in it is written once typing pauses.
  const snapshot = JSON.stringify(parts)
  useEffect(() => {
    if (!loaded || !dirty || settled.current) return
    pending.current = JSON.parse(snapshot) as Parts
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(flush, DRAFT_DELAY_MS)
  }, [loaded, dirty, snapshot, flush])

  useEffect(() => {
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [flush])

  const settle = useCallback(() => {
    settled.current = true
    pending.current = null
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }, [])

  const discard = useCallback(() => {
    pending.current = null
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    setRestored(null)
    setSavedAt(null)
    invoke('draf.hapus', { jenis, kunci }, { askUser: false }).catch((err: unknown) =>
      setFailure(toApiError(err).message),
    )
  }, [jenis, kunci])

  return { restored, dismissRestored: () => setRestored(null), settle, discard, savedAt, failure }
}
