import type { ApiResponse, ErrorBody, ErrorCode, MethodInput, MethodName, MethodOutput } from '../api/contract'
import { bacaKepala, keAntrean } from '../core/stasiun'
import { aturKeadaan, hapusIsian, isianMenunggu, kunciBaru, simpanIsian, tandaiDitolak, type Isian } from './antrean'
import { bolehDipasang, catatKepala, lupakanStasiun, stasiunIni } from './stasiunIni'

export type Issue = NonNullable<ErrorBody['details']>[number]

/** An error the API answered with (or a transport failure), in Bahasa Indonesia, ready to show. */
export class ApiError extends Error {
  readonly code: ErrorCode | 'NETWORK'
  readonly details: Issue[]
  readonly method: string
  /** With AUTH_REQUIRED / FORBIDDEN: the role the refused method needs. */
  need: ErrorBody['need']
  /** A station's write kept in its outbox (the host could not be reached): it is sent again by itself. */
  antre = false
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

/**
 * How this page reaches the API: the desktop app's IPC, browser mode's token, a paired LAN station's
 * credential (docs/lan.md), a host's page not yet paired (the pairing screen), or none of these.
 */
export type Transport = 'electron' | 'browser' | 'stasiun' | 'pasang' | 'no-token'

export function transport(): Transport {
  if (window.gudang) return 'electron'
  if (token) return 'browser'
  if (stasiunIni()) return 'stasiun'
  return bolehDipasang() ? 'pasang' : 'no-token'
}

/**
 * Writes go through the outbox on a station: a browser station always, the desktop app once it learns it
 * runs as a station (stasiun.lihatSaya).
 */
let electronStation = false
export function aturStasiunElectron(on: boolean): void {
  electronStation = on
}
export const diStasiun = (): boolean => electronStation || transport() === 'stasiun'

/** Where the live feed is read from and with which header; null where the page has no feed of its own. */
export function feedRequest(): { url: string; headers: Record<string, string> } | null {
  const station = stasiunIni()
  if (station) return { url: '/peristiwa', headers: { authorization: `Stasiun ${station.kredensial}` } }
  if (token) return { url: `/peristiwa?token=${encodeURIComponent(token)}`, headers: {} }
  return null
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

/** The name of the user this window holds, for the outbox's list ("diisi oleh"). */
let userName: string | null = null

/** The credential was refused (revoked, or the host was paired anew): forget it and show the pairing screen. */
export function stasiunDitolak(): void {
  lupakanStasiun()
  rememberSession(null)
  window.dispatchEvent(new Event(UNAUTHORIZED_EVENT))
}

async function httpInvoke(method: string, input: unknown, kunci?: string): Promise<ApiResponse> {
  const station = stasiunIni()
  let res: Response
  try {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: station ? `Stasiun ${station.kredensial}` : 'Bearer ' + (token ?? ''),
    }
    if (sessionId) headers['x-gudang-sesi'] = sessionId
    if (kunci) headers['idempotency-key'] = kunci
    res = await fetch('/api/' + encodeURIComponent(method), {
      method: 'POST',
      headers,
      body: JSON.stringify(input ?? {}),
      // A draft written as the page unloads (a reload, a closed tab) must still arrive.
      keepalive: method.startsWith('draf.'),
    })
  } catch {
    if (station) aturKeadaan({ tersambung: false })
    throw new ApiError(
      'NETWORK',
      station
        ? 'Komputer induk tidak dapat dihubungi. Periksa kabel atau Wi-Fi stasiun ini; isian yang disimpan menunggu di antrean.'
        : 'Server Gudang Pemilu tidak dapat dihubungi. Pastikan jendela "npm start" masih berjalan, lalu muat ulang halaman.',
      [],
      method,
    )
  }
  if (station) {
    aturKeadaan({ tersambung: true })
    // Every answer names the ledger's head: kept as this station's witness of the host's file.
    const head = bacaKepala(res.headers.get('x-gudang-kepala'))
    if (head) catatKepala(head)
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

/** Calls one method of the API: Electron IPC in the desktop app, HTTP in browser mode and on a station. */
export async function invoke<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  /** askUser false: a background write (a draft) that must not open the user switcher under the typist. */
  opts: { askUser?: boolean } = {},
): Promise<MethodOutput<M>> {
  if (diStasiun() && keAntrean(method)) return (await kirimLewatAntrean(method, input)) as MethodOutput<M>
  return withUser(method, () => invokeOnce(method, input), opts.askUser !== false)
}

/**
 * A call refused for want of a user (or of a higher role) asks for one and is made once more. A station's
 * scope refusal carries no role to ask for: choosing another user would not help.
 */
async function withUser<T>(method: string, call: () => Promise<T>, askUser = true): Promise<T> {
  try {
    return await call()
  } catch (err) {
    if (
      askUser &&
      err instanceof ApiError &&
      (err.code === 'AUTH_REQUIRED' || (err.code === 'FORBIDDEN' && err.need !== undefined)) &&
      authPrompt &&
      !method.startsWith('sesi.')
    ) {
      const grant = await authPrompt(err)
      if (grant) {
        try {
          return await call()
        } finally {
          await grant.done()
        }
      }
    }
    throw err
  }
}

/** The host could not be reached (browser fetch failed, or the Electron station's client gave up). */
const unreachable = (err: unknown): boolean =>
  err instanceof ApiError && (err.code === 'NETWORK' || err.code === 'UNREACHABLE')

/** The host recorded the write but stopped before its answer was kept: recorded, so it leaves the outbox. */
const RECORDED_WITHOUT_ANSWER = 'Isian ini sudah tercatat'
const recordedAlready = (err: ApiError): boolean =>
  err.code === 'CONFLICT' && err.message.startsWith(RECORDED_WITHOUT_ANSWER)

/** Keys being sent right now: a resend of the outbox leaves them to the call that is sending them. */
const sending = new Set<string>()

/**
 * A station's write: into the outbox first (IndexedDB, with its key), then to the host. Answered or
 * refused, it leaves the outbox and the caller sees the answer as usual; unreachable, it stays and the
 * caller gets an error marked `antre` that says so.
 */
async function kirimLewatAntrean(method: MethodName, input: unknown): Promise<unknown> {
  const isian: Isian = {
    kunci: kunciBaru(),
    method,
    input: input ?? {},
    dibuat: new Date().toISOString(),
    oleh: userName,
    status: 'menunggu',
  }
  await simpanIsian(isian)
  sending.add(isian.kunci)
  try {
    const result = await withUser(method, () => invokeOnce(method, isian.input, isian.kunci))
    await hapusIsian(isian.kunci)
    return result
  } catch (err) {
    if (unreachable(err)) {
      // The desktop station's client says so by its answer; a browser station's fetch already did.
      aturKeadaan({ tersambung: false })
      const queued = new ApiError(
        'UNREACHABLE',
        'Terputus dari komputer induk. Isian disimpan di antrean stasiun ini dan dikirim sendiri begitu tersambung kembali; jangan diisi ulang.',
        [],
        method,
      )
      queued.antre = true
      throw queued
    }
    await hapusIsian(isian.kunci)
    throw err
  } finally {
    sending.delete(isian.kunci)
  }
}

let resending: Promise<number> | null = null

/**
 * Sends what waits in the outbox, oldest first, each with its own key, so whatever the host already
 * recorded is not recorded again. Stops at the first entry the host cannot be reached for, or when no
 * user is chosen on this station; an entry the host refuses is kept, marked, for the user. Answers how
 * many the host took.
 */
export function kirimAntrean(): Promise<number> {
  // Cleared when it settles, never inside the run: a run with nothing to send finishes synchronously.
  resending ??= resend().finally(() => {
    resending = null
  })
  return resending
}

async function resend(): Promise<number> {
  let sent = 0
  for (const isian of isianMenunggu()) {
    if (sending.has(isian.kunci)) continue
    sending.add(isian.kunci)
    try {
      await withUser(isian.method, () => invokeOnce(isian.method as MethodName, isian.input, isian.kunci))
      await hapusIsian(isian.kunci)
      sent++
    } catch (err) {
      const e = toApiError(err)
      if (unreachable(e) || e.code === 'AUTH_REQUIRED') break
      if (recordedAlready(e)) {
        await hapusIsian(isian.kunci)
        sent++
      } else {
        await tandaiDitolak(isian.kunci, {
          code: e.code === 'NETWORK' ? 'UNREACHABLE' : e.code,
          message: e.message,
          ...(e.details.length ? { details: e.details } : {}),
        })
      }
    } finally {
      sending.delete(isian.kunci)
    }
  }
  return sent
}

/**
 * A refused entry the user resolved: sent again as it was (judged afresh: stock may have arrived), or, for
 * a tally refused as stale, on the shift's figures as they are now — a changed request, so a new key.
 */
export async function kirimUlangIsian(isian: Isian, input?: unknown): Promise<number> {
  await simpanIsian(
    input === undefined
      ? { ...isian, status: 'menunggu', penolakan: undefined }
      : { ...isian, kunci: kunciBaru(), input, status: 'menunggu', penolakan: undefined },
  )
  if (input !== undefined) await hapusIsian(isian.kunci)
  return kirimAntrean()
}

async function invokeOnce<M extends MethodName>(
  method: M,
  input: MethodInput<M> | unknown,
  kunci?: string,
): Promise<MethodOutput<M>> {
  const res = window.gudang
    ? await window.gudang.invoke(method, input ?? {}, sessionId, kunci)
    : await httpInvoke(method, input, kunci)
  if (res.ok && (method === 'sesi.masuk' || method === 'sesi.keluar' || method === 'sesi.lihat')) {
    // The server says which session this window holds now (null once it ended or lapsed).
    const sesi = res.result as { sessionId: string | null; user?: { nama: string } | null }
    rememberSession(sesi.sessionId)
    userName = sesi.user?.nama ?? null
  }
  if (!res.ok) {
    const err = new ApiError(res.error.code, res.error.message, res.error.details ?? [], method)
    err.need = res.error.need
    if (err.code === 'UNAUTHORIZED' && stasiunIni()) {
      stasiunDitolak()
    } else if (err.code === 'UNAUTHORIZED' && !window.gudang) {
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

/**
 * A folder for backups (a USB stick) that a person picked (issue 15: only the app's backup folder and
 * picked folders are read). In the desktop app without a typed folder, the system's folder dialog (the main
 * process remembers the choice); a typed folder (browser mode, which has no dialog) is remembered by
 * cadangan.pilihFolder, which needs an admin. Null when the dialog was cancelled.
 */
export async function pilihFolderCadangan(typed?: string, pin?: string): Promise<string | null> {
  if (!typed && window.gudang?.pilihFolder) {
    const r = await window.gudang.pilihFolder()
    if (!r.ok) throw new ApiError(r.error.code, r.error.message, r.error.details)
    return (r.result as string | null) ?? null
  }
  if (!typed?.trim()) return null
  // In recovery mode a typed folder needs an admin's PIN (no one is signed in there).
  await invoke('cadangan.pilihFolder', { folder: typed.trim(), ...(pin ? { pin } : {}) })
  return typed.trim()
}

/** Whether this window can open the system's folder dialog (the desktop app). */
export const hasFolderDialog = (): boolean => !!window.gudang?.pilihFolder
