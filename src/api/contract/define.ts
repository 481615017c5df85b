import type { z } from 'zod'
import type { Access } from '../../core/roles'

/** A method of the one API: its input and output schemas and a one-line description (Bahasa Indonesia). */
export interface MethodSpec<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  L extends boolean = boolean,
> {
  input: I
  output: O
  /** Shown by `gudang methods` and in the docs. */
  description: string
  /** True when the method changes the database. */
  writes: boolean
  /**
   * Who may call it over IPC or HTTP (src/api/auth.ts). Default: a chosen user of any role for a write,
   * anyone for a read. Coordinator actions (closing shifts, berita acara, corrections, settings) say so.
   */
  access?: Access
  /**
   * A long job (a whole satker's PDFs, the chain walk, a backup, an export): it runs in a worker thread
   * with its own read-only connection, so the thread serving the UI keeps answering, reports progress,
   * and can be started with job.mulai to be watched and cancelled. Never true for a method that writes.
   */
  long?: L
}

/** The access a method actually has once the default is applied. */
export const accessOf = (spec: MethodSpec): Access => spec.access ?? (spec.writes ? 'operator' : 'semua')

/** `long` keeps its literal type, so the handlers of long methods can be typed apart (src/api/handlers/long.ts). */
export function method<I extends z.ZodType, O extends z.ZodType, L extends boolean = false>(
  spec: MethodSpec<I, O, L>,
): MethodSpec<I, O, L> {
  return spec
}

export type { ErrorCode, ErrorBody } from '../../core/errors'
import type { ErrorBody } from '../../core/errors'
export type ApiResponse<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorBody }
