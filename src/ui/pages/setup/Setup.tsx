import { useState, type FormEvent } from 'react'
import { defaultPilkadaChoice } from '../../../core/presets'
import { invoke } from '../../api'
import { Brand } from '../../components/Brand'
import { ErrorBanner } from '../../components/Feedback'
import { RadioCards, type Choice } from '../../components/Form'
import { FormFields, useFormState, type Fields } from '../../components/FormFields'
import { useWrite } from '../../components/useWrite'
import './setup.css'

type BupatiWalikota = 'bupati' | 'walikota' | 'none'

/** Shown while the database holds no election: one form creates the election, its ballot types and preset items. */
/** The two kinds of election a file can hold, with what each implies for reserve and TPS size. */
const JENIS_CHOICES: Choice<'pemilu' | 'pilkada'>[] = [
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
]

const GUBERNUR = { name: 'gubernur', kind: 'checkbox', label: 'Pemilihan Gubernur dan Wakil Gubernur' } as const

const FIELDS: Fields<{ satker: string; tahun: string; provinsi: string; kodeWilayah: string }> = [
  {
    name: 'satker',
    label: 'Nama satker',
    hint: 'Mis. "Kabupaten Batu Bara" atau "Kota Medan"',
    input: { required: true },
  },
  { name: 'tahun', kind: 'numeric', input: { type: 'number', min: 2000, max: 2100 } },
  { name: 'provinsi', hint: 'Mis. Sumatera Utara' },
  { name: 'kodeWilayah', kind: 'numeric', hint: 'Kode Kemendagri kabupaten/kota, mis. 1219' },
]

export function SetupPage() {
  const [jenis, setJenis] = useState<'pemilu' | 'pilkada'>('pilkada')
  const form = useFormState({ tahun: '2024', provinsi: '', satker: '', kodeWilayah: '', gubernur: true })
  const { gubernur, ...f } = form.values
  // Follows the satker's name ("Kota …" → wali kota) until the coordinator picks one.
  const [bupatiWalikota, setBupatiWalikota] = useState<BupatiWalikota | null>(null)
  const { error, errors, busy, run } = useWrite()

  const bw: BupatiWalikota = bupatiWalikota ?? defaultPilkadaChoice(f.satker).bupatiWalikota

  async function submit(e: FormEvent) {
    e.preventDefault()
    await run(async () => {
      await invoke('pemilihan.buat', {
        ...f,
        jenis,
        tahun: Number(f.tahun),
        ...(jenis === 'pilkada' ? { pilkada: { gubernur, bupatiWalikota: bw } } : {}),
      })
    })
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

        <RadioCards legend="Jenis pemilihan" name="jenis" value={jenis} onChoose={setJenis} choices={JENIS_CHOICES} />

        <div className="form-grid">
          <FormFields fields={FIELDS} form={form} errors={errors} method="pemilihan.buat" />
        </div>

        {jenis === 'pilkada' && (
          <fieldset className="field">
            <legend>Pemilihan yang diselenggarakan</legend>
            <FormFields fields={[GUBERNUR]} form={form} errors={{}} method="pemilihan.buat" />
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
