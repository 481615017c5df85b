import { formatTpsNumber } from '../core/tps'
import { parsePlace, placeLabel } from '../core/places'
import { damageReason } from '../core/reasons'
import type { ServiceContext } from './context'

/**
 * Place names for people: "Proses shift #12, regu Melati" rather than PROSES:12:3. Names are looked up
 * once per call site and cached, so a history of thousands of rows asks SQLite a handful of times.
 */
export function placeNamer(ctx: ServiceContext): (place: string) => string {
  const cache = new Map<string, string>()
  const team = ctx.db.prepare('SELECT nama FROM team WHERE id = ?')
  const tps = ctx.db.prepare(
    `SELECT t.nomor, d.nama AS desa, k.nama AS kecamatan FROM tps t JOIN desa d ON d.id = t.desa_id JOIN kecamatan k ON k.id = d.kecamatan_id WHERE t.id = ?`,
  )
  const kec = ctx.db.prepare('SELECT nama FROM kecamatan WHERE id = ?')
  const name = (place: string): string => {
    const p = parsePlace(place)
    if (!p) return place
    switch (p.kind) {
      case 'PROSES': {
        const t = team.get(Number(p.refs[1])) as { nama: string } | undefined
        return `Proses shift #${p.refs[0]}, regu ${t?.nama ?? p.refs[1]}`
      }
      case 'RUSAK':
        return `Rusak: ${damageReason(p.refs[0]!)?.short ?? p.refs[0]}`
      case 'DIKEMAS': {
        const t = tps.get(Number(p.refs[0])) as { nomor: number; desa: string; kecamatan: string } | undefined
        return t ? `Dikemas ${formatTpsNumber(t.nomor)} ${t.desa}, ${t.kecamatan}` : placeLabel(place)
      }
      case 'DIKIRIM': {
        const k = kec.get(Number(p.refs[0])) as { nama: string } | undefined
        return k ? `Diserahkan ke PPK (Panitia Pemilihan Kecamatan) ${k.nama}` : placeLabel(place)
      }
      default:
        return placeLabel(place)
    }
  }
  return (place) => cache.get(place) ?? (cache.set(place, name(place)), cache.get(place)!)
}
