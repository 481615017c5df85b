// Runs sandboxed: only contextBridge and ipcRenderer are available, and this file is bundled
// into one CommonJS script. The renderer gets exactly one function and no Electron objects.
import { contextBridge, ipcRenderer } from 'electron'
import type { ApiResponse } from '../../src/api/contract'
import { bacaPeristiwa, dengar, dengarAlarm, SALURAN } from './saluran'

const MAX_METHOD_LENGTH = 100
const METHOD_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/

function invoke(method: string, input: unknown, session?: string | null, kunci?: string): Promise<ApiResponse> {
  if (typeof method !== 'string' || method.length > MAX_METHOD_LENGTH || !METHOD_NAME.test(method)) {
    const shown = typeof method === 'string' ? method.slice(0, 40) : typeof method
    return Promise.resolve({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: `Nama metode "${shown}" tidak sah` },
    })
  }
  return ipcRenderer.invoke(
    'api',
    method,
    input,
    typeof session === 'string' ? session : undefined,
    typeof kunci === 'string' ? kunci : undefined,
  ) as Promise<ApiResponse>
}

/** Live updates (docs/lan.md): which domain changed; returns the function that stops listening. */
function onPeristiwa(listener: (p: { ranah: string; seq: number }) => void): () => void {
  return dengar(ipcRenderer, SALURAN.peristiwa, bacaPeristiwa, listener)
}

/** The desktop station's witness alarm: the host no longer holds a head this station saw (docs/lan.md). */
function onStasiunAlarm(listener: (alarm: { seq: number[]; pesan: string }) => void): () => void {
  return dengarAlarm(ipcRenderer, listener)
}

/**
 * "Sambungkan ke komputer induk": pairs this PC as a station from the pairing link (or the fields typed
 * by hand) and restarts it as one; lepaskanStasiun goes back to being a PC with its own file.
 */
function sambungkan(p: { tautan?: string; alamat?: string; port?: number; sidikJari?: string; kode?: string }) {
  return ipcRenderer.invoke('stasiun:sambungkan', p) as Promise<ApiResponse>
}
function lepaskanStasiun() {
  return ipcRenderer.invoke('stasiun:lepaskan') as Promise<ApiResponse>
}

/** The system's folder dialog for a backup folder (issue 15): the main process remembers what is chosen. */
function pilihFolder() {
  return ipcRenderer.invoke('cadangan:pilihFolder') as Promise<ApiResponse>
}

contextBridge.exposeInMainWorld('gudang', {
  invoke,
  onPeristiwa,
  onStasiunAlarm,
  sambungkan,
  lepaskanStasiun,
  pilihFolder,
})
