import { useCallback, useId, useState, type FormEvent } from 'react'
import type { MethodOutput } from '../../../api/contract'
import { invoke, type ApiError } from '../../api'
import { useApi } from '../../components/data'
import { FormDialog } from '../../components/Dialog'
import { CheckList } from '../../components/Form'
import { ErrorBanner, Loading } from '../../components/Feedback'
import { FormFields, notPlacedIn, useFormState, type Fields } from '../../components/FormFields'
import { isIsoDate, normalizeClock } from '../../../core/shifts'
import { fmt, fmtJamRentang, fmtTanggal, todayIso } from '../../format'
import { href } from '../../router'
import { reguName } from '../../../core/regu'
import { useWrite } from '../../components/useWrite'

/** The packing shift the kits on this PC are recorded in: picked once, kept for this tab. */
type ShiftSummary = MethodOutput<'shift.daftar'>[number]

const STORE_KEY = 'gudang.kemas.shift'

function readStored(): number | null {
  try {
    const v = Number(sessionStorage.getItem(STORE_KEY))
    return Number.isInteger(v) && v > 0 ? v : null
  } catch {
    return null
  }
}

function store(id: number | null) {
  try {
    if (id === null) sessionStorage.removeItem(STORE_KEY)
    else sessionStorage.setItem(STORE_KEY, String(id))
  } catch {
    /* the choice then lasts until the page is left */
  }
}

export interface PackingShift {
  /** Open packing shifts, newest first. */
  open: ShiftSummary[]
  active: ShiftSummary | undefined
  loaded: boolean
  error: ApiError | undefined
  reload(): void
  choose(id: number): void
}

export function usePackingShift(): PackingShift {
  const list = useApi('shift.daftar', {})
  const [chosen, setChosen] = useState<number | null>(readStored)
  const open = (list.data ?? []).filter((s) => s.kind === 'packing' && s.status === 'open').sort((a, b) => b.id - a.id)
  // The one picked, else the newest open packing shift: one shift at a time is the usual floor.
  const active = open.find((s) => s.id === chosen) ?? open[0]
  const choose = useCallback((id: number) => {
    store(id)
    setChosen(id)
  }, [])
  return { open, active, loaded: list.data !== undefined, error: list.error, reload: list.reload, choose }
}

const shiftText = (s: ShiftSummary) =>
  `Shift #${s.id} · ${fmtTanggal(s.tanggal, 'short')}, ${fmtJamRentang(s.mulai, s.selesai)}`

/** "Shift #6 · 23 Nov · 08:00–16:00": fits the narrow picker when several packing shifts are open. */
function shiftOption(s: ShiftSummary): string {
  const day = fmtTanggal(s.tanggal, 'dayMonth')
  return `Shift #${s.id} · ${day} · ${fmtJamRentang(s.mulai, s.selesai)}${s.lokasi ? ` · ${s.lokasi}` : ''}`
}

export function ShiftBar({ shift }: { shift: PackingShift }) {
  const [opening, setOpening] = useState(false)
  const selectId = useId()
  return (
    <div className={`kemas-shift${shift.active ? '' : ' kemas-shift-none'}`} data-testid="kemas-shift">
      <span className="kemas-shift-title">Shift pengemasan</span>
      {shift.error ? (
        <ErrorBanner error={shift.error} onRetry={shift.reload} title="Daftar shift tidak dapat dimuat" />
      ) : !shift.loaded ? (
        <Loading />
      ) : shift.active ? (
        <>
          {shift.open.length > 1 ? (
            <>
              <label htmlFor={selectId} className="visually-hidden">
                Shift pengemasan aktif
              </label>
              <select id={selectId} value={shift.active.id} onChange={(e) => shift.choose(Number(e.target.value))}>
                {shift.open.map((s) => (
                  <option key={s.id} value={s.id}>
                    {shiftOption(s)}
                  </option>
                ))}
              </select>
            </>
          ) : (
            <a className="kemas-shift-name" href={href('shift', shift.active.id)} title="Buka halaman shift ini">
              {shiftText(shift.active)}
            </a>
          )}
          <span className="muted small">
            {fmt(shift.active.teams)} regu · {fmt(shift.active.workers)} pekerja
            {shift.active.lokasi ? ` · ${shift.active.lokasi}` : ''}
          </span>
        </>
      ) : (
        <span className="kemas-shift-missing">Belum ada shift pengemasan terbuka. Pengemasan dicatat dalam shift.</span>
      )}
      <button
        type="button"
        className={shift.active || !shift.loaded ? 'btn btn-secondary btn-small' : 'btn btn-primary'}
        onClick={() => setOpening(true)}
      >
        Buka shift pengemasan…
      </button>
      {opening && (
        <BukaShiftPengemasan
          onClose={() => setOpening(false)}
          onOpened={(id) => {
            shift.choose(id)
            setOpening(false)
          }}
        />
      )}
    </div>
  )
}

/** A compact "buka shift" for the packing floor: no variants to choose, kits decide what is packed. */
function BukaShiftPengemasan({ onClose, onOpened }: { onClose(): void; onOpened(id: number): void }) {
  const teams = useApi('regu.daftar', {})
  const form = useFormState(() => ({ tanggal: todayIso(), mulai: '08:00', selesai: '16:00', lokasi: '' }))
  const { tanggal, mulai, selesai } = form.values
  const [teamIds, setTeamIds] = useState<number[]>([])
  const { error, errors, busy, run } = useWrite()
  const active = (teams.data ?? []).filter((t) => t.active)

  async function submit(e?: FormEvent) {
    e?.preventDefault()
    let opened = 0
    const ok = await run(async () => {
      const s = await invoke('shift.buka', {
        kind: 'packing',
        ...form.values,
        mulai: normalizeClock(mulai),
        selesai: normalizeClock(selesai),
        variantIds: [],
        teams: teamIds.map((teamId) => ({ teamId })),
      })
      opened = s.id
      return [`Shift pengemasan #${s.id} dibuka dengan ${fmt(s.teams.length)} regu.`, 'Shift dibuka']
    })
    if (ok) onOpened(opened)
  }

  const fields: Fields<typeof form.values> = [
    { name: 'tanggal', kind: 'date', hint: isIsoDate(tanggal) ? fmtTanggal(tanggal) : undefined, autoFocus: true },
    { name: 'mulai', kind: 'time' },
    { name: 'selesai', kind: 'time' },
  ]
  const bound = { form, errors, method: 'shift.buka' }
  return (
    <FormDialog
      title="Buka shift pengemasan"
      label="Buka shift"
      busyLabel="Membuka…"
      onClose={onClose}
      busy={busy}
      onSave={(e) => void submit(e)}
      className="kemas-shift-form"
      banner={
        <ErrorBanner error={error} title="Shift belum dibuka" shown={notPlacedIn([...fields, ...LOKASI, 'teams'])} />
      }
    >
      <p className="muted small">
        Setting dan pengemasan kit per TPS. Isi kit mengikuti kebutuhan setiap TPS, jadi tidak perlu memilih barang.
      </p>
      <div className="form-grid kemas-shift-grid">
        <FormFields fields={fields} {...bound} />
      </div>
      <FormFields fields={LOKASI} {...bound} />
      <CheckList
        legend="Regu yang bekerja"
        items={active}
        idOf={(t) => t.id}
        label={(t) => (
          <span>
            {reguName(t.nama)} <span className="muted small">({fmt(t.members)} pekerja)</span>
          </span>
        )}
        value={teamIds}
        onChange={setTeamIds}
        error={errors.teams}
        listClassName="kemas-team-list"
        testId="kemas-team-picker"
        instead={
          teams.error ? (
            <ErrorBanner error={teams.error} onRetry={teams.reload} title="Daftar regu tidak dapat dimuat" />
          ) : !teams.data ? (
            <Loading />
          ) : (
            active.length === 0 && (
              <p className="empty">
                Belum ada regu aktif. Tambahkan regu di halaman <a href={href('pekerja')}>Pekerja &amp; Regu</a>.
              </p>
            )
          )
        }
      />
    </FormDialog>
  )
}

const LOKASI: Fields<{ lokasi: string }> = [
  { name: 'lokasi', hint: 'Boleh dikosongkan, mis. Gudang B, meja setting 1–3' },
]
