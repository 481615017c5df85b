import { useEffect, useState } from 'react'
import { ROLE_LABEL } from '../../core/roles'
import { fmtJamDari } from '../format'
import { useSession } from './session'

/** When a session lapses, on this PC's clock, as Indonesian writes it: "11.42". */
const clock = (iso: string) => fmtJamDari(iso)

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
