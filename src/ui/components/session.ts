import { createContext, useContext } from 'react'
import type { MethodOutput } from '../../api/contract'

export type User = MethodOutput<'pengguna.daftar'>[number]
export type SessionStatus = MethodOutput<'sesi.lihat'>

/**
 * Who is at the keyboard of this window. The header chip shows it; the switcher changes it; a call the
 * API refuses for want of a user (or of a higher role) opens the same switcher, and the call is made
 * again by itself once someone suitable is chosen (src/ui/api.ts setAuthPrompt).
 */
export interface SessionApi {
  status: SessionStatus | undefined
  user: User | null
  /** Opens the switcher (the header chip). */
  openSwitcher(): void
  /** Opens the first-admin form again after "Nanti saja". */
  openFirstAdmin(): void
}

export const SessionContext = createContext<SessionApi>({
  status: undefined,
  user: null,
  openSwitcher: () => {},
  openFirstAdmin: () => {},
})

export function useSession(): SessionApi {
  return useContext(SessionContext)
}
