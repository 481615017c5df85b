import { useId, useRef, useState, type FormEvent } from 'react'
import type { DocType, Election, MethodInput, MethodOutput, Signer } from '../../../api/contract'
import { DOC_SHORT_LABEL, satkerDaerah, SIGNER_POSITION_LABEL } from '../../../core/documents'
import { formatNomor, type NOMOR_PLACEHOLDERS, validateNomorPattern } from '../../../core/nomorSurat'
import { type ApiError, fieldErrors, invoke, toApiError } from '../../api'
import { useApi, useRefreshAll } from '../../components/data'
import { Banner, ErrorBanner, Loading, useToast } from '../../components/Feedback'
import { readFileBase64 } from '../../components/files'
import { Field, FilePicker } from '../../components/Form'
import { Section } from '../../components/Page'
import { TabPanel, Tabs } from '../../components/Tabs'
import { fmt, readCount } from '../../format'
import { href } from '../../router'
import { readNumbers } from './PengaturanShared'

type Jenis = MethodOutput<'dokumen.daftarJenis'>[number]

/* ------------------------------------------------------------ nomor pattern */

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
  election: Election,
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
        bulan: new Date().getMonth() + 1,
        kodeDokumen,
      }),
      problems: [],
    }
  } catch (err) {
    return { example: null, problems: [err instanceof Error ? err.message : String(err)] }
  }
}

/** A pattern input with buttons that insert a placeholder where the caret is, and the live example below. */
function NomorPatternField({
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
  election: Election
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

interface KopDraft {
  alamat: string
  kontak: string
  kotaTtd: string
  paper: 'A4' | 'F4'
  nomorPattern: string
  nomorStart: string
}

/** The first register number as typed, for the examples; 1 while it is not a number yet. */
const firstNumber = (typed: string) => {
  const n = readCount(typed)
  return typeof n === 'number' && n > 0 ? n : 1
}

const kopOf = (e: Election): KopDraft => ({
  alamat: e.alamat,
  kontak: e.kontak,
  kotaTtd: e.kotaTtd,
  paper: e.paper,
  nomorPattern: e.nomorPattern,
  nomorStart: String(e.nomorStart),
})

const PAPER_INFO: Record<'A4' | 'F4', { label: string; explain: string }> = {
  A4: { label: 'A4', explain: '210 × 297 mm. Ukuran kertas internasional.' },
  F4: { label: 'F4 (folio)', explain: '215 × 330 mm. Lazim dipakai untuk naskah dinas di kantor pemerintah.' },
}

/** Where it is signed when nothing is set: the satker's name without "Kabupaten"/"Kota", as the service does. */
const defaultKota = (e: Election) => satkerDaerah(e.satker)

export function KopSection({ election }: { election: Election }) {
  // Untouched, the form shows the election as it is now; edits are kept apart.
  const [edits, setEdits] = useState<KopDraft | null>(null)
  const draft = edits ?? kopOf(election)
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const errors = fieldErrors(error)
  const dirty = JSON.stringify(draft) !== JSON.stringify(kopOf(election))

  const set = <K extends keyof KopDraft>(k: K, v: KopDraft[K]) =>
    setEdits((d) => ({ ...(d ?? kopOf(election)), [k]: v }))

  async function submit(e: FormEvent) {
    e.preventDefault()
    const nums = readNumbers({ nomorStart: draft.nomorStart })
    if (nums.error) return setError(nums.error)
    setBusy(true)
    setError(undefined)
    const input: MethodInput<'pemilihan.ubah'> = {
      alamat: draft.alamat,
      kontak: draft.kontak,
      kotaTtd: draft.kotaTtd,
      paper: draft.paper,
      nomorPattern: draft.nomorPattern,
      nomorStart: nums.values.nomorStart,
    }
    try {
      setEdits(kopOf(await invoke('pemilihan.ubah', input)))
      toast.showSuccess('Kop surat dan pola nomor tersimpan. Dokumen yang sudah terbit tetap seperti saat diterbitkan.')
      refreshAll()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  const keys = Object.keys(draft)
  const unplaced = error && !error.details.some((d) => d.column && keys.includes(d.column))
  const startNo = firstNumber(draft.nomorStart)

  return (
    <Section title="Kop surat dan dokumen" id="pengaturan-kop">
      <p className="muted pengaturan-explain">
        Kop, tempat penandatanganan, ukuran kertas dan pola nomor dipakai untuk dokumen yang diterbitkan sesudah
        disimpan. Dokumen yang sudah terbit dicetak ulang persis seperti saat diterbitkan.
      </p>
      <div className="pengaturan-kop-layout">
        <form onSubmit={submit} noValidate className="pengaturan-form pengaturan-kop-form">
          {error && (
            <Banner kind="error" title="Kop dan pola nomor belum tersimpan">
              <p>{unplaced ? error.message : 'Periksa isian yang ditandai di bawah.'}</p>
            </Banner>
          )}
          <Field label="Alamat kantor" error={errors.alamat} hint="Baris alamat di bawah nama satker pada kop">
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={draft.alamat}
                onChange={(e) => set('alamat', e.target.value)}
                placeholder="Mis. Jl. Perintis Kemerdekaan No. 1, Limapuluh"
              />
            )}
          </Field>
          <Field label="Baris kontak" error={errors.kontak} hint="Telepon, surel atau laman; tampil di bawah alamat">
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={draft.kontak}
                onChange={(e) => set('kontak', e.target.value)}
                placeholder="Mis. Telp. (0622) 96123 · Surel: kab_batubara@kpu.go.id"
              />
            )}
          </Field>
          <div className="form-grid">
            <Field
              label="Tempat penandatanganan"
              error={errors.kotaTtd}
              hint={`Kota/ibu kota tempat dokumen ditandatangani. Kosong: "${defaultKota(election)}".`}
            >
              {(id, d, inv) => (
                <input
                  id={id}
                  aria-describedby={d}
                  aria-invalid={inv}
                  value={draft.kotaTtd}
                  onChange={(e) => set('kotaTtd', e.target.value)}
                  placeholder={defaultKota(election)}
                />
              )}
            </Field>
            <Field
              label="Nomor awal register"
              error={errors.nomorStart}
              hint="Nomor urut pertama setiap tahun, mis. bila register kertas sudah berjalan"
            >
              {(id, d, inv) => (
                <input
                  id={id}
                  aria-describedby={d}
                  aria-invalid={inv}
                  inputMode="numeric"
                  value={draft.nomorStart}
                  onChange={(e) => set('nomorStart', e.target.value)}
                />
              )}
            </Field>
          </div>

          <fieldset className={`field pengaturan-paper${errors.paper ? ' field-invalid' : ''}`}>
            <legend>Ukuran kertas</legend>
            <div className="radio-cards pengaturan-paper-options">
              {(['A4', 'F4'] as const).map((p) => (
                <label key={p} className={`radio-card${draft.paper === p ? ' selected' : ''}`}>
                  <input
                    type="radio"
                    name="paper"
                    value={p}
                    checked={draft.paper === p}
                    onChange={() => set('paper', p)}
                  />
                  <span>
                    <strong>{PAPER_INFO[p].label}</strong>
                    <span className="small">{PAPER_INFO[p].explain}</span>
                  </span>
                </label>
              ))}
            </div>
            {errors.paper && <p className="field-error">{errors.paper}</p>}
          </fieldset>

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

          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy || !dirty}>
              {busy ? 'Menyimpan…' : 'Simpan kop dan nomor'}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              disabled={busy || !dirty}
              onClick={() => {
                setEdits(null)
                setError(undefined)
              }}
            >
              Batalkan perubahan
            </button>
            {dirty && <span className="muted small">Ada perubahan yang belum disimpan.</span>}
          </div>
        </form>
        <div className="pengaturan-kop-side">
          <KopPreview election={election} draft={draft} />
          <LogoField election={election} />
        </div>
      </div>
    </Section>
  )
}

function useLogoUrl(election: Election): string | null {
  const logo = useApi('pemilihan.lihatLogo', {}, election.hasLogo)
  return election.hasLogo && logo.data ? `data:${logo.data.mime};base64,${logo.data.contentBase64}` : null
}

/** A rough sketch of the top and bottom of a page, so the coordinator sees what each field is for. */
function KopPreview({ election, draft }: { election: Election; draft: KopDraft }) {
  const logo = useLogoUrl(election)
  const { example } = nomorExample(draft.nomorPattern, election, firstNumber(draft.nomorStart), 'BA-SORLIP')
  const today = new Date().toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric' })
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

function LogoField({ election }: { election: Election }) {
  const logo = useLogoUrl(election)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>()
  const refreshAll = useRefreshAll()
  const toast = useToast()

  async function upload(file: File | undefined) {
    if (!file) return
    setBusy(true)
    setError(undefined)
    try {
      await invoke('pemilihan.aturLogo', { contentBase64: await readFileBase64(file) })
      toast.showSuccess(`${file.name} dipakai sebagai logo kop surat.`, 'Logo tersimpan')
      refreshAll()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  async function remove() {
    setBusy(true)
    setError(undefined)
    try {
      await invoke('pemilihan.aturLogo', { contentBase64: null })
      toast.showSuccess('Dokumen berikutnya dicetak tanpa logo.', 'Logo dihapus')
      refreshAll()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
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

const POSITION_NOTE: Partial<Record<DocType, string>> = {
  BA_PENERIMAAN:
    'PIHAK PERTAMA adalah wakil penyedia; namanya diambil dari data setiap penerimaan, jadi tidak diisi di sini.',
  REKAP_UPAH:
    'PPK di sini adalah PPK (Pejabat Pembuat Komitmen), pejabat pengelola anggaran yang menyetujui pembayaran upah, bukan PPK (Panitia Pemilihan Kecamatan).',
}

export function SignersSection({ election }: { election: Election }) {
  const jenis = useApi('dokumen.daftarJenis', {})
  const [tab, setTab] = useState<DocType>('BA_PENERIMAAN')
  const [dirty, setDirty] = useState<Partial<Record<DocType, boolean>>>({})
  const types = jenis.data ?? []

  return (
    <Section title="Penanda tangan per jenis dokumen" id="pengaturan-ttd">
      <p className="muted pengaturan-explain">
        Siapa yang menandatangani setiap jenis dokumen dan urutannya. <strong>Pihak</strong> menandatangani di kolom
        utama (mis. yang membuat dan yang memeriksa), <strong>Saksi</strong> di baris saksi, dan{' '}
        <strong>Mengetahui</strong> di tengah bawah. Perubahan berlaku untuk dokumen yang diterbitkan sesudahnya.
      </p>
      <ErrorBanner error={jenis.error} onRetry={jenis.reload} title="Jenis dokumen tidak dapat dimuat" />
      {jenis.data ? (
        <>
          <Tabs
            label="Jenis dokumen"
            idBase="ttd"
            wrap
            selected={tab}
            onSelect={setTab}
            items={types.map((t) => ({
              id: t.type,
              label: (
                <>
                  {DOC_SHORT_LABEL[t.type]}
                  {dirty[t.type] && (
                    <span className="pengaturan-dirty" title="Ada perubahan yang belum disimpan">
                      {' '}
                      •<span className="visually-hidden"> belum disimpan</span>
                    </span>
                  )}
                </>
              ),
            }))}
          />
          {types.map((t) => (
            // Every editor stays mounted so edits survive switching tabs until saved.
            <TabPanel key={t.type} idBase="ttd" id={t.type} selected={tab === t.type} keepMounted>
              <SignerEditor
                key={JSON.stringify([t.ownPattern, t.signers])}
                setting={t}
                election={election}
                onDirty={(d) => setDirty((m) => (m[t.type] === d ? m : { ...m, [t.type]: d }))}
              />
            </TabPanel>
          ))}
        </>
      ) : (
        !jenis.error && <Loading />
      )}
    </Section>
  )
}

const emptySigner = (): Signer => ({ peran: '', jabatan: '', nama: '', nip: '', instansi: '', posisi: 'pihak' })
type SignerField = Exclude<keyof Signer, 'posisi'>

const SIGNER_COLUMNS: { key: SignerField; label: string; placeholder: string }[] = [
  { key: 'peran', label: 'Peran', placeholder: 'Mis. Yang Membuat' },
  { key: 'jabatan', label: 'Jabatan', placeholder: 'Mis. Sekretaris KPU' },
  { key: 'nama', label: 'Nama', placeholder: 'Nama dan gelar' },
  { key: 'nip', label: 'NIP', placeholder: '18 angka' },
  { key: 'instansi', label: 'Instansi', placeholder: 'Mis. Bawaslu' },
]

function SignerEditor({
  setting,
  election,
  onDirty,
}: {
  setting: Jenis
  election: Election
  onDirty(dirty: boolean): void
}) {
  const [signers, setSigners] = useState<Signer[]>(setting.signers)
  // Stable row keys, so a moved row keeps keyboard focus on its button.
  const nextKey = useRef(setting.signers.length)
  const tableRef = useRef<HTMLTableElement>(null)
  const addRef = useRef<HTMLButtonElement>(null)
  const [keys, setKeys] = useState<number[]>(() => setting.signers.map((_, i) => i))
  const [pattern, setPattern] = useState(setting.ownPattern ?? '')
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const errors = fieldErrors(error)
  const isDirty = (list: Signer[], p: string) =>
    JSON.stringify(list) !== JSON.stringify(setting.signers) || p.trim() !== (setting.ownPattern ?? '')
  const dirty = isDirty(signers, pattern)
  const label = DOC_SHORT_LABEL[setting.type]

  /** Every edit goes through here, so the tab's "not saved" mark follows it. */
  const change = (list: Signer[], rowKeys: number[], p: string) => {
    setSigners(list)
    setKeys(rowKeys)
    setPattern(p)
    onDirty(isDirty(list, p))
  }

  /** A refusal names a row (1-based) and a column; a schema error names "signers.<i>.<field>". */
  const cellError = (i: number, field: keyof Signer): string | undefined =>
    errors[`signers.${i}.${field}`] ?? error?.details.find((d) => d.row === i + 1 && d.column === field)?.message
  const rowErrors = (i: number) =>
    error?.details.filter(
      (d) => d.row === i + 1 && !['peran', 'jabatan', 'nama', 'nip', 'instansi', 'posisi'].includes(d.column ?? ''),
    ) ?? []
  const generalErrors =
    error?.details.filter(
      (d) => d.row === undefined && !(d.column ?? '').startsWith('signers.') && d.column !== 'nomorPattern',
    ) ?? []

  const update = (i: number, patch: Partial<Signer>) =>
    change(
      signers.map((s, n) => (n === i ? { ...s, ...patch } : s)),
      keys,
      pattern,
    )
  const swap = <T,>(list: T[], i: number, j: number): T[] => {
    if (j < 0 || j >= list.length) return list
    const next = [...list]
    ;[next[i], next[j]] = [next[j]!, next[i]!]
    return next
  }
  const move = (i: number, by: -1 | 1) => change(swap(signers, i, i + by), swap(keys, i, i + by), pattern)
  const remove = (i: number) => {
    change(
      signers.filter((_, n) => n !== i),
      keys.filter((_, n) => n !== i),
      pattern,
    )
    // The removed row took the focused button with it; the add button is the nearest sensible place.
    requestAnimationFrame(() => addRef.current?.focus())
  }
  const add = () => {
    change([...signers, emptySigner()], [...keys, nextKey.current++], pattern)
    requestAnimationFrame(() => tableRef.current?.querySelector<HTMLInputElement>('tbody tr:last-child input')?.focus())
  }
  const reset = () =>
    change(
      setting.signers,
      setting.signers.map(() => nextKey.current++),
      setting.ownPattern ?? '',
    )

  async function save(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await invoke('dokumen.aturJenis', {
        type: setting.type,
        nomorPattern: pattern.trim() === '' ? null : pattern.trim(),
        signers,
      })
      toast.showSuccess(`Penanda tangan dan pola nomor ${label} tersimpan.`)
      // The reload brings the saved setting, and with it a fresh editor.
      onDirty(false)
      refreshAll()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  const mentionsPejabat = signers.some((s) => /pejabat pembuat komitmen|\bPPK\b/i.test(`${s.peran} ${s.jabatan}`))
  const note = POSITION_NOTE[setting.type] ?? (mentionsPejabat ? POSITION_NOTE.REKAP_UPAH : undefined)

  return (
    <form onSubmit={save} noValidate className="pengaturan-signers" data-doc-type={setting.type}>
      <p className="pengaturan-doc-desc">
        <strong>{setting.title.join(' ')}</strong>
        <span className="muted small block">{setting.description}.</span>
      </p>
      {error && (
        <Banner kind="error" title={<>{label} belum tersimpan</>}>
          <p>{error.message}</p>
          {generalErrors.length > 0 && (
            <ul className="pengaturan-errlist">
              {generalErrors.map((d, i) => (
                <li key={i}>{d.message}</li>
              ))}
            </ul>
          )}
        </Banner>
      )}
      {note && (
        <Banner kind="info">
          <p>{note}</p>
        </Banner>
      )}
      <div className="table-wrap">
        <table className="table table-compact pengaturan-signer-table" ref={tableRef}>
          <thead>
            <tr>
              <th scope="col" className="num pengaturan-col-no">
                No.
              </th>
              {SIGNER_COLUMNS.map((c) => (
                <th key={c.key} scope="col" className={`pengaturan-col-${c.key}`}>
                  {c.label}
                </th>
              ))}
              <th scope="col" className="pengaturan-col-posisi">
                Posisi
              </th>
              <th scope="col" className="pengaturan-col-act">
                <span className="visually-hidden">Urutan dan hapus</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {signers.map((s, i) => {
              const who = s.nama || s.jabatan || s.peran || `baris ${i + 1}`
              const posisiError = cellError(i, 'posisi')
              return (
                <tr key={keys[i] ?? `n${i}`} data-row={i + 1}>
                  <td className="num">{fmt(i + 1)}</td>
                  {SIGNER_COLUMNS.map((c) => {
                    const err = cellError(i, c.key)
                    return (
                      <td key={c.key}>
                        <input
                          value={s[c.key]}
                          onChange={(e) => update(i, { [c.key]: e.target.value })}
                          aria-label={`${c.label} penanda tangan ${i + 1}`}
                          aria-invalid={Boolean(err)}
                          placeholder={c.placeholder}
                          inputMode={c.key === 'nip' ? 'numeric' : undefined}
                          autoComplete="off"
                        />
                        {err && <p className="field-error">{err}</p>}
                      </td>
                    )
                  })}
                  <td>
                    <select
                      value={s.posisi}
                      onChange={(e) => update(i, { posisi: e.target.value as Signer['posisi'] })}
                      aria-label={`Posisi penanda tangan ${i + 1}`}
                      aria-invalid={Boolean(posisiError)}
                    >
                      {(Object.keys(SIGNER_POSITION_LABEL) as Signer['posisi'][]).map((p) => (
                        <option key={p} value={p}>
                          {SIGNER_POSITION_LABEL[p]}
                        </option>
                      ))}
                    </select>
                    {posisiError && <p className="field-error">{posisiError}</p>}
                    {rowErrors(i).map((d, n) => (
                      <p key={n} className="field-error">
                        {d.message}
                      </p>
                    ))}
                  </td>
                  <td className="pengaturan-row-actions">
                    <button
                      type="button"
                      className="pengaturan-icon-btn"
                      onClick={() => move(i, -1)}
                      disabled={i === 0}
                      aria-label={`Naikkan ${who}`}
                      title="Naikkan"
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="pengaturan-icon-btn"
                      onClick={() => move(i, 1)}
                      disabled={i === signers.length - 1}
                      aria-label={`Turunkan ${who}`}
                      title="Turunkan"
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="pengaturan-icon-btn pengaturan-remove"
                      onClick={() => remove(i)}
                      aria-label={`Hapus ${who}`}
                      title="Hapus"
                    >
                      ×
                    </button>
                  </td>
                </tr>
              )
            })}
            {signers.length === 0 && (
              <tr>
                <td colSpan={8} className="empty">
                  Belum ada penanda tangan; dokumen akan dicetak tanpa kolom tanda tangan.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        ref={addRef}
        className="btn btn-secondary btn-small pengaturan-add"
        onClick={add}
        disabled={signers.length >= 12}
      >
        + Tambah penanda tangan
      </button>

      {setting.numbered ? (
        <NomorPatternField
          label={`Pola nomor ${label}`}
          value={pattern}
          onChange={(p) => change(signers, keys, p)}
          error={errors.nomorPattern}
          election={election}
          no={election.nomorStart}
          kodeDokumen={setting.kode}
          placeholder="Kosong: memakai pola bawaan"
          fallback={election.nomorPattern}
          hint={`Kosong: memakai pola bawaan ${election.nomorPattern}. {kode_dokumen} untuk jenis ini adalah ${setting.kode}. Klik kode untuk menyisipkannya.`}
        />
      ) : (
        <p className="muted small">{label} tidak bernomor surat; di register dicatat dengan kode DOK.</p>
      )}

      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !dirty}>
          {busy ? 'Menyimpan…' : `Simpan ${label}`}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy || !dirty}
          onClick={() => {
            reset()
            setError(undefined)
          }}
        >
          Batalkan perubahan
        </button>
        {dirty && <span className="muted small">Ada perubahan yang belum disimpan.</span>}
        <a className="pengaturan-right-link small" href={href('dokumen')}>
          Terbitkan dokumen →
        </a>
      </div>
    </form>
  )
}
