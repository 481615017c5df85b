import { tanggalDi } from '../../../src/core/zonaWaktu'

/**
 * A date on the demo satker's wall (Kabupaten Batu Bara, Sumatera Utara: WIB), as the app's date fields
 * take it and start them (today is the warehouse's, not the PC's: ui/format.ts todayIso): 2024-11-04.
 */
export const isoDate = (d: Date): string => tanggalDi(d, 'WIB')

/** An ISO date as the app's date boxes show and take it, day first whatever the browser's language: 04/11/2024. */
export const ketik = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

/** Today on the demo satker's wall (WIB) when the test file was loaded. */
export const TODAY = isoDate(new Date())
