import { useId, useRef } from 'react'
import type { Pemilihan } from '../../../api/contract'
import { satkerDaerah } from '../../../core/documents'
import { formatNomor, type NOMOR_PLACEHOLDERS, validateNomorPattern } from '../../../core/nomorSurat'
import { invoke } from '../../api'
import { useApi } from '../../components/data'
import { ErrorBanner } from '../../components/Feedback'
import { useWrite } from '../../components/useWrite'
import { readFileBase64 } from '../../components/files'
import { DraftActions, FilePicker } from '../../components/Form'
import { FormFields, RefusalBanner, type Fields } from '../../components/FormFields'
import { Section } from '../../components/Page'
import { DraftRestored, DraftStatus } from '../../components/DraftRestored'
import { fmtTanggal, readCount, todayIso } from '../../format'
import { usePemilihanDraft } from './usePemilihanDraft'
import type { PaperName } from '../../../core/documents'

/** Pengaturan › Kop surat dan dokumen: the letterhead, paper, document number pattern and logo, with a sketch. */

const PLACEHOLDER_HELP: Record<(typeof NOMOR_PLACEHOLDERS)[number] | 'no:3', string> = {
  no: 'nomor urut register',
  'no:3': 'nomor urut 3 digit (001)',
  kode_wilayah: 'kode wilayah satker',
  tahun: 'tahun dokumen',
  bulan: 'bulan 01–12',
  bulan_romawi: 'bulan I–XII',
  kode_dokumen: 'kode jenis dokumen',
}

/**
 * The example under a pattern is only a hint worked out here with the same pure helper the service
 * uses; the service validates again when saving and when a number is taken.
 */
function nomorExample(
  pattern: string,
  election: Pemilihan,
  no: number,
  kodeDokumen: string,
): { example: string | null; problems: string[] } {
  const problems = validateNomorPattern(pattern)
  if (problems.length) return { example: null, problems }
  try {
    return {
      example: formatNomor(pattern, {
        no,
        kodeWilayah: election.kodeWilayah,
        tahun: election.tahun,
        bulan: Number(todayIso().slice(5, 7)),
        kodeDokumen,
      }),
      problems: [],
    }
  } catch (err) {
    return { example: null, problems: [err instanceof Error ? err.message : String(err)] }
  }
}

/** A pattern input with buttons that insert a placeholder where the caret is, and the live example below. */
export function NomorPatternField({
  label,
  value,
  onChange,
  error,
  election,
  no,
  kodeDokumen,
  placeholder,
  fallback,
  hint,
}: {
  label: string
  value: string
  onChange(v: string): void
  error?: string | undefined
  election: Pemilihan
  no: number
  kodeDokumen: string
  placeholder?: string
  /** The pattern in force when this one is left empty; the example shows it. */
  fallback?: string
  hint?: string
}) {
  const id = useId()
  const ref = useRef<HTMLInputElement>(null)
  const effective = value.trim() || fallback || ''
  const { example, problems } = nomorExample(effective, election, no, kodeDokumen)

  function insert(token: string) {
    const el = ref.current
    const start = el?.selectionStart ?? value.length
    const end = el?.selectionEnd ?? value.length
    const next = value.slice(0, start) + token + value.slice(end)
    onChange(next)
    requestAnimationFrame(() => {
      el?.focus()
      el?.setSelectionRange(start + token.length, start + token.length)
    })
  }

  return (
    <div className={`field pengaturan-pattern${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={ref}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={`${id}-example ${id}-hint`}
        spellCheck={false}
        autoComplete="off"
        className="pengaturan-mono"
      />
      {error && <p className="field-error">{error}</p>}
      <p className="pengaturan-example" id={`${id}-example`} aria-live="polite">
        {example ? (
          <>
            {value.trim() === '' && fallback ? 'Contoh dengan pola bawaan: ' : 'Contoh: '}
            <strong className="pengaturan-mono">{example}</strong>
          </>
        ) : (
          <span className="pengaturan-example-bad">Pola ini akan ditolak: {problems.join('; ')}</span>
        )}
      </p>
      <div className="pengaturan-tokens" role="group" aria-label="Sisipkan kode ke pola nomor">
        {(['no', 'no:3', 'kode_wilayah', 'tahun', 'bulan', 'bulan_romawi', 'kode_dokumen'] as const).map((p) => (
          <button
            key={p}
            type="button"
            className="pengaturan-token"
            onClick={() => insert(`{${p}}`)}
            title={`Sisipkan {${p}}: ${PLACEHOLDER_HELP[p]}`}
          >
            {`{${p}}`}
          </button>
        ))}
      </div>
      <p className="field-hint" id={`${id}-hint`}>
        {hint ?? 'Klik kode untuk menyisipkannya. Pola wajib memuat {no}.'} Contoh dihitung di layar ini; aplikasi
        memeriksa ulang saat menyimpan.
      </p>
    </div>
  )
}

/* ------------------------------------------------------------------ kop */

type KopDraft = {
  alamat: string
  kontak: string
  kotaTtd: string
  paper: PaperName
  nomorPattern: string
  nomorStart: string
}

/** The first register number as typed, for the examples; 1 while it is not a number yet. */
const firstNumber = (typed: string) => {
  const n = readCount(typed)
  return typeof n === 'number' && n > 0 ? n : 1
}

const kopOf = (e: Pemilihan): KopDraft => ({
  alamat: e.alamat,
  kontak: e.kontak,
  kotaTtd: e.kotaTtd,
  paper: e.paper,
  nomorPattern: e.nomorPattern,
  nomorStart: String(e.nomorStart),
})

const PAPER: Fields<KopDraft> = [
  {
    name: 'paper',
    kind: 'cards',
    label: 'Ukuran kertas',
    className: 'pengaturan-paper',
    listClassName: 'pengaturan-paper-options',
    choices: [
      { value: 'A4', title: 'A4', explain: '210 × 297 mm. Ukuran kertas internasional.' },
      {
        value: 'F4',
        title: 'F4 (folio)',
        explain: '215 × 330 mm. Lazim dipakai untuk naskah dinas di kantor pemerintah.',
      },
    ],
  },
]

/** Where it is signed when nothing is set: the satker's name without "Kabupaten"/"Kota", as the service does. */
const defaultKota = (e: Pemilihan) => satkerDaerah(e.satker)

/** The letterhead's lines, then where it is signed and the register's first number side by side. */
function kopFields(election: Pemilihan): Fields<KopDraft> {
  return [
    {
      name: 'alamat',
      label: 'Alamat kantor',
      hint: 'Baris alamat di bawah nama satker pada kop',
      input: { placeholder: 'Mis. Jl. Perintis Kemerdekaan No. 1, Limapuluh' },
    },
    {
      name: 'kontak',
      label: 'Baris kontak',
      hint: 'Telepon, surel atau laman; tampil di bawah alamat',
      input: { placeholder: 'Mis. Telp. (0622) 96123 · Surel: kab_batubara@kpu.go.id' },
    },
    {
      name: 'kotaTtd',
      label: 'Tempat penandatanganan',
      hint: `Kota/ibu kota tempat dokumen ditandatangani. Kosong: "${defaultKota(election)}".`,
      input: { placeholder: defaultKota(election) },
    },
    {
      name: 'nomorStart',
      label: 'Nomor awal register',
      kind: 'numeric',
      hint: 'Nomor urut pertama setiap tahun, mis. bila register kertas sudah berjalan',
    },
  ]
}

export function KopSection({ election }: { election: Pemilihan }) {
  const { draft, set, form, dirty, busy, error, errors, unplaced, submit, discard, restored, stored } =
    usePemilihanDraft(
      'kop',
      election,
      kopOf,
      ['nomorStart'],
      'Kop surat dan pola nomor tersimpan. Dokumen yang sudah terbit tetap seperti saat diterbitkan.',
    )
  const startNo = firstNumber(draft.nomorStart)
  const [lines, grid] = [kopFields(election).slice(0, 2), kopFields(election).slice(2)]

  return (
    <Section title="Kop surat dan dokumen" id="pengaturan-kop">
      <p className="muted pengaturan-explain">
        Kop, tempat penandatanganan, ukuran kertas dan pola nomor dipakai untuk dokumen yang diterbitkan sesudah
        disimpan. Dokumen yang sudah terbit dicetak ulang persis seperti saat diterbitkan.
      </p>
      <div className="pengaturan-kop-layout">
        <form onSubmit={submit} noValidate className="pengaturan-form pengaturan-kop-form">
          {restored && (
            <DraftRestored
              restored={restored}
              testId="pengaturan-draf-dipulihkan"
              next={
                <>
                  Periksa isiannya, lalu <strong>Simpan kop dan nomor</strong>.
                </>
              }
              onDiscard={discard}
            />
          )}
          <RefusalBanner error={error} placed={!unplaced} title="Kop dan pola nomor belum tersimpan" />
          <FormFields fields={lines} form={form} errors={errors} method="pemilihan.ubah" />
          <FormFields fields={grid} form={form} errors={errors} method="pemilihan.ubah" grid />

          <FormFields fields={PAPER} form={form} errors={errors} method="pemilihan.ubah" />

          <NomorPatternField
            label="Pola nomor dokumen (bawaan)"
            value={draft.nomorPattern}
            onChange={(v) => set('nomorPattern', v)}
            error={errors.nomorPattern}
            election={election}
            no={startNo}
            kodeDokumen="BA-SORLIP"
            hint="Dipakai semua jenis dokumen yang tidak punya pola sendiri (lihat Penanda tangan). Klik kode untuk menyisipkannya; pola wajib memuat {no}."
          />

          <DraftActions busy={busy} dirty={dirty} label="Simpan kop dan nomor" onDiscard={discard}>
            <DraftStatus draft={stored} dirty={dirty} />
          </DraftActions>
        </form>
        <div className="pengaturan-kop-side">
          <KopPreview election={election} draft={draft} />
          <LogoField election={election} />
        </div>
      </div>
    </Section>
  )
}

function useLogoUrl(election: Pemilihan): string | null {
  const logo = useApi('pemilihan.lihatLogo', {}, election.hasLogo)
  return election.hasLogo && logo.data ? `data:${logo.data.mime};base64,${logo.data.contentBase64}` : null
}

/** A rough sketch of the top and bottom of a page, so the coordinator sees what each field is for. */
function KopPreview({ election, draft }: { election: Pemilihan; draft: KopDraft }) {
  const logo = useLogoUrl(election)
  const { example } = nomorExample(draft.nomorPattern, election, firstNumber(draft.nomorStart), 'BA-SORLIP')
  const today = fmtTanggal(todayIso(), 'date')
  return (
    <figure className="pengaturan-preview" aria-label="Gambaran kop surat">
      <div className={`pengaturan-sheet pengaturan-sheet-${draft.paper}`}>
        <div className="pengaturan-kop">
          {logo ? (
            <img src={logo} alt="Logo kop" className="pengaturan-kop-logo" />
          ) : (
            <span className="pengaturan-kop-logo pengaturan-kop-nologo">logo</span>
          )}
          <div className="pengaturan-kop-text">
            <span className="pengaturan-kop-instansi">KOMISI PEMILIHAN UMUM</span>
            <span className="pengaturan-kop-satker">{election.satker.toUpperCase()}</span>
            {draft.alamat.trim() && <span className="pengaturan-kop-line">{draft.alamat}</span>}
            {draft.kontak.trim() && <span className="pengaturan-kop-line">{draft.kontak}</span>}
          </div>
        </div>
        <div className="pengaturan-kop-rule" />
        <span className="pengaturan-sheet-title">BERITA ACARA</span>
        <span className="pengaturan-sheet-nomor">Nomor: {example ?? '…'}</span>
        <span className="pengaturan-sheet-body" aria-hidden="true" />
        <span className="pengaturan-sheet-body short" aria-hidden="true" />
        <span className="pengaturan-sheet-ttd">
          {draft.kotaTtd.trim() || defaultKota(election)}, {today}
        </span>
      </div>
      <figcaption className="muted small">Gambaran kasar kertas {draft.paper}; bukan hasil cetak.</figcaption>
    </figure>
  )
}

function LogoField({ election }: { election: Pemilihan }) {
  const logo = useLogoUrl(election)
  const { error, busy, run } = useWrite()

  function upload(file: File | undefined) {
    if (!file) return
    return run(async () => {
      await invoke('pemilihan.aturLogo', { contentBase64: await readFileBase64(file) })
      return [`${file.name} dipakai sebagai logo kop surat.`, 'Logo tersimpan'] as const
    })
  }

  function remove() {
    return run(async () => {
      await invoke('pemilihan.aturLogo', { contentBase64: null })
      return ['Dokumen berikutnya dicetak tanpa logo.', 'Logo dihapus'] as const
    })
  }

  return (
    <div className="pengaturan-import-box pengaturan-logo">
      <FilePicker
        label="Logo kop surat"
        accept=".png,.jpg,.jpeg,image/png,image/jpeg"
        onFile={(f) => void upload(f)}
        disabled={busy}
        buttonLabel={election.hasLogo ? 'Ganti logo…' : 'Pilih logo…'}
        hint="PNG atau JPEG, paling besar 1 MB. Logo KPU berlatar transparan paling rapi."
      />
      {logo && (
        <div className="pengaturan-logo-current">
          <img src={logo} alt="Logo kop surat saat ini" className="pengaturan-logo-img" data-testid="logo-preview" />
          <button type="button" className="btn btn-secondary btn-small" onClick={() => void remove()} disabled={busy}>
            Hapus logo
          </button>
        </div>
      )}
      <ErrorBanner error={error} title="Logo belum tersimpan" />
    </div>
  )
}

/* ------------------------------------------------------------- signers */
