import { z } from 'zod'
import { AppError, type ErrorBody } from '../core/errors'
import { contract, type ApiResponse, type Contract, type MethodName } from './contract'
import { zodIssues } from './zodIssues'
import type { Authorizer } from './auth'
import { accessOf } from './contract/define'
import type { Role } from '../core/roles'

export interface CallMeta {
  /** Who is acting; recorded on every ledger row and audit entry. Replaced by the chosen user's name. */
  actor: string
  transport: 'ipc' | 'http' | 'cli' | 'test'
  /** The session of this window or tab (sesi.masuk), as the transport received it. */
  session?: string
  /** Set by the authorizer from the session: the chosen user. */
  userId?: number
  role?: Role
}

export type Handler<M extends MethodName> = (
  input: z.output<Contract[M]['input']>,
  meta: CallMeta,
) => z.input<Contract[M]['output']> | Promise<z.input<Contract[M]['output']>>

export type Handlers = { [M in MethodName]: Handler<M> }

export interface MethodInfo {
  name: MethodName
  description: string
  writes: boolean
  input: unknown
}

export interface Dispatcher {
  call(method: string, input: unknown, meta: CallMeta): Promise<ApiResponse>
  methods(): MethodInfo[]
}

const isMethod = (name: string): name is MethodName => Object.prototype.hasOwnProperty.call(contract, name)

/** In recovery mode only these answer: the app can say what is wrong and restore a backup, nothing else. */
export const RECOVERY_METHODS: readonly MethodName[] = ['system.status', 'system.info', 'ledger.verify', 'cadangan.list', 'cadangan.pulihkan', 'sesi.status']

export interface DispatcherOptions {
  onInternalError?: (method: string, err: unknown) => void
  /** How the app started (see openApp): in recovery mode only RECOVERY_METHODS answer. */
  state?: { mode: 'normal' | 'pemulihan'; problem: string | null }
  /** Who may call what (src/api/auth.ts); without one every call is allowed (unit tests of transports). */
  authorize?: Authorizer
}

/**
 * The single entry point of every transport: validate input, run the handler, validate output.
 * Errors come back as data (never thrown), so each transport only serialises.
 */
export function createDispatcher(handlers: Handlers, opts: DispatcherOptions = {}): Dispatcher {
  const onInternalError = opts.onInternalError ?? (() => {})
  const state = opts.state ?? { mode: 'normal', problem: null }
  return {
    async call(method, input, meta) {
      if (!isMethod(method)) {
        return fail({ code: 'UNKNOWN_METHOD', message: `Metode "${String(method).slice(0, 80)}" tidak dikenal` })
      }
      if (state.mode === 'pemulihan' && !RECOVERY_METHODS.includes(method)) {
        return fail({ code: 'DATABASE', message: `Basis data tidak lolos pemeriksaan saat aplikasi dibuka (${state.problem}). Pulihkan dari cadangan terlebih dahulu.` })
      }
      const spec = contract[method]
      // In recovery the users table itself is not to be trusted, and restoring keeps the old file for
      // undo: whoever sits at the PC may restore.
      if (opts.authorize && state.mode === 'normal') {
        const auth = opts.authorize(method, accessOf(spec), meta)
        if (!auth.ok) return fail(auth.error)
        meta = auth.meta
      }
      const parsed = spec.input.safeParse(input === undefined ? {} : input)
      if (!parsed.success) {
        return fail({ code: 'INVALID_INPUT', message: `Isian untuk ${method} tidak sah`, details: zodIssues(parsed.error) })
      }
      try {
        const handler = handlers[method] as (i: unknown, m: CallMeta) => unknown
        const raw = await handler(parsed.data, meta)
        const out = spec.output.safeParse(raw)
        if (!out.success) {
          onInternalError(method, out.error)
          return fail({
            code: 'INTERNAL',
            message: spec.writes
              ? `Hasil ${method} tidak sesuai kontrak. Perubahannya mungkin sudah tersimpan: periksa datanya sebelum mengulang`
              : `Hasil ${method} tidak sesuai kontrak; panggilan baca ini tidak mengubah apa pun`,
          })
        }
        return { ok: true, result: out.data }
      } catch (err) {
        if (err instanceof AppError) return fail(err.toBody())
        onInternalError(method, err)
        return fail({ code: 'INTERNAL', message: `Terjadi kesalahan internal pada ${method}: ${err instanceof Error ? err.message : String(err)}` })
      }
    },
    methods() {
      return (Object.keys(contract) as MethodName[]).map((name) => ({
        name,
        description: contract[name].description,
        writes: contract[name].writes,
        input: z.toJSONSchema(contract[name].input, { io: 'input', unrepresentable: 'any' }),
      }))
    },
  }
}

const fail = (error: ErrorBody): ApiResponse => ({ ok: false, error })
