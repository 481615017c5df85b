import { asZona, stempelDi, tanggalDi, tanggalJamDi, type ZonaWaktu } from '../core/zonaWaktu'
import { settingValue } from '../db/kemas'
import type { ReadContext } from './context'

/**
 * Calendar dates and times on the warehouse wall. Ledger rows carry UTC instants; what a coordinator sees
 * and what documents state is the date in the satker's zone (WIB, WITA or WIT: the election's setting
 * 'zona_waktu'), never the zone of the PC that runs the app (issue 15).
 */
export function zonaWaktu(ctx: ReadContext): ZonaWaktu {
  try {
    return asZona(settingValue(ctx.db, 'zona_waktu'))
  } catch {
    // A file from before the settings table: nothing better is known of it.
    return 'WIB'
  }
}

export function localDate(ctx: ReadContext, d: Date): string {
  return tanggalDi(d, zonaWaktu(ctx))
}

export function localDateTime(ctx: ReadContext, d: Date): string {
  return tanggalJamDi(d, zonaWaktu(ctx))
}

/** 'YYYYMMDD-HHMMSS' on the warehouse wall: the stamp a backup's or an output's file name carries. */
export function stempelBerkas(ctx: ReadContext, d: Date): string {
  return stempelDi(d, zonaWaktu(ctx))
}
