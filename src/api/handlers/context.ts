import type { ServiceContext } from '../../services/context'
import type { SessionStore } from '../../services/sesi'
import type { AppState } from '../../services/sistem'
import type { Handler } from '../dispatch'
import type { JobRunner } from '../jobs'
import type { MethodName } from '../contract'
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

/** The handlers of one namespace: exactly its contract methods, each typed by its schemas. */
export type NamespaceHandlers<N extends string> = {
  [M in MethodName as M extends `${N}.${string}` ? M : never]: Handler<M>
}

/** A generated file as the contract's Download (base64 inside the JSON, for IPC and HTTP alike). */
export const download = <T extends { fileName: string; mime: string; bytes: Buffer }>({ bytes, ...rest }: T) => ({
  ...rest,
  contentBase64: bytes.toString('base64'),
})

/** An uploaded file's bytes, from the contract's base64. */
export const bytesOf = (b64: string) => Buffer.from(b64, 'base64')
