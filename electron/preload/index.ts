// Runs sandboxed: only contextBridge and ipcRenderer are available, and this file is bundled
// into one CommonJS script. The renderer gets exactly one function and no Electron objects.
import { contextBridge, ipcRenderer } from 'electron'
import type { ApiResponse } from '../../src/api/contract'

const MAX_METHOD_LENGTH = 100
const METHOD_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/

function invoke(method: string, input: unknown, session?: string | null): Promise<ApiResponse> {
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
  ) as Promise<ApiResponse>
}

contextBridge.exposeInMainWorld('gudang', { invoke })
