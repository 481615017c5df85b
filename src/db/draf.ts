import type { Draf } from '../api/contract/draf'
import type { ReadableDB, WritableDB } from './handles'

/** Drafts (table draf, migration 0010): parts of a draft as the text typed. */

interface DrafRow {
  bagian: string
  isi: string
  actor: string
  diubah_at: string
  basis_seq: number | null
}

export function lihatDraf(db: ReadableDB, jenis: string, kunci: string): Draf {
  const rows = db
    .prepare('SELECT bagian, isi, actor, diubah_at, basis_seq FROM draf WHERE jenis = ? AND kunci = ? ORDER BY bagian')
    .all(jenis, kunci) as DrafRow[]
  const bagian: Record<string, Record<string, string>> = {}
  let last: DrafRow | null = null
  // The oldest version any part was typed against: the draft is no fresher than its stalest row.
  let basisSeq: number | null = null
  for (const r of rows) {
    bagian[r.bagian] = JSON.parse(r.isi) as Record<string, string>
    if (!last || r.diubah_at > last.diubah_at) last = r
    if (r.basis_seq !== null) basisSeq = basisSeq === null ? r.basis_seq : Math.min(basisSeq, r.basis_seq)
  }
  return { bagian, diubahAt: last?.diubah_at ?? null, actor: last?.actor ?? null, basisSeq }
}

/** Writes parts in one transaction: a part given as null is removed, any other replaced (or all, when whole). */
export function simpanDraf(
  db: WritableDB,
  jenis: string,
  kunci: string,
  parts: readonly { bagian: string; isi: Record<string, string> | null }[],
  actor: string,
  at: string,
  /** The parts given are the whole draft: the others go. */
  whole = false,
  /** The version the parts were typed against (a tally grid's shift versi); null for none. */
  basisSeq: number | null = null,
): void {
  const put = db.prepare(
    `INSERT INTO draf (jenis, kunci, bagian, isi, actor, diubah_at, basis_seq) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (jenis, kunci, bagian) DO UPDATE SET isi = excluded.isi, actor = excluded.actor,
       diubah_at = excluded.diubah_at, basis_seq = excluded.basis_seq`,
  )
  const drop = db.prepare('DELETE FROM draf WHERE jenis = ? AND kunci = ? AND bagian = ?')
  db.transaction(() => {
    if (whole) db.prepare('DELETE FROM draf WHERE jenis = ? AND kunci = ?').run(jenis, kunci)
    for (const p of parts) {
      if (p.isi === null) drop.run(jenis, kunci, p.bagian)
      else put.run(jenis, kunci, p.bagian, JSON.stringify(p.isi), actor, at, basisSeq)
    }
  })()
}

/** Removes a draft, or only the parts named; with `actor`, only the parts that actor wrote last. */
export function hapusDraf(
  db: WritableDB,
  jenis: string,
  kunci: string,
  bagian?: readonly string[],
  actor?: string,
): number {
  if (!bagian) return db.prepare('DELETE FROM draf WHERE jenis = ? AND kunci = ?').run(jenis, kunci).changes
  const drop = db.prepare('DELETE FROM draf WHERE jenis = ? AND kunci = ? AND bagian = ? AND (? IS NULL OR actor = ?)')
  let n = 0
  for (const b of bagian) n += drop.run(jenis, kunci, b, actor ?? null, actor ?? null).changes
  return n
}
