import { useId, useState, type FormEvent } from 'react'
import { fieldErrors, invoke, toApiError, type ApiError } from '../api'
import { Dialog } from './Dialog'
import { Banner, ErrorBanner } from './Feedback'
import { NewPinFields, PIN_RULE, useNewPin } from './Form'
import { FormFields, placed, useFormState, type FieldSpec } from './FormFields'

const FIELDS: FieldSpec<{ nama: string }>[] = [
  { name: 'nama', label: 'Nama admin', hint: 'Mis. nama Kasubbag Keuangan, Umum dan Logistik', autoFocus: true },
]

/**
 * A new election file (or one from before users existed) has nobody who may manage users or restore a
 * backup. Reading works without one; the first write asks for it.
 */
export function FirstAdminDialog({
  open,
  error,
  asked,
  onClose,
  onDone,
}: {
  open: boolean
  error?: ApiError | undefined
  asked: boolean
  onClose(): void
  onDone(): void
}) {
  const formId = useId()
  const form = useFormState({ nama: '' })
  const nama = form.values.nama
  const newPin = useNewPin()
  const pin = newPin.pin
  const [busy, setBusy] = useState(false)
  const [err, setErr] = useState<ApiError | undefined>()
  const errors = fieldErrors(err)
  const [wasOpen, setWasOpen] = useState(open)
  if (open !== wasOpen) {
    setWasOpen(open)
    if (open) setBusy(false)
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!newPin.agreed()) return
    setBusy(true)
    setErr(undefined)
    try {
      const admin = await invoke('pengguna.tambahAdminPertama', { nama, pin })
      await invoke('sesi.masuk', { userId: admin.id, pin })
      onDone()
    } catch (x) {
      setErr(toApiError(x))
      setBusy(false)
    }
  }

  return (
    <Dialog
      open={open}
      title="Buat admin pertama"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy}>
            {asked ? 'Batal' : 'Nanti saja'}
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={busy}>
            {busy ? 'Menyimpan…' : 'Buat admin dan masuk'}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="user-first-admin">
        <p>
          Berkas pemilihan ini belum memiliki <strong>admin</strong>. Admin menambah pengguna (operator dan koordinator)
          dan dapat memulihkan cadangan. Data dapat dilihat tanpa admin, tetapi tidak ada yang dapat dicatat sebelum
          admin pertama dibuat.
        </p>
        {asked && error && (
          <Banner kind="warning" role="alert">
            <p>{error.message}</p>
          </Banner>
        )}
        {!placed(err, [...FIELDS, 'pin']) && <ErrorBanner error={err} title="Admin belum dapat dibuat" />}
        <FormFields fields={FIELDS} form={form} errors={errors} method="pengguna.tambahAdminPertama" />
        <div className="form-grid">
          <NewPinFields label="PIN" pin={newPin} error={errors.pin} hint={PIN_RULE} />
        </div>
        <p className="muted small">
          Simpan PIN ini baik-baik. Bila admin lupa PIN, admin lain dapat menggantinya; karena itu sebaiknya ada dua
          admin.
        </p>
      </form>
    </Dialog>
  )
}
