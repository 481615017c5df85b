import { useId, useState, type FormEvent } from 'react'
import { isIsoDate, SHIFT_KIND_CODES, SHIFT_KINDS, type ShiftKind } from '../../../core/shifts'
import { invoke } from '../../api'
import { useApi } from '../../components/data'
import { Dialog, DialogActions } from '../../components/Dialog'
import { ErrorBanner, Loading } from '../../components/Feedback'
import { RadioCard } from '../../components/Form'
import { FormFields, useFormState, type Fields } from '../../components/FormFields'
import { fmtTanggal, todayIso } from '../../format'
import { navigate } from '../../router'
import { useDialogSave } from '../../components/useWrite'
import {
  type Attendance,
  TeamPicker,
  Unplaced,
  VariantPicker,
  attendanceInput,
  chosenFor,
  useTeamOptions,
} from './ShiftForms'
import { DateField } from '../../components/DateField'

/** Buka shift: the kind of work, when and where, what is worked on and who is present. */

/** When and where a shift works and who watches it; the date, with its words, stands before these. */
const TIME_AND_PLACE: Fields<{ mulai: string; selesai: string; lokasi: string; pengawas: string; note: string }> = [
  { name: 'mulai', kind: 'time', hint: 'Jam 24, mis. 08.00' },
  { name: 'selesai', kind: 'time', hint: 'Jam 24, mis. 16.00' },
  { name: 'lokasi', hint: 'Mis. Gudang A, meja 1–6' },
  { name: 'pengawas', hint: 'Nama pengawas internal yang bertugas' },
  { name: 'note' },
]

/** What a shift of this kind works on, with the unit its figures are counted in. */
const kindHint = (k: ShiftKind) => `${SHIFT_KINDS[k].work} (${SHIFT_KINDS[k].unit})`

export function BukaShiftDialog({ onClose }: { onClose(): void }) {
  const formId = useId()
  const variants = useApi('barang.daftarVarian', {})
  const teams = useTeamOptions()
  const [kind, setKind] = useState<ShiftKind>('sortir_lipat')
  const [tanggal, setTanggal] = useState(todayIso)
  const form = useFormState({ mulai: '08:00', selesai: '16:00', lokasi: '', pengawas: '', note: '' })
  const { mulai, selesai, lokasi, pengawas, note } = form.values
  const [variantIds, setVariantIds] = useState<number[]>([])
  const [attendance, setAttendance] = useState<Attendance>({})
  const { error, errors, busy, run } = useDialogSave(onClose)

  const fitting = (variants.data ?? []).filter((v) => v.active && chosenFor(kind, v))

  const changeKind = (k: ShiftKind) => {
    setKind(k)
    const fits = (variants.data ?? []).filter((v) => v.active && chosenFor(k, v))
    // One kotak or one bilik item: nothing to choose.
    setVariantIds(k !== 'sortir_lipat' && fits.length === 1 ? [fits[0]!.variantId] : [])
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    let opened = 0
    const ok = await run(async () => {
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
      opened = s.id
      return [
        `Shift #${s.id} dibuka: ${s.teams.length} regu, ${s.teams.reduce((n, t) => n + t.workers.length, 0)} pekerja.`,
        'Shift dibuka',
      ]
    })
    if (ok) navigate('shift', opened)
  }

  const fields = ['kind', 'tanggal', 'mulai', 'selesai', 'lokasi', 'pengawas', 'note', 'variantIds', 'teams']
  return (
    <Dialog
      open
      wide
      title="Buka shift"
      onClose={onClose}
      footer={<DialogActions onCancel={onClose} busy={busy} label="Buka shift" busyLabel="Membuka…" formId={formId} />}
    >
      <form id={formId} onSubmit={submit} noValidate className="shift-form">
        <Unplaced error={error} fields={fields} />
        <fieldset className="field">
          <legend>Jenis pekerjaan</legend>
          <div className="shift-kind-options">
            {SHIFT_KIND_CODES.map((k, i) => (
              <RadioCard
                key={k}
                name="kind"
                value={k}
                checked={kind === k}
                onChoose={() => changeKind(k)}
                title={SHIFT_KINDS[k].label}
                explain={kindHint(k)}
                autoFocus={i === 0}
              />
            ))}
          </div>
        </fieldset>
        <div className="form-grid shift-form-grid">
          <DateField
            label="Tanggal"
            error={errors.tanggal}
            hint={
              isIsoDate(tanggal) ? (
                <span className="shift-date-words">{fmtTanggal(tanggal)}</span>
              ) : (
                'hh/bb/tttt, mis. 05/11/2024'
              )
            }
            value={tanggal}
            onChange={setTanggal}
            required
          />
          <FormFields fields={TIME_AND_PLACE} form={form} errors={errors} method="shift.buka" />
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
