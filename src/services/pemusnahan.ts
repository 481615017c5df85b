import type { Pemusnahan, PemusnahanInput, PemusnahanKandidat } from '../api/contract/pemusnahan'
import { refused, type Issue } from '../core/errors'
import type { MoveInput } from '../core/moves'
import { damageReason } from '../core/reasons'
import { isIsoDate } from '../core/shifts'
import { formatAngka } from '../core/terbilang'
import * as queries from '../db/pemusnahan'
import { handedTpsIds } from '../db/serahTerima'
import { localDate } from './clock'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'
import * as dokumen from './dokumen'
import { requireElection } from './pemilihan'
import * as kebutuhan from './kebutuhan'
import { kitContents } from './kemas'
import { recordMoves } from './ledger'
import { reading } from './reading'
import { listVariants } from './variants'

/**
 * Destroying damaged and surplus ballots before witnesses (DOMAIN.md §4: kept apart until the process
 * ends, then burned or shredded, with a numbered berita acara). Damaged sheets leave RUSAK:<reason>;
 * good sheets leave BAIK only as surplus: what is left after every TPS kit is packed and the PSU reserve
 * is kept. Everything goes to DIMUSNAHKAN under PEMUSNAHAN:<id>, with the BA issued in the same transaction.
 */
export const pemusnahanRef = (id: number) => `PEMUSNAHAN:${id}`

/**
 * Good sheets still spoken for by TPS kits: for each kit not yet handed over, what it lacks. A kit with
 * the PPK needs nothing more from the warehouse, so sheets a PPK brings back are free again.
 */
function kitStillNeeds(ctx: ReadContext): Map<number, number> {
  const handed = new Set(handedTpsIds(ctx.db))
  const packed = kitContents(ctx)
  const out = new Map<number, number>()
  for (const { tps, lines } of kebutuhan.tpsKits(reading(ctx)).values()) {
    if (handed.has(tps.id)) continue
    const inKit = packed.get(tps.id) ?? new Map<number, number>()
    for (const l of lines)
      out.set(l.variantId, (out.get(l.variantId) ?? 0) + Math.max(0, l.qty - (inKit.get(l.variantId) ?? 0)))
  }
  return out
}

/** Per ballot variant: what can be destroyed now (all damaged sheets, and good ones beyond every need). */
export function daftarKandidat(ctx: ReadContext): PemusnahanKandidat[] {
  requireElection(reading(ctx))
  const stillNeeded = kitStillNeeds(ctx)
  const psu = new Map(kebutuhan.daftarDapil(reading(ctx)).map((r) => [r.variantId, r.psu]))
  return listVariants(reading(ctx))
    .filter((v) => v.kind === 'ballot')
    .map((v) => {
      const rows = queries.destroyableBalances(ctx.db, v.variantId)
      const baik = rows.find((r) => r.place === 'BAIK')?.qty ?? 0
      const kitSisa = stillNeeded.get(v.variantId) ?? 0
      const reserve = psu.get(v.variantId) ?? 0
      return {
        variantId: v.variantId,
        label: v.label,
        itemName: v.itemName,
        dapil: v.dapil,
        rusak: rows
          .filter((r) => r.place.startsWith('RUSAK:'))
          .map((r) => {
            const code = r.place.slice('RUSAK:'.length)
            return { reason: code, label: damageReason(code)?.short ?? code, qty: r.qty }
          }),
        baik,
        kitSisa,
        psu: reserve,
        surplus: Math.max(0, baik - kitSisa - reserve),
      }
    })
}

export function catat(ctx: ServiceContext, who: Actor, input: PemusnahanInput) {
  const tanggal = input.tanggal ?? localDate(ctx, ctx.now())
  const candidates = new Map(daftarKandidat(ctx).map((c) => [c.variantId, c]))
  const issues: Issue[] = []
  if (!isIsoDate(tanggal)) issues.push({ column: 'tanggal', message: `Tanggal "${tanggal}" tidak ada di kalender` })
  const seen = new Set<string>()
  input.lines.forEach((l, i) => {
    const row = i + 1
    const c = candidates.get(l.variantId)
    if (!c)
      return void issues.push({
        row,
        column: 'variantId',
        message: `Barang dengan id ${l.variantId} bukan surat suara; pemusnahan hanya untuk surat suara`,
      })
    const key = `${l.variantId}|${l.from}`
    if (seen.has(key))
      issues.push({ row, column: 'from', message: `${c.label} dari tempat yang sama disebut dua kali` })
    seen.add(key)
    if (l.from === 'BAIK') {
      if (l.qty > c.surplus) {
        issues.push({
          row,
          column: 'qty',
          message: `${c.label}: surat suara baik yang boleh dimusnahkan hanya kelebihannya, ${formatAngka(c.surplus)} lembar (baik ${formatAngka(c.baik)}, masih dibutuhkan kit TPS ${formatAngka(c.kitSisa)}, cadangan PSU ${formatAngka(c.psu)})`,
        })
      }
    } else if (l.from.startsWith('RUSAK:')) {
      const r = c.rusak.find((x) => `RUSAK:${x.reason}` === l.from)
      if (!r)
        issues.push({
          row,
          column: 'from',
          message: `${c.label}: tidak ada surat suara rusak "${damageReason(l.from.slice(6))?.short ?? l.from}"`,
        })
      else if (l.qty > r.qty)
        issues.push({
          row,
          column: 'qty',
          message: `${c.label}: rusak "${r.label}" hanya ${formatAngka(r.qty)} lembar, tidak dapat memusnahkan ${formatAngka(l.qty)}`,
        })
    } else {
      issues.push({
        row,
        column: 'from',
        message: `Hanya surat suara rusak atau kelebihan surat suara baik yang dapat dimusnahkan`,
      })
    }
  })
  if (input.lines.length === 0)
    issues.push({ column: 'lines', message: 'Isi sedikitnya satu jenis surat suara yang dimusnahkan' })
  if (issues.length) throw refused('Pemusnahan ditolak; tidak ada yang dicatat', issues)

  return writeTx(ctx, who, 'pemusnahan.catat', () => {
    const id = queries.insertPemusnahan(ctx.db, {
      tanggal,
      at: ctx.now().toISOString(),
      actor: who.actor,
      metode: input.metode,
      tempat: input.tempat,
      note: input.note,
    })
    const moves: MoveInput[] = input.lines
      .filter((l) => l.qty > 0)
      .map((l) => ({
        variantId: l.variantId,
        from: l.from,
        to: 'DIMUSNAHKAN',
        qty: l.qty,
        documentId: pemusnahanRef(id),
      }))
    recordMoves(ctx, who, moves)
    const doc = dokumen.terbitkan(ctx, who, { type: 'BA_PEMUSNAHAN', pemusnahanId: id, tanggal })
    return { result: { pemusnahanId: id, document: doc }, detail: { id, ...input, tanggal, nomor: doc.nomor } }
  })
}

export function daftar(ctx: ReadContext): Pemusnahan[] {
  return queries.pemusnahanRows(ctx.db)
}
