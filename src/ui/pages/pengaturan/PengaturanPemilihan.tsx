import type { Pemilihan } from '../../../api/contract'
import {
  percentToBasisPoints,
  reserveFor,
  ROUNDING_EXPLAIN,
  ROUNDING_LABELS,
  type Rounding,
} from '../../../core/reserve'
import { NAMA_ZONA, ZONA_WAKTU, type ZonaWaktu } from '../../../core/zonaWaktu'
import { Banner } from '../../components/Feedback'
import { DraftActions, Field, TextField, RadioCard, TextAreaField } from '../../components/Form'
import { Section } from '../../components/Page'
import { fmt, fmtPercent, JENIS_LABEL } from '../../format'
import { readNumbers } from './PengaturanShared'
import { usePemilihanDraft } from './usePemilihanDraft'

/** Pengaturan › Pemilihan dan satker: the election's identity, the reserve and its rounding, the data note. */

const ROUNDINGS = Object.keys(ROUNDING_LABELS) as Rounding[]
const EXAMPLE_DPT = 250

function roundingExample(percentText: string, rounding: Rounding): string | null {
  const percent = Number(percentText.replace(',', '.'))
  let bp: number
  try {
    bp = percentToBasisPoints(percent)
  } catch {
    return null
  }
  const exact = (EXAMPLE_DPT * bp) / 10_000
  const reserve = reserveFor(EXAMPLE_DPT, bp, rounding)
  return `DPT ${fmt(EXAMPLE_DPT)} × ${fmtPercent(percent)} = ${fmt(exact)} → cadangan ${fmt(reserve)}, surat suara ${fmt(EXAMPLE_DPT + reserve)} lembar`
}

interface ElectionDraft {
  tahun: string
  provinsi: string
  satker: string
  kodeWilayah: string
  reservePercent: string
  rounding: Rounding
  maxVotersPerTps: string
  dataNote: string
  zonaWaktu: ZonaWaktu
}

const draftOf = (e: Pemilihan): ElectionDraft => ({
  tahun: String(e.tahun),
  provinsi: e.provinsi,
  satker: e.satker,
  kodeWilayah: e.kodeWilayah,
  reservePercent: String(e.reservePercent).replace('.', ','),
  rounding: e.rounding,
  maxVotersPerTps: String(e.maxVotersPerTps),
  dataNote: e.dataNote,
  zonaWaktu: e.zonaWaktu,
})

export function ElectionForm({ election }: { election: Pemilihan }) {
  const { draft, set, bind, dirty, busy, error, errors, unplaced, submit, discard } = usePemilihanDraft(
    election,
    draftOf,
    (draft) => {
      const nums = readNumbers(
        { tahun: draft.tahun, reservePercent: draft.reservePercent, maxVotersPerTps: draft.maxVotersPerTps },
        ['reservePercent'],
      )
      return (
        nums.error ?? {
          ...nums.values,
          provinsi: draft.provinsi,
          satker: draft.satker,
          kodeWilayah: draft.kodeWilayah,
          rounding: draft.rounding,
          dataNote: draft.dataNote,
          zonaWaktu: draft.zonaWaktu,
        }
      )
    },
    'Pengaturan pemilihan tersimpan. Kebutuhan logistik dihitung ulang dengan pengaturan baru.',
  )

  return (
    <Section title="Pemilihan dan satker" id="pengaturan-pemilihan">
      <form onSubmit={submit} noValidate className="pengaturan-form">
        {error && (
          <Banner kind="error" title="Pengaturan belum tersimpan">
            <p>{unplaced ? error.message : 'Periksa isian yang ditandai di bawah.'}</p>
          </Banner>
        )}
        <dl className="dl dl-inline">
          <dt>Jenis pemilihan</dt>
          <dd>
            {JENIS_LABEL[election.jenis]}{' '}
            <span className="muted small">(tidak dapat diubah; buat basis data baru untuk pemilihan lain)</span>
          </dd>
        </dl>
        <div className="form-grid">
          <TextField label="Tahun" {...bind('tahun')} inputMode="numeric" />
          <TextField label="Provinsi" {...bind('provinsi')} />
          <TextField
            label="Nama satker"
            {...bind('satker')}
            hint="Tampil di kepala halaman dan di berita acara, mis. Kabupaten Batu Bara"
          />
          <TextField
            label="Kode wilayah"
            {...bind('kodeWilayah')}
            hint="2 atau 4 angka kode Kemendagri, mis. 1219; dipakai juga pada nomor dokumen"
            inputMode="numeric"
          />
          <Field
            label="Zona waktu satker"
            error={errors.zonaWaktu}
            hint="Tanggal berita acara, rekap harian dan hari setiap catatan mengikuti jam dinding gudang di zona ini, bukan zona waktu komputer."
          >
            {(id, d, inv) => (
              <select
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={draft.zonaWaktu}
                onChange={(e) => set('zonaWaktu', e.target.value as ZonaWaktu)}
              >
                {ZONA_WAKTU.map((z) => (
                  <option key={z} value={z}>
                    {NAMA_ZONA[z]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            label="Cadangan surat suara (%)"
            {...bind('reservePercent')}
            hint="Pemilu 2%, Pilkada 2,5% dari DPT setiap TPS"
            inputMode="decimal"
          />
          <TextField
            label="Maksimal pemilih per TPS"
            {...bind('maxVotersPerTps')}
            hint="Pemilu 2024: 300; Pilkada 2024: 600. TPS di atas batas ditandai."
            inputMode="numeric"
          />
        </div>

        <fieldset className={`field pengaturan-rounding${errors.rounding ? ' field-invalid' : ''}`}>
          <legend>Pembulatan cadangan per TPS</legend>
          <div className="radio-cards">
            {ROUNDINGS.map((r) => {
              const example = roundingExample(draft.reservePercent, r)
              return (
                <RadioCard
                  key={r}
                  name="rounding"
                  value={r}
                  checked={draft.rounding === r}
                  onChoose={() => set('rounding', r)}
                  title={ROUNDING_LABELS[r]}
                  explain={ROUNDING_EXPLAIN[r]}
                >
                  {example && <span className="pengaturan-example">{example}</span>}
                </RadioCard>
              )
            })}
          </div>
          {errors.rounding && <p className="field-error">{errors.rounding}</p>}
        </fieldset>

        <TextAreaField
          label="Catatan data"
          error={errors.dataNote}
          hint="Ditampilkan di Beranda dan Wilayah & TPS, mis. bahwa DPT masih data contoh atau belum ditetapkan."
          rows={2}
          value={draft.dataNote}
          onChange={(v) => set('dataNote', v)}
        />

        <DraftActions busy={busy} dirty={dirty} label="Simpan pengaturan" onDiscard={discard} />
      </form>
    </Section>
  )
}

/* --------------------------------------------------------------------- items */
