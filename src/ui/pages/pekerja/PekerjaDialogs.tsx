import { useState, type FormEvent } from 'react'
import type { Pekerja, Regu } from '../../../api/contract'
import { cleanNik } from '../../../core/workerImport'
import { ApiError, invoke, toApiError } from '../../api'
import { useRefreshAll } from '../../components/data'
import { Dialog, FormDialog } from '../../components/Dialog'
import { Banner, ErrorBanner, Loading } from '../../components/Feedback'
import { useDialogSave } from '../../components/useWrite'
import { readFileBase64 } from '../../components/files'
import { FilePicker } from '../../components/Form'
import { FormFields, placed, useFormState, type Fields } from '../../components/FormFields'
import { fmt, readCount } from '../../format'
import { reguName } from '../../../core/regu'

/* ------------------------------------------------------------------ worker */

export function WorkerDialog({ worker, teams, onClose }: { worker: Pekerja | null; teams: Regu[]; onClose(): void }) {
  const editing = worker !== null
  const form = useFormState({
    nama: worker?.nama ?? '',
    nik: '',
    dropNik: false,
    telepon: worker?.telepon ?? '',
    // What the bendahara pays by and reports the tax with (issue 13): printed on the rekap upah.
    npwp: worker?.npwp ?? '',
    bank: worker?.bank ?? '',
    noRekening: worker?.noRekening ?? '',
    teamId: worker?.teamId ? String(worker.teamId) : '',
    active: worker?.active ?? true,
  })
  const { nik, dropNik, teamId, active, ...f } = form.values
  const { error, errors, busy, run } = useDialogSave(onClose)
  const movingLeader = editing && worker.isLeader && String(worker.teamId ?? '') !== teamId
  const hasNik = editing && worker.hasNik

  const fields: Fields<typeof form.values> = [
    { name: 'nama', className: 'span-2', autoFocus: true },
    {
      name: 'nik',
      label: hasNik ? 'NIK baru' : 'NIK',
      kind: 'numeric',
      hint: hasNik ? (
        <>
          Tersimpan: <span className="pekerja-nik">{worker.nikMasked}</span>. Kosongkan untuk tetap memakai NIK ini.
        </>
      ) : (
        '16 angka sesuai KTP; boleh dikosongkan'
      ),
      disabled: dropNik,
      input: { maxLength: 20 },
    },
    { name: 'telepon', kind: 'tel', hint: 'Mis. 081234567890' },
    { name: 'npwp', kind: 'numeric', hint: '15 atau 16 angka; boleh dikosongkan', input: { maxLength: 24 } },
    { name: 'bank', hint: 'Mis. BRI' },
    { name: 'noRekening', kind: 'numeric', input: { maxLength: 30 } },
    {
      name: 'teamId',
      kind: 'select',
      hint: movingLeader
        ? `${worker.nama} adalah ketua ${reguName(worker.team ?? '')}; setelah dipindah, regu itu tidak lagi memiliki ketua.`
        : undefined,
      options: [
        ['', 'Tanpa regu'],
        ...teams.map((t) => [String(t.id), reguName(t.nama) + (t.active ? '' : ' (tidak aktif)')] as const),
      ],
    },
    hasNik && { name: 'dropNik', kind: 'checkbox', label: 'Hapus NIK yang tersimpan' },
    editing && { name: 'active', kind: 'checkbox', label: 'Aktif (dapat dipilih dalam shift sortir-lipat dan rakit)' },
  ]

  function save(e?: FormEvent) {
    e?.preventDefault()
    void run(async () => {
      const team = teamId ? Number(teamId) : null
      const newNik = cleanNik(nik)
      const w = editing
        ? await invoke('pekerja.ubah', {
            id: worker.id,
            ...f,
            teamId: team,
            active,
            // Undefined keeps the stored NIK: the screen never had it, so it cannot send it back.
            ...(dropNik ? { nik: null } : newNik ? { nik: newNik } : {}),
          })
        : await invoke('pekerja.tambah', { ...f, nik: newNik || null, teamId: team })
      return [
        `${w.nama}${w.team ? ` · ${reguName(w.team)}` : ''}${w.active ? '' : ' (tidak aktif)'}.`,
        editing ? 'Data pekerja tersimpan' : 'Pekerja ditambahkan',
      ] as const
    })
  }

  return (
    <FormDialog
      title={editing ? `Ubah pekerja: ${worker.nama}` : 'Tambah pekerja'}
      label={editing ? 'Simpan' : 'Tambah pekerja'}
      onClose={onClose}
      busy={busy}
      onSave={save}
      banner={!placed(error, [...fields, 'active']) && <ErrorBanner error={error} title="Belum tersimpan" />}
    >
      <FormFields fields={fields} form={form} errors={errors} method="pekerja.ubah" grid />
    </FormDialog>
  )
}

/* -------------------------------------------------------------------- team */

export function TeamDialog({ team, workers, onClose }: { team: Regu | null; workers: Pekerja[]; onClose(): void }) {
  const editing = team !== null
  const form = useFormState({
    nama: team?.nama ?? '',
    leaderId: team?.leaderId ? String(team.leaderId) : '',
    dailyTarget: team ? fmt(team.dailyTarget) : '',
    active: team?.active ?? true,
  })
  const { nama, leaderId, dailyTarget, active } = form.values
  const { error, setError, errors, busy, run } = useDialogSave(onClose)

  // A ketua comes from this regu's members or from workers without a regu (who then join it).
  const members = workers.filter((w) => editing && w.teamId === team.id)
  const free = workers.filter((w) => w.teamId === null && w.active)
  const fields: Fields<typeof form.values> = [
    { name: 'nama', hint: 'Mis. Regu 1, Mawar, Kelompok A', autoFocus: true },
    {
      name: 'dailyTarget',
      label: 'Target harian (lembar)',
      kind: 'numeric',
      hint: 'Surat suara disortir dan dilipat per hari; dapat diubah per tanggal',
    },
    {
      name: 'leaderId',
      kind: 'select',
      className: 'span-2',
      hint: free.length > 0 ? 'Pekerja tanpa regu yang dipilih menjadi anggota regu ini.' : undefined,
      options: (
        <>
          <option value="">Belum ada ketua</option>
          <WorkerGroup label="Anggota regu ini" workers={members} marked />
          <WorkerGroup label="Pekerja tanpa regu" workers={free} />
        </>
      ),
    },
    editing && { name: 'active', kind: 'checkbox', label: 'Aktif (ikut dalam shift dan target harian)' },
  ]

  function save(e?: FormEvent) {
    e?.preventDefault()
    const t = readCount(dailyTarget)
    if (t === 'invalid')
      return setError(
        new ApiError('INVALID_INPUT', 'Periksa isian', [
          { column: 'dailyTarget', message: 'Isi dengan angka bulat, mis. 3.000' },
        ]),
      )
    void run(async () => {
      const leader = leaderId ? Number(leaderId) : null
      const r = editing
        ? await invoke('regu.ubah', { id: team.id, nama, leaderId: leader, dailyTarget: t ?? 0, active })
        : await invoke('regu.tambah', { nama, leaderId: leader, dailyTarget: t ?? 0 })
      return [
        `${reguName(r.nama)}: ${fmt(r.members)} anggota, target ${fmt(r.dailyTarget)} lembar per hari.`,
        editing ? 'Regu tersimpan' : 'Regu ditambahkan',
      ] as const
    })
  }

  return (
    <FormDialog
      title={editing ? `Ubah ${reguName(team.nama)}` : 'Tambah regu'}
      label={editing ? 'Simpan' : 'Tambah regu'}
      onClose={onClose}
      busy={busy}
      onSave={save}
      banner={!placed(error, [...fields, 'active']) && <ErrorBanner error={error} title="Belum tersimpan" />}
    >
      <FormFields fields={fields} form={form} errors={errors} method="regu.ubah" grid />
    </FormDialog>
  )
}

/** The workers a ketua may be chosen from, under a heading; none, no heading. */
function WorkerGroup({ label, workers, marked }: { label: string; workers: Pekerja[]; marked?: boolean }) {
  if (workers.length === 0) return null
  return (
    <optgroup label={label}>
      {workers.map((w) => (
        <option key={w.id} value={w.id}>
          {w.nama}
          {marked && !w.active ? ' (tidak aktif)' : ''}
        </option>
      ))}
    </optgroup>
  )
}

/* ------------------------------------------------------------------ import */

type ImportState =
  | { step: 'choose' }
  | { step: 'saving'; fileName: string }
  | { step: 'done'; fileName: string; added: number; updated: number; teamsAdded: number }
  | { step: 'failed'; fileName: string; error: ApiError }

export function ImportWorkersDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [state, setState] = useState<ImportState>({ step: 'choose' })
  const [pickerKey, setPickerKey] = useState(0)
  const refreshAll = useRefreshAll()

  const close = () => {
    setState({ step: 'choose' })
    setPickerKey((k) => k + 1)
    onClose()
  }

  async function onFile(file: File | undefined) {
    if (!file) return
    setState({ step: 'saving', fileName: file.name })
    try {
      const contentBase64 = await readFileBase64(file)
      const r = await invoke('pekerja.impor', { fileName: file.name, contentBase64 })
      setState({ step: 'done', fileName: file.name, ...r })
      refreshAll()
    } catch (err) {
      setState({ step: 'failed', fileName: file.name, error: toApiError(err) })
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Impor pekerja"
      wide
      footer={
        <button type="button" className="btn btn-primary" onClick={close}>
          {state.step === 'done' ? 'Selesai' : 'Tutup'}
        </button>
      }
    >
      <p>
        Unggah daftar pekerja dalam berkas <strong>CSV</strong> atau <strong>XLSX</strong> dengan baris judul. Kolom
        wajib: <code>nama</code>. Kolom pilihan: <code>nik</code> (16 angka; format sel sebagai teks di Excel),{' '}
        <code>npwp</code>, <code>bank</code>, <code>no_rekening</code>, <code>telepon</code> atau <code>no_hp</code>,{' '}
        <code>regu</code> (atau <code>tim</code>, <code>kelompok</code>) dan <code>ketua</code> (isi <em>ya</em> untuk
        ketua regu). Pekerja yang sudah ada dikenali dari NIK atau namanya; regu yang belum ada dibuat. Seluruh berkas
        disimpan, atau tidak sama sekali bila ada galat.
      </p>
      <FilePicker
        key={pickerKey}
        label="Berkas pekerja (CSV atau XLSX)"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onFile={(f) => void onFile(f)}
        disabled={state.step === 'saving'}
        autoFocus
      />
      {state.step === 'saving' && <Loading label={`Mengimpor ${state.fileName}…`} />}
      {state.step === 'failed' && (
        <ErrorBanner error={state.error} title={`${state.fileName} tidak diimpor; tidak ada yang disimpan`} />
      )}
      {state.step === 'done' && (
        <Banner kind="success" title={<>{state.fileName} tersimpan</>} testId="import-result">
          <dl className="dl pekerja-result">
            <dt>Pekerja ditambah</dt>
            <dd>{fmt(state.added)}</dd>
            <dt>Pekerja diperbarui</dt>
            <dd>{fmt(state.updated)}</dd>
            <dt>Regu baru</dt>
            <dd>{fmt(state.teamsAdded)}</dd>
          </dl>
        </Banner>
      )}
    </Dialog>
  )
}
