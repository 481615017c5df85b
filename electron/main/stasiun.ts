// The Electron station ("Sambungkan ke komputer induk", issue 16): with a pairing saved in userData the
// app opens no election file of its own; its one IPC endpoint forwards every call to the host through
// the pinned client (src/server/lan/klien.ts). No electron import, so tests drive it under Node against
// a real host on loopback.
import { existsSync, unlinkSync } from 'node:fs'
import type { ApiResponse } from '../../src/api/contract'
import type { Dispatcher } from '../../src/api/dispatch'
import { alarmSaksi, bacaTautanPasang, type AlarmSaksi, type Kepala } from '../../src/core/stasiun'
import {
  KlienStasiun,
  muatKonfigurasi,
  pasang,
  SertifikatSalahError,
  simpanKonfigurasi,
  type KonfigurasiStasiun,
} from '../../src/server/lan/klien'

/** The station's own small file in userData: host, pinned certificate, credential, heads seen. */
export const STATION_FILE = 'stasiun.json'

export interface SambungkanInput {
  /** The pairing link from the host's QR code or screen. */
  tautan?: string
  /** Or typed by hand: the host's address and port, the first 16+ hex digits of its fingerprint, the code. */
  alamat?: string
  port?: number
  sidikJari?: string
  kode?: string
}

/** The station's client, with the heads it sees written back to its file (at most every few seconds). */
export function openStation(cfgPath: string): { klien: KlienStasiun; cfg: KonfigurasiStasiun } | null {
  const cfg = muatKonfigurasi(cfgPath)
  if (!cfg) return null
  let pending: Kepala[] | null = null
  let timer: NodeJS.Timeout | null = null
  const klien = new KlienStasiun(cfg, {
    onKepala: (kepala) => {
      pending = kepala
      timer ??= setTimeout(() => {
        timer = null
        if (pending) simpanKonfigurasi(cfgPath, { ...cfg, kepala: pending })
      }, 3_000)
    },
  })
  return { klien, cfg }
}

/** Every call of the window goes to the host, with the window's session and the outbox's key. */
export function stationDispatcher(klien: KlienStasiun): Dispatcher {
  return {
    async call(method, input, meta) {
      try {
        return await klien.call(method, input, {
          ...(meta.session ? { sesi: meta.session } : {}),
          ...(meta.idempotencyKey ? { kunci: meta.idempotencyKey } : {}),
        })
      } catch (err) {
        if (err instanceof SertifikatSalahError)
          return { ok: false, error: { code: 'UNAUTHORIZED', message: err.message } }
        return {
          ok: false,
          error: {
            code: 'UNREACHABLE',
            message: `Komputer induk tidak terjangkau: ${err instanceof Error ? err.message : String(err)}`,
          },
        }
      }
    },
    methods: () => [],
  }
}

/** Pairs with the host and saves the pairing; the caller restarts the app as a station. */
export async function sambungkan(cfgPath: string, input: SambungkanInput): Promise<ApiResponse> {
  const link = input.tautan ? bacaTautanPasang(input.tautan) : null
  const target =
    link ??
    (input.alamat && input.port && input.sidikJari && input.kode
      ? { alamat: input.alamat, port: input.port, sidikJari: input.sidikJari, kode: input.kode }
      : null)
  if (!target)
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Isi tautan pasang dari komputer induk, atau alamat, port, sidik jari dan kode pasangnya',
      },
    }
  try {
    const cfg = await pasang(target)
    simpanKonfigurasi(cfgPath, cfg)
    return { ok: true, result: { stasiun: cfg.stasiun, alamat: cfg.alamat, port: cfg.port } }
  } catch (err) {
    const code = (err as { code?: string }).code
    return {
      ok: false,
      error: {
        code: err instanceof SertifikatSalahError || code === 'UNAUTHORIZED' ? 'UNAUTHORIZED' : 'UNREACHABLE',
        message: err instanceof Error ? err.message : String(err),
      },
    }
  }
}

/** Forgets the pairing: the next start opens this PC's own election file again. */
export function lepaskan(cfgPath: string): ApiResponse {
  if (existsSync(cfgPath)) unlinkSync(cfgPath)
  return { ok: true, result: null }
}

/** Main → window channels (the preload's allow-list, electron/preload/saluran.ts SALURAN). */
export type SaluranJendela = 'peristiwa' | 'stasiun-alarm'
/** Window → main: the standing alarm (electron/preload/saluran.ts ALARM_SEKARANG). */
export const ALARM_SEKARANG = 'stasiun:alarm'

export interface IkutiInduk {
  /** Ends when the signal aborts. */
  selesai: Promise<void>
  /** The standing alarm, for a window that (re)loaded after it was raised (IPC `stasiun:alarm`). */
  alarm(): AlarmSaksi | null
}

/**
 * Follows the host's live feed for the window; after every (re)connection the heads this station saw are
 * proved, and a mismatch is sent to the window as `stasiun-alarm` (core/stasiun.ts alarmSaksi; the host
 * records its own alarm). The alarm stands until the app restarts: a window that starts listening later
 * (it loads while the first connection is made, or is reloaded) asks for it (`alarm()`).
 */
export function followHost(
  klien: KlienStasiun,
  send: (channel: SaluranJendela, payload: unknown) => void,
  signal: AbortSignal,
): IkutiInduk {
  let alarm: AlarmSaksi | null = null
  const selesai = klien.dengarkan((p) => send('peristiwa', p), {
    signal,
    onTersambung: () => {
      send('peristiwa', { ranah: '*', seq: klien.kepalaTerlihat().at(-1)?.seq ?? 0 })
      void klien.buktikan().then(
        (r) => {
          if (!r.ok || r.result.cocok) return
          alarm = alarmSaksi(r.result.hasil)
          send('stasiun-alarm', alarm)
        },
        () => {
          // Unreachable again: the next connection proves the heads.
        },
      )
    },
  })
  return { selesai, alarm: () => alarm }
}
