import { useId, useState, type FormEvent } from 'react'
import { fieldErrors, invoke, toApiError, type ApiError } from '../api'
import { Dialog } from './Dialog'
import { Banner, ErrorBanner } from './Feedback'
import { NewPinFields, TextField } from './Form'

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
  const [nama, setNama] = useState('')
  const [pin, setPin] = useState('')
  const [pin2, setPin2] = useState('')
  const [busy, setBusy] = useState(false)
  const [err, setErr] = useState<ApiError | undefined>()
  const [mismatch, setMismatch] = useState(false)
  const errors = fieldErrors(err)
  const [wasOpen, setWasOpen] = useState(open)
  if (open !== wasOpen) {
    setWasOpen(open)
    if (open) setBusy(false)
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (pin !== pin2) {
      setMismatch(true)
      return
    }
    setMismatch(false)
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

  const placed = err && err.details.some((d) => d.column === 'nama' || d.column === 'pin')
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
        {err && !placed && <ErrorBanner error={err} title="Admin belum dapat dibuat" />}
        <TextField
          label="Nama admin"
          error={errors.nama}
          hint="Mis. nama Kasubbag Keuangan, Umum dan Logistik"
          value={nama}
          onChange={setNama}
          data-autofocus
          autoComplete="off"
        />
        <div className="form-grid">
          <NewPinFields
            label="PIN"
            pin={pin}
            onPin={setPin}
            repeat={pin2}
            onRepeat={setPin2}
            mismatch={mismatch}
            error={errors.pin}
            hint="4 sampai 8 angka; bukan angka berurutan atau berulang"
          />
        </div>
        <p className="muted small">
          Simpan PIN ini baik-baik. Bila admin lupa PIN, admin lain dapat menggantinya; karena itu sebaiknya ada dua
          admin.
        </p>
      </form>
    </Dialog>
  )
}
