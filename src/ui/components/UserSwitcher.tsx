import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react'
import type { MethodOutput } from '../../api/contract'
import { needsPin, ROLE_LABEL, ROLES, roleAtLeast, type Role } from '../../core/roles'
import { fieldErrors, invoke, setAuthPrompt, toApiError, type ApiError } from '../api'
import { useApi, useRefreshAll } from './data'
import { Dialog } from './Dialog'
import { Banner, ErrorBanner, Loading } from './Feedback'
import { Field, PinField } from './Form'
import './user.css'

export type User = MethodOutput<'pengguna.daftar'>[number]
export type SessionStatus = MethodOutput<'sesi.lihat'>

/**
 * Who is at the keyboard of this window. The header chip shows it; the switcher changes it; a call the
 * API refuses for want of a user (or of a higher role) opens the same switcher, and the call is made
 * again by itself once someone suitable is chosen (src/ui/api.ts setAuthPrompt).
 */
interface SessionApi {
  status: SessionStatus | undefined
  user: User | null
  /** Opens the switcher (the header chip). */
  openSwitcher(): void
  /** Opens the first-admin form again after "Nanti saja". */
  openFirstAdmin(): void
}

const SessionContext = createContext<SessionApi>({
  status: undefined,
  user: null,
  openSwitcher: () => {},
  openFirstAdmin: () => {},
})

export function useSession(): SessionApi {
  return useContext(SessionContext)
}

type DialogState =
  | null
  | { kind: 'switch'; error?: ApiError; need?: Role; asked: boolean }
  | { kind: 'first-admin'; error?: ApiError; asked: boolean }

const RANK_ORDER: Role[] = [...ROLES]
const higher = (a: Role | undefined, b: Role | undefined): Role | undefined =>
  !a ? b : !b ? a : RANK_ORDER.indexOf(a) >= RANK_ORDER.indexOf(b) ? a : b

export function SessionProvider({ children }: { children: ReactNode }) {
  const status = useApi('sesi.lihat', {})
  const refreshAll = useRefreshAll()
  const [dialog, setDialog] = useState<DialogState>(null)
  // Calls waiting for a user: several can be refused at once (a page loading two writes); one answer settles all.
  const waiting = useRef<((ok: boolean) => void)[]>([])
  const [firstAdminDismissed, setFirstAdminDismissed] = useState(false)
  const reloadStatus = status.reload

  // Every page's reads touch the session on the server, so the chip's "berakhir" moves on with them.
  // Reloading on navigation is free for that reason; a timer would itself keep an idle session alive.
  useEffect(() => {
    window.addEventListener('hashchange', reloadStatus)
    return () => window.removeEventListener('hashchange', reloadStatus)
  }, [reloadStatus])

  // A file without an admin asks for one as soon as that is known, unless the question was put off.
  const needsFirstAdmin = status.data?.needsFirstAdmin === true
  const [knewNeedsFirstAdmin, setKnewNeedsFirstAdmin] = useState(false)
  if (needsFirstAdmin !== knewNeedsFirstAdmin) {
    setKnewNeedsFirstAdmin(needsFirstAdmin)
    if (needsFirstAdmin && !firstAdminDismissed) setDialog((d) => d ?? { kind: 'first-admin', asked: false })
  }

  useEffect(() => {
    const pending = waiting.current
    setAuthPrompt(async (err) => {
      let fresh: SessionStatus | undefined
      try {
        fresh = await invoke('sesi.lihat', {})
      } catch {
        fresh = undefined
      }
      return new Promise<boolean>((resolve) => {
        pending.push(resolve)
        setDialog((d) => {
          if (fresh?.needsFirstAdmin) return { kind: 'first-admin', error: err, asked: true }
          const need = higher(d?.kind === 'switch' ? d.need : undefined, err.need)
          return { kind: 'switch', error: err, need, asked: true }
        })
      })
    })
    return () => {
      setAuthPrompt(null)
      for (const resolve of pending.splice(0)) resolve(false)
    }
  }, [])

  const settle = useCallback((ok: boolean) => {
    for (const resolve of waiting.current.splice(0)) resolve(ok)
  }, [])

  const closingFirstAdmin = dialog?.kind === 'first-admin'
  const close = useCallback(() => {
    if (closingFirstAdmin) setFirstAdminDismissed(true)
    setDialog(null)
    settle(false)
  }, [closingFirstAdmin, settle])

  const chosen = useCallback(() => {
    setDialog(null)
    setFirstAdminDismissed(false)
    // Every page reloads as the new user (and the chip with it); then the refused call is made again.
    refreshAll()
    settle(true)
  }, [refreshAll, settle])

  const api = useMemo<SessionApi>(
    () => ({
      status: status.data,
      user: status.data?.user ?? null,
      openSwitcher: () => {
        reloadStatus()
        setDialog({ kind: 'switch', asked: false })
      },
      openFirstAdmin: () => setDialog({ kind: 'first-admin', asked: false }),
    }),
    [status.data, reloadStatus],
  )

  return (
    <SessionContext.Provider value={api}>
      {children}
      {/* Always mounted: closing a native modal dialog gives the focus back to where it was (a refused form). */}
      <SwitchDialog
        open={dialog?.kind === 'switch'}
        error={dialog?.error}
        need={dialog?.kind === 'switch' ? dialog.need : undefined}
        asked={dialog?.asked ?? false}
        current={status.data?.user ?? null}
        onClose={close}
        onChosen={chosen}
        onSignedOut={() => {
          setDialog(null)
          refreshAll()
        }}
      />
      <FirstAdminDialog
        open={dialog?.kind === 'first-admin'}
        error={dialog?.error}
        asked={dialog?.asked ?? false}
        onClose={close}
        onDone={chosen}
      />
    </SessionContext.Provider>
  )
}

/* ------------------------------------------------------------------ chip */

const clock = (iso: string) => {
  const d = new Date(iso)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

/** The header's "who is at the keyboard": name and role, and when an elevated session lapses. */
export function UserChip() {
  const { status, user, openSwitcher, openFirstAdmin } = useSession()
  const [now, setNow] = useState(() => Date.now())
  const expiresAt = status?.expiresAt ?? null

  // Only re-renders (no call to the server): the chip turns to "sesi berakhir" when the time has passed.
  useEffect(() => {
    if (!expiresAt) return
    const t = window.setInterval(() => setNow(Date.now()), 20_000)
    return () => window.clearInterval(t)
  }, [expiresAt])

  if (!status) return <span className="user-chip user-chip-loading" aria-hidden="true" />
  if (status.needsFirstAdmin) {
    return (
      <button type="button" className="user-chip user-chip-empty" onClick={openFirstAdmin} data-testid="user-chip">
        <UserIcon />
        <span className="user-chip-text">
          <span className="user-chip-name">Buat admin pertama</span>
          <span className="user-chip-sub">Belum ada admin</span>
        </span>
      </button>
    )
  }
  if (!user) {
    return (
      <button type="button" className="user-chip user-chip-empty" onClick={openSwitcher} data-testid="user-chip">
        <UserIcon />
        <span className="user-chip-text">
          <span className="user-chip-name">Pilih pengguna</span>
          <span className="user-chip-sub">Belum ada yang dipilih</span>
        </span>
      </button>
    )
  }
  const lapsed = expiresAt !== null && Date.parse(expiresAt) <= now
  return (
    <button
      type="button"
      className={`user-chip user-chip-${user.role}${lapsed ? ' user-chip-lapsed' : ''}`}
      onClick={openSwitcher}
      data-testid="user-chip"
      title="Ganti pengguna atau keluar"
      aria-label={`Pengguna: ${user.nama}, ${ROLE_LABEL[user.role]}${expiresAt ? (lapsed ? ', sesi berakhir' : `, sesi berakhir pukul ${clock(expiresAt)} bila tidak dipakai`) : ''}. Ganti pengguna`}
    >
      <UserIcon />
      <span className="user-chip-text">
        <span className="user-chip-name">{user.nama}</span>
        <span className="user-chip-sub">
          {ROLE_LABEL[user.role]}
          {expiresAt && <> · {lapsed ? 'sesi berakhir' : `berakhir ${clock(expiresAt)}`}</>}
        </span>
      </span>
    </button>
  )
}

function UserIcon() {
  return (
    <svg viewBox="0 0 24 24" className="user-chip-icon" aria-hidden="true">
      <circle cx="12" cy="8" r="4" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path
        d="M4 21c0-4.4 3.6-8 8-8s8 3.6 8 8"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    </svg>
  )
}

/* --------------------------------------------------------------- switcher */

const howToSignIn = (role: Role) => (needsPin(role) ? 'dengan PIN' : 'cukup pilih nama')

function SwitchDialog({
  open,
  error,
  need,
  asked,
  current,
  onClose,
  onChosen,
  onSignedOut,
}: {
  open: boolean
  error?: ApiError | undefined
  need?: Role | undefined
  asked: boolean
  current: User | null
  onClose(): void
  onChosen(): void
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
        </Banner>
      )}
      <ErrorBanner error={outError} title="Belum dapat keluar" />
      <UserPicker need={need} current={current} onChosen={onChosen} />
    </Dialog>
  )
}

/** One big button per active user, operators first (the floor changes hands most); PIN for koordinator and admin. */
function UserPicker({ need, current, onChosen }: { need?: Role | undefined; current: User | null; onChosen(): void }) {
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
      await invoke('sesi.masuk', { userId: u.id })
      onChosen()
    } catch (err) {
      setError(toApiError(err))
      setBusyId(null)
    }
  }

  if (pinUser) {
    return (
      <PinStep
        user={pinUser}
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
      {groups.map((g) => (
        <section key={g.role} className="user-group" aria-label={ROLE_LABEL[g.role]}>
          <h3>
            {ROLE_LABEL[g.role]} <span className="muted small">· {howToSignIn(g.role)}</span>
          </h3>
          <div className="user-buttons">
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
              </button>
            ))}
          </div>
        </section>
      ))}
    </div>
  )
}

function PinStep({ user, onBack, onChosen }: { user: User; onBack?: (() => void) | undefined; onChosen(): void }) {
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
      await invoke('sesi.masuk', { userId: user.id, pin })
      onChosen()
    } catch (err) {
      setError(toApiError(err))
      setPin('')
      setBusy(false)
      inputRef.current?.focus()
    }
  }

  return (
    <form id={formId} className="user-pin" onSubmit={submit} noValidate>
      <p className="user-pin-who">
        <strong>{user.nama}</strong> <span className="muted">· {ROLE_LABEL[user.role]}</span>
      </p>
      <Field label={`PIN ${user.nama}`} error={error?.message} hint="4 sampai 8 angka, lalu tekan Enter">
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
            disabled={busy}
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

/**
 * A new election file (or one from before users existed) has nobody who may manage users or restore a
 * backup. Reading works without one; the first write asks for it.
 */
function FirstAdminDialog({
  open,
  error,
  asked,
  onClose,
  onDone,
}: {
  open: boolean
  error?: ApiError | undefined
  asked: boolean
  onClose(): void
  onDone(): void
}) {
  const formId = useId()
  const [nama, setNama] = useState('')
  const [pin, setPin] = useState('')
  const [pin2, setPin2] = useState('')
  const [busy, setBusy] = useState(false)
  const [err, setErr] = useState<ApiError | undefined>()
  const [mismatch, setMismatch] = useState(false)
  const errors = fieldErrors(err)
  const [wasOpen, setWasOpen] = useState(open)
  if (open !== wasOpen) {
    setWasOpen(open)
    if (open) setBusy(false)
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (pin !== pin2) {
      setMismatch(true)
      return
    }
    setMismatch(false)
    setBusy(true)
    setErr(undefined)
    try {
      const admin = await invoke('pengguna.tambahAdminPertama', { nama, pin })
      await invoke('sesi.masuk', { userId: admin.id, pin })
      onDone()
    } catch (x) {
      setErr(toApiError(x))
      setBusy(false)
    }
  }

  const placed = err && err.details.some((d) => d.column === 'nama' || d.column === 'pin')
  return (
    <Dialog
      open={open}
      title="Buat admin pertama"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy}>
            {asked ? 'Batal' : 'Nanti saja'}
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={busy}>
            {busy ? 'Menyimpan…' : 'Buat admin dan masuk'}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="user-first-admin">
        <p>
          Berkas pemilihan ini belum memiliki <strong>admin</strong>. Admin menambah pengguna (operator dan koordinator)
          dan dapat memulihkan cadangan. Data dapat dilihat tanpa admin, tetapi tidak ada yang dapat dicatat sebelum
          admin pertama dibuat.
        </p>
        {asked && error && (
          <Banner kind="warning" role="alert">
            <p>{error.message}</p>
          </Banner>
        )}
        {err && !placed && <ErrorBanner error={err} title="Admin belum dapat dibuat" />}
        <Field label="Nama admin" error={errors.nama} hint="Mis. nama Kasubbag Keuangan, Umum dan Logistik">
          {(id, d, invalid) => (
            <input
              id={id}
              value={nama}
              onChange={(e) => setNama(e.target.value)}
              aria-describedby={d}
              aria-invalid={invalid}
              data-autofocus
              autoComplete="off"
            />
          )}
        </Field>
        <div className="form-grid">
          <PinField
            label="PIN"
            value={pin}
            onChange={setPin}
            error={errors.pin}
            hint="4 sampai 8 angka; bukan angka berurutan atau berulang"
            autoComplete="new-password"
          />
          <PinField
            label="Ulangi PIN"
            value={pin2}
            onChange={setPin2}
            error={mismatch ? 'PIN tidak sama dengan isian pertama' : undefined}
            autoComplete="new-password"
          />
        </div>
        <p className="muted small">
          Simpan PIN ini baik-baik. Bila admin lupa PIN, admin lain dapat menggantinya; karena itu sebaiknya ada dua
          admin.
        </p>
      </form>
    </Dialog>
  )
}
