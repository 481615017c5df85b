import { parsePlace } from './places'

/**
 * Where every sheet of one item variant is, set against what the TPS kits and the PSU reserve need
 * (DOMAIN.md §9.2: reconcile counted vs BTTB vs need, per type x dapil). Pure: balances in, figures out.
 */
export interface ReconcileInput {
  /** Needs of every TPS kit plus the PSU reserve held at the satker. */
  kebutuhan: number
  /** Current balance of every place this variant has been in. */
  balances: ReadonlyMap<string, number>
  /** Net sheets counted in from the printer (PENYEDIA -> DITERIMA less corrections back). */
  diterima: number
  /** Tertukar sheets already sent back to the printer. */
  tertukarDikembalikan: number
  /** How the variant is made usable: sorted (ballots), assembled (kotak, bilik) or as received. */
  usableAt: 'BAIK' | 'SIAP' | 'DITERIMA'
}

export interface Reconciliation {
  kebutuhan: number
  diterima: number
  /** Received and not yet sorted or assembled (for items used as received: not yet packed). */
  belumDiproses: number
  proses: number
  /** Sorted good (ballots) or assembled (kotak, bilik) and still in the warehouse. */
  baik: number
  dikemas: number
  dikirim: number
  rusak: Record<string, number>
  rusakTotal: number
  tertukar: number
  tertukarDikembalikan: number
  dimusnahkan: number
  /** Sheets that will be usable if all still to be sorted turn out good. */
  tersedia: number
  /** Needs not covered by good sheets plus what is still to be sorted. */
  kekurangan: number
  kelebihan: number
}

export function reconcile(input: ReconcileInput): Reconciliation {
  let proses = 0
  let dikemas = 0
  let dikirim = 0
  const rusak: Record<string, number> = {}
  for (const [place, qty] of input.balances) {
    const p = parsePlace(place)
    if (!p || qty === 0) continue
    if (p.kind === 'PROSES') proses += qty
    else if (p.kind === 'DIKEMAS') dikemas += qty
    else if (p.kind === 'DIKIRIM') dikirim += qty
    else if (p.kind === 'RUSAK') rusak[p.refs[0]!] = (rusak[p.refs[0]!] ?? 0) + qty
  }
  const at = (place: string) => input.balances.get(place) ?? 0
  const baik = input.usableAt === 'DITERIMA' ? 0 : at(input.usableAt)
  const belumDiproses = at('DITERIMA')
  const tersedia = baik + dikemas + dikirim + belumDiproses + proses
  return {
    kebutuhan: input.kebutuhan,
    diterima: input.diterima,
    belumDiproses,
    proses,
    baik,
    dikemas,
    dikirim,
    rusak,
    rusakTotal: Object.values(rusak).reduce((s, q) => s + q, 0),
    tertukar: at('TERTUKAR'),
    tertukarDikembalikan: input.tertukarDikembalikan,
    dimusnahkan: at('DIMUSNAHKAN'),
    tersedia,
    kekurangan: Math.max(0, input.kebutuhan - tersedia),
    kelebihan: Math.max(0, tersedia - input.kebutuhan),
  }
}
