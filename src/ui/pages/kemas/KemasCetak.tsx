import { useId, useState, type FormEvent } from 'react'
import type { MethodInput, MethodOutput } from '../../../api/contract'
import { ApiError, invoke } from '../../api'
import { useApi } from '../../components/data'
import { ErrorBanner, Loading, useToast } from '../../components/Feedback'
import { useRun, useWrite } from '../../components/useWrite'
import { saveDownload } from '../../components/files'
import { Field, TextField } from '../../components/Form'
import { JobProgress, useJob } from '../../components/Jobs'
import { Section } from '../../components/Page'
import { fmt, fmtSepersepuluh } from '../../format'
import { rememberedKecamatan } from './KemasKemajuan'
import { RunButton } from '../../components/RunButton'

type Grid = MethodOutput<'kemas.lihatSusunanLabel'>
type Scope = MethodInput<'kemas.cetakLabel'>

/** The two papers of a kit, each printed for the chosen kecamatan or desa. */
const PRINTS = [
  ['label', 'Cetak label kotak (PDF)'],
  ['isi', 'Cetak daftar isi kit (PDF)'],
] as const

/** Printing for a whole desa or kecamatan: kotak labels on sticker sheets and the daftar isi of each kit. */
export function CetakView() {
  return (
    <>
      <PrintPanel />
      <SatkerPrint />
      <GridSettings />
    </>
  )
}

function PrintPanel() {
  const kecamatan = useApi('wilayah.daftarKecamatan', {})
  // Until one is chosen: the kecamatan being packed (last looked at) is the likely one to print.
  const [chosenKec, setKecId] = useState<number | '' | null>(null)
  const remembered = rememberedKecamatan()
  const kecId = chosenKec ?? kecamatan.data?.find((k) => k.id === remembered)?.id ?? kecamatan.data?.[0]?.id ?? ''
  const desaList = useApi('wilayah.daftarDesa', { kecamatanId: kecId === '' ? undefined : kecId }, kecId !== '')
  const [desaId, setDesaId] = useState<number | ''>('')
  const [ringkas, setRingkas] = useState(false)
  const { running: busy, error, run } = useRun<'label' | 'isi'>()
  const [last, setLast] = useState<string | null>(null)
  const toast = useToast()
  const ids = useId()

  const desas = desaList.data ?? []
  const kec = kecamatan.data?.find((k) => k.id === kecId)
  const desa = desas.find((d) => d.id === desaId)
  const scope: Scope | null = desaId !== '' ? { desaId } : kecId !== '' ? { kecamatanId: kecId } : null
  const scopeText = desa
    ? `Desa/Kel. ${desa.nama} (${fmt(desa.tps)} TPS)`
    : kec
      ? `Kecamatan ${kec.nama} (${fmt(kec.tps)} TPS)`
      : ''

  async function print(what: 'label' | 'isi') {
    if (!scope) return
    await run(what, async () => {
      const d =
        what === 'label'
          ? await invoke('kemas.cetakLabel', scope)
          : await invoke('kemas.cetakDaftarIsi', { scope, ringkas })
      saveDownload(d)
      const text = `${d.fileName}: ${what === 'label' ? `${fmt(d.count)} label kotak` : `daftar isi ${fmt(d.count)} TPS`}`
      setLast(text)
      toast.showSuccess(text + '.', 'PDF siap dicetak')
    })
  }

  return (
    <Section title="Cetak label kotak dan daftar isi kit">
      <ErrorBanner
        error={kecamatan.error ?? desaList.error}
        onRetry={() => (kecamatan.reload(), desaList.reload())}
        title="Daftar wilayah tidak dapat dimuat"
      />
      {!kecamatan.data ? (
        !kecamatan.error && <Loading />
      ) : kecamatan.data.length === 0 ? (
        <p className="empty">Belum ada TPS. Impor daftar TPS di halaman Wilayah &amp; TPS.</p>
      ) : (
        <div className="kemas-cetak-form" data-testid="cetak-panel">
          <div className="form-grid">
            <Field label="Kecamatan (PPK)">
              {(id) => (
                <select
                  id={id}
                  value={kecId}
                  onChange={(e) => {
                    setKecId(Number(e.target.value))
                    setDesaId('')
                  }}
                >
                  {kecamatan.data!.map((k) => (
                    <option key={k.id} value={k.id}>
                      {k.nama} ({fmt(k.tps)} TPS)
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Desa/kelurahan (PPS)" hint="Kosongkan untuk mencetak satu kecamatan">
              {(id, d) => (
                <select
                  id={id}
                  aria-describedby={d}
                  value={desaId}
                  onChange={(e) => setDesaId(e.target.value === '' ? '' : Number(e.target.value))}
                >
                  <option value="">Seluruh kecamatan</option>
                  {desas.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.nama} ({fmt(x.tps)} TPS)
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <fieldset className="field">
            <legend>Susunan daftar isi</legend>
            <div className="radio-row">
              <label className="radio">
                <input type="radio" name={ids + '-ringkas'} checked={!ringkas} onChange={() => setRingkas(false)} />
                <span>Satu TPS per halaman</span>
              </label>
              <label className="radio">
                <input type="radio" name={ids + '-ringkas'} checked={ringkas} onChange={() => setRingkas(true)} />
                <span>Ringkas (beberapa TPS per halaman)</span>
              </label>
            </div>
          </fieldset>
          <p className="kemas-cetak-scope">
            Cakupan: <strong>{scopeText}</strong>. Urutan cetak mengikuti urutan tumpukan kit: desa/kelurahan, lalu
            nomor TPS, lalu nomor kotak.
          </p>
          <ErrorBanner error={error} title="PDF tidak dapat dibuat" />
          <div className="form-actions cetak-actions">
            {PRINTS.map(([run, label]) => (
              <RunButton
                key={run}
                run={run}
                busy={busy}
                onRun={print}
                disabled={!scope}
                label={label}
                busyLabel="Membuat PDF…"
              />
            ))}
          </div>
          {last && (
            <p className="muted small" role="status">
              Terakhir dibuat: {last}
            </p>
          )}
        </div>
      )}
    </Section>
  )
}

/* -------------------------------------------------- the whole satker */

/**
 * Every kotak label or every daftar isi of the satker: thousands of pages, so a background job (one PDF
 * per kecamatan in a ZIP) with its progress, time left and Batal; the app stays usable meanwhile.
 */
function SatkerPrint() {
  const printJob = useJob('kemas.cetakSatker', { resume: true })
  const summary = useApi('wilayah.lihatRingkasan', {})
  const [ringkas, setRingkas] = useState(false)
  const [which, setWhich] = useState<'label' | 'daftarIsi' | null>(null)
  const toast = useToast()
  const ids = useId()

  async function run(jenis: 'label' | 'daftarIsi') {
    setWhich(jenis)
    const r = await printJob.start({ jenis, ringkas })
    if (r)
      toast.showSuccess(
        `${r.fileName}: ${fmt(r.files)} PDF kecamatan, ${jenis === 'label' ? `${fmt(r.count)} label kotak` : `daftar isi ${fmt(r.count)} TPS`}.`,
        'Cetakan kabupaten/kota siap',
      )
  }

  const tps = summary.data?.tps ?? 0
  return (
    <Section title="Cetak seluruh kabupaten/kota" id="cetak-satker">
      <p className="muted small">
        Label setiap kotak atau daftar isi setiap TPS ({fmt(tps)} TPS), satu PDF per kecamatan dalam satu berkas ZIP,
        dalam urutan tumpukan. Pekerjaan ini berjalan di latar belakang: aplikasi tetap dapat dipakai, dan berkas
        disimpan di folder keluaran di samping basis data.
      </p>
      <div className="radio-row" role="radiogroup" aria-label="Susunan daftar isi seluruh kabupaten/kota">
        <label className="radio">
          <input
            type="radio"
            name={ids + '-ringkas'}
            checked={!ringkas}
            onChange={() => setRingkas(false)}
            disabled={printJob.running}
          />
          <span>Daftar isi satu TPS per halaman</span>
        </label>
        <label className="radio">
          <input
            type="radio"
            name={ids + '-ringkas'}
            checked={ringkas}
            onChange={() => setRingkas(true)}
            disabled={printJob.running}
          />
          <span>Ringkas</span>
        </label>
      </div>
      <div className="form-actions cetak-actions">
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => void run('label')}
          disabled={printJob.running || tps === 0}
        >
          Label semua kotak (ZIP)
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => void run('daftarIsi')}
          disabled={printJob.running || tps === 0}
        >
          Daftar isi semua TPS (ZIP)
        </button>
      </div>
      <ErrorBanner error={printJob.error} title="Cetakan kabupaten/kota tidak dapat dibuat" />
      {printJob.status && (
        <JobProgress
          status={printJob.status}
          onCancel={() => void printJob.cancel()}
          label={which === 'daftarIsi' ? 'Daftar isi semua TPS' : 'Label semua kotak'}
          testId="cetak-satker-job"
        />
      )}
    </Section>
  )
}

/* ------------------------------------------------------- label grid */

const A4 = { width: 210, height: 297 }
const NUMBER_FIELDS = [
  'rows',
  'cols',
  'gapX',
  'gapY',
  'marginTop',
  'marginBottom',
  'marginLeft',
  'marginRight',
] as const
type NumberField = (typeof NUMBER_FIELDS)[number]
type Draft = Record<NumberField, string> & { outline: boolean }

const FIELD_LABEL: Record<NumberField, string> = {
  rows: 'Baris',
  cols: 'Kolom',
  marginTop: 'Margin atas (mm)',
  marginBottom: 'Margin bawah (mm)',
  marginLeft: 'Margin kiri (mm)',
  marginRight: 'Margin kanan (mm)',
  gapX: 'Jarak kolom (mm)',
  gapY: 'Jarak baris (mm)',
}

const toDraft = (g: Grid): Draft => ({
  ...(Object.fromEntries(NUMBER_FIELDS.map((k) => [k, String(g[k]).replace('.', ',')])) as Record<NumberField, string>),
  outline: g.outline,
})
const num = (s: string) => Number(s.trim().replace(',', '.'))

/** What the sheet looks like with these numbers; the service decides whether labels are big enough. */
function sheetOf(d: Draft) {
  const g = Object.fromEntries(NUMBER_FIELDS.map((k) => [k, num(d[k])])) as Record<NumberField, number>
  if (
    NUMBER_FIELDS.some((k) => !Number.isFinite(g[k]) || g[k] < 0) ||
    !Number.isInteger(g.rows) ||
    !Number.isInteger(g.cols) ||
    g.rows < 1 ||
    g.cols < 1 ||
    g.rows > 12 ||
    g.cols > 6
  )
    return null
  const width = (A4.width - g.marginLeft - g.marginRight - g.gapX * (g.cols - 1)) / g.cols
  const height = (A4.height - g.marginTop - g.marginBottom - g.gapY * (g.rows - 1)) / g.rows
  return { g, width, height }
}

const mmText = (n: number) => fmtSepersepuluh(n)

function GridSettings() {
  const q = useApi('kemas.lihatSusunanLabel', {})
  // Untouched, the fields show the saved layout; edits are kept apart.
  const [edits, setDraft] = useState<Draft | null>(null)
  const draft = edits ?? (q.data ? toDraft(q.data) : null)
  const { error, setError, errors, busy, run } = useWrite()

  if (!q.data || !draft)
    return (
      <Section title="Susunan lembar stiker label">
        {q.error ? <ErrorBanner error={q.error} onRetry={q.reload} /> : <Loading />}
      </Section>
    )

  const sheet = sheetOf(draft)
  const dirty = JSON.stringify(draft) !== JSON.stringify(toDraft(q.data))

  function submit(e: FormEvent) {
    e.preventDefault()
    const bad = NUMBER_FIELDS.filter((k) => !Number.isFinite(num(draft![k])) || draft![k].trim() === '')
    if (bad.length) {
      setError(
        new ApiError(
          'INVALID_INPUT',
          'Isian susunan label belum benar',
          bad.map((k) => ({ column: k, message: 'Isi angka' })),
        ),
      )
      return
    }
    return run(async () => {
      const g = await invoke('kemas.aturSusunanLabel', {
        ...(Object.fromEntries(NUMBER_FIELDS.map((k) => [k, num(draft![k])])) as Record<NumberField, number>),
        outline: draft!.outline,
      })
      setDraft(toDraft(g))
      return [
        `Label berikutnya dicetak ${g.rows} baris × ${g.cols} kolom per lembar A4.`,
        'Susunan label tersimpan',
      ] as const
    })
  }

  const set = (k: NumberField, v: string) => setDraft({ ...draft, [k]: v })

  return (
    <Section title="Susunan lembar stiker label">
      <form onSubmit={submit} noValidate className="kemas-grid-settings" data-testid="label-grid-form">
        <div>
          <p className="muted small">
            Sesuaikan dengan kertas label yang dibeli (A4). Ukur margin dan jarak dengan penggaris pada satu lembar
            kosong.
          </p>
          <ErrorBanner error={error} title="Susunan belum tersimpan" shown={() => false} />
          <div className="kemas-grid-fields">
            {NUMBER_FIELDS.map((k) => (
              <TextField
                key={k}
                label={FIELD_LABEL[k]}
                error={errors[k]}
                inputMode="decimal"
                value={draft[k]}
                onChange={(v) => set(k, v)}
              />
            ))}
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.outline}
              onChange={(e) => setDraft({ ...draft, outline: e.target.checked })}
            />
            Cetak garis potong putus-putus (untuk kertas biasa, bukan stiker)
          </label>
          <div className="form-actions">
            {dirty && (
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => (setDraft(toDraft(q.data!)), setError(undefined))}
              >
                Batalkan perubahan
              </button>
            )}
            <button type="submit" className="btn btn-primary" disabled={busy || !dirty}>
              {busy ? 'Menyimpan…' : 'Simpan susunan'}
            </button>
          </div>
        </div>
        <SheetPreview sheet={sheet} outline={draft.outline} />
      </form>
    </Section>
  )
}

function SheetPreview({ sheet, outline }: { sheet: ReturnType<typeof sheetOf>; outline: boolean }) {
  const scale = 0.82 // px per mm: an A4 sheet of about 172 x 244 px
  if (!sheet)
    return (
      <div className="kemas-sheet-preview-empty muted small">
        Isi baris dan kolom (bilangan bulat) serta margin untuk melihat pratinjau.
      </div>
    )
  const { g, width, height } = sheet
  const fits = width > 0 && height > 0
  const boxes = fits
    ? Array.from({ length: g.rows * g.cols }, (_, i) => {
        const r = Math.floor(i / g.cols)
        const c = i % g.cols
        return { i, left: g.marginLeft + c * (width + g.gapX), top: g.marginTop + r * (height + g.gapY) }
      })
    : []
  return (
    <figure className="kemas-sheet-preview" data-testid="sheet-preview">
      <div className="kemas-sheet" style={{ width: A4.width * scale, height: A4.height * scale }} aria-hidden="true">
        {boxes.map((b) => (
          <span
            key={b.i}
            className={`kemas-sheet-label${outline ? ' kemas-sheet-label-outline' : ''}`}
            style={{ left: b.left * scale, top: b.top * scale, width: width * scale, height: height * scale }}
          >
            <span className="kemas-sheet-label-band" />
            <span className="kemas-sheet-label-qr" />
          </span>
        ))}
      </div>
      <figcaption>
        {fits ? (
          <>
            Ukuran label{' '}
            <strong data-testid="label-size">
              {mmText(width)} × {mmText(height)} mm
            </strong>
            <span className="block">
              {fmt(g.rows * g.cols)} label per lembar A4 ({fmt(g.rows)} baris × {fmt(g.cols)} kolom)
            </span>
          </>
        ) : (
          <strong className="kemas-text-error">Margin dan jarak lebih besar dari lembar A4.</strong>
        )}
      </figcaption>
    </figure>
  )
}
