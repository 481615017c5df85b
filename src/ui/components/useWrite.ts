import { useState } from 'react'
import { type ApiError, fieldErrors, toApiError } from '../api'
import { useRefreshAll } from './data'
import { useToast } from './Feedback'

/** What a successful write says in its toast: the message, or the message and a title. */
export type Saved = string | readonly [message: string, title: string]

/**
 * The write of a dialog that closes when it succeeds: busy while it runs; on success its toast, a refresh of
 * every page's data, and onClose (busy stays on, the dialog is going); a refusal is kept to show beside the
 * fields, which stay as typed, and the dialog stays open. run(work): work makes the call and returns the toast.
 */
export function useDialogSave(onClose: () => void) {
  return useWrite(onClose)
}

/**
 * The write of a form or panel that stays on the page: busy while it runs, then its toast (when the work
 * returns one) and a refresh of every page's data; a refusal is kept to show. With `then`, that runs after a
 * success (a dialog closing). run resolves to whether the write went through.
 */
export function useWrite(then?: () => void) {
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()

  async function run(work: () => Promise<Saved | void>): Promise<boolean> {
    setBusy(true)
    setError(undefined)
    try {
      const saved = await work()
      if (typeof saved === 'string') toast.showSuccess(saved)
      else if (saved) toast.showSuccess(saved[0], saved[1])
      refreshAll()
      if (then) then()
      else setBusy(false)
      return true
    } catch (err) {
      setError(toApiError(err))
      setBusy(false)
      return false
    }
  }

  /** Back to a fresh form, for a dialog that stays mounted and opens again for another row. */
  function reset() {
    setError(undefined)
    setBusy(false)
  }

  return { error, setError, errors: fieldErrors(error), busy, run, reset }
}

/**
 * Work started by one of several buttons (a download, a pairing code, switching a mode): which one runs, so
 * it reads as busy and the others wait, and the refusal it met (kept to show, or handed to onError). No
 * toast and no refresh: the work says what it did itself.
 */
export function useRun<K>(onError?: (err: ApiError) => void) {
  const [running, setRunning] = useState<K | null>(null)
  const [error, setError] = useState<ApiError | undefined>()

  async function run(key: K, work: () => Promise<void>): Promise<boolean> {
    setRunning(key)
    setError(undefined)
    try {
      await work()
      return true
    } catch (err) {
      const e = toApiError(err)
      if (onError) onError(e)
      else setError(e)
      return false
    } finally {
      setRunning(null)
    }
  }

  return { running, error, run }
}
