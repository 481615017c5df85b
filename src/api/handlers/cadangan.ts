import { quickCheck } from '../../db/inspect'
import * as cadangan from '../../services/cadangan'
import { RecoveryPinGuard } from '../../services/pemulihanPin'
import { refused } from '../../core/errors'
import type { CallMeta } from '../callMeta'
import type { HandlerContext, LongHandlers, NamespaceHandlers } from './context'
import type { ReadContext } from '../../services/context'
import { zonaWaktu } from '../../services/clock'

export function cadanganHandlers({ ctx, state, sessions, jobs }: HandlerContext): NamespaceHandlers<'cadangan'> {
  const recoveryPin = new RecoveryPinGuard(
    () => ctx.now(),
    () => (ctx.dbPath === ':memory:' ? null : cadangan.berkasKunciPin(ctx.dbPath)),
  )
  /**
   * Who acts in recovery mode, where no one is signed in (the users table is not trusted): an admin's PIN
   * from `files` when their users can be read (services/pemulihanPin.ts). The command line names the admin
   * with --user (its actor) as for every admin method; a window gives the PIN alone. Only the host restores:
   * a LAN station does not; the tests' own calls are the machine itself.
   */
  const recoveryActor = (m: CallMeta, files: string[], pin: string | undefined): string => {
    if (m.stasiun)
      throw refused(
        `Dalam mode pemulihan hanya komputer induk yang dapat memulihkan atau memilih folder cadangan, tidak stasiun ${m.stasiun.nama}`,
      )
    if (m.transport === 'test' && !m.session) return m.actor
    return recoveryPin.check(files, pin, m.transport === 'cli' ? { nama: m.actor } : {}).oleh
  }
  return {
    'cadangan.daftarFolder': () => cadangan.daftarFolder(ctx.dbPath),
    'cadangan.pilihFolder': (i, m) => {
      // A folder picked in the system's dialog is the person's own choice, in recovery mode too.
      const oleh = state.mode === 'normal' || m.transport === 'dialog' ? m.actor : recoveryActor(m, [ctx.dbPath], i.pin)
      cadangan.pilihFolder(ctx.dbPath, i.folder, oleh, ctx.now())
      return cadangan.daftarFolder(ctx.dbPath)
    },
    'cadangan.pulihkan': async (i, m) => {
      // In recovery: an admin's PIN from the broken file or the backup, when either can still be read. In
      // normal mode the session is an admin's (api/auth.ts).
      const normal = state.mode === 'normal'
      const oleh = normal ? m.actor : recoveryActor(m, [ctx.dbPath, cadangan.berkasPulihan(ctx.dbPath, i.file)], i.pin)
      // A job's worker holds the file open; on Windows the file could not be moved aside.
      await jobs?.cancelAll()
      const r = cadangan.pulihkan(ctx, i.file, { trustOpenFile: normal, oleh })
      // A restored file that passes the start check takes the app out of recovery mode.
      const problem = quickCheck(ctx.db)
      Object.assign(state, problem ? { mode: 'pemulihan', problem } : { mode: 'normal', problem: null })
      sessions.clear()
      return r
    },
  }
}

/** The long methods: run in a job's worker on a read-only connection (src/api/jobWorker.ts). */
export function cadanganLongHandlers(ctx: ReadContext): LongHandlers<'cadangan'> {
  return {
    'cadangan.daftar': (i, m) =>
      cadangan.daftar(ctx.dbPath, i.folder, m.progress, cadangan.LIST_LIMITS, zonaWaktu(ctx)),
    'cadangan.buat': (i, m) => cadangan.buat(ctx, 'manual', i.folder, m.progress),
  }
}
