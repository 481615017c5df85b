import type { ApiResponse } from '../api/contract'

declare global {
  interface Window {
    /** Provided by the Electron preload (contextBridge); absent in browser mode, where the UI uses HTTP. */
    gudang?: {
      /** `kunci`: the idempotency key of a write (the outbox's), so a resent write is recorded once. */
      invoke(method: string, input: unknown, session?: string | null, kunci?: string): Promise<ApiResponse>
      /** Live updates: which domain changed (docs/lan.md); returns the function that stops listening. */
      onPeristiwa?(listener: (p: { ranah: string; seq: number }) => void): () => void
      /**
       * The desktop station's witness alarm (docs/lan.md): the host no longer holds a head this station saw.
       * Returns the function that stops listening.
       */
      onStasiunAlarm?(listener: (alarm: { seq: number[]; pesan: string }) => void): () => void
      /** Pairs this PC as a LAN station and restarts it as one (docs/lan.md). */
      sambungkan?(p: {
        tautan?: string
        alamat?: string
        port?: number
        sidikJari?: string
        kode?: string
      }): Promise<ApiResponse>
      /** The system's folder dialog for a backup folder; the chosen folder (remembered by the app) or null. */
      pilihFolder?(): Promise<ApiResponse>
      /** Forgets the pairing and restarts as a PC with its own file. */
      lepaskanStasiun?(): Promise<ApiResponse>
    }
  }
}

export {}
