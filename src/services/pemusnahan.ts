import { refused, type Issue } from '../core/errors'
import type { MoveInput } from '../core/moves'
import { damageReason } from '../core/reasons'
import { isIsoDate } from '../core/shifts'
import { formatAngka } from '../core/terbilang'
import { localDate } from './clock'
import { writeTx, type Actor, type ServiceContext } from './context'
import * as dokumen from './dokumen'
import { requireElection } from './pemilihan'
import * as kebutuhan from './kebutuhan'
import { recordMoves } from './ledger'
import { listVariants } from './variants'

/**
 * Destroying damaged and surplus ballots before witnesses (DOMAIN.md §4: kept apart until the process
 * ends, then burned or shredded, with a numbered berita acara). Damaged sheets leave RUSAK:<reason>;
 * good sheets leave BAIK only as surplus: what is left after every TPS kit is packed and the PSU reserve
 * is kept. Everything goes to DIMUSNAHKAN under PEMUSNAHAN:<id>, with the BA issued in the same transaction.
 */
export const pemusnahanRef = (id: number) => `PEMUSNAHAN:${id}`

export interface DestructionLine {
  variantId: number
  label: string
  itemName: string
  dapil: string | null
  rusak: { reason: string; label: string; qty: number }[]
  baik: number
  /** Kit needs not yet packed or handed over: good sheets that are still spoken for. */
  kitSisa: number
  psu: number
  surplus: number
}

/** Per ballot variant: what can be destroyed now (all damaged sheets, and good ones beyond every need). */
/**
 * Good sheets still spoken for by TPS kits: for each kit not yet handed over, what it lacks. A kit with
 * the PPK needs nothing more from the warehouse, so sheets a PPK brings back are free again.
 */
function kitStillNeeds(ctx: ServiceContext): Map<number, number> {
  const handed = new Set(
    (ctx.db.prepare('SELECT tps_id AS t FROM handover_tps').all() as { t: number }[]).map((r) => r.t),
  )
  const packed = ctx.db.prepare('SELECT variant_id AS v, qty FROM balance WHERE place = ? AND qty > 0')
  const out = new Map<number, number>()
  for (const { tps, lines } of kebutuhan.tpsKits(ctx).values()) {
    if (handed.has(tps.id)) continue
    const inKit = new Map((packed.all(`DIKEMAS:${tps.id}`) as { v: number; qty: number }[]).map((r) => [r.v, r.qty]))
    for (const l of lines)
      out.set(l.variantId, (out.get(l.variantId) ?? 0) + Math.max(0, l.qty - (inKit.get(l.variantId) ?? 0)))
  }
  return out
}

export function daftarKandidat(ctx: ServiceContext): DestructionLine[] {
  requireElection(ctx)
  const stillNeeded = kitStillNeeds(ctx)
  const psu = new Map(kebutuhan.daftarDapil(ctx).map((r) => [r.variantId, r.psu]))
  const bal = ctx.db.prepare(
    `SELECT place, qty FROM balance WHERE variant_id = ? AND qty > 0 AND (place = 'BAIK' OR place LIKE 'RUSAK:%')`,
  )
  return listVariants(ctx)
    .filter((v) => v.kind === 'ballot')
    .map((v) => {
      const rows = bal.all(v.variantId) as { place: string; qty: number }[]
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

export interface DestructionInput {
  tanggal?: string | undefined
  metode: string
  tempat: string
  note: string
  /** from: 'BAIK' for surplus good sheets, or 'RUSAK:<reason>'. */
  lines: { variantId: number; from: string; qty: number }[]
}

export function catat(ctx: ServiceContext, who: Actor, input: DestructionInput) {
  const tanggal = input.tanggal ?? localDate(ctx.now())
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
    const id = Number(
      ctx.db
        .prepare('INSERT INTO pemusnahan (tanggal, at, actor, metode, tempat, note) VALUES (?, ?, ?, ?, ?, ?)')
        .run(tanggal, ctx.now().toISOString(), who.actor, input.metode, input.tempat, input.note).lastInsertRowid,
    )
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

export function daftar(ctx: ServiceContext) {
  return ctx.db
    .prepare(
      `SELECT p.id, p.tanggal, p.at, p.actor, p.metode, p.tempat, p.note, d.id AS documentId, d.nomor,
                (SELECT coalesce(sum(CASE WHEN l.reason = 'BATAL' THEN -l.qty ELSE l.qty END), 0) FROM ledger l WHERE l.document_id = 'PEMUSNAHAN:' || p.id) AS qty
         FROM pemusnahan p LEFT JOIN document d ON d.doc_type = 'BA_PEMUSNAHAN' AND d.ref = 'PEMUSNAHAN:' || p.id ORDER BY p.id DESC`,
    )
    .all() as {
    id: number
    tanggal: string
    at: string
    actor: string
    metode: string
    tempat: string
    note: string
    documentId: number | null
    nomor: string | null
    qty: number
  }[]
}
