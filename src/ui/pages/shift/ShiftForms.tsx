import { useMemo, type ReactNode } from 'react'
import type { MethodOutput, VariantInfo } from '../../../api/contract'
import { itemChosenForShift, type ShiftKind } from '../../../core/shifts'
import { type ApiError } from '../../api'
import { IdCheck } from '../../components/IdCheck'
import { CheckList } from '../../components/Form'
import { useApi } from '../../components/data'
import { ErrorBanner } from '../../components/Feedback'
import { Swatch } from '../../components/Page'
import { StatusBadge } from '../../components/StatusBadge'
import { variantShort } from '../../components/TallyGrid'
import { fmt } from '../../format'
import { reguName } from '../../../core/regu'

/** The parts the Sortir & Rakit dialogs share: team and item pickers, the clock field, messages and the footer. */

export type Shift = MethodOutput<'shift.lihat'>

export const chosenFor = (kind: ShiftKind, v: VariantInfo) =>
  itemChosenForShift(kind, { code: v.itemCode, kind: v.kind, assembled: v.assembled })

/* ------------------------------------------------------------ pickers */

interface TeamOption {
  id: number
  nama: string
  members: { id: number; nama: string }[]
}

/** Present workers per team; a team is present when it has an entry. */
export type Attendance = Record<number, number[]>

export function useTeamOptions(extra?: Shift): {
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

export function TeamPicker({
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
      <ul className="pick-list shift-pick-list" data-testid="team-picker">
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
                  {reguName(t.nama)}{' '}
                  <span className="muted small">
                    {on
                      ? `${fmt(present.length)} dari ${fmt(t.members.length)} pekerja hadir`
                      : `${fmt(t.members.length)} pekerja`}
                  </span>
                </span>
              </label>
              {on && t.members.length > 0 && (
                <details className="shift-pick-workers">
                  <summary>Pekerja hadir di {reguName(t.nama, true)}</summary>
                  <ul>
                    {t.members.map((w) => (
                      <li key={w.id}>
                        <IdCheck id={w.id} chosen={present} onChange={(ids) => onChange({ ...value, [t.id]: ids })}>
                          {w.nama}
                        </IdCheck>
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

export function VariantPicker({
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
    <CheckList
      legend={legend}
      items={variants}
      idOf={(v) => v.variantId}
      label={(v) => (
        <span className="ballot-name">
          <Swatch hex={v.colorHex} />
          <span>{variantShort(v)}</span>
        </span>
      )}
      value={value}
      onChange={onChange}
      error={error}
      instead={variants.length === 0 && <p className="empty">Tidak ada barang yang cocok dengan jenis shift ini.</p>}
      listClassName="pick-list shift-pick-list"
      testId="variant-picker"
    />
  )
}

export const attendanceInput = (a: Attendance) =>
  Object.entries(a).map(([teamId, workerIds]) => ({ teamId: Number(teamId), workerIds }))

/** Messages the form could not put under a field, e.g. "Ani sudah tercatat hadir di regu Melati". */
export function Unplaced({ error, fields }: { error: ApiError | undefined; fields: string[] }) {
  return <ErrorBanner error={error} title="Belum tersimpan" shown={(d) => !d.column || !fields.includes(d.column)} />
}

/* -------------------------------------------------------- buka shift */

export const ShiftStatusBadge = ({ status }: { status: 'open' | 'closed' }): ReactNode =>
  status === 'open' ? (
    <StatusBadge state="success">Terbuka</StatusBadge>
  ) : (
    <StatusBadge state="netral">Ditutup</StatusBadge>
  )
