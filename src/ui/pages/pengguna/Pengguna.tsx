import { useState, type FormEvent } from 'react'
import { needsPin, ROLE_DUTY, ROLE_LABEL, ROLES, type Role } from '../../../core/roles'
import { invoke } from '../../api'
import { useApi } from '../../components/data'
import { FormDialog } from '../../components/Dialog'
import { ErrorBanner, Loading } from '../../components/Feedback'
import { useDialogSave, useWrite } from '../../components/useWrite'
import { NewPinFields, PIN_RULE, PinField, useNewPin } from '../../components/Form'
import { FormFields, placed, useFormState, type Fields } from '../../components/FormFields'
import { PageHeader, Section } from '../../components/Page'
import { StatusBadge } from '../../components/StatusBadge'
import { useSession, type User } from '../../components/session'
import { DataTable } from '../../components/TableHead'
import './pengguna.css'

/**
 * Who may use this election file. Everyone sees the list; adding and changing users is the admin's,
 * and a refused call opens the switcher for an admin's PIN (src/ui/api.ts setAuthPrompt).
 */
export function PenggunaPage() {
  const users = useApi('pengguna.daftar', {})
  const { user: me } = useSession()
  const [editing, setEditing] = useState<User | 'baru' | null>(null)

  return (
    <>
      <PageHeader
        title="Pengguna"
        lead="Setiap baris buku besar, berita acara dan catatan mencatat siapa yang mengerjakannya. Operator cukup memilih nama; koordinator dan admin memakai PIN."
        actions={[{ label: 'Tambah pengguna…', onClick: () => setEditing('baru'), kind: 'primary' }]}
      />

      <Section title="Daftar pengguna" id="pengguna-daftar">
        <ErrorBanner error={users.error} onRetry={users.reload} title="Daftar pengguna tidak dapat dimuat" />
        {!users.data && !users.error && <Loading />}
        {users.data && users.data.length === 0 && <p className="empty">Belum ada pengguna.</p>}
        {users.data && users.data.length > 0 && (
          <DataTable
            className="pengguna-table"
            testId="user-table"
            columns={['Nama', 'Peran', 'PIN', 'Status', { label: 'Tindakan', hidden: true }]}
          >
            {users.data.map((u) => (
              <tr key={u.id} className={u.active ? undefined : 'pengguna-inactive'} data-user={u.nama}>
                <th scope="row">
                  {u.nama}
                  {me?.id === u.id && <span className="muted small"> · Anda</span>}
                </th>
                <td>{ROLE_LABEL[u.role]}</td>
                <td>
                  {needsPin(u.role) ? (
                    u.hasPin ? (
                      'Ada'
                    ) : (
                      <StatusBadge state="warning">Belum ada</StatusBadge>
                    )
                  ) : (
                    <span className="muted">Tidak perlu</span>
                  )}
                </td>
                <td>
                  {u.active ? (
                    <StatusBadge state="success">Aktif</StatusBadge>
                  ) : (
                    <StatusBadge state="netral">Nonaktif</StatusBadge>
                  )}
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    onClick={() => setEditing(u)}
                    aria-label={`Ubah ${u.nama}`}
                  >
                    Ubah…
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>

      {me && needsPin(me.role) && <OwnPinSection me={me} />}

      <Section title="Peran" id="pengguna-peran">
        <dl className="dl dl-block">
          {ROLES.map((r) => (
            <div key={r} className="dl-row">
              <dt>{ROLE_LABEL[r]}</dt>
              <dd className="plain">{ROLE_DUTY[r]}</dd>
            </div>
          ))}
        </dl>
        <p className="muted small">
          Pengguna tidak dihapus supaya namanya tetap terbaca pada catatan lama; yang tidak bertugas lagi dinonaktifkan.
          PIN yang salah lima kali berturut-turut mengunci pengguna itu selama lima menit. Koordinator dan admin yang
          tidak memakai aplikasi selama 15 menit harus memasukkan PIN lagi.
        </p>
      </Section>

      <UserDialog user={editing} onClose={() => setEditing(null)} />
    </>
  )
}

/** Add (user = 'baru') or change one user: name, role, active, and a new PIN where the role has one. */
function UserDialog({ user, onClose }: { user: User | 'baru' | null; onClose(): void }) {
  const isNew = user === 'baru'
  const form = useFormState({ nama: '', role: 'operator', active: true, pin: '' })
  const { nama, active, pin } = form.values
  const role = form.values.role as Role
  const { error, errors, busy, run, reset } = useDialogSave(onClose)

  // The dialog stays mounted; each user it opens for starts from that user's values.
  const [shownFor, setShownFor] = useState<User | 'baru' | null>(null)
  if (user !== shownFor) {
    setShownFor(user)
    if (user !== null) {
      const { nama, role, active } = user === 'baru' ? { nama: '', role: 'operator', active: true } : user
      form.reset({ nama, role, active, pin: '' })
      reset()
    }
  }

  const withPin = needsPin(role)
  const hadPin = user !== null && user !== 'baru' && user.hasPin && needsPin(user.role)
  const fields: Fields<typeof form.values> = [
    { name: 'nama', hint: 'Nama yang tercetak pada catatan, mis. Budi Santoso', autoFocus: true },
    { name: 'role', kind: 'select', hint: ROLE_DUTY[role], options: ROLES.map((r) => [r, ROLE_LABEL[r]] as const) },
    withPin && {
      name: 'pin',
      kind: 'pin',
      label: isNew || !hadPin ? 'PIN' : 'PIN baru (kosongkan bila tetap)',
      hint: `${PIN_RULE}. Sampaikan langsung kepada penggunanya.`,
      input: { autoComplete: 'new-password' },
    },
    !isNew && { name: 'active', kind: 'checkbox', label: 'Aktif (dapat dipilih di jendela mana pun)' },
  ]

  function submit(e?: FormEvent) {
    e?.preventDefault()
    if (user === null) return
    void run(async () => {
      const saved =
        user === 'baru'
          ? await invoke('pengguna.tambah', { nama, role, ...(withPin ? { pin } : {}) })
          : await invoke('pengguna.ubah', { id: user.id, nama, role, active, ...(withPin && pin ? { pin } : {}) })
      return [
        `${saved.nama}: ${ROLE_LABEL[saved.role].toLowerCase()}${saved.active ? '' : ', nonaktif'}.`,
        isNew ? 'Pengguna ditambahkan' : 'Pengguna diubah',
      ] as const
    })
  }

  return (
    <FormDialog
      open={user !== null}
      title={user !== null && user !== 'baru' ? `Ubah ${user.nama}` : 'Tambah pengguna'}
      label={isNew ? 'Tambah' : 'Simpan'}
      onClose={onClose}
      busy={busy}
      onSave={submit}
      cancelWhileBusy={false}
      banner={
        <ErrorBanner
          error={error}
          title="Pengguna belum tersimpan"
          shown={placed(error, [...fields, 'active', 'pin']) ? () => false : undefined}
        />
      }
    >
      <FormFields fields={fields} form={form} errors={errors} method="pengguna.ubah" />
    </FormDialog>
  )
}

/** A koordinator or admin changes their own PIN, naming the old one. */
function OwnPinSection({ me }: { me: User }) {
  const [pinLama, setPinLama] = useState('')
  const pinBaru = useNewPin()
  const { error, errors, busy, run } = useWrite()

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!pinBaru.agreed()) return
    const changed = await run(async () => {
      await invoke('pengguna.gantiPin', { pinLama, pinBaru: pinBaru.pin })
      return [`PIN ${me.nama} sudah diganti. Pakai PIN baru mulai sekarang.`, 'PIN diganti']
    })
    if (!changed) return
    setPinLama('')
    pinBaru.clear()
  }

  return (
    <Section title={`Ganti PIN ${me.nama}`} id="pengguna-pin">
      <form onSubmit={submit} noValidate className="pengguna-own-pin" data-testid="own-pin-form">
        {!placed(error, ['pinLama', 'pin']) && <ErrorBanner error={error} title="PIN belum diganti" />}
        <div className="form-grid">
          <PinField
            label="PIN lama"
            value={pinLama}
            onChange={setPinLama}
            error={errors.pinLama}
            autoComplete="current-password"
          />
          <NewPinFields label="PIN baru" pin={pinBaru} error={errors.pin} />
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !pinLama || !pinBaru.pin}>
            {busy ? 'Menyimpan…' : 'Ganti PIN'}
          </button>
        </div>
      </form>
    </Section>
  )
}
