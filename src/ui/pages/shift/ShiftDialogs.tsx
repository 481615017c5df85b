import { useId, useState, type FormEvent, type ReactNode } from 'react'
import { invoke, type ApiError } from '../../api'
import { useApi } from '../../components/data'
import { Dialog, DialogActions } from '../../components/Dialog'
import { ErrorBanner } from '../../components/Feedback'
import { type Saved, useDialogSave } from '../../components/useWrite'
import { TextField } from '../../components/Form'
import { fmt } from '../../format'
import {
  type Attendance,
  type Shift,
  TeamPicker,
  Unplaced,
  VariantPicker,
  attendanceInput,
  chosenFor,
  useTeamOptions,
} from './ShiftForms'

/** A shift's own dialogs: attendance, closing and reopening with a reason. */

export function HadirDialog({ shift, onClose }: { shift: Shift; onClose(): void }) {
  const formId = useId()
  const variants = useApi('barang.daftarVarian', {})
  const teams = useTeamOptions(shift)
  const [attendance, setAttendance] = useState<Attendance>(() =>
    Object.fromEntries(shift.teams.map((t) => [t.teamId, t.workers.map((w) => w.workerId)])),
  )
  const [variantIds, setVariantIds] = useState<number[]>(() => shift.variants.map((v) => v.variantId))
  const { error, errors, busy, run } = useDialogSave(onClose)
  const fitting = (variants.data ?? []).filter(
    (v) => (v.active || variantIds.includes(v.variantId)) && chosenFor(shift.kind, v),
  )

  function submit(e: FormEvent) {
    e.preventDefault()
    void run(async () => {
      await invoke('shift.aturKehadiran', {
        shiftId: shift.id,
        teams: attendanceInput(attendance),
        ...(shift.kind === 'packing' ? {} : { variantIds }),
      })
      return `Daftar hadir shift #${shift.id} diperbarui.`
    })
  }

  return (
    <Dialog
      open
      wide
      title={`Daftar hadir shift #${shift.id}`}
      onClose={onClose}
      footer={<DialogActions onCancel={onClose} busy={busy} label="Simpan daftar hadir" formId={formId} />}
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

/* ---------------------------------------------------- tutup, buka kembali */

/** A step of a shift that takes a note (closing it, opening it again): what it means, the note, one action. */
function NoteDialog({
  title,
  action,
  busyLabel,
  noteLabel,
  placeholder,
  send,
  onClose,
  children,
}: {
  title: string
  action: string
  busyLabel: string
  noteLabel: string
  placeholder: string
  /** Makes the call with the note typed, and says what was done. */
  send(note: string): Promise<Saved>
  onClose(): void
  /** What the step means and, after a refusal, why it was refused. */
  children(error: ApiError | undefined): ReactNode
}) {
  const formId = useId()
  const [note, setNote] = useState('')
  const { error, errors, busy, run } = useDialogSave(onClose)

  function submit(e: FormEvent) {
    e.preventDefault()
    void run(() => send(note))
  }

  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      footer={<DialogActions onCancel={onClose} busy={busy} label={action} busyLabel={busyLabel} formId={formId} />}
    >
      <form id={formId} onSubmit={submit} noValidate>
        {children(error)}
        <TextField
          label={noteLabel}
          error={errors.note}
          value={note}
          onChange={setNote}
          data-autofocus
          placeholder={placeholder}
        />
      </form>
    </Dialog>
  )
}

export function TutupDialog({ shift, onClose }: { shift: Shift; onClose(): void }) {
  return (
    <NoteDialog
      title={`Tutup shift #${shift.id}?`}
      action="Tutup shift"
      busyLabel="Menutup…"
      noteLabel="Catatan penutupan (tidak wajib)"
      placeholder="Mis. semua regu selesai pukul 16.05"
      onClose={onClose}
      send={async (note) => {
        await invoke('shift.tutup', { shiftId: shift.id, note })
        return [`Shift #${shift.id} ditutup.`, 'Shift ditutup']
      }}
    >
      {(error) => (
        <>
          {shift.kind === 'packing' ? (
            <p>
              Kit yang sudah dikemas tetap tercatat. Setelah ditutup, pengemasan berikutnya dicatat dalam shift
              pengemasan lain, dan angka shift ini hanya dapat dikoreksi dengan membuka kembali shift.
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
          <ErrorBanner error={error} title="Shift belum dapat ditutup" testId="tutup-refusal">
            {error?.details.some((d) => d.column === 'proses') && (
              <p>
                Isi kolom <strong>Kembali (belum selesai)</strong> untuk yang belum selesai dikerjakan, simpan tally,
                lalu tutup shift lagi.
              </p>
            )}
          </ErrorBanner>
        </>
      )}
    </NoteDialog>
  )
}

export function BukaKembaliDialog({ shift, onClose }: { shift: Shift; onClose(): void }) {
  return (
    <NoteDialog
      title={`Buka kembali shift #${shift.id}`}
      action="Buka kembali"
      busyLabel="Membuka…"
      noteLabel="Alasan membuka kembali"
      placeholder="Mis. koreksi jumlah baik regu Mawar"
      onClose={onClose}
      send={async (note) => {
        await invoke('shift.bukaKembali', { shiftId: shift.id, note })
        return [`Shift #${shift.id} dibuka kembali. Koreksi dapat dicatat sekarang.`, 'Shift dibuka kembali']
      }}
    >
      {(error) => (
        <>
          <p>Alasan membuka kembali dicatat di riwayat shift, bersama nama petugas dan waktunya.</p>
          <Unplaced error={error} fields={['note']} />
        </>
      )}
    </NoteDialog>
  )
}
/* ----------------------------------------------------- reklasifikasi */
