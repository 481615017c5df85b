import { quickCheck } from '../../db/inspect'
import * as cadangan from '../../services/cadangan'
import { RecoveryPinGuard } from '../../services/pemulihanPin'
import { isMachine } from '../auth'
import type { HandlerContext, LongHandlers, NamespaceHandlers } from './context'
import type { ReadContext } from '../../services/context'
import { zonaWaktu } from '../../services/clock'

export function cadanganHandlers({ ctx, state, sessions, jobs }: HandlerContext): NamespaceHandlers<'cadangan'> {
  const recoveryPin = new RecoveryPinGuard(() => ctx.now())
  return {
    'cadangan.daftarFolder': () => cadangan.daftarFolder(ctx.dbPath),
    'cadangan.pilihFolder': (i, m) => {
      cadangan.pilihFolder(ctx.dbPath, i.folder, m.actor, ctx.now())
      return cadangan.daftarFolder(ctx.dbPath)
    },
    'cadangan.pulihkan': async (i, m) => {
      // In recovery no one is signed in (the users table is not trusted): an admin's PIN from the broken
      // file or the backup, when either can still be read. In normal mode the session is an admin's.
      // The CLI and tests are the machine itself (api/auth.ts), in recovery as in normal mode.
      const normal = state.mode === 'normal'
      const oleh =
        normal || isMachine(m)
          ? m.actor
          : recoveryPin.check(ctx.dbPath, cadangan.berkasPulihan(ctx.dbPath, i.file), i.pin).oleh
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
