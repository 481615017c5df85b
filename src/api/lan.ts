import type { HostSetting } from '../services/stasiun'

/**
 * The LAN listener as the API sees it. The listener itself is a transport (src/server/lan/host.ts) and
 * the API may not import transports, so a process that can listen (the Electron main process, browser
 * mode) registers its listener here after openApp; the CLI and most tests register none, and then
 * stasiun.aturHost only stores the setting.
 */
export interface LanHostStatus {
  berjalan: boolean
  alamat: string[]
  port: number | null
  portHttp: number | null
  /** 64 hex digits. */
  sidikJari: string | null
  galat: string | null
  tersambung: number
}

export interface LanHostControl {
  /** Starts, moves or stops the listener to match the setting; resolves once it listens (or failed). */
  terapkan(setting: HostSetting): Promise<LanHostStatus>
  status(): LanHostStatus
  /** A station was revoked or re-paired: end its sessions and live feed now. */
  putuskan(stasiunId: number): void
  /** When the host last heard from a station since it started (ISO), or null. */
  terakhirTerlihat(stasiunId: number): string | null
}

export const LAN_OFF: LanHostStatus = {
  berjalan: false,
  alamat: [],
  port: null,
  portHttp: null,
  sidikJari: null,
  galat: null,
  tersambung: 0,
}

/** Where a process's listener registers itself; one per opened app. */
export class LanHostSlot {
  current: LanHostControl | null = null
}
