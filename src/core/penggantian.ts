/**
 * What the printer still owes for one ballot type in one dapil, and what the satker asks it to replace
 * (DOMAIN.md §4, §7: rusak and kurang per type and dapil trigger replacement).
 *
 * - Kurang kirim: what the surat jalan of the ordinary deliveries stated, less what was counted in from
 *   them and from replacement (pengganti) deliveries. A pengganti settles the shortfall first; its own
 *   surat-jalan quantity is never added to what is owed. A line whose selisih the coordinator declared
 *   settled (the printer's recount was agreed, say) owes nothing more and covers nothing else.
 * - Replacement sheets beyond the shortfall replace damaged sheets.
 * - A request is made only once the deliveries of the variant are declared complete: while they are
 *   still arriving, a shortfall may simply be the next truck.
 */
export interface PenggantianInput {
  /** Stated on the unsettled lines of ordinary deliveries. */
  stated: number
  /** Counted in from those same lines. */
  counted: number
  /** Counted in from replacement deliveries. */
  pengganti: number
  /** Damaged sheets found (net of re-classification, destroyed ones included). */
  rusak: number
  /** The deliveries of this variant are declared complete. */
  lengkap: boolean
}

export interface Penggantian {
  kurangKirim: number
  /** Damaged sheets not yet replaced by a pengganti. */
  rusakBelumDiganti: number
  /** Sheets to request: null while the deliveries are still open. */
  diminta: number | null
}

export function penggantian(i: PenggantianInput): Penggantian {
  const shortfall = Math.max(0, i.stated - i.counted)
  const kurangKirim = Math.max(0, shortfall - i.pengganti)
  const forDamage = Math.max(0, i.pengganti - shortfall)
  const rusakBelumDiganti = Math.max(0, i.rusak - forDamage)
  return { kurangKirim, rusakBelumDiganti, diminta: i.lengkap ? kurangKirim + rusakBelumDiganti : null }
}
