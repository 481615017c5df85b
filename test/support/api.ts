import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { openApp, type OpenAppOptions, type OpenedApp } from '../../src/api/app'
import type {
  ApiResponse,
  ErrorBody,
  ErrorCode,
  ImportPreview,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../src/api/contract'
import type { CallMeta } from '../../src/api/dispatch'
import type { WorkerEntry } from '../../src/api/jobs'
import { needsRebuild } from '../../src/cli/launchUtil.mjs'
import { fingerprint } from './fingerprint'

/**
 * Calling the app as the transports do, for integration and e2e tests: one typed `call` (the method's
 * own input and output types from the contract), one `refusal`, the database fingerprint and the
 * openers of a demo or an empty election file. Every test file uses these instead of its own copies.
 */

import { DEMO_CSV, ROOT } from './paths'
import { useTempDir } from './tempDir'

export { useTempDir }

export { DEMO_CSV, ROOT }
/** Its columns, each read as itself: the column mapping an import of it reports. */
export const DEMO_CSV_COLUMNS: Record<string, string> = Object.fromEntries(
  ['kode_kecamatan', 'kecamatan', 'kode_desa', 'desa', 'no_tps', 'dpt'].map((c) => [c, c]),
)

/** A file as the contract carries it (UploadedFile); text is sent as UTF-8. */
export const upload = (fileName: string, content: string | Buffer) => ({
  fileName,
  contentBase64: (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64'),
})

/** The satker the tests' own elections are for. */
export const BATU_BARA = {
  tahun: 2024,
  provinsi: 'Sumatera Utara',
  satker: 'Kabupaten Batu Bara',
  kodeWilayah: '1219',
} as const

/**
 * A Pemilu for BATU_BARA with the TPS of `tpsCsv` imported as a coordinator does it (preview, then import
 * with the preview's fingerprint); the preview, for tests that read it.
 */
export async function pemiluWithTps(api: Pick<Api, 'call'>, tpsCsv: string): Promise<ImportPreview> {
  await api.call('pemilihan.buat', { jenis: 'pemilu', ...BATU_BARA })
  const file = upload('tps.csv', tpsCsv)
  const preview = await api.call('wilayah.pratinjauImpor', file)
  await api.call('wilayah.impor', { ...file, fingerprint: preview.fingerprint })
  return preview
}

/** A method's input, left out where the method takes none (or only optional fields). */
export type InputArgs<M extends MethodName> =
  Record<string, never> extends MethodInput<M> ? [input?: MethodInput<M>] : [input: MethodInput<M>]

/** A call the app refused: the message names the method and carries the whole error body. */
export class Refused extends Error {
  constructor(
    readonly method: string,
    readonly body: ErrorBody,
  ) {
    super(`${method} was refused: ${JSON.stringify(body)}`)
    this.name = 'Refused'
  }
}

export interface Api {
  /** The method's answer; throws Refused (with the error body) when the app refuses. */
  call<M extends MethodName>(method: M, ...input: InputArgs<M>): Promise<MethodOutput<M>>
  /**
   * The error body of a call that must be refused; fails the test when the call succeeds. The input is
   * `unknown` on purpose: refusals are about what the contract does not allow.
   */
  refusal(method: MethodName, input?: unknown, meta?: Partial<CallMeta>): Promise<ErrorBody>
  /**
   * A refusal with this code (REFUSED unless said) that left every row of every table as it was: the
   * database fingerprint before and after the call are equal.
   */
  refusedUnchanged(method: MethodName, input: unknown, code?: ErrorCode): Promise<ErrorBody>
  /** The answer as a transport gets it, for names and inputs outside the contract. */
  raw(method: string, input?: unknown, meta?: Partial<CallMeta>): Promise<ApiResponse>
}

/** Who the tests act as when they do not say. */
const DEFAULT_META: CallMeta = { actor: 'uji', transport: 'test' }

/**
 * The calls of one app as one actor (transport 'test'). `app` may be a function for a file whose app is
 * opened in beforeAll, or reopened by a test.
 */
export function apiOf(app: OpenedApp | (() => OpenedApp), who: string | Partial<CallMeta> = {}): Api {
  const base: CallMeta = { ...DEFAULT_META, ...(typeof who === 'string' ? { actor: who } : who) }
  const current = typeof app === 'function' ? app : () => app
  const raw = (method: string, input: unknown = {}, meta: Partial<CallMeta> = {}) =>
    current().dispatcher.call(method, input, { ...base, ...meta })
  const refusal: Api['refusal'] = async (method, input, meta) => {
    const res = await raw(method, input, meta)
    if (res.ok)
      expect.fail(`${method} was expected to be refused but answered ${JSON.stringify(res.result).slice(0, 300)}`)
    return res.error
  }
  return {
    raw,
    refusal,
    async refusedUnchanged(method, input, code = 'REFUSED') {
      const db = current().ctx.db
      const before = fingerprint(db)
      const error = await refusal(method, input)
      expect(fingerprint(db), `${method} changed the database`).toBe(before)
      expect(error.code, JSON.stringify(error)).toBe(code)
      return error
    },
    async call<M extends MethodName>(method: M, ...[input]: InputArgs<M>): Promise<MethodOutput<M>> {
      const res = await raw(method, input)
      if (!res.ok) throw new Refused(method, res.error)
      return res.result as MethodOutput<M>
    },
  }
}

export interface TestAppOptions extends Partial<OpenAppOptions> {
  /** Build the demo election in a new file (default), or leave the new file empty (first run). */
  demo?: boolean
  /** Where the file goes when dbPath is not given: `<dir>/<name>.sqlite`. */
  dir?: string
  name?: string
  /** Who calls, as in apiOf. */
  who?: string | Partial<CallMeta>
}

/** An opened app with its calls and its database fingerprint at hand. */
export type TestApp = OpenedApp &
  Api & {
    /** sha256 over every row of every table (test/support/fingerprint.ts). */
    fingerprint(): string
  }

let opened = 0
let builtWorker: WorkerEntry | null | undefined

/**
 * The job worker electron-vite built (out/main/jobWorker.js, the one the app and the CLI start) while out/
 * matches the sources, as it does under `npm test`, which builds first. Loading it takes a fifth of the
 * time the TypeScript worker needs through tsx (about 0.2 s against 0.8 s per job), and the tests start
 * hundreds of jobs. With stale or missing output the TypeScript worker runs the sources themselves;
 * test/integration/job-worker-entry.test.ts keeps that path tested either way.
 */
export function freshBuiltWorker(): WorkerEntry | undefined {
  builtWorker ??= needsRebuild(ROOT) ? null : { file: join(ROOT, 'out', 'main', 'jobWorker.js') }
  return builtWorker ?? undefined
}

/**
 * Opens an election file as the app does: by default a new file holding the demo election (checked to
 * be one), in a temporary folder of its own. Internal errors fail loudly on stderr.
 */
export async function openTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const { demo = true, dir, name, who, ...rest } = opts
  const dbPath =
    rest.dbPath ??
    join(dir ?? mkdtempSync(join(tmpdir(), 'gudang-app-')), `${name ?? `app-${process.pid}-${++opened}`}.sqlite`)
  const isNew = !existsSync(dbPath)
  const worker = freshBuiltWorker()
  const app = await openApp({
    onInternalError: (m, e) => console.error(m, e),
    ...(worker ? { worker } : {}),
    ...rest,
    dbPath,
    ...(demo && !rest.demoCsvPath ? { demoCsvPath: DEMO_CSV } : {}),
  })
  if (demo && isNew) expect(app.createdDemo, 'the demo election was built').toBe(true)
  return Object.assign(app, apiOf(app, who), { fingerprint: () => fingerprint(app.ctx.db) })
}

/**
 * Names every signer slot of every document type (keeping its peran and jabatan), as a satker does in
 * Pengaturan before its first paper: a document is refused while a party's name is blank.
 */
export async function nameAllSigners(api: Pick<Api, 'call'>): Promise<void> {
  for (const jenis of await api.call('dokumen.daftarJenis')) {
    await api.call('dokumen.aturJenis', {
      type: jenis.type,
      nomorPattern: jenis.ownPattern,
      signers: jenis.signers.map((s, i) => ({ ...s, nama: s.nama || `Penanda Tangan ${'ABCDEFGHIJKL'[i]}` })),
    })
  }
}
