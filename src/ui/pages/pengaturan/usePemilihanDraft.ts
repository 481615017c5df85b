import { useState, type FormEvent } from 'react'
import type { MethodInput, Pemilihan } from '../../../api/contract'
import { ApiError, fieldErrors, invoke, toApiError } from '../../api'
import { useRefreshAll } from '../../components/data'
import { useToast } from '../../components/Feedback'
import type { FormValues } from '../../components/FormFields'
import { readNumbers } from './PengaturanShared'

/**
 * A section of Pengaturan that edits part of the election (pemilihan.ubah): the draft as typed, kept apart
 * from the election so that, untouched, the form shows the election as it is now (a save elsewhere
 * included); whether it differs; the save with its toast; and whether an error names none of its fields.
 * The draft's keys are the method's: it is sent as it stands, the `numbers` among them read first (those in
 * `decimal` may have a comma), a number not read refusing the save before anything is sent.
 */
export function usePemilihanDraft<D extends FormValues>(
  election: Pemilihan,
  draftOf: (e: Pemilihan) => D,
  numbers: { [K in keyof D]: D[K] extends string ? K : never }[keyof D][],
  savedMessage: string,
  decimal: typeof numbers = [],
) {
  const toInput = (draft: D): MethodInput<'pemilihan.ubah'> | ApiError => {
    const typed = Object.fromEntries(numbers.map((k) => [k, draft[k] as string]))
    const nums = readNumbers(typed, decimal as string[])
    return nums.error ?? ({ ...draft, ...nums.values } as MethodInput<'pemilihan.ubah'>)
  }
  const [edits, setEdits] = useState<D | null>(null)
  const draft = edits ?? draftOf(election)
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(election))
  const keys = Object.keys(draft)

  const set = <K extends keyof D>(k: K, v: D[K]) => setEdits((d) => ({ ...(d ?? draftOf(election)), [k]: v }))

  async function submit(e: FormEvent) {
    e.preventDefault()
    const input = toInput(draft)
    if (input instanceof ApiError) return setError(input)
    setBusy(true)
    setError(undefined)
    try {
      setEdits(draftOf(await invoke('pemilihan.ubah', input)))
      toast.showSuccess(savedMessage)
      refreshAll()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  const errors = fieldErrors(error)
  return {
    draft,
    set,
    /** The draft as FormFields edits it. */
    form: { values: draft, set },
    dirty,
    busy,
    error,
    errors,
    /** The error names none of this section's fields, so its message must be shown above them. */
    unplaced: error !== undefined && !error.details.some((d) => d.column && keys.includes(d.column)),
    submit,
    discard() {
      setEdits(null)
      setError(undefined)
    },
  }
}
