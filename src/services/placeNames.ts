import { formatTpsNumber } from '../core/tps'
import { parsePlace, placeLabel } from '../core/places'
import { damageReason } from '../core/reasons'
import { reguById } from '../db/regu'
import { kecamatanNama, tpsPlace } from '../db/wilayah'
import type { ReadContext } from './context'
import { reguName } from '../core/regu'

/**
 * Place names for people: "Proses shift #12, regu Melati" rather than PROSES:12:3. Names are looked up
 * once per call site and cached, so a history of thousands of rows asks SQLite a handful of times.
 */
export function placeNamer(ctx: ReadContext): (place: string) => string {
  const cache = new Map<string, string>()
  const name = (place: string): string => {
    const p = parsePlace(place)
    if (!p) return place
    switch (p.kind) {
      case 'PROSES':
        return `Proses shift #${p.refs[0]}, ${reguName(reguById(ctx.db, Number(p.refs[1]))?.nama ?? p.refs[1]!, true)}`
      case 'RUSAK':
        return `Rusak: ${damageReason(p.refs[0]!)?.short ?? p.refs[0]}`
      case 'DIKEMAS': {
        const t = tpsPlace(ctx.db, Number(p.refs[0]))
        return t ? `Dikemas ${formatTpsNumber(t.nomor)} ${t.desa}, ${t.kecamatan}` : placeLabel(place)
      }
      case 'DIKIRIM': {
        const k = kecamatanNama(ctx.db, Number(p.refs[0]))
        return k !== undefined ? `Diserahkan ke PPK (Panitia Pemilihan Kecamatan) ${k}` : placeLabel(place)
      }
      default:
        return placeLabel(place)
    }
  }
  return (place) => cache.get(place) ?? (cache.set(place, name(place)), cache.get(place)!)
}
