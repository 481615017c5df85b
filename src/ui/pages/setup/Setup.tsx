import { useState, type FormEvent } from 'react'
import { defaultPilkadaChoice } from '../../../core/presets'
import { fieldErrors, invoke, toApiError, type ApiError } from '../../api'
import { Brand } from '../../components/Brand'
import { useRefreshAll } from '../../components/data'
import { ErrorBanner } from '../../components/Feedback'
import { TextField, RadioCard } from '../../components/Form'
import './setup.css'

type BupatiWalikota = 'bupati' | 'walikota' | 'none'

/** Shown while the database holds no election: one form creates the election, its ballot types and preset items. */
/** The two kinds of election a file can hold, with what each implies for reserve and TPS size. */
const JENIS_CHOICES = [
  {
    value: 'pilkada',
    title: 'Pilkada',
    explain: 'Pemilihan gubernur, bupati atau wali kota; cadangan 2,5%, maks. 600 pemilih per TPS',
  },
  {
    value: 'pemilu',
    title: 'Pemilu',
    explain: 'Presiden, DPR, DPD, DPRD provinsi dan kabupaten/kota; cadangan 2%, maks. 300 pemilih per TPS',
  },
] as const

export function SetupPage() {
  const refreshAll = useRefreshAll()
  const [jenis, setJenis] = useState<'pemilu' | 'pilkada'>('pilkada')
  const [tahun, setTahun] = useState('2024')
  const [provinsi, setProvinsi] = useState('')
  const [satker, setSatker] = useState('')
  const [kodeWilayah, setKodeWilayah] = useState('')
  const [gubernur, setGubernur] = useState(true)
  // Follows the satker's name ("Kota …" → wali kota) until the coordinator picks one.
  const [bupatiWalikota, setBupatiWalikota] = useState<BupatiWalikota | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>()

  const bw: BupatiWalikota = bupatiWalikota ?? defaultPilkadaChoice(satker).bupatiWalikota
  const errors = fieldErrors(error)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await invoke('pemilihan.buat', {
        jenis,
        tahun: Number(tahun),
        provinsi,
        satker,
        kodeWilayah,
        ...(jenis === 'pilkada' ? { pilkada: { gubernur, bupatiWalikota: bw } } : {}),
      })
      refreshAll()
    } catch (err) {
      setError(toApiError(err))
      setBusy(false)
    }
  }

  return (
    <main className="fullpage">
      <form className="fullpage-card setup-form" onSubmit={submit} noValidate aria-labelledby="setup-title">
        <Brand />
        <h1 id="setup-title">Siapkan basis data pemilihan</h1>
        <p className="lead">
          Basis data ini belum berisi pemilihan. Satu berkas basis data menyimpan satu pemilihan untuk satu satker.
          Jenis surat suara, cadangan dan barang logistik bawaan dibuat dari pilihan di bawah dan dapat diubah di
          Pengaturan.
        </p>
        <ErrorBanner
          error={error && Object.keys(errors).length === 0 ? error : undefined}
          title="Basis data belum dapat disiapkan"
        />

        <fieldset className="field">
          <legend>Jenis pemilihan</legend>
          <div className="radio-cards">
            {JENIS_CHOICES.map((c) => (
              <RadioCard
                key={c.value}
                name="jenis"
                value={c.value}
                checked={jenis === c.value}
                onChoose={() => setJenis(c.value)}
                title={c.title}
                explain={c.explain}
              />
            ))}
          </div>
        </fieldset>

        <div className="form-grid">
          <TextField
            label="Nama satker"
            error={errors.satker}
            hint='Mis. "Kabupaten Batu Bara" atau "Kota Medan"'
            value={satker}
            onChange={setSatker}
            required
            autoComplete="off"
          />
          <TextField
            label="Tahun"
            error={errors.tahun}
            type="number"
            inputMode="numeric"
            min={2000}
            max={2100}
            value={tahun}
            onChange={setTahun}
          />
          <TextField
            label="Provinsi"
            error={errors.provinsi}
            hint="Mis. Sumatera Utara"
            value={provinsi}
            onChange={setProvinsi}
            autoComplete="off"
          />
          <TextField
            label="Kode wilayah"
            error={errors.kodeWilayah}
            hint="Kode Kemendagri kabupaten/kota, mis. 1219"
            value={kodeWilayah}
            onChange={setKodeWilayah}
            inputMode="numeric"
            autoComplete="off"
          />
        </div>

        {jenis === 'pilkada' && (
          <fieldset className="field">
            <legend>Pemilihan yang diselenggarakan</legend>
            <label className="check">
              <input type="checkbox" checked={gubernur} onChange={(e) => setGubernur(e.target.checked)} />
              Pemilihan Gubernur dan Wakil Gubernur
            </label>
            <div className="field inline-field">
              <label htmlFor="setup-bw">Pemilihan di kabupaten/kota</label>
              <select id="setup-bw" value={bw} onChange={(e) => setBupatiWalikota(e.target.value as BupatiWalikota)}>
                <option value="bupati">Bupati dan Wakil Bupati</option>
                <option value="walikota">Wali Kota dan Wakil Wali Kota</option>
                <option value="none">Tidak ada</option>
              </select>
            </div>
            {errors.pilkada && <p className="field-error">{errors.pilkada}</p>}
          </fieldset>
        )}

        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Menyiapkan…' : 'Siapkan basis data'}
          </button>
        </div>
      </form>
    </main>
  )
}
