import type { Pemilihan } from '../../../api/contract'
import {
  percentToBasisPoints,
  reserveFor,
  ROUNDING_EXPLAIN,
  ROUNDING_LABELS,
  type Rounding,
} from '../../../core/reserve'
import { NAMA_ZONA, ZONA_WAKTU, type ZonaWaktu } from '../../../core/zonaWaktu'
import { DraftActions } from '../../components/Form'
import { FormFields, RefusalBanner, type Fields } from '../../components/FormFields'
import { Section } from '../../components/Page'
import { DraftRestored, DraftStatus } from '../../components/DraftRestored'
import { fmt, fmtPercent, JENIS_LABEL } from '../../format'
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

type ElectionDraft = {
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

const FIELDS: Fields<ElectionDraft> = [
  { name: 'tahun', kind: 'numeric' },
  { name: 'provinsi' },
  {
    name: 'satker',
    label: 'Nama satker',
    hint: 'Tampil di kepala halaman dan di berita acara, mis. Kabupaten Batu Bara',
  },
  {
    name: 'kodeWilayah',
    kind: 'numeric',
    hint: '2 atau 4 angka kode Kemendagri, mis. 1219; dipakai juga pada nomor dokumen',
  },
  {
    name: 'zonaWaktu',
    label: 'Zona waktu satker',
    kind: 'select',
    hint: 'Tanggal berita acara, rekap harian dan hari setiap catatan mengikuti jam dinding gudang di zona ini, bukan zona waktu komputer.',
    options: ZONA_WAKTU.map((z) => [z, NAMA_ZONA[z]] as const),
  },
  {
    name: 'reservePercent',
    label: 'Cadangan surat suara (%)',
    hint: 'Pemilu 2%, Pilkada 2,5% dari DPT setiap TPS',
    input: { inputMode: 'decimal' },
  },
  {
    name: 'maxVotersPerTps',
    label: 'Maksimal pemilih per TPS',
    kind: 'numeric',
    hint: 'Pemilu 2024: 300; Pilkada 2024: 600. TPS di atas batas ditandai.',
  },
]

/** The rounding, each choice worked out on an example TPS at the percentage typed, and the data note. */
const lowerFields = (reservePercent: string): Fields<ElectionDraft> => [
  {
    name: 'rounding',
    kind: 'cards',
    label: 'Pembulatan cadangan per TPS',
    className: 'pengaturan-rounding',
    choices: ROUNDINGS.map((r) => {
      const example = roundingExample(reservePercent, r)
      return {
        value: r,
        title: ROUNDING_LABELS[r],
        explain: ROUNDING_EXPLAIN[r],
        extra: example && <span className="pengaturan-example">{example}</span>,
      }
    }),
  },
  {
    name: 'dataNote',
    kind: 'textarea',
    hint: 'Ditampilkan di Beranda dan Wilayah & TPS, mis. bahwa DPT masih data contoh atau belum ditetapkan.',
    rows: 2,
  },
]

export function ElectionForm({ election }: { election: Pemilihan }) {
  const { draft, form, dirty, busy, error, errors, unplaced, submit, discard, restored, stored } = usePemilihanDraft(
    'pemilihan',
    election,
    draftOf,
    ['tahun', 'reservePercent', 'maxVotersPerTps'],
    'Pengaturan pemilihan tersimpan. Kebutuhan logistik dihitung ulang dengan pengaturan baru.',
    ['reservePercent'],
  )

  return (
    <Section title="Pemilihan dan satker" id="pengaturan-pemilihan">
      <form onSubmit={submit} noValidate className="pengaturan-form">
        {restored && (
          <DraftRestored
            restored={restored}
            testId="pengaturan-draf-dipulihkan"
            next={
              <>
                Periksa isiannya, lalu <strong>Simpan pengaturan</strong>.
              </>
            }
            onDiscard={discard}
          />
        )}
        <RefusalBanner error={error} placed={!unplaced} title="Pengaturan belum tersimpan" />
        <dl className="dl dl-inline">
          <dt>Jenis pemilihan</dt>
          <dd>
            {JENIS_LABEL[election.jenis]}{' '}
            <span className="muted small">(tidak dapat diubah; buat basis data baru untuk pemilihan lain)</span>
          </dd>
        </dl>
        <FormFields fields={FIELDS} form={form} errors={errors} method="pemilihan.ubah" grid />

        <FormFields fields={lowerFields(draft.reservePercent)} form={form} errors={errors} method="pemilihan.ubah" />

        <DraftActions busy={busy} dirty={dirty} label="Simpan pengaturan" onDiscard={discard}>
          <DraftStatus draft={stored} dirty={dirty} />
        </DraftActions>
      </form>
    </Section>
  )
}

/* --------------------------------------------------------------------- items */
