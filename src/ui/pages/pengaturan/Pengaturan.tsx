import { useId, useMemo, useState, type FormEvent } from 'react'
import type { Election, Item, MethodInput, MethodOutput } from '../../../api/contract'
import {
  percentToBasisPoints,
  reserveFor,
  ROUNDING_EXPLAIN,
  ROUNDING_LABELS,
  type Rounding,
} from '../../../core/reserve'
import { type ApiError, fieldErrors, invoke, toApiError } from '../../api'
import { useApi, useRefreshAll } from '../../components/data'
import { Dialog } from '../../components/Dialog'
import { Banner, ErrorBanner, Loading, useToast } from '../../components/Feedback'
import { readFileBase64 } from '../../components/files'
import { Field, FilePicker } from '../../components/Form'
import { PageHeader, Section, Swatch } from '../../components/Page'
import { StatusBadge } from '../../components/StatusBadge'
import { fmt, fmtPercent, JENIS_LABEL, RULE_LABEL } from '../../format'
import { href } from '../../router'
import { KopSection, SignersSection } from './PengaturanDokumen'
import { jumpTo, readNumbers } from './PengaturanShared'
import { UpahSection } from './PengaturanUpah'
import './pengaturan.css'

export function PengaturanPage({ election }: { election: Election }) {
  return (
    <>
      <PageHeader
        title="Pengaturan"
        lead="Data satker, aturan cadangan surat suara, kop surat, nomor dan penanda tangan dokumen, upah pekerja, barang logistik beserta aturan kebutuhannya, dan pemetaan kecamatan ke daerah pemilihan (dapil)."
      />
      <nav className="page-toc" aria-label="Bagian halaman">
        {TOC.map(([id, label]) => (
          <a key={id} href={href('pengaturan')} onClick={(e) => jumpTo(e, id)}>
            {label}
          </a>
        ))}
      </nav>
      <ElectionForm election={election} />
      <KopSection election={election} />
      <SignersSection election={election} />
      <UpahSection election={election} />
      <ItemsSection />
      <DapilSection />
    </>
  )
}

const TOC: [string, string][] = [
  ['pengaturan-pemilihan', 'Pemilihan dan satker'],
  ['pengaturan-kop', 'Kop surat dan dokumen'],
  ['pengaturan-ttd', 'Penanda tangan'],
  ['pengaturan-upah', 'Upah pekerja'],
  ['pengaturan-barang', 'Barang dan aturan kebutuhan'],
  ['pengaturan-dapil', 'Dapil per jenis surat suara'],
]

/* ------------------------------------------------------------------ election */

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
}

const draftOf = (e: Election): ElectionDraft => ({
  tahun: String(e.tahun),
  provinsi: e.provinsi,
  satker: e.satker,
  kodeWilayah: e.kodeWilayah,
  reservePercent: String(e.reservePercent).replace('.', ','),
  rounding: e.rounding,
  maxVotersPerTps: String(e.maxVotersPerTps),
  dataNote: e.dataNote,
})

function ElectionForm({ election }: { election: Election }) {
  // Untouched, the form shows the election as it is now (a save elsewhere included); edits are kept apart.
  const [edits, setEdits] = useState<ElectionDraft | null>(null)
  const draft = edits ?? draftOf(election)
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const errors = fieldErrors(error)
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(election))

  const set = <K extends keyof ElectionDraft>(k: K, v: ElectionDraft[K]) =>
    setEdits((d) => ({ ...(d ?? draftOf(election)), [k]: v }))

  async function submit(e: FormEvent) {
    e.preventDefault()
    const nums = readNumbers(
      { tahun: draft.tahun, reservePercent: draft.reservePercent, maxVotersPerTps: draft.maxVotersPerTps },
      ['reservePercent'],
    )
    if (nums.error) return setError(nums.error)
    setBusy(true)
    setError(undefined)
    const input: MethodInput<'pemilihan.ubah'> = {
      ...nums.values,
      provinsi: draft.provinsi,
      satker: draft.satker,
      kodeWilayah: draft.kodeWilayah,
      rounding: draft.rounding,
      dataNote: draft.dataNote,
    }
    try {
      setEdits(draftOf(await invoke('pemilihan.ubah', input)))
      toast.showSuccess('Pengaturan pemilihan tersimpan. Kebutuhan logistik dihitung ulang dengan pengaturan baru.')
      refreshAll()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  const fieldKeys = [
    'tahun',
    'provinsi',
    'satker',
    'kodeWilayah',
    'reservePercent',
    'rounding',
    'maxVotersPerTps',
    'dataNote',
  ]
  const unplaced = error && !error.details.some((d) => d.column && fieldKeys.includes(d.column))

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
          <Field label="Tahun" error={errors.tahun}>
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                inputMode="numeric"
                value={draft.tahun}
                onChange={(e) => set('tahun', e.target.value)}
              />
            )}
          </Field>
          <Field label="Provinsi" error={errors.provinsi}>
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={draft.provinsi}
                onChange={(e) => set('provinsi', e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Nama satker"
            error={errors.satker}
            hint="Tampil di kepala halaman dan di berita acara, mis. Kabupaten Batu Bara"
          >
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={draft.satker}
                onChange={(e) => set('satker', e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Kode wilayah"
            error={errors.kodeWilayah}
            hint="2 atau 4 angka kode Kemendagri, mis. 1219; dipakai juga pada nomor dokumen"
          >
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                inputMode="numeric"
                value={draft.kodeWilayah}
                onChange={(e) => set('kodeWilayah', e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Cadangan surat suara (%)"
            error={errors.reservePercent}
            hint="Pemilu 2%, Pilkada 2,5% dari DPT setiap TPS"
          >
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                inputMode="decimal"
                value={draft.reservePercent}
                onChange={(e) => set('reservePercent', e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Maksimal pemilih per TPS"
            error={errors.maxVotersPerTps}
            hint="Pemilu 2024: 300; Pilkada 2024: 600. TPS di atas batas ditandai."
          >
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                inputMode="numeric"
                value={draft.maxVotersPerTps}
                onChange={(e) => set('maxVotersPerTps', e.target.value)}
              />
            )}
          </Field>
        </div>

        <fieldset className={`field pengaturan-rounding${errors.rounding ? ' field-invalid' : ''}`}>
          <legend>Pembulatan cadangan per TPS</legend>
          <div className="radio-cards">
            {ROUNDINGS.map((r) => {
              const example = roundingExample(draft.reservePercent, r)
              return (
                <label key={r} className={`radio-card${draft.rounding === r ? ' selected' : ''}`}>
                  <input
                    type="radio"
                    name="rounding"
                    value={r}
                    checked={draft.rounding === r}
                    onChange={() => set('rounding', r)}
                  />
                  <span>
                    <strong>{ROUNDING_LABELS[r]}</strong>
                    <span className="small">{ROUNDING_EXPLAIN[r]}</span>
                    {example && <span className="pengaturan-example">{example}</span>}
                  </span>
                </label>
              )
            })}
          </div>
          {errors.rounding && <p className="field-error">{errors.rounding}</p>}
        </fieldset>

        <Field
          label="Catatan data"
          error={errors.dataNote}
          hint="Ditampilkan di Beranda dan Wilayah & TPS, mis. bahwa DPT masih data contoh atau belum ditetapkan."
        >
          {(id, d, inv) => (
            <textarea
              id={id}
              aria-describedby={d}
              aria-invalid={inv}
              rows={2}
              value={draft.dataNote}
              onChange={(e) => set('dataNote', e.target.value)}
            />
          )}
        </Field>

        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !dirty}>
            {busy ? 'Menyimpan…' : 'Simpan pengaturan'}
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
    </Section>
  )
}

/* --------------------------------------------------------------------- items */

type LogisticsRule = Exclude<Item['rule'], 'ballot'>
const LOGISTICS_RULES: LogisticsRule[] = ['per_tps', 'per_dpt', 'per_desa', 'per_kecamatan']

function ruleCell(i: Item): string {
  if (i.rule === 'ballot') return 'DPT + cadangan'
  if (i.rule === 'per_dpt') return `1 per ${fmt(i.per)} pemilih`
  return RULE_LABEL[i.rule]
}

function ItemsSection() {
  const items = useApi('barang.daftar', {})
  const [editing, setEditing] = useState<Item | null>(null)
  const [adding, setAdding] = useState(false)
  const [confirming, setConfirming] = useState<number | null>(null)
  const refreshAll = useRefreshAll()
  const toast = useToast()

  async function confirm(item: Item) {
    setConfirming(item.id)
    try {
      await invoke('barang.ubah', { id: item.id, confirmed: true })
      toast.showSuccess(`${item.name}: ${item.qty} ${item.unit} ${ruleCell(item).toLowerCase()} dikonfirmasi.`)
      refreshAll()
    } catch (err) {
      toast.showError(err, `${item.name} belum dikonfirmasi`)
    } finally {
      setConfirming(null)
    }
  }

  return (
    <Section
      title="Barang dan aturan kebutuhan"
      id="pengaturan-barang"
      actions={
        <button type="button" className="btn btn-secondary" onClick={() => setAdding(true)}>
          Tambah barang logistik…
        </button>
      }
    >
      <p className="muted">
        Surat suara selalu dihitung dari DPT ditambah cadangan. Jumlah barang lain adalah <strong>preset</strong> dari
        pengalaman satker lain dan perlu dikonfirmasi sesuai ketentuan yang berlaku sebelum dipakai untuk pengadaan atau
        pengepakan.
      </p>
      <ErrorBanner error={items.error} onRetry={items.reload} title="Daftar barang tidak dapat dimuat" />
      {items.data ? (
        <div className="table-wrap">
          <table className="table pengaturan-items" data-testid="items-table">
            <thead>
              <tr>
                <th scope="col" className="pengaturan-col-item">
                  Barang
                </th>
                <th scope="col">Satuan</th>
                <th scope="col">Aturan</th>
                <th scope="col" className="num">
                  Jumlah
                </th>
                <th scope="col" className="num">
                  PSU per dapil
                </th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Aksi</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.data.map((i) => (
                <tr key={i.id} className={i.active ? undefined : 'inactive'} data-code={i.code}>
                  <th scope="row">
                    <span className="ballot-name">
                      <Swatch hex={i.colorHex} label={i.color} />
                      <span>
                        {i.name}
                        <span className="muted small block">
                          {i.kind === 'ballot' ? 'Surat suara' : 'Logistik'} · {i.code}
                          {i.color ? ` · ${i.color}` : ''}
                          {i.assembled ? ' · dirakit di gudang' : ''}
                        </span>
                      </span>
                    </span>
                  </th>
                  <td>{i.unit}</td>
                  <td>{ruleCell(i)}</td>
                  <td className="num">{i.kind === 'ballot' ? '—' : fmt(i.qty)}</td>
                  <td className="num">{i.kind === 'ballot' ? fmt(i.psuPerDapil) : '—'}</td>
                  <td>
                    <span className="pengaturan-badges">
                      {i.preset && !i.confirmed && (
                        <StatusBadge state="perlu-diperiksa">Preset — perlu dikonfirmasi</StatusBadge>
                      )}
                      {i.confirmed && i.kind === 'logistics' && <StatusBadge state="success">Dikonfirmasi</StatusBadge>}
                      {!i.active && <StatusBadge state="netral">Tidak aktif</StatusBadge>}
                    </span>
                  </td>
                  <td className="actions">
                    {i.preset && !i.confirmed && (
                      <button
                        type="button"
                        className="btn btn-small btn-primary"
                        onClick={() => void confirm(i)}
                        disabled={confirming === i.id}
                        aria-label={`Konfirmasi ${i.name}`}
                      >
                        Konfirmasi
                      </button>
                    )}
                    <button
                      type="button"
                      className="btn btn-small btn-secondary"
                      onClick={() => setEditing(i)}
                      aria-label={`Ubah ${i.name}`}
                    >
                      Ubah
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        !items.error && <Loading />
      )}
      {editing && <ItemEditDialog item={editing} onClose={() => setEditing(null)} />}
      <ItemCreateDialog open={adding} onClose={() => setAdding(false)} />
    </Section>
  )
}

function RuleFields({
  rule,
  qty,
  per,
  unit,
  errors,
  onRule,
  onQty,
  onPer,
}: {
  rule: LogisticsRule
  qty: string
  per: string
  unit: string
  errors: Record<string, string>
  onRule(r: LogisticsRule): void
  onQty(v: string): void
  onPer(v: string): void
}) {
  return (
    <div className="form-grid">
      <Field label="Aturan kebutuhan" error={errors.rule}>
        {(id, d, inv) => (
          <select
            id={id}
            aria-describedby={d}
            aria-invalid={inv}
            value={rule}
            onChange={(e) => onRule(e.target.value as LogisticsRule)}
          >
            {LOGISTICS_RULES.map((r) => (
              <option key={r} value={r}>
                {RULE_LABEL[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={`Jumlah (${unit || 'satuan'})`} error={errors.qty}>
        {(id, d, inv) => (
          <input
            id={id}
            aria-describedby={d}
            aria-invalid={inv}
            inputMode="numeric"
            value={qty}
            onChange={(e) => onQty(e.target.value)}
          />
        )}
      </Field>
      {rule === 'per_dpt' && (
        <Field
          label="Untuk setiap … pemilih"
          error={errors.per}
          hint={`Mis. 1 ${unit || 'satuan'} per 100 pemilih; dibulatkan ke atas per TPS`}
        >
          {(id, d, inv) => (
            <input
              id={id}
              aria-describedby={d}
              aria-invalid={inv}
              inputMode="numeric"
              value={per}
              onChange={(e) => onPer(e.target.value)}
            />
          )}
        </Field>
      )}
    </div>
  )
}

function ItemEditDialog({ item, onClose }: { item: Item; onClose(): void }) {
  const [name, setName] = useState(item.name)
  const [unit, setUnit] = useState(item.unit)
  const [rule, setRule] = useState<LogisticsRule>(item.rule === 'ballot' ? 'per_tps' : item.rule)
  const [qty, setQty] = useState(String(item.qty))
  const [per, setPer] = useState(String(item.per))
  const [psu, setPsu] = useState(String(item.psuPerDapil))
  const [active, setActive] = useState(item.active)
  const [confirmNow, setConfirmNow] = useState(item.preset && !item.confirmed)
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const errors = fieldErrors(error)
  const ballot = item.kind === 'ballot'

  async function save(e?: FormEvent) {
    e?.preventDefault()
    const nums = ballot
      ? readNumbers({ psuPerDapil: psu })
      : readNumbers(rule === 'per_dpt' ? { qty, per } : { qty, per: '1' })
    if (nums.error) return setError(nums.error)
    setBusy(true)
    setError(undefined)
    const v = nums.values as Record<string, number>
    const input: MethodInput<'barang.ubah'> = ballot
      ? { id: item.id, name, unit, psuPerDapil: v.psuPerDapil, active }
      : { id: item.id, name, unit, rule, qty: v.qty, per: v.per, active }
    if (confirmNow) input.confirmed = true
    try {
      await invoke('barang.ubah', input)
      toast.showSuccess(`${name} tersimpan.`)
      refreshAll()
      onClose()
    } catch (err) {
      setError(toApiError(err))
      setBusy(false)
    }
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Ubah ${item.name}`}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Batal
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={busy}>
            {busy ? 'Menyimpan…' : 'Simpan'}
          </button>
        </>
      }
    >
      <form onSubmit={save} noValidate>
        {error && Object.keys(errors).length === 0 && <ErrorBanner error={error} title="Belum tersimpan" />}
        {error && Object.keys(errors).length > 0 && <p className="field-error">{error.message}</p>}
        <div className="form-grid">
          <Field label="Nama barang" error={errors.name} className="span-2">
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <Field label="Satuan" error={errors.unit} hint="Mis. lembar, buah, botol, set">
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={unit}
                onChange={(e) => setUnit(e.target.value)}
              />
            )}
          </Field>
          {ballot && (
            <Field
              label="Cadangan PSU per dapil"
              error={errors.psuPerDapil}
              hint="Surat suara pemungutan suara ulang yang disimpan di satker untuk setiap dapil (Pemilu: 1.000 menurut undang-undang)."
            >
              {(id, d, inv) => (
                <input
                  id={id}
                  aria-describedby={d}
                  aria-invalid={inv}
                  inputMode="numeric"
                  value={psu}
                  onChange={(e) => setPsu(e.target.value)}
                />
              )}
            </Field>
          )}
        </div>
        {ballot ? (
          <p className="muted small">
            Kebutuhan surat suara selalu DPT + cadangan per TPS; persentase dan pembulatannya diatur di bagian Pemilihan
            dan satker.
          </p>
        ) : (
          <RuleFields
            rule={rule}
            qty={qty}
            per={per}
            unit={unit}
            errors={errors}
            onRule={setRule}
            onQty={setQty}
            onPer={setPer}
          />
        )}
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          Aktif (dihitung dalam kebutuhan)
        </label>
        {item.preset && !item.confirmed && (
          <label className="check">
            <input type="checkbox" checked={confirmNow} onChange={(e) => setConfirmNow(e.target.checked)} />
            Tandai jumlah ini sudah dikonfirmasi satker
          </label>
        )}
        {/* Enter in a field submits. */}
        <button type="submit" hidden tabIndex={-1} />
      </form>
    </Dialog>
  )
}

function ItemCreateDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const empty = {
    code: '',
    name: '',
    unit: 'buah',
    rule: 'per_tps' as LogisticsRule,
    qty: '1',
    per: '1',
    assembled: false,
  }
  const [f, setF] = useState(empty)
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const errors = fieldErrors(error)

  const close = () => {
    setF(empty)
    setError(undefined)
    onClose()
  }

  async function save(e?: FormEvent) {
    e?.preventDefault()
    const nums = readNumbers({ qty: f.qty, per: f.rule === 'per_dpt' ? f.per : '1' })
    if (nums.error) return setError(nums.error)
    setBusy(true)
    setError(undefined)
    try {
      const item = await invoke('barang.tambah', {
        code: f.code.trim().toUpperCase(),
        name: f.name,
        unit: f.unit,
        rule: f.rule,
        ...nums.values,
        assembled: f.assembled,
      })
      toast.showSuccess(`${item.name} ditambahkan ke daftar barang.`)
      refreshAll()
      close()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Tambah barang logistik"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={close}>
            Batal
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={busy}>
            {busy ? 'Menyimpan…' : 'Tambah barang'}
          </button>
        </>
      }
    >
      <form onSubmit={save} noValidate>
        {error && Object.keys(errors).length === 0 && <ErrorBanner error={error} title="Barang belum ditambahkan" />}
        <div className="form-grid">
          <Field label="Kode barang" error={errors.code} hint="Huruf besar, angka atau garis bawah, mis. KABEL_TIES">
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={f.code}
                onChange={(e) => setF({ ...f, code: e.target.value.toUpperCase() })}
                autoComplete="off"
              />
            )}
          </Field>
          <Field label="Nama barang" error={errors.name}>
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={f.name}
                onChange={(e) => setF({ ...f, name: e.target.value })}
              />
            )}
          </Field>
          <Field label="Satuan" error={errors.unit} hint="Mis. buah, lembar, set, rol">
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={f.unit}
                onChange={(e) => setF({ ...f, unit: e.target.value })}
              />
            )}
          </Field>
        </div>
        <RuleFields
          rule={f.rule}
          qty={f.qty}
          per={f.per}
          unit={f.unit}
          errors={errors}
          onRule={(rule) => setF({ ...f, rule })}
          onQty={(qty) => setF({ ...f, qty })}
          onPer={(per) => setF({ ...f, per })}
        />
        <label className="check">
          <input type="checkbox" checked={f.assembled} onChange={(e) => setF({ ...f, assembled: e.target.checked })} />
          Datang dalam bentuk lembaran dan dirakit di gudang (seperti kotak suara)
        </label>
        <button type="submit" hidden tabIndex={-1} />
      </form>
    </Dialog>
  )
}

/* --------------------------------------------------------------------- dapil */

type DapilOfBallot = MethodOutput<'dapil.daftar'>[number]
type KecamatanRow = MethodOutput<'wilayah.daftarKecamatan'>[number]

function DapilSection() {
  const dapil = useApi('dapil.daftar', {})
  const kecamatan = useApi('wilayah.daftarKecamatan', {})
  const items = useApi('barang.daftar', {})
  const [selected, setSelected] = useState<number | null>(null)
  const selectId = useId()

  const ballots = dapil.data ?? []
  const current = ballots.find((b) => b.itemId === selected) ?? ballots[0]
  const colorOf = new Map((items.data ?? []).map((i) => [i.id, i]))

  return (
    <Section title="Dapil per jenis surat suara" id="pengaturan-dapil">
      <p className="muted">
        Surat suara yang berbeda untuk setiap daerah pemilihan (mis. DPRD kabupaten/kota) dihitung dan dikemas per jenis
        × dapil. Tetapkan dapil setiap kecamatan di sini, atau impor dari berkas.
      </p>
      <ErrorBanner
        error={dapil.error ?? kecamatan.error}
        onRetry={() => (dapil.reload(), kecamatan.reload())}
        title="Data dapil tidak dapat dimuat"
      />
      <DapilImport />
      {dapil.data && kecamatan.data ? (
        ballots.length === 0 ? (
          <p className="empty">Belum ada jenis surat suara.</p>
        ) : kecamatan.data.length === 0 ? (
          <p className="empty">
            Belum ada kecamatan. Impor daftar TPS di <a href={href('wilayah')}>Wilayah &amp; TPS</a>, lalu tetapkan
            dapil setiap kecamatan.
          </p>
        ) : (
          current && (
            <>
              <div className="field inline-field">
                <label htmlFor={selectId}>Jenis surat suara</label>
                <select id={selectId} value={current.itemId} onChange={(e) => setSelected(Number(e.target.value))}>
                  {ballots.map((b) => (
                    <option key={b.itemId} value={b.itemId}>
                      {b.itemName} ({fmt(b.dapil.length)} dapil)
                    </option>
                  ))}
                </select>
                <Swatch
                  hex={colorOf.get(current.itemId)?.colorHex ?? null}
                  label={colorOf.get(current.itemId)?.color}
                />
              </div>
              <DapilMappingEditor
                key={current.itemId + ':' + JSON.stringify(current.dapil)}
                ballot={current}
                kecamatan={kecamatan.data}
              />
            </>
          )
        )
      ) : (
        !(dapil.error ?? kecamatan.error) && <Loading />
      )}
    </Section>
  )
}

function DapilMappingEditor({ ballot, kecamatan }: { ballot: DapilOfBallot; kecamatan: KecamatanRow[] }) {
  const initial = useMemo(() => {
    const m: Record<number, string> = {}
    for (const d of ballot.dapil) for (const k of d.kecamatanIds) m[k] = d.name
    return m
  }, [ballot])
  const [mapping, setMapping] = useState<Record<number, string>>(initial)
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const listId = useId()
  const errors = fieldErrors(error)
  const dirty = kecamatan.some((k) => (mapping[k.id] ?? '') !== (initial[k.id] ?? ''))
  const names = [
    ...new Set([...ballot.dapil.map((d) => d.name), ...Object.values(mapping).filter((v) => v.trim())]),
  ].sort()

  async function save(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const result = await invoke('dapil.aturPemetaan', {
        itemId: ballot.itemId,
        mapping: kecamatan.map((k) => ({ kecamatanId: k.id, dapil: mapping[k.id] ?? '' })),
      })
      const count = result.find((b) => b.itemId === ballot.itemId)?.dapil.length ?? 0
      toast.showSuccess(`Dapil ${ballot.itemName} tersimpan: ${fmt(count)} dapil.`)
      refreshAll()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={save} noValidate>
      <div className="pengaturan-dapil-chips" aria-label="Dapil saat ini">
        {ballot.dapil.map((d) => (
          <span key={d.id} className="chip">
            {d.name} · {fmt(d.kecamatanIds.length)} kecamatan
          </span>
        ))}
      </div>
      {error && (
        <Banner kind="error" title="Dapil belum tersimpan">
          <p>{error.message}</p>
        </Banner>
      )}
      <datalist id={listId}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <div className="table-wrap">
        <table className="table table-compact pengaturan-dapil-table">
          <thead>
            <tr>
              <th scope="col">Kecamatan</th>
              <th scope="col" className="num">
                TPS
              </th>
              <th scope="col" className="num">
                DPT
              </th>
              <th scope="col">Dapil</th>
            </tr>
          </thead>
          <tbody>
            {kecamatan.map((k, i) => {
              const err = errors[`mapping.${i}.dapil`] ?? errors[`mapping.${i}.kecamatanId`]
              return (
                <tr key={k.id}>
                  <th scope="row">{k.nama}</th>
                  <td className="num">{fmt(k.tps)}</td>
                  <td className="num">{fmt(k.dpt)}</td>
                  <td>
                    <input
                      className="pengaturan-input-dapil"
                      list={listId}
                      value={mapping[k.id] ?? ''}
                      onChange={(e) => setMapping({ ...mapping, [k.id]: e.target.value })}
                      aria-label={`Dapil ${ballot.itemName} untuk Kecamatan ${k.nama}`}
                      aria-invalid={Boolean(err)}
                      placeholder="Nama dapil, mis. Batu Bara 1"
                    />
                    {err && <p className="field-error">{err}</p>}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !dirty}>
          {busy ? 'Menyimpan…' : 'Simpan dapil'}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy || !dirty}
          onClick={() => (setMapping(initial), setError(undefined))}
        >
          Batalkan perubahan
        </button>
      </div>
    </form>
  )
}

function DapilImport() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>()
  const refreshAll = useRefreshAll()
  const toast = useToast()

  async function onFile(file: File | undefined) {
    if (!file) return
    setBusy(true)
    setError(undefined)
    try {
      const contentBase64 = await readFileBase64(file)
      const r = await invoke('dapil.impor', { fileName: file.name, contentBase64 })
      toast.showSuccess(
        `${fmt(r.updated)} pemetaan kecamatan ke dapil diperbarui dari ${file.name}.`,
        'Impor dapil tersimpan',
      )
      refreshAll()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="pengaturan-import-box">
      <FilePicker
        label="Impor dapil dari berkas (CSV atau XLSX)"
        accept=".csv,.xlsx"
        onFile={(f) => void onFile(f)}
        disabled={busy}
        hint={
          <>
            Kolom: <code>surat_suara</code> (mis. DPRD_KAB atau nama jenisnya), <code>kecamatan</code>,{' '}
            <code>dapil</code>. Satu baris untuk setiap kecamatan dan jenis surat suara. Seluruh berkas disimpan atau
            tidak sama sekali.
          </>
        }
      />
      {busy && <Loading label="Mengimpor dapil…" />}
      <ErrorBanner error={error} title="Impor dapil gagal; tidak ada yang diubah" />
    </div>
  )
}
