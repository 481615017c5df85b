import { useState, type FormEvent } from 'react'
import { bacaTautanPasang } from '../../../core/stasiun'
import { Banner } from '../../components/Feedback'
import { Field } from '../../components/Form'

/**
 * The desktop app becomes a station ("Sambungkan ke komputer induk", docs/lan.md): the pairing link pasted,
 * or the address, port, code and the fingerprint's start read off the host's screen. The main process
 * checks the host's certificate against the fingerprint before it sends the code, then restarts the app
 * as a station. Only in the desktop app: a browser pairs on the host's own address instead.
 */
export function StasiunSambung() {
  const [open, setOpen] = useState(false)
  const [tautan, setTautan] = useState('')
  const [fields, setFields] = useState({ alamat: '', port: '8443', kode: '', sidikJari: '' })
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const sambungkan = window.gudang?.sambungkan
  if (!sambungkan) return null

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    const input = bacaTautanPasang(tautan)
      ? { tautan: tautan.trim() }
      : { alamat: fields.alamat.trim(), port: Number(fields.port), kode: fields.kode, sidikJari: fields.sidikJari }
    try {
      const res = await sambungkan!(input)
      // On success the app restarts as a station; nothing more to show here.
      if (!res.ok) setError(res.error.message)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  const set = (k: keyof typeof fields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [k]: e.target.value }))

  if (!open)
    return (
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>
          Sambungkan PC ini ke komputer induk…
        </button>
        <span className="muted small">PC ini lalu bekerja pada basis data komputer induk sebagai stasiun.</span>
      </div>
    )
  return (
    <form className="stasiun-form stasiun-sambung" onSubmit={submit} noValidate>
      <h3 className="stasiun-subtitle">Sambungkan ke komputer induk</h3>
      {error && (
        <Banner kind="error" title="PC ini belum tersambung">
          <p>{error}</p>
        </Banner>
      )}
      <Field label="Tautan pasang" hint="Salin dari jendela kode pasang di komputer induk (https://…/#/pasang?kode=…).">
        {(id, d) => <input id={id} value={tautan} onChange={(e) => setTautan(e.target.value)} aria-describedby={d} />}
      </Field>
      <p className="muted small">Atau isi dari layar komputer induk:</p>
      <div className="stasiun-sambung-fields">
        <Field label="Alamat">{(id) => <input id={id} value={fields.alamat} onChange={set('alamat')} />}</Field>
        <Field label="Port">
          {(id) => <input id={id} inputMode="numeric" value={fields.port} onChange={set('port')} />}
        </Field>
        <Field label="Kode pasang">{(id) => <input id={id} value={fields.kode} onChange={set('kode')} />}</Field>
        <Field label="Sidik jari (16 karakter pertama)">
          {(id) => <input id={id} value={fields.sidikJari} onChange={set('sidikJari')} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Menyambungkan…' : 'Sambungkan dan mulai ulang'}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
          Batal
        </button>
      </div>
    </form>
  )
}

/** A desktop station goes back to being a PC with its own file. */
export function StasiunLepaskan() {
  const [error, setError] = useState<string | null>(null)
  const lepaskan = window.gudang?.lepaskanStasiun
  if (!lepaskan) return null
  return (
    <div className="form-actions">
      <button
        type="button"
        className="btn btn-secondary"
        onClick={() =>
          void lepaskan().then(
            (r) => !r.ok && setError(r.error.message),
            (err: unknown) => setError(String(err)),
          )
        }
      >
        Lepaskan dari komputer induk
      </button>
      <span className="muted small">Aplikasi dimulai ulang dengan basis data PC ini sendiri.</span>
      {error && <p className="field-error">{error}</p>}
    </div>
  )
}
