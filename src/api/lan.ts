import { formatKepala } from '../core/stasiun'
import { chainHead } from '../db/ledger'
import type { ReadContext, ServiceContext } from '../services/context'
import * as stasiun from '../services/stasiun'
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

/**
 * What the listener needs of the file beyond the dispatcher: knowing a station by its credential (for
 * every request, like the local server's token), trading a pairing code for a credential (before there
 * is a station to authorize), the stored setting, and the ledger head every answer carries.
 */
export const lanAccess = {
  kenali: (ctx: ReadContext, kredensial: string) => stasiun.kenali(ctx, kredensial),
  pasang: (ctx: ServiceContext, kode: string, secure: boolean) => stasiun.pasang(ctx, kode, secure),
  setelan: (ctx: ReadContext) => stasiun.lihatSetelanHost(ctx),
  /** `<seq>:<hash>` of the ledger's last row; empty when the file has no ledger (recovery). */
  kepala(ctx: ReadContext): string {
    try {
      return formatKepala(chainHead(ctx.db))
    } catch {
      return ''
    }
  },
}

export type { HostSetting }
export type StasiunDikenal = NonNullable<ReturnType<typeof stasiun.kenali>>
