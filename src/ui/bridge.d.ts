import type { ApiResponse } from '../api/contract'

declare global {
  interface Window {
    /** Provided by the Electron preload (contextBridge); absent in browser mode, where the UI uses HTTP. */
    gudang?: { invoke(method: string, input: unknown, session?: string | null): Promise<ApiResponse> }
  }
}

export {}
