import type { Cakupan } from '../core/stasiun'
import type { OnProgress } from '../core/progress'
import type { Role } from '../core/roles'

/**
 * Who calls, and how: what every transport hands the dispatcher with a call. Its own module so the
 * authorizer and the job runner, which the dispatcher uses, can take it without importing the dispatcher.
 */
export interface CallMeta {
  /** Who is acting; recorded on every ledger row and audit entry. Replaced by the chosen user's name. */
  actor: string
  /**
   * 'dialog': the desktop app's main process passing on what a person chose in a system dialog (a backup
   * folder), which no script in the window can choose; it may call only cadangan.pilihFolder (api/auth.ts).
   */
  transport: 'ipc' | 'http' | 'cli' | 'test' | 'stasiun' | 'dialog'
  /** The session of this window or tab (sesi.masuk), as the transport received it. */
  session?: string
  /** Set by the authorizer from the session: the chosen user. */
  userId?: number
  role?: Role
  /** Set inside a long job's worker (src/api/jobWorker.ts): how far the job has come. */
  progress?: OnProgress
  /** Set by the LAN listener (src/server/lan) for a paired station's request, from its credential. */
  stasiun?: { id: number; nama: string; cakupan: Cakupan }
  /** The client's Idempotency-Key for a write: a retry with it gets the first answer (api/idempotensi.ts). */
  idempotencyKey?: string
}
