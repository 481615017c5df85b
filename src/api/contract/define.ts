import { z } from 'zod'
import type { Access } from '../../core/roles'
import { NoInput } from './common'

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

/*
 * The three kinds of method, so a contract file says what each method takes, gives and does, and not
 * again how a method is put together: a read, a long read (run as a job), and a write.
 */
const withAccess = (access: Access | undefined) => (access === undefined ? {} : { access })

/** A kind of method: whether it writes, and whether it runs as a long job (only a read may). */
const kind =
  <L extends boolean>(writes: boolean, long: L) =>
  <I extends z.ZodType, O extends z.ZodType>(
    input: I,
    output: O,
    description: string,
    access?: Access,
  ): MethodSpec<I, O, L> => ({ input, output, description, writes, ...(long ? { long } : {}), ...withAccess(access) })

/** A method that only reads, answered at once on the connection serving the UI. */
export const read = kind(false, false)

/** A read that runs as a long job (see MethodSpec.long). */
export const longRead = kind(false, true)

/** A read of a whole list that takes no input (every user, every delivery, every team): the most common method. */
export const list = <O extends z.ZodType>(item: O, description: string, access?: Access) =>
  read(NoInput, z.array(item), description, access)

/** A method that changes the database. */
export const write = kind(true, false)

export type { ErrorCode, ErrorBody } from '../../core/errors'
import type { ErrorBody } from '../../core/errors'
export type ApiResponse<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorBody }
