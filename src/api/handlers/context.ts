import type { ReadContext, ServiceContext } from '../../services/context'
import type { SessionStore } from '../../services/sesi'
import type { AppState } from '../../services/sistem'
import type { Handler } from '../dispatch'
import type { JobRunner } from '../jobs'
import type { LongMethod, MethodName } from '../contract'
import type { LanHostSlot } from '../lan'

/** What a domain's handlers may use: the open file, and for a few domains the app's state, sessions and jobs. */
export interface HandlerContext {
  ctx: ServiceContext
  appVersion: string
  state: AppState
  sessions: SessionStore
  jobs: JobRunner | undefined
  /** The LAN listener of this process, when it has one (src/server/lan registers it). */
  lan: LanHostSlot
}

/** The handlers of one namespace: exactly its contract methods that are not long, each typed by its schemas. */
export type NamespaceHandlers<N extends string> = {
  [M in Exclude<MethodName, LongMethod> as M extends `${N}.${string}` ? M : never]: Handler<M>
}

/**
 * The handlers of one namespace's long methods. They are made from a ReadContext alone: in a job's worker
 * the connection is read-only, and here the types say so too — a long handler cannot reach a write.
 */
export type LongHandlers<N extends string> = {
  [M in LongMethod as M extends `${N}.${string}` ? M : never]: Handler<M>
}
export type LongHandlerFactory = (ctx: ReadContext) => object

/** A generated file as the contract's Download (base64 inside the JSON, for IPC and HTTP alike). */
export const download = <T extends { fileName: string; mime: string; bytes: Buffer }>({ bytes, ...rest }: T) => ({
  ...rest,
  contentBase64: bytes.toString('base64'),
})

/** An uploaded file's bytes, from the contract's base64. */
export const bytesOf = (b64: string) => Buffer.from(b64, 'base64')
