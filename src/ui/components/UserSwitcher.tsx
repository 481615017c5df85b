import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { ROLE_LABEL, ROLES, type Role } from '../../core/roles'
import {
  currentSession,
  invoke,
  restoreSession,
  setAuthPrompt,
  toApiError,
  type ApiError,
  type AuthGrant,
} from '../api'
import { useApi, useRefreshAll } from './data'
import { useToast } from './Feedback'
import { FirstAdminDialog } from './FirstAdminDialog'
import { SessionContext, type SessionApi, type SessionStatus, type User } from './session'
import { SwitchDialog } from './UserSwitchDialog'
import './user.css'

/**
 * Who is at the keyboard of this window. The header chip shows it (UserChip); the switcher changes it; a call
 * the API refuses for want of a user (or of a higher role) opens the same switcher, and the call is made
 * again by itself once someone suitable is chosen (src/ui/api.ts setAuthPrompt).
 */

type DialogState =
  | null
  | { kind: 'switch'; error?: ApiError; need?: Role; asked: boolean; helped?: User | undefined }
  | { kind: 'first-admin'; error?: ApiError; asked: boolean }

const RANK_ORDER: Role[] = [...ROLES]
const higher = (a: Role | undefined, b: Role | undefined): Role | undefined =>
  !a ? b : !b ? a : RANK_ORDER.indexOf(a) >= RANK_ORDER.indexOf(b) ? a : b

export function SessionProvider({ children }: { children: ReactNode }) {
  const status = useApi('sesi.lihat', {})
  const refreshAll = useRefreshAll()
  const [dialog, setDialog] = useState<DialogState>(null)
  // Calls waiting for a user: several can be refused at once (a page loading two writes); one answer settles all.
  const waiting = useRef<((grant: AuthGrant | false) => void)[]>([])
  // Who the window belonged to when a higher role was asked for: a koordinator or admin who types a PIN to
  // help with one action gives the window back once that action is done (a helping PIN, not a hand-over).
  const helping = useRef<{ user: User; session: string } | null>(null)
  const toast = useToast()
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
      if (pending.length === 0) {
        const session = currentSession()
        helping.current = err.code === 'FORBIDDEN' && fresh?.user && session ? { user: fresh.user, session } : null
      }
      return new Promise<AuthGrant | false>((resolve) => {
        pending.push(resolve)
        setDialog((d) => {
          if (fresh?.needsFirstAdmin) return { kind: 'first-admin', error: err, asked: true }
          const need = higher(d?.kind === 'switch' ? d.need : undefined, err.need)
          return { kind: 'switch', error: err, need, asked: true, helped: fresh?.user ?? undefined }
        })
      })
    })
    return () => {
      setAuthPrompt(null)
      for (const resolve of pending.splice(0)) resolve(false)
    }
  }, [])

  /**
   * Once every call the helper signed in for has been made again: the helper's session ends and the window
   * is the helped person's again, in the session they never left (sesi.masuk with bantu kept it).
   */
  const giveBack = useCallback(
    async (helper: string, to: { user: User; session: string }) => {
      try {
        await invoke('sesi.keluar', {})
      } catch (err) {
        toast.showError(toApiError(err))
      }
      restoreSession(to.session)
      try {
        const back = await invoke('sesi.lihat', {})
        toast.showSuccess(
          back.user?.id === to.user.id
            ? `${helper} sudah keluar; jendela kembali ke ${to.user.nama} (${ROLE_LABEL[to.user.role].toLowerCase()}).`
            : `${helper} sudah keluar. Sesi ${to.user.nama} sudah berakhir; pilih nama lagi.`,
          'Bantuan selesai',
        )
      } catch (err) {
        toast.showError(toApiError(err))
      }
      refreshAll()
    },
    [refreshAll, toast],
  )

  const settle = useCallback(
    (ok: boolean, helper?: User | null) => {
      const resolves = waiting.current.splice(0)
      const helped = helping.current
      helping.current = null
      if (!ok) {
        for (const resolve of resolves) resolve(false)
        return
      }
      // Handing back only when someone else signed in to help, and after the last of the calls.
      let left = resolves.length
      const grant: AuthGrant = {
        done: async () => {
          left -= 1
          if (left === 0 && helped && helper && helper.id !== helped.user.id) await giveBack(helper.nama, helped)
        },
      }
      for (const resolve of resolves) resolve(grant)
    },
    [giveBack],
  )

  const closingFirstAdmin = dialog?.kind === 'first-admin'
  const close = useCallback(() => {
    if (closingFirstAdmin) setFirstAdminDismissed(true)
    setDialog(null)
    settle(false)
  }, [closingFirstAdmin, settle])

  const chosen = useCallback(
    (who?: User) => {
      setDialog(null)
      setFirstAdminDismissed(false)
      // Every page reloads as the new user (and the chip with it); then the refused call is made again.
      refreshAll()
      settle(true, who ?? null)
    },
    [refreshAll, settle],
  )

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
        helped={dialog?.kind === 'switch' && dialog.error?.code === 'FORBIDDEN' ? dialog.helped : undefined}
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
