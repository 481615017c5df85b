import { alarmSaksi } from '../core/stasiun'
import { kepalaTerlihat } from './stasiunIni'
import { aturKeadaan } from './antrean'
import { diStasiun, feedRequest, invoke, kirimAntrean, stasiunDitolak, toApiError } from './api'

/** What changed on the host: the namespace of a committed write and the ledger's head after it. */
export interface Peristiwa {
  ranah: string
  seq: number
}

/** `{ ranah: '*' }`: the feed came back after a break; everything shown may be stale. */
export const SEMUA = '*'

/** A feed that hears nothing (not even the 15 s heartbeat) for this long is taken as dead and opened again. */
const SILENCE_MS = 25_000
const RETRY_MS = [300, 600, 1_000, 2_000]

/**
 * The live updates of docs/lan.md: the desktop app's IPC (the Electron station forwards the host's feed
 * there), browser mode's and a browser station's GET /peristiwa read with fetch (EventSource cannot send
 * the station's credential). A browser station also learns here that the host is back: it then refetches,
 * has its witness heads proven, and sends its outbox.
 */
export function dengarkanPeristiwa(onEvent: (p: Peristiwa) => void): () => void {
  if (window.gudang) {
    const stop = window.gudang.onPeristiwa?.((p) => {
      onEvent(p)
      if (p.ranah === SEMUA && diStasiun()) {
        // The desktop station's main process reconnected to the host's feed.
        aturKeadaan({ tersambung: true })
        void afterReconnect()
      }
    })
    // The desktop station's main process proves the heads itself and forwards a failed check here.
    const stopAlarm = window.gudang.onStasiunAlarm?.((a) => aturKeadaan({ alarm: a.pesan }))
    return () => {
      stop?.()
      stopAlarm?.()
    }
  }
  const request = feedRequest()
  if (!request) return () => {}
  let stopped = false
  let controller: AbortController | null = null
  const station = diStasiun()

  async function loop() {
    let first = true
    for (let attempt = 0; !stopped; attempt++) {
      controller = new AbortController()
      const ctrl = controller
      let silence: ReturnType<typeof setTimeout> | undefined
      const arm = () => {
        clearTimeout(silence)
        silence = setTimeout(() => ctrl.abort(), SILENCE_MS)
      }
      try {
        const res = await fetch(request!.url, { headers: request!.headers, signal: ctrl.signal, cache: 'no-store' })
        if (res.status === 401 && station) return stasiunDitolak()
        // No feed at this server (204), or the token is refused: nothing to follow until the page reloads.
        if (res.status === 204 || res.status === 401) return
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`)
        attempt = 0
        if (station) aturKeadaan({ tersambung: true })
        if (!first) onEvent({ ranah: SEMUA, seq: -1 })
        if (station) void afterReconnect()
        first = false
        arm()
        const reader = res.body.getReader()
        const decoder = new TextDecoder()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          arm()
          buffer += decoder.decode(value, { stream: true })
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const p = parseEvent(block)
            if (p) onEvent(p)
          }
        }
      } catch {
        /* the host went away, or the feed fell silent: open it again below */
      } finally {
        clearTimeout(silence)
      }
      if (stopped) return
      first = false
      if (station) aturKeadaan({ tersambung: false })
      await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]))
    }
  }
  void loop()
  return () => {
    stopped = true
    controller?.abort()
  }
}

function parseEvent(block: string): Peristiwa | null {
  let event = 'message'
  let data = ''
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim()
    else if (line.startsWith('data:')) data += line.slice(5).trim()
  }
  if (event !== 'perubahan' || !data) return null
  try {
    const p = JSON.parse(data) as Peristiwa
    return typeof p.ranah === 'string' && typeof p.seq === 'number' ? p : null
  } catch {
    return null
  }
}

/** The host is back: prove the heads this station saw, then send what waited. */
async function afterReconnect(): Promise<void> {
  const heads = kepalaTerlihat()
  if (heads.length && !window.gudang) {
    try {
      const bukti = await invoke('stasiun.buktikan', { kepala: heads.slice(-64) })
      if (!bukti.cocok) aturKeadaan({ alarm: alarmSaksi(bukti.hasil).pesan })
    } catch (err) {
      if (toApiError(err).code !== 'NETWORK') console.warn('stasiun.buktikan', err)
    }
  }
  await kirimAntrean()
}
