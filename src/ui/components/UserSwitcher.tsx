import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { ROLES, type Role } from '../../core/roles'
import { invoke, setAuthPrompt, type ApiError } from '../api'
import { useApi, useRefreshAll } from './data'
import { FirstAdminDialog } from './FirstAdminDialog'
import { SessionContext, type SessionApi, type SessionStatus } from './session'
import { SwitchDialog } from './UserSwitchDialog'
import './user.css'

/**
 * Who is at the keyboard of this window. The header chip shows it (UserChip); the switcher changes it; a call
 * the API refuses for want of a user (or of a higher role) opens the same switcher, and the call is made
 * again by itself once someone suitable is chosen (src/ui/api.ts setAuthPrompt).
 */

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
        demoPins={status.data?.demoPins ?? []}
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
