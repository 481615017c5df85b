import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react'
import type { MethodOutput, VariantInfo } from '../../../api/contract'
import {
  isIsoDate,
  itemChosenForShift,
  normalizeClock,
  SHIFT_KIND_CODES,
  SHIFT_KINDS,
  type ShiftKind,
} from '../../../core/shifts'
import { ApiError, fieldErrors, invoke, toApiError } from '../../api'
import { useApi, useRefreshAll } from '../../components/data'
import { Dialog } from '../../components/Dialog'
import { Banner, ErrorBanner, Loading, useToast } from '../../components/Feedback'
import { Field } from '../../components/Form'
import { Swatch } from '../../components/Page'
import { StatusBadge } from '../../components/StatusBadge'
import { variantShort } from '../../components/TallyGrid'
import { fmt, fmtTanggal, readCount, todayIso } from '../../format'
import { navigate } from '../../router'

/** Dialogs of the Sortir & Rakit pages: opening a shift, attendance, closing, reopening, re-classifying rusak. */

type Shift = MethodOutput<'shift.lihat'>

/** What a shift of this kind works on, with the unit its figures are counted in. */
const kindHint = (k: ShiftKind) => `${SHIFT_KINDS[k].work} (${SHIFT_KINDS[k].unit})`

const chosenFor = (kind: ShiftKind, v: VariantInfo) =>
  itemChosenForShift(kind, { code: v.itemCode, kind: v.kind, assembled: v.assembled })

/* ------------------------------------------------------------ pickers */

interface TeamOption {
  id: number
  nama: string
  members: { id: number; nama: string }[]
}

/** Present workers per team; a team is present when it has an entry. */
export type Attendance = Record<number, number[]>

function useTeamOptions(extra?: Shift): {
  options: TeamOption[] | undefined
  error: ApiError | undefined
  reload(): void
} {
  const teams = useApi('regu.daftar', {})
  const workers = useApi('pekerja.daftar', {})
  const options = useMemo(() => {
    if (!teams.data || !workers.data) return undefined
    const list: TeamOption[] = teams.data
      .filter((t) => t.active || extra?.teams.some((x) => x.teamId === t.id))
      .map((t) => ({
        id: t.id,
        nama: t.nama,
        members: workers.data!.filter((w) => w.teamId === t.id && w.active).map((w) => ({ id: w.id, nama: w.nama })),
      }))
    // Whoever the shift already recorded stays pickable, even after moving team.
    for (const st of extra?.teams ?? []) {
      const o = list.find((t) => t.id === st.teamId)
      if (!o) continue
      for (const w of st.workers)
        if (!o.members.some((m) => m.id === w.workerId)) o.members.push({ id: w.workerId, nama: w.nama })
    }
    return list
  }, [teams.data, workers.data, extra])
  return {
    options,
    error: teams.error ?? workers.error,
    reload: () => {
      teams.reload()
      workers.reload()
    },
  }
}

function TeamPicker({
  options,
  value,
  onChange,
  error,
}: {
  options: TeamOption[]
  value: Attendance
  onChange(v: Attendance): void
  error?: string | undefined
}) {
  if (options.length === 0) {
    return (
      <p className="empty">
        Belum ada regu aktif. Tambahkan regu dan pekerjanya di halaman <a href="#/pekerja">Pekerja &amp; Regu</a>.
      </p>
    )
  }
  return (
    <fieldset className={`field${error ? ' field-invalid' : ''}`}>
      <legend>Regu yang bekerja</legend>
      <ul className="shift-pick-list" data-testid="team-picker">
        {options.map((t) => {
          const present = value[t.id]
          const on = present !== undefined
          return (
            <li key={t.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={(e) => {
                    const next = { ...value }
                    if (e.target.checked) next[t.id] = t.members.map((m) => m.id)
                    else delete next[t.id]
                    onChange(next)
                  }}
                />
                <span>
                  Regu {t.nama}{' '}
                  <span className="muted small">
                    {on
                      ? `${fmt(present.length)} dari ${fmt(t.members.length)} pekerja hadir`
                      : `${fmt(t.members.length)} pekerja`}
                  </span>
                </span>
              </label>
              {on && t.members.length > 0 && (
                <details className="shift-pick-workers">
                  <summary>Pekerja hadir di regu {t.nama}</summary>
                  <ul>
                    {t.members.map((w) => (
                      <li key={w.id}>
                        <label className="check">
                          <input
                            type="checkbox"
                            checked={present.includes(w.id)}
                            onChange={(e) =>
                              onChange({
                                ...value,
                                [t.id]: e.target.checked ? [...present, w.id] : present.filter((x) => x !== w.id),
                              })
                            }
                          />
                          {w.nama}
                        </label>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          )
        })}
      </ul>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  )
}

function VariantPicker({
  variants,
  value,
  onChange,
  error,
  legend,
}: {
  variants: VariantInfo[]
  value: number[]
  onChange(v: number[]): void
  error?: string | undefined
  legend: string
}) {
  return (
    <fieldset className={`field${error ? ' field-invalid' : ''}`}>
      <legend>{legend}</legend>
      {variants.length === 0 ? (
        <p className="empty">Tidak ada barang yang cocok dengan jenis shift ini.</p>
      ) : (
        <ul className="shift-pick-list" data-testid="variant-picker">
          {variants.map((v) => (
            <li key={v.variantId}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={value.includes(v.variantId)}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...value, v.variantId] : value.filter((x) => x !== v.variantId))
                  }
                />
                <span className="ballot-name">
                  <Swatch hex={v.colorHex} />
                  <span>{variantShort(v)}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  )
}

function ClockInput({
  id,
  describedBy,
  invalid,
  value,
  onChange,
}: {
  id: string
  describedBy: string | undefined
  invalid: boolean
  value: string
  onChange(v: string): void
}) {
  return (
    <input
      id={id}
      aria-describedby={describedBy}
      aria-invalid={invalid}
      inputMode="numeric"
      autoComplete="off"
      maxLength={5}
      placeholder="JJ:MM"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={(e) => onChange(normalizeClock(e.target.value))}
    />
  )
}

const attendanceInput = (a: Attendance) =>
  Object.entries(a).map(([teamId, workerIds]) => ({ teamId: Number(teamId), workerIds }))

/** Messages the form could not put under a field, e.g. "Ani sudah tercatat hadir di regu Melati". */
function Unplaced({ error, fields }: { error: ApiError | undefined; fields: string[] }) {
  if (!error) return null
  const rest = error.details.filter((d) => !d.column || !fields.includes(d.column))
  return (
    <Banner kind="error" title={<>{error.message}</>}>
      {/* The messages name the team or worker themselves; field keys like "workerIds" mean nothing on the floor. */}
      {rest.length > 0 && (
        <ul>
          {rest.map((d, i) => (
            <li key={i}>{d.message}</li>
          ))}
        </ul>
      )}
    </Banner>
  )
}

function Footer({
  onClose,
  busy,
  label,
  busyLabel = 'Menyimpan…',
  formId,
}: {
  onClose(): void
  busy: boolean
  label: string
  busyLabel?: string
  formId: string
}) {
  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={onClose}>
        Batal
      </button>
      <button type="submit" form={formId} className="btn btn-primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </>
  )
}

/* -------------------------------------------------------- buka shift */

export function BukaShiftDialog({ onClose }: { onClose(): void }) {
  const formId = useId()
  const variants = useApi('barang.daftarVarian', {})
  const teams = useTeamOptions()
  const [kind, setKind] = useState<ShiftKind>('sortir_lipat')
  const [tanggal, setTanggal] = useState(todayIso)
  const [mulai, setMulai] = useState('08:00')
  const [selesai, setSelesai] = useState('16:00')
  const [lokasi, setLokasi] = useState('')
  const [pengawas, setPengawas] = useState('')
  const [note, setNote] = useState('')
  const [variantIds, setVariantIds] = useState<number[]>([])
  const [attendance, setAttendance] = useState<Attendance>({})
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const errors = fieldErrors(error)

  const fitting = (variants.data ?? []).filter((v) => v.active && chosenFor(kind, v))

  const changeKind = (k: ShiftKind) => {
    setKind(k)
    const fits = (variants.data ?? []).filter((v) => v.active && chosenFor(k, v))
    // One kotak or one bilik item: nothing to choose.
    setVariantIds(k !== 'sortir_lipat' && fits.length === 1 ? [fits[0]!.variantId] : [])
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      // A packing shift packs whole TPS kits: each kit decides what goes in, so no variants are chosen.
      const s = await invoke('shift.buka', {
        kind,
        tanggal,
        mulai,
        selesai,
        lokasi,
        pengawas,
        note,
        variantIds: kind === 'packing' ? [] : variantIds,
        teams: attendanceInput(attendance),
      })
      toast.showSuccess(
        `Shift #${s.id} dibuka: ${s.teams.length} regu, ${s.teams.reduce((n, t) => n + t.workers.length, 0)} pekerja.`,
        'Shift dibuka',
      )
      refreshAll()
      onClose()
      navigate('shift', s.id)
    } catch (err) {
      setError(toApiError(err))
      setBusy(false)
    }
  }

  const fields = ['kind', 'tanggal', 'mulai', 'selesai', 'lokasi', 'pengawas', 'note', 'variantIds', 'teams']
  return (
    <Dialog
      open
      wide
      title="Buka shift"
      onClose={onClose}
      footer={<Footer onClose={onClose} busy={busy} label="Buka shift" busyLabel="Membuka…" formId={formId} />}
    >
      <form id={formId} onSubmit={submit} noValidate className="shift-form">
        <Unplaced error={error} fields={fields} />
        <fieldset className="field">
          <legend>Jenis pekerjaan</legend>
          <div className="shift-kind-options">
            {SHIFT_KIND_CODES.map((k, i) => (
              <label key={k} className={`radio-card${kind === k ? ' selected' : ''}`}>
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => changeKind(k)}
                  data-autofocus={i === 0 ? '' : undefined}
                />
                <span>
                  <strong>{SHIFT_KINDS[k].label}</strong>
                  <span className="small">{kindHint(k)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="form-grid shift-form-grid">
          <Field
            label="Tanggal"
            error={errors.tanggal}
            hint={
              isIsoDate(tanggal) ? (
                <span className="shift-date-words">{fmtTanggal(tanggal)}</span>
              ) : (
                'Pilih tanggal shift'
              )
            }
          >
            {(id, d, inv) => (
              <input
                id={id}
                type="date"
                aria-describedby={d}
                aria-invalid={inv}
                value={tanggal}
                onChange={(e) => setTanggal(e.target.value)}
                required
              />
            )}
          </Field>
          {/* Plain text, not type=time: the browser would show 04:00 PM on an English Windows, the floor says 16:00. */}
          <Field label="Mulai" error={errors.mulai} hint="Jam 24, mis. 08:00">
            {(id, d, inv) => <ClockInput id={id} describedBy={d} invalid={inv} value={mulai} onChange={setMulai} />}
          </Field>
          <Field label="Selesai" error={errors.selesai} hint="Jam 24, mis. 16:00">
            {(id, d, inv) => <ClockInput id={id} describedBy={d} invalid={inv} value={selesai} onChange={setSelesai} />}
          </Field>
          <Field label="Lokasi/meja" error={errors.lokasi} hint="Mis. Gudang A, meja 1–6">
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={lokasi}
                onChange={(e) => setLokasi(e.target.value)}
              />
            )}
          </Field>
          <Field label="Pengawas" error={errors.pengawas} hint="Nama pengawas internal yang bertugas">
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={pengawas}
                onChange={(e) => setPengawas(e.target.value)}
              />
            )}
          </Field>
          <Field label="Catatan" error={errors.note}>
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="shift-form-pickers">
          {kind === 'packing' ? (
            <div className="field">
              <p className="muted">
                Isi setiap kit mengikuti kebutuhan TPS-nya; barang tidak perlu dipilih. Kit dikemas di halaman{' '}
                <a href="#/kemas">Pengemasan</a>.
              </p>
            </div>
          ) : variants.data ? (
            <VariantPicker
              legend={kind === 'sortir_lipat' ? 'Surat suara yang dikerjakan' : 'Barang yang dirakit'}
              variants={fitting}
              value={variantIds}
              onChange={setVariantIds}
              error={errors.variantIds}
            />
          ) : (
            <ErrorBanner error={variants.error} onRetry={variants.reload} title="Daftar barang tidak dapat dimuat" />
          )}
          {teams.options ? (
            <TeamPicker
              options={teams.options}
              value={attendance}
              onChange={setAttendance}
              error={errors.teams ?? errors.workerIds ?? errors.teamId}
            />
          ) : teams.error ? (
            <ErrorBanner error={teams.error} onRetry={teams.reload} title="Daftar regu tidak dapat dimuat" />
          ) : (
            <Loading />
          )}
        </div>
        <button type="submit" hidden tabIndex={-1} />
      </form>
    </Dialog>
  )
}

/* ------------------------------------------------------- daftar hadir */

export function HadirDialog({ shift, onClose }: { shift: Shift; onClose(): void }) {
  const formId = useId()
  const variants = useApi('barang.daftarVarian', {})
  const teams = useTeamOptions(shift)
  const [attendance, setAttendance] = useState<Attendance>(() =>
    Object.fromEntries(shift.teams.map((t) => [t.teamId, t.workers.map((w) => w.workerId)])),
  )
  const [variantIds, setVariantIds] = useState<number[]>(() => shift.variants.map((v) => v.variantId))
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const errors = fieldErrors(error)
  const fitting = (variants.data ?? []).filter(
    (v) => (v.active || variantIds.includes(v.variantId)) && chosenFor(shift.kind, v),
  )

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await invoke('shift.aturKehadiran', {
        shiftId: shift.id,
        teams: attendanceInput(attendance),
        ...(shift.kind === 'packing' ? {} : { variantIds }),
      })
      toast.showSuccess(`Daftar hadir shift #${shift.id} diperbarui.`)
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
      wide
      title={`Daftar hadir shift #${shift.id}`}
      onClose={onClose}
      footer={<Footer onClose={onClose} busy={busy} label="Simpan daftar hadir" formId={formId} />}
    >
      <form id={formId} onSubmit={submit} noValidate>
        <p className="muted">
          Pekerja yang datang terlambat atau pulang lebih awal dapat diubah selama shift terbuka. Regu atau pekerja yang
          sudah memiliki hasil tercatat tidak dapat dihapus.
        </p>
        <Unplaced error={error} fields={['variantIds', 'teams']} />
        <div className="shift-form-pickers">
          {teams.options ? (
            <TeamPicker options={teams.options} value={attendance} onChange={setAttendance} error={errors.teams} />
          ) : (
            <ErrorBanner error={teams.error} onRetry={teams.reload} title="Daftar regu tidak dapat dimuat" />
          )}
          {shift.kind !== 'packing' && (
            <VariantPicker
              legend={shift.kind === 'sortir_lipat' ? 'Surat suara yang dikerjakan' : 'Barang yang dirakit'}
              variants={fitting}
              value={variantIds}
              onChange={setVariantIds}
              error={errors.variantIds}
            />
          )}
        </div>
        <button type="submit" hidden tabIndex={-1} />
      </form>
    </Dialog>
  )
}

/* -------------------------------------------------------------- tutup */

export function TutupDialog({ shift, onClose }: { shift: Shift; onClose(): void }) {
  const formId = useId()
  const [note, setNote] = useState('')
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await invoke('shift.tutup', { shiftId: shift.id, note })
      toast.showSuccess(`Shift #${shift.id} ditutup.`, 'Shift ditutup')
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
      title={`Tutup shift #${shift.id}?`}
      onClose={onClose}
      footer={<Footer onClose={onClose} busy={busy} label="Tutup shift" busyLabel="Menutup…" formId={formId} />}
    >
      <form id={formId} onSubmit={submit} noValidate>
        {shift.kind === 'packing' ? (
          <p>
            Kit yang sudah dikemas tetap tercatat. Setelah ditutup, pengemasan berikutnya dicatat dalam shift pengemasan
            lain, dan angka shift ini hanya dapat dikoreksi dengan membuka kembali shift.
          </p>
        ) : (
          <p>
            Shift ditutup setelah semua yang diserahkan ke regu tercatat sebagai{' '}
            {shift.kind === 'sortir_lipat' ? 'baik' : 'siap'}, rusak atau kembali. Setelah ditutup, angka hanya dapat
            dikoreksi dengan membuka kembali shift.
          </p>
        )}
        {shift.inProcess > 0 && !error && (
          <p className="text-warn">
            Masih ada {fmt(shift.inProcess)} {shift.unit} dalam proses.
          </p>
        )}
        {error && (
          <Banner kind="error" title="Shift belum dapat ditutup" testId="tutup-refusal">
            <p>{error.message}</p>
            {error.details.length > 0 && (
              <ul>
                {error.details.map((d, i) => (
                  <li key={i}>{d.message}</li>
                ))}
              </ul>
            )}
            {error.details.some((d) => d.column === 'proses') && (
              <p>
                Isi kolom <strong>Kembali (belum selesai)</strong> untuk yang belum selesai dikerjakan, simpan tally,
                lalu tutup shift lagi.
              </p>
            )}
          </Banner>
        )}
        <Field label="Catatan penutupan (tidak wajib)">
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-autofocus
              placeholder="Mis. semua regu selesai pukul 16.05"
            />
          )}
        </Field>
      </form>
    </Dialog>
  )
}

/* ------------------------------------------------------- buka kembali */

export function BukaKembaliDialog({ shift, onClose }: { shift: Shift; onClose(): void }) {
  const formId = useId()
  const [note, setNote] = useState('')
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const errors = fieldErrors(error)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await invoke('shift.bukaKembali', { shiftId: shift.id, note })
      toast.showSuccess(`Shift #${shift.id} dibuka kembali. Koreksi dapat dicatat sekarang.`, 'Shift dibuka kembali')
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
      title={`Buka kembali shift #${shift.id}`}
      onClose={onClose}
      footer={<Footer onClose={onClose} busy={busy} label="Buka kembali" busyLabel="Membuka…" formId={formId} />}
    >
      <form id={formId} onSubmit={submit} noValidate>
        <p>Alasan membuka kembali dicatat di riwayat shift, bersama nama petugas dan waktunya.</p>
        <Unplaced error={error} fields={['note']} />
        <Field label="Alasan membuka kembali" error={errors.note}>
          {(id, d, inv) => (
            <input
              id={id}
              aria-describedby={d}
              aria-invalid={inv}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-autofocus
              placeholder="Mis. koreksi jumlah baik regu Mawar"
            />
          )}
        </Field>
      </form>
    </Dialog>
  )
}

/* ----------------------------------------------------- reklasifikasi */

export function ReklasifikasiDialog({ shift, onClose }: { shift: Shift; onClose(): void }) {
  const formId = useId()
  const reasons = useApi('rusak.daftarAlasan', {})
  const recon = useApi('rekonsiliasi.lihat', {})
  const [variantId, setVariantId] = useState(shift.variants[0]?.variantId ?? 0)
  const [reason, setReason] = useState('')
  const [qty, setQty] = useState('')
  const [note, setNote] = useState('')
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const errors = fieldErrors(error)
  const variant = shift.variants.find((v) => v.variantId === variantId)
  const applicable = (reasons.data ?? []).filter(
    (r) => r.appliesTo === 'all' || r.appliesTo === (variant?.kind === 'ballot' ? 'ballot' : 'assembled'),
  )
  const rusakNow = recon.data?.find((r) => r.variantId === variantId)?.rusak ?? {}
  const reasonCode = applicable.some((r) => r.code === reason)
    ? reason
    : (applicable.find((r) => (rusakNow[r.code] ?? 0) > 0)?.code ?? applicable[0]?.code ?? '')

  async function submit(e: FormEvent) {
    e.preventDefault()
    const n = readCount(qty)
    if (typeof n !== 'number') {
      setError(
        new ApiError('INVALID_INPUT', 'Periksa isian yang ditandai', [
          { column: 'qty', message: 'Isi dengan bilangan bulat' },
        ]),
      )
      return
    }
    setBusy(true)
    setError(undefined)
    try {
      await invoke('rusak.reklasifikasi', {
        variantId,
        reason: reasonCode,
        qty: n,
        note,
        shiftId: shift.status === 'open' ? shift.id : null,
      })
      toast.showSuccess(
        `${fmt(n)} ${shift.unit} dinyatakan layak pakai; tercatat sebagai reklasifikasi.`,
        'Reklasifikasi tersimpan',
      )
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
      title="Reklasifikasi rusak → layak pakai"
      onClose={onClose}
      footer={<Footer onClose={onClose} busy={busy} label="Simpan reklasifikasi" formId={formId} />}
    >
      <form id={formId} onSubmit={submit} noValidate>
        <p className="muted">
          {shift.kind === 'sortir_lipat'
            ? 'Untuk surat suara yang semula dinyatakan rusak tetapi setelah diperiksa ulang ternyata layak pakai (mis. noda di luar kolom foto, nomor dan nama).'
            : 'Untuk kotak atau bilik yang semula dinyatakan rusak tetapi setelah diperiksa ulang ternyata layak pakai.'}{' '}
          Tercatat di buku besar sebagai REKLASIFIKASI dengan alasan Anda, bukan sebagai penghapusan rusak.
          {shift.status !== 'open' && ' Shift ini sudah ditutup, sehingga reklasifikasi dicatat tanpa rujukan shift.'}
        </p>
        <Unplaced error={error} fields={['variantId', 'reason', 'qty', 'note']} />
        <div className="form-grid">
          <Field
            label={shift.kind === 'sortir_lipat' ? 'Surat suara' : 'Barang'}
            error={errors.variantId}
            className="span-2"
          >
            {(id, d, inv) => (
              <select
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={variantId}
                onChange={(e) => setVariantId(Number(e.target.value))}
                data-autofocus
              >
                {shift.variants.map((v) => (
                  <option key={v.variantId} value={v.variantId}>
                    {variantShort(v)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Kriteria rusak semula" error={errors.reason} className="span-2">
            {(id, d, inv) => (
              <select
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={reasonCode}
                onChange={(e) => setReason(e.target.value)}
              >
                {applicable.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.short} — tercatat rusak {fmt(rusakNow[r.code] ?? 0)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={`Jumlah (${shift.unit})`} error={errors.qty}>
            {(id, d, inv) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                inputMode="numeric"
                value={qty}
                onChange={(e) => setQty(e.target.value)}
              />
            )}
          </Field>
        </div>
        <Field
          label="Alasan dinyatakan layak pakai"
          error={errors.note}
          hint="Wajib diisi; tampil di riwayat buku besar dan berita acara"
        >
          {(id, d, inv) => (
            <input
              id={id}
              aria-describedby={d}
              aria-invalid={inv}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="Mis. tinta di luar kotak foto, diperiksa ulang bersama Bawaslu"
            />
          )}
        </Field>
      </form>
    </Dialog>
  )
}

export const ShiftStatusBadge = ({ status }: { status: 'open' | 'closed' }): ReactNode =>
  status === 'open' ? (
    <StatusBadge state="success">Terbuka</StatusBadge>
  ) : (
    <StatusBadge state="netral">Ditutup</StatusBadge>
  )
