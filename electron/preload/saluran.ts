// What the main process may send to the window, and how the preload passes it on. No electron import:
// the preload hands in ipcRenderer, tests a plain EventEmitter. Only the channels named here reach the
// page, and only payloads of the expected shape (a copy of the fields, never the IPC event).

/** Main → window channels: live updates, and the desktop station's witness alarm (docs/lan.md). */
export const SALURAN = { peristiwa: 'peristiwa', alarm: 'stasiun-alarm' } as const
export type Saluran = (typeof SALURAN)[keyof typeof SALURAN]

/** Window → main: the standing alarm, asked for once when the window starts listening. */
export const ALARM_SEKARANG = 'stasiun:alarm'

export interface IpcPendengar {
  on(channel: string, handler: (event: unknown, payload: unknown) => void): unknown
  off(channel: string, handler: (event: unknown, payload: unknown) => void): unknown
  invoke(channel: string): Promise<unknown>
}

/** Listens on one allowed channel; returns the function that stops listening. */
export function dengar<T>(
  ipc: IpcPendengar,
  channel: Saluran,
  read: (payload: unknown) => T | null,
  listener: (value: T) => void,
): () => void {
  const handler = (_event: unknown, payload: unknown) => {
    const value = read(payload)
    if (value !== null) listener(value)
  }
  ipc.on(channel, handler)
  return () => void ipc.off(channel, handler)
}

export function bacaPeristiwa(p: unknown): { ranah: string; seq: number } | null {
  const { ranah, seq } = (p ?? {}) as { ranah?: unknown; seq?: unknown }
  return typeof ranah === 'string' && typeof seq === 'number' ? { ranah, seq } : null
}

/** The alarm as main sends it (core/stasiun.ts alarmSaksi): the rows that did not hold and the text. */
export function bacaAlarm(p: unknown): { seq: number[]; pesan: string } | null {
  const { seq, pesan } = (p ?? {}) as { seq?: unknown; pesan?: unknown }
  if (typeof pesan !== 'string' || pesan.length === 0 || pesan.length > 2000) return null
  if (!Array.isArray(seq) || seq.length > 64 || !seq.every((n) => Number.isSafeInteger(n))) return null
  return { seq: [...(seq as number[])], pesan }
}

/**
 * The witness alarm: pushed by main when a check fails, and asked for once on subscribing, since the
 * station proves its heads as soon as it connects — often before this window has loaded.
 */
export function dengarAlarm(ipc: IpcPendengar, listener: (alarm: { seq: number[]; pesan: string }) => void) {
  let live = true
  const stop = dengar(ipc, SALURAN.alarm, bacaAlarm, listener)
  ipc.invoke(ALARM_SEKARANG).then(
    (p) => {
      const alarm = bacaAlarm(p)
      if (live && alarm) listener(alarm)
    },
    () => {
      // Not a station (the host's own window): no alarm to ask for.
    },
  )
  return () => {
    live = false
    stop()
  }
}
