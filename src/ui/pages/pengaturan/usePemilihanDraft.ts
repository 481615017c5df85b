import { useState, type FormEvent } from 'react'
import type { MethodInput, Pemilihan } from '../../../api/contract'
import { PENGATURAN_DRAF_KUNCI } from '../../../core/draf'
import { ApiError, fieldErrors, invoke, toApiError } from '../../api'
import { useRefreshAll } from '../../components/data'
import { useToast } from '../../components/Feedback'
import { useFormDraft } from '../../components/FormDraft'
import type { FormValues } from '../../components/FormFields'
import { useLeaveGuard } from '../../router'
import { readNumbers } from './PengaturanShared'

/** Leaving Pengaturan with a form typed into and not saved asks this first (the router's leave guard). */
export const PENGATURAN_LEAVE_MESSAGE =
  'Perubahan pengaturan belum disimpan. Isiannya tetap disimpan sebagai draf dan muncul lagi saat halaman ini dibuka.'

/**
 * A section of Pengaturan that edits part of the election (pemilihan.ubah): the draft as typed, kept apart
 * from the election so that, untouched, the form shows the election as it is now (a save elsewhere
 * included); whether it differs; the save with its toast; and whether an error names none of its fields.
 * The draft's keys are the method's: it is sent as it stands, the `numbers` among them read first (those in
 * `decimal` may have a comma), a number not read refusing the save before anything is sent.
 *
 * What is typed and not saved is kept in the election file as the form's draft (core/draf.ts, kind
 * 'pengaturan', key `drafKunci`), restored with a notice when the form opens again, and leaving the page
 * asks first. One save method serves several forms, so the form (not the service) drops its draft once
 * the save is acknowledged.
 */
export function usePemilihanDraft<D extends FormValues>(
  drafKunci: keyof typeof PENGATURAN_DRAF_KUNCI,
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

  // The fields restored are only those this form has, as text; the service judges them when saved.
  // (useDraftRecord calls the latest one, so it need not be stable.)
  const restore = (parts: Record<string, Record<string, string>>) => {
    const typed = parts.isian ?? {}
    setEdits((d) => {
      const base = d ?? draftOf(election)
      const known = Object.entries(typed).filter(([k, v]) => Object.hasOwn(base, k) && typeof base[k] === typeof v)
      return { ...base, ...Object.fromEntries(known) }
    })
  }
  const stored = useFormDraft({
    jenis: 'pengaturan',
    kunci: PENGATURAN_DRAF_KUNCI[drafKunci],
    parts: { isian: draft as Record<string, string> },
    dirty,
    onRestore: restore,
  })
  useLeaveGuard(dirty ? PENGATURAN_LEAVE_MESSAGE : null)

  const set = <K extends keyof D>(k: K, v: D[K]) => setEdits((d) => ({ ...(d ?? draftOf(election)), [k]: v }))

  async function submit(e: FormEvent) {
    e.preventDefault()
    const input = toInput(draft)
    if (input instanceof ApiError) return setError(input)
    setBusy(true)
    setError(undefined)
    stored.settle()
    try {
      setEdits(draftOf(await invoke('pemilihan.ubah', input)))
      stored.discard()
      toast.showSuccess(savedMessage)
      refreshAll()
    } catch (err) {
      stored.resume()
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
    /** The draft found when the form opened (who typed it, when), until saved, discarded or dismissed. */
    restored: stored.restored,
    /** When the draft was last kept, or why it was not (DraftStatus). */
    stored,
    discard() {
      stored.discard()
      setEdits(null)
      setError(undefined)
    },
  }
}
