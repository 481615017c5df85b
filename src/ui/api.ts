import type { ApiResponse, ErrorBody, ErrorCode, MethodInput, MethodName, MethodOutput } from '../api/contract'

export type Issue = NonNullable<ErrorBody['details']>[number]

/** An error the API answered with (or a transport failure), in Bahasa Indonesia, ready to show. */
export class ApiError extends Error {
  readonly code: ErrorCode | 'NETWORK'
  readonly details: Issue[]
  readonly method: string
  /** With AUTH_REQUIRED / FORBIDDEN: the role the refused method needs. */
  need: ErrorBody['need']
  constructor(code: ErrorCode | 'NETWORK', message: string, details: Issue[] = [], method = '') {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.details = details
    this.method = method
  }
}

const TOKEN_KEY = 'gudang.token'

/**
 * Browser mode: the server prints a URL with ?token=…. Keep the token for this tab only and take it
 * out of the address bar, so it does not end up in bookmarks, history or a screenshot.
 */
function captureToken(): string | null {
  try {
    const url = new URL(window.location.href)
    const fromUrl = url.searchParams.get('token')
    if (fromUrl) {
      sessionStorage.setItem(TOKEN_KEY, fromUrl)
      url.searchParams.delete('token')
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
    }
    return sessionStorage.getItem(TOKEN_KEY)
  } catch {
    // sessionStorage can be unavailable (privacy settings); the token then lives only in memory.
    return new URLSearchParams(window.location.search).get('token')
  }
}

let token: string | null = window.gudang ? null : captureToken()

export type Transport = 'electron' | 'browser' | 'no-token'

export function transport(): Transport {
  if (window.gudang) return 'electron'
  return token ? 'browser' : 'no-token'
}

/** Fired when the server refuses the token, so the app can show how to open it again. */
export const UNAUTHORIZED_EVENT = 'gudang:unauthorized'

const SESSION_KEY = 'gudang.sesi'

/**
 * The user chosen in this window or tab (sesi.masuk). Kept in sessionStorage so a reload keeps it, and a
 * new tab or window starts without one: each seat at the PC chooses its own user.
 */
let sessionId: string | null = (() => {
  try {
    return sessionStorage.getItem(SESSION_KEY)
  } catch {
    return null
  }
})()

function rememberSession(id: string | null): void {
  sessionId = id
  try {
    if (id) sessionStorage.setItem(SESSION_KEY, id)
    else sessionStorage.removeItem(SESSION_KEY)
  } catch {
    /* memory only */
  }
}

/** The session this window holds now (to come back to after a helping PIN). */
export const currentSession = (): string | null => sessionId

/** Puts back a session this window held before (its owner's, kept on the server while someone helped). */
export function restoreSession(id: string | null): void {
  rememberSession(id)
}

/**
 * Asked when a call needs a user (AUTH_REQUIRED) or a higher role (FORBIDDEN): the app shows the user
 * switcher and, once someone suitable is chosen, answers a grant; the call is made again once and then
 * `done` is called, which hands a helped window back to the person it belonged to. False: nobody was chosen.
 */
export interface AuthGrant {
  done(): Promise<void>
}
export type AuthPrompt = (err: ApiError) => Promise<AuthGrant | false>
let authPrompt: AuthPrompt | null = null
export function setAuthPrompt(prompt: AuthPrompt | null): void {
  authPrompt = prompt
}

async function httpInvoke(method: string, input: unknown): Promise<ApiResponse> {
  let res: Response
  try {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: 'Bearer ' + (token ?? ''),
    }
    if (sessionId) headers['x-gudang-sesi'] = sessionId
    res = await fetch('/api/' + encodeURIComponent(method), {
      method: 'POST',
      headers,
      body: JSON.stringify(input ?? {}),
    })
  } catch {
    throw new ApiError(
      'NETWORK',
      'Server Gudang Pemilu tidak dapat dihubungi. Pastikan jendela "npm start" masih berjalan, lalu muat ulang halaman.',
      [],
      method,
    )
  }
  let body: unknown
  try {
    body = await res.json()
  } catch {
    throw new ApiError(
      'INTERNAL',
      `Server menjawab dengan status HTTP ${res.status} tanpa data yang dapat dibaca.`,
      [],
      method,
    )
  }
  if (!body || typeof body !== 'object' || !('ok' in body)) {
    throw new ApiError('INTERNAL', `Jawaban server untuk ${method} tidak dikenal.`, [], method)
  }
  return body as ApiResponse
}

/** Calls one method of the API: Electron IPC in the desktop app, HTTP in browser mode. */
export async function invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  try {
    return await invokeOnce(method, input)
  } catch (err) {
    if (
      err instanceof ApiError &&
      (err.code === 'AUTH_REQUIRED' || err.code === 'FORBIDDEN') &&
      authPrompt &&
      !method.startsWith('sesi.')
    ) {
      const grant = await authPrompt(err)
      if (grant) {
        try {
          return await invokeOnce(method, input)
        } finally {
          await grant.done()
        }
      }
    }
    throw err
  }
}

async function invokeOnce<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const res = window.gudang
    ? await window.gudang.invoke(method, input ?? {}, sessionId)
    : await httpInvoke(method, input)
  if (res.ok && (method === 'sesi.masuk' || method === 'sesi.keluar' || method === 'sesi.lihat')) {
    // The server says which session this window holds now (null once it ended or lapsed).
    rememberSession((res.result as { sessionId: string | null }).sessionId)
  }
  if (!res.ok) {
    const err = new ApiError(res.error.code, res.error.message, res.error.details ?? [], method)
    err.need = res.error.need
    if (err.code === 'UNAUTHORIZED' && !window.gudang) {
      token = null
      try {
        sessionStorage.removeItem(TOKEN_KEY)
      } catch {
        /* nothing stored */
      }
      window.dispatchEvent(new Event(UNAUTHORIZED_EVENT))
    }
    throw err
  }
  return res.result as MethodOutput<M>
}

/** Any thrown value as an ApiError, so every error surface can show a message and its details. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  const message = err instanceof Error ? err.message : String(err)
  return new ApiError('INTERNAL', `Terjadi kesalahan pada tampilan: ${message}`)
}

/** Field errors keyed by the field name the API reported in `column` ("reservePercent", "mapping.0.dapil"). */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(err instanceof ApiError)) return out
  for (const d of err.details) {
    if (d.column && !(d.column in out)) out[d.column] = d.message
  }
  return out
}
