import { z } from 'zod'
import { AppError, type ErrorBody, type Issue } from '../core/errors'
import { contract, invalidInputMessage, type ApiResponse, type Contract, type MethodName } from './contract'
import { zodIssues } from './zodIssues'
import type { Authorizer } from './auth'
import { accessOf } from './contract/define'
import type { CallMeta } from './callMeta'
import type { JobRunner } from './jobs'
import type { Idempotensi } from './idempotensi'
import type { PeristiwaBus } from './peristiwa'
import { tanpaKunciIdempotensi } from '../core/stasiun'

export type { CallMeta }

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
export const RECOVERY_METHODS: readonly MethodName[] = [
  'sistem.lihatStatus',
  'sistem.lihatInfo',
  'ledger.periksa',
  'cadangan.daftar',
  'cadangan.daftarFolder',
  'cadangan.pilihFolder',
  'cadangan.pulihkan',
  'sesi.lihat',
  'job.mulai',
  'job.lihat',
  'job.daftar',
  'job.batal',
]

export interface DispatcherOptions {
  onInternalError?: (method: string, err: unknown) => void
  /** How the app started (see openApp): in recovery mode only RECOVERY_METHODS answer. */
  state?: { mode: 'normal' | 'pemulihan'; problem: string | null }
  /** Who may call what (src/api/auth.ts); without one every call is allowed (unit tests of transports). */
  authorize?: Authorizer
  /** Where long methods run (worker threads); without one they run on this thread (the CLI, a job's own worker). */
  jobs?: JobRunner
  /** Stored answers of writes sent with an idempotency key; without it keys are ignored. */
  idempotensi?: Idempotensi
  /** Told the namespace of every write that succeeded, for the live-update feeds. */
  peristiwa?: PeristiwaBus
}

/**
 * The single entry point of every transport: validate input, run the handler, validate output.
 * Errors come back as data (never thrown), so each transport only serialises.
 */
export function createDispatcher(handlers: Handlers, opts: DispatcherOptions = {}): Dispatcher {
  const onInternalError = opts.onInternalError ?? (() => {})
  const state = opts.state ?? { mode: 'normal', problem: null }

  /** Who may call it and whether the input fits: the same gate for a call and for a job it starts. */
  function admit(
    method: MethodName,
    input: unknown,
    meta: CallMeta,
  ): { ok: true; input: unknown; meta: CallMeta } | { ok: false; error: ErrorBody } {
    const spec = contract[method]
    // In recovery the users table itself is not to be trusted, and restoring keeps the old file for
    // undo: whoever sits at the PC may restore.
    if (opts.authorize && state.mode === 'normal') {
      const auth = opts.authorize(method, accessOf(spec), meta)
      if (!auth.ok) return auth
      meta = auth.meta
    }
    const parsed = spec.input.safeParse(input === undefined ? {} : input)
    if (!parsed.success) return { ok: false, error: invalidInput(method, zodIssues(parsed.error)) }
    return { ok: true, input: parsed.data, meta }
  }

  /** Checks a handler's answer against the contract; an answer that does not fit is an internal error. */
  const outputOf = (method: MethodName) => (raw: unknown) => {
    const spec = contract[method]
    const out = spec.output.safeParse(raw)
    if (out.success) return out.data
    onInternalError(method, out.error)
    throw new AppError(
      'INTERNAL',
      spec.writes
        ? `Hasil ${method} tidak sesuai kontrak. Perubahannya mungkin sudah tersimpan: periksa datanya sebelum mengulang`
        : `Hasil ${method} tidak sesuai kontrak; panggilan baca ini tidak mengubah apa pun`,
    )
  }

  /** job.mulai: the job's method is admitted as if it were called itself, then runs in the background. */
  function startJob(input: unknown, meta: CallMeta): ApiResponse {
    const outer = contract['job.mulai'].input.safeParse(input === undefined ? {} : input)
    if (!outer.success) return fail(invalidInput('job.mulai', zodIssues(outer.error)))
    const inner = outer.data.method
    if (!isMethod(inner) || !contract[inner].long) {
      return fail({
        code: 'INVALID_INPUT',
        message: `"${inner.slice(0, 80)}" bukan pekerjaan panjang`,
        details: [{ column: 'method', message: 'Bukan metode pekerjaan panjang' }],
      })
    }
    if (state.mode === 'pemulihan' && !RECOVERY_METHODS.includes(inner)) {
      return fail({
        code: 'DATABASE',
        message: `Basis data tidak lolos pemeriksaan saat aplikasi dibuka (${state.problem}). Pulihkan dari cadangan terlebih dahulu.`,
      })
    }
    if (!opts.jobs) return fail({ code: 'INTERNAL', message: 'Pekerjaan latar belakang tidak tersedia di sini' })
    const checked = admit(inner, outer.data.input, meta)
    if (!checked.ok) return fail(checked.error)
    return {
      ok: true,
      result: { id: opts.jobs.start(inner, contract[inner].description, checked.input, checked.meta, outputOf(inner)) },
    }
  }

  /**
   * A write: with an idempotency key, exactly once (api/idempotensi.ts); a station must send one, except
   * for signing in and out and its witness check.
   */
  async function write(
    method: MethodName,
    handler: (i: unknown, m: CallMeta) => unknown,
    input: unknown,
    meta: CallMeta,
  ): Promise<ApiResponse> {
    if (meta.stasiun && !meta.idempotencyKey && !tanpaKunciIdempotensi(method))
      return fail({
        code: 'INVALID_INPUT',
        message: `Tulisan dari stasiun harus membawa Idempotency-Key; ${method} tidak dijalankan`,
        details: [{ column: 'Idempotency-Key', message: 'Kunci idempotensi wajib' }],
      })
    const check = outputOf(method)
    if (!meta.idempotencyKey || !opts.idempotensi || tanpaKunciIdempotensi(method))
      return { ok: true, result: check(await handler(input, meta)) }
    const { response } = await opts.idempotensi.call({
      stasiunId: meta.stasiun?.id ?? 0,
      kunci: meta.idempotencyKey,
      method,
      input,
      run: () => {
        const raw = handler(input, meta)
        return raw instanceof Promise ? raw.then(check) : check(raw)
      },
    })
    return response
  }

  /** Tells the live feeds which domain changed; a session's sign-in changes nothing anyone shows. */
  function written(method: MethodName, response: ApiResponse): ApiResponse {
    const ranah = method.split('.', 1)[0]!
    if (response.ok && ranah !== 'sesi') opts.peristiwa?.publish(ranah)
    return response
  }

  return {
    async call(method, input, meta) {
      if (!isMethod(method)) {
        return fail({ code: 'UNKNOWN_METHOD', message: `Metode "${String(method).slice(0, 80)}" tidak dikenal` })
      }
      if (state.mode === 'pemulihan' && !RECOVERY_METHODS.includes(method)) {
        return fail({
          code: 'DATABASE',
          message: `Basis data tidak lolos pemeriksaan saat aplikasi dibuka (${state.problem}). Pulihkan dari cadangan terlebih dahulu.`,
        })
      }
      if (method === 'job.mulai') return startJob(input, meta)
      const spec = contract[method]
      const checked = admit(method, input, meta)
      if (!checked.ok) return fail(checked.error)
      try {
        if (spec.long && opts.jobs) {
          return {
            ok: true,
            result: await opts.jobs.run(method, spec.description, checked.input, checked.meta, outputOf(method)),
          }
        }
        const handler = handlers[method] as (i: unknown, m: CallMeta) => unknown
        if (spec.writes) return written(method, await write(method, handler, checked.input, checked.meta))
        return { ok: true, result: outputOf(method)(await handler(checked.input, checked.meta)) }
      } catch (err) {
        if (err instanceof AppError) return fail(err.toBody())
        onInternalError(method, err)
        return fail({
          code: 'INTERNAL',
          message: `Terjadi kesalahan internal pada ${method}: ${err instanceof Error ? err.message : String(err)}`,
        })
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

/** Input its schema refused: the message names the fields by the labels a person sees, never the method. */
const invalidInput = (method: string, details: Issue[]): ErrorBody => ({
  code: 'INVALID_INPUT',
  message: invalidInputMessage(method, details),
  details,
})
