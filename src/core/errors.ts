/** One problem a coordinator can act on: where (row/column or field) and what, in Bahasa Indonesia. */
export interface Issue {
  row?: number
  column?: string
  message: string
}

export type ErrorCode =
  | 'INVALID_INPUT' // input failed its schema
  | 'UNKNOWN_METHOD'
  | 'REFUSED' // a business rule refused the request; nothing was written
  | 'NOT_FOUND'
  | 'CONFLICT' // the data changed since the caller looked (e.g. a stale import preview)
  | 'DATABASE' // the database file cannot be used (newer schema, corrupt, tampered)
  | 'UNAUTHORIZED' // the transport refused the caller (token, Host, IPC sender)
  | 'AUTH_REQUIRED' // no user is chosen in this window, or the session lapsed
  | 'FORBIDDEN' // the chosen user's role is below what the method needs (or a LAN station's scope)
  | 'UNREACHABLE' // a LAN station could not reach the host: keep the write (and its key) and send it again
  | 'INTERNAL'

export interface ErrorBody {
  code: ErrorCode
  message: string
  details?: Issue[]
  /** With AUTH_REQUIRED and FORBIDDEN: the role the method needs, so the UI can ask the right person. */
  need?: 'operator' | 'koordinator' | 'admin'
}

/** Thrown for refusals the user must see. Anything else thrown reaches the user as INTERNAL. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: Issue[] | undefined
  constructor(code: ErrorCode, message: string, details?: Issue[]) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }
  toBody(): ErrorBody {
    return this.details?.length
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message }
  }
}

export const refused = (message: string, details?: Issue[]): AppError => new AppError('REFUSED', message, details)
