import { useState, type FormEvent } from 'react'
import type { Pekerja, Regu } from '../../../api/contract'
import { cleanNik } from '../../../core/workerImport'
import { ApiError, invoke, toApiError } from '../../api'
import { useRefreshAll } from '../../components/data'
import { Dialog, DialogActions } from '../../components/Dialog'
import { Banner, ErrorBanner, Loading } from '../../components/Feedback'
import { useDialogSave } from '../../components/useWrite'
import { readFileBase64 } from '../../components/files'
import { Field, TextField, FilePicker } from '../../components/Form'
import { fmt, readCount } from '../../format'
import { reguName } from '../../../core/regu'

/* ------------------------------------------------------------------ worker */

export function WorkerDialog({ worker, teams, onClose }: { worker: Pekerja | null; teams: Regu[]; onClose(): void }) {
  const editing = worker !== null
  const [nama, setNama] = useState(worker?.nama ?? '')
  const [nik, setNik] = useState('')
  const [dropNik, setDropNik] = useState(false)
  const [telepon, setTelepon] = useState(worker?.telepon ?? '')
  // What the bendahara pays by and reports the tax with (issue 13): printed on the rekap upah.
  const [npwp, setNpwp] = useState(worker?.npwp ?? '')
  const [bank, setBank] = useState(worker?.bank ?? '')
  const [noRekening, setNoRekening] = useState(worker?.noRekening ?? '')
  const [teamId, setTeamId] = useState(worker?.teamId ? String(worker.teamId) : '')
  const [active, setActive] = useState(worker?.active ?? true)
  const { error, errors, busy, run } = useDialogSave(onClose)
  const known = ['nama', 'nik', 'telepon', 'npwp', 'bank', 'noRekening', 'teamId', 'active']
  const unplaced = error && !error.details.some((d) => d.column && known.includes(d.column))
  const movingLeader = editing && worker.isLeader && String(worker.teamId ?? '') !== teamId

  function save(e?: FormEvent) {
    e?.preventDefault()
    void run(async () => {
      const team = teamId ? Number(teamId) : null
      const newNik = cleanNik(nik)
      const w = editing
        ? await invoke('pekerja.ubah', {
            id: worker.id,
            nama,
            telepon,
            npwp,
            bank,
            noRekening,
            teamId: team,
            active,
            // Undefined keeps the stored NIK: the screen never had it, so it cannot send it back.
            ...(dropNik ? { nik: null } : newNik ? { nik: newNik } : {}),
          })
        : await invoke('pekerja.tambah', { nama, nik: newNik || null, telepon, npwp, bank, noRekening, teamId: team })
      return [
        `${w.nama}${w.team ? ` · ${reguName(w.team)}` : ''}${w.active ? '' : ' (tidak aktif)'}.`,
        editing ? 'Data pekerja tersimpan' : 'Pekerja ditambahkan',
      ] as const
    })
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={editing ? `Ubah pekerja: ${worker.nama}` : 'Tambah pekerja'}
      footer={
        <DialogActions
          onCancel={onClose}
          busy={busy}
          label={editing ? 'Simpan' : 'Tambah pekerja'}
          onConfirm={() => void save()}
        />
      }
    >
      <form onSubmit={save} noValidate>
        {error && unplaced && <ErrorBanner error={error} title="Belum tersimpan" />}
        <div className="form-grid">
          <TextField
            label="Nama pekerja"
            error={errors.nama}
            className="span-2"
            value={nama}
            onChange={setNama}
            data-autofocus
            autoComplete="off"
          />
          <TextField
            label={editing && worker.hasNik ? 'NIK baru' : 'NIK'}
            error={errors.nik}
            hint={
              editing && worker.hasNik ? (
                <>
                  Tersimpan: <span className="pekerja-nik">{worker.nikMasked}</span>. Kosongkan untuk tetap memakai NIK
                  ini.
                </>
              ) : (
                '16 angka sesuai KTP; boleh dikosongkan'
              )
            }
            inputMode="numeric"
            maxLength={20}
            autoComplete="off"
            value={nik}
            disabled={dropNik}
            onChange={setNik}
          />
          <TextField
            label="Telepon"
            error={errors.telepon}
            hint="Mis. 081234567890"
            type="tel"
            value={telepon}
            onChange={setTelepon}
            autoComplete="off"
          />
          <TextField
            label="NPWP"
            error={errors.npwp}
            hint="15 atau 16 angka; boleh dikosongkan"
            inputMode="numeric"
            maxLength={24}
            autoComplete="off"
            value={npwp}
            onChange={setNpwp}
          />
          <TextField label="Nama bank" error={errors.bank} hint="Mis. BRI" value={bank} onChange={setBank} />
          <TextField
            label="Nomor rekening"
            error={errors.noRekening}
            inputMode="numeric"
            maxLength={30}
            autoComplete="off"
            value={noRekening}
            onChange={setNoRekening}
          />
          <Field
            label="Regu"
            error={errors.teamId}
            hint={
              movingLeader
                ? `${worker.nama} adalah ketua ${reguName(worker.team ?? '')}; setelah dipindah, regu itu tidak lagi memiliki ketua.`
                : undefined
            }
          >
            {(id, d, inv) => (
              <select
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={teamId}
                onChange={(e) => setTeamId(e.target.value)}
              >
                <option value="">Tanpa regu</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.nama}
                    {t.active ? '' : ' (tidak aktif)'}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {editing && worker.hasNik && (
          <label className="check">
            <input type="checkbox" checked={dropNik} onChange={(e) => setDropNik(e.target.checked)} />
            Hapus NIK yang tersimpan
          </label>
        )}
        {editing && (
          <label className="check">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
            Aktif (dapat dipilih dalam shift sortir-lipat dan rakit)
          </label>
        )}
        <button type="submit" hidden tabIndex={-1} />
      </form>
    </Dialog>
  )
}

/* -------------------------------------------------------------------- team */

export function TeamDialog({ team, workers, onClose }: { team: Regu | null; workers: Pekerja[]; onClose(): void }) {
  const editing = team !== null
  const [nama, setNama] = useState(team?.nama ?? '')
  const [leaderId, setLeaderId] = useState(team?.leaderId ? String(team.leaderId) : '')
  const [target, setTarget] = useState(team ? fmt(team.dailyTarget) : '')
  const [active, setActive] = useState(team?.active ?? true)
  const { error, setError, errors, busy, run } = useDialogSave(onClose)
  const known = ['nama', 'leaderId', 'dailyTarget', 'active']
  const unplaced = error && !error.details.some((d) => d.column && known.includes(d.column))

  // A ketua comes from this regu's members or from workers without a regu (who then join it).
  const members = workers.filter((w) => editing && w.teamId === team.id)
  const free = workers.filter((w) => w.teamId === null && w.active)

  function save(e?: FormEvent) {
    e?.preventDefault()
    const t = readCount(target)
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
    <Dialog
      open
      onClose={onClose}
      title={editing ? `Ubah ${reguName(team.nama)}` : 'Tambah regu'}
      footer={
        <DialogActions
          onCancel={onClose}
          busy={busy}
          label={editing ? 'Simpan' : 'Tambah regu'}
          onConfirm={() => void save()}
        />
      }
    >
      <form onSubmit={save} noValidate>
        {error && unplaced && <ErrorBanner error={error} title="Belum tersimpan" />}
        <div className="form-grid">
          <TextField
            label="Nama regu"
            error={errors.nama}
            hint="Mis. Regu 1, Mawar, Kelompok A"
            value={nama}
            onChange={setNama}
            data-autofocus
            autoComplete="off"
          />
          <TextField
            label="Target harian (lembar)"
            error={errors.dailyTarget}
            hint="Surat suara disortir dan dilipat per hari; dapat diubah per tanggal"
            inputMode="numeric"
            value={target}
            onChange={setTarget}
            autoComplete="off"
          />
          <Field
            label="Ketua regu"
            error={errors.leaderId}
            className="span-2"
            hint={free.length > 0 ? 'Pekerja tanpa regu yang dipilih menjadi anggota regu ini.' : undefined}
          >
            {(id, d, inv) => (
              <select
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={leaderId}
                onChange={(e) => setLeaderId(e.target.value)}
              >
                <option value="">Belum ada ketua</option>
                {members.length > 0 && (
                  <optgroup label="Anggota regu ini">
                    {members.map((w) => (
                      <option key={w.id} value={w.id}>
                        {w.nama}
                        {w.active ? '' : ' (tidak aktif)'}
                      </option>
                    ))}
                  </optgroup>
                )}
                {free.length > 0 && (
                  <optgroup label="Pekerja tanpa regu">
                    {free.map((w) => (
                      <option key={w.id} value={w.id}>
                        {w.nama}
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            )}
          </Field>
        </div>
        {editing && (
          <label className="check">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
            Aktif (ikut dalam shift dan target harian)
          </label>
        )}
        <button type="submit" hidden tabIndex={-1} />
      </form>
    </Dialog>
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
