// The one IPC endpoint of the app. Electron objects come in as parameters (type imports only),
// so tests drive this with plain objects and never load the Electron binary.
import type { IpcMainInvokeEvent } from 'electron'
import type { ApiResponse } from '../../src/api/contract'
import type { Dispatcher } from '../../src/api/dispatch'
import { isTrustedSenderUrl } from './security'

export const API_CHANNEL = 'api'

export interface ApiHandlerOptions {
  /** Resolves once the database is open; rejects when it cannot be opened. */
  dispatcher: () => Promise<Dispatcher>
  /** True from 'before-quit' on: the database is closed or closing. */
  isClosing: () => boolean
  /** The electron-vite dev server; undefined in a packaged app. */
  devServerUrl?: string
}

export type ApiSender = Pick<IpcMainInvokeEvent, 'senderFrame'>

const refuse = (code: 'UNAUTHORIZED' | 'UNKNOWN_METHOD' | 'DATABASE', message: string): ApiResponse => ({
  ok: false,
  error: { code, message },
})

export function createApiHandler(opts: ApiHandlerOptions) {
  return async (
    event: ApiSender,
    method: unknown,
    input: unknown,
    session?: unknown,
    kunci?: unknown,
  ): Promise<ApiResponse> => {
    if (!isTrustedSender(event, opts.devServerUrl)) {
      return refuse('UNAUTHORIZED', 'Permintaan ditolak: pengirim bukan halaman aplikasi Gudang Pemilu')
    }
    if (typeof method !== 'string') return refuse('UNKNOWN_METHOD', 'Nama metode harus berupa teks')
    let dispatcher: Dispatcher
    try {
      dispatcher = await opts.dispatcher()
    } catch (err) {
      return refuse('DATABASE', `Basis data tidak dapat dibuka: ${err instanceof Error ? err.message : String(err)}`)
    }
    if (opts.isClosing())
      return refuse('DATABASE', 'Aplikasi sedang ditutup; permintaan tidak diproses dan tidak ada yang diubah')
    // The actor is replaced by the user chosen in this window (sesi.masuk); 'operator' is never recorded
    // for a write, which needs a chosen user.
    const valid = typeof session === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(session)
    // The outbox's idempotency key of a write (docs/lan.md): a resent write is recorded once.
    const key = typeof kunci === 'string' && /^[A-Za-z0-9_-]{8,128}$/.test(kunci) ? { idempotencyKey: kunci } : {}
    return dispatcher.call(method, input, {
      actor: 'operator',
      transport: 'ipc',
      ...(valid ? { session } : {}),
      ...key,
    })
  }
}

export function isTrustedSender(event: ApiSender, devServerUrl: string | undefined): boolean {
  const frame = event.senderFrame
  if (!frame) return false
  try {
    // Reading a disposed frame throws; a frame that is gone has nothing legitimate to ask.
    return !frame.isDestroyed() && isTrustedSenderUrl(frame.url, devServerUrl)
  } catch {
    return false
  }
}
