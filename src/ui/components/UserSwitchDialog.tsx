import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import { needsPin, ROLE_LABEL, ROLES, roleAtLeast, type Role } from '../../core/roles'
import { invoke, toApiError, type ApiError } from '../api'
import { useApi } from './data'
import { Dialog } from './Dialog'
import { Banner, ErrorBanner, Loading } from './Feedback'
import { Field } from './Form'
import { type SessionStatus, type User } from './session'

type DemoPins = SessionStatus['demoPins']
const demoPinOf = (pins: DemoPins, u: User): string | undefined => pins.find((p) => p.userId === u.id)?.pin

/** The switcher: one button per user who may do what was asked, and a PIN for koordinator and admin. */

const howToSignIn = (role: Role) => (needsPin(role) ? 'dengan PIN' : 'cukup pilih nama')

export function SwitchDialog({
  open,
  error,
  need,
  asked,
  current,
  helped,
  demoPins,
  onClose,
  onChosen,
  onSignedOut,
}: {
  open: boolean
  error?: ApiError | undefined
  need?: Role | undefined
  asked: boolean
  current: User | null
  /** The person whose action needs a higher role: the window goes back to them once it is done. */
  helped?: User | undefined
  /** The demo election's published PINs (sesi.lihat); empty on every real file. */
  demoPins: DemoPins
  onClose(): void
  onChosen(who: User): void
  onSignedOut(): void
}) {
  const [busy, setBusy] = useState(false)
  const [outError, setOutError] = useState<ApiError | undefined>()
  // Each opening starts clean (the dialog stays mounted between openings).
  const [wasOpen, setWasOpen] = useState(open)
  if (open !== wasOpen) {
    setWasOpen(open)
    if (open) {
      setBusy(false)
      setOutError(undefined)
    }
  }

  async function signOut() {
    setBusy(true)
    try {
      await invoke('sesi.keluar', {})
      onSignedOut()
    } catch (err) {
      setOutError(toApiError(err))
      setBusy(false)
    }
  }

  const title = asked
    ? need && need !== 'operator'
      ? `Perlu ${ROLE_LABEL[need].toLowerCase()}`
      : 'Pilih pengguna'
    : 'Ganti pengguna'
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <>
          {current && !asked && (
            <button type="button" className="btn btn-secondary user-signout" onClick={signOut} disabled={busy}>
              Keluar ({current.nama})
            </button>
          )}
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {asked ? 'Batal' : 'Tutup'}
          </button>
        </>
      }
    >
      {error && (
        <Banner kind="warning" role="alert" testId="auth-reason" className="user-asked">
          <strong>
            {need && need !== 'operator'
              ? `Tindakan ini memerlukan ${ROLE_LABEL[need].toLowerCase()}`
              : 'Pilih nama Anda dulu'}
          </strong>
          <p>{error.message}</p>
          <p className="small">Setelah nama dipilih, tindakan tadi dilanjutkan sendiri; tidak perlu mengulang.</p>
          {helped && (
            <p className="small" data-testid="auth-helping">
              PIN ini hanya untuk tindakan ini: sesudahnya jendela kembali ke <strong>{helped.nama}</strong>.
            </p>
          )}
        </Banner>
      )}
      <ErrorBanner error={outError} title="Belum dapat keluar" />
      <UserPicker
        need={need}
        current={current}
        helping={helped !== undefined}
        demoPins={demoPins}
        onChosen={onChosen}
      />
    </Dialog>
  )
}

/** One big button per active user, operators first (the floor changes hands most); PIN for koordinator and admin. */
function UserPicker({
  need,
  current,
  helping,
  demoPins,
  onChosen,
}: {
  need?: Role | undefined
  current: User | null
  /** Signing in to help with one action: the window's own session is kept (sesi.masuk bantu). */
  helping: boolean
  demoPins: DemoPins
  onChosen(who: User): void
}) {
  const users = useApi('pengguna.daftar', {})
  const [pinFor, setPinFor] = useState<User | null>(null)
  const [busyId, setBusyId] = useState<number | null>(null)
  const [error, setError] = useState<ApiError | undefined>()
  const listRef = useRef<HTMLDivElement>(null)

  const eligible = useMemo(
    () => (users.data ?? []).filter((u) => u.active && roleAtLeast(u.role, need ?? 'operator')),
    [users.data, need],
  )
  const groups = ROLES.map((role) => ({ role, users: eligible.filter((u) => u.role === role) })).filter(
    (g) => g.users.length > 0,
  )

  // Only one person can do it: go straight to that person's PIN.
  const onlyOne =
    need && need !== 'operator' && eligible.length === 1 && needsPin(eligible[0]!.role) ? eligible[0]! : null
  const pinUser = pinFor ?? onlyOne

  // Keyboard first: once the names are there, the first one (or the one in use) has the focus.
  useEffect(() => {
    if (pinUser || !users.data) return
    const list = listRef.current
    ;(list?.querySelector<HTMLElement>('[aria-current="true"]') ?? list?.querySelector<HTMLElement>('button'))?.focus()
  }, [users.data, pinUser])

  async function choose(u: User) {
    if (needsPin(u.role)) {
      setError(undefined)
      setPinFor(u)
      return
    }
    setBusyId(u.id)
    setError(undefined)
    try {
      await invoke('sesi.masuk', { userId: u.id, ...(helping ? { bantu: true } : {}) })
      onChosen(u)
    } catch (err) {
      setError(toApiError(err))
      setBusyId(null)
    }
  }

  if (pinUser) {
    return (
      <PinStep
        user={pinUser}
        helping={helping}
        demoPin={demoPinOf(demoPins, pinUser)}
        onBack={
          eligible.length > 1 || !need || need === 'operator'
            ? () => {
                setPinFor(null)
                setError(undefined)
              }
            : undefined
        }
        onChosen={onChosen}
      />
    )
  }
  if (users.error)
    return <ErrorBanner error={users.error} onRetry={users.reload} title="Daftar pengguna tidak dapat dimuat" />
  if (!users.data) return <Loading label="Memuat daftar pengguna…" />
  if (eligible.length === 0) {
    return (
      <Banner kind="info">
        <p>
          {need && need !== 'operator'
            ? `Belum ada ${ROLE_LABEL[need].toLowerCase()} yang aktif. Admin menambahkannya di halaman Pengguna.`
            : 'Belum ada pengguna aktif. Admin menambahkannya di halaman Pengguna.'}
        </p>
      </Banner>
    )
  }
  return (
    <div className="user-picker" ref={listRef}>
      <ErrorBanner error={error} title="Belum dapat memilih pengguna" />
      {demoPins.length > 0 && (
        <Banner kind="info" testId="demo-pins" title="Pemilihan demo: PIN demo tertera pada nama">
          <p>
            Pengguna demo memakai PIN yang dicantumkan di sini dan di README. Untuk pemakaian sungguhan, buat berkas
            pemilihan sendiri; di berkas demo, ganti PIN di halaman Pengguna agar tidak tampil lagi.
          </p>
        </Banner>
      )}
      {groups.map((g) => (
        <section key={g.role} className="user-group" aria-label={ROLE_LABEL[g.role]}>
          <h3>
            {ROLE_LABEL[g.role]} <span className="muted small">· {howToSignIn(g.role)}</span>
          </h3>
          <div className="tile-grid">
            {g.users.map((u) => (
              <button
                key={u.id}
                type="button"
                className={`user-button user-button-${u.role}`}
                onClick={() => void choose(u)}
                disabled={busyId !== null}
                aria-current={current?.id === u.id ? 'true' : undefined}
              >
                <span className="user-button-name">{u.nama}</span>
                <span className="user-button-role">
                  {current?.id === u.id
                    ? 'sedang dipakai'
                    : needsPin(u.role)
                      ? `${ROLE_LABEL[u.role]} · PIN`
                      : ROLE_LABEL[u.role]}
                </span>
                {demoPinOf(demoPins, u) && <span className="user-button-demo">PIN demo {demoPinOf(demoPins, u)}</span>}
              </button>
            ))}
          </div>
        </section>
      ))}
    </div>
  )
}

function PinStep({
  user,
  helping,
  demoPin,
  onBack,
  onChosen,
}: {
  user: User
  helping: boolean
  demoPin: string | undefined
  onBack?: (() => void) | undefined
  onChosen(who: User): void
}) {
  const [pin, setPin] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>()
  const inputRef = useRef<HTMLInputElement>(null)
  const formId = useId()

  useEffect(() => {
    inputRef.current?.focus()
  }, [user.id])

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await invoke('sesi.masuk', { userId: user.id, pin, ...(helping ? { bantu: true } : {}) })
      onChosen(user)
    } catch (err) {
      setError(toApiError(err))
      setPin('')
      setBusy(false)
      // The box stays focusable while the PIN is checked (read-only, not disabled), so the focus never leaves it.
      inputRef.current?.focus()
    }
  }

  return (
    <form id={formId} className="user-pin" onSubmit={submit} noValidate>
      <p className="user-pin-who">
        <strong>{user.nama}</strong> <span className="muted">· {ROLE_LABEL[user.role]}</span>
      </p>
      <Field
        label={`PIN ${user.nama}`}
        error={error?.message}
        hint={
          demoPin ? `PIN demo: ${demoPin} (4 sampai 8 angka, lalu tekan Enter)` : '4 sampai 8 angka, lalu tekan Enter'
        }
      >
        {(id, d, invalid) => (
          <input
            ref={inputRef}
            id={id}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            className="user-pin-input"
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            aria-describedby={d}
            aria-invalid={invalid}
            autoFocus
            readOnly={busy}
          />
        )}
      </Field>
      <div className="user-pin-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || pin.length === 0}>
          {busy ? 'Memeriksa…' : 'Masuk'}
        </button>
        {onBack && (
          <button type="button" className="btn btn-secondary" onClick={onBack}>
            Pilih nama lain
          </button>
        )}
      </div>
    </form>
  )
}

/* ------------------------------------------------------------ first admin */
