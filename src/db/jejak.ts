import { createHash, hash } from 'node:crypto'
import { canonicalJejak, type JejakRowContent, type KepalaJejak } from '../core/jejak'
import { GENESIS_HASH } from '../core/ledgerRow'
import type { OnProgress } from '../core/progress'
import type { ReadableDB, WritableDB } from './handles'
import { chainHead, lastSeq } from './ledger'
import { NOT_EVIDENCE_AT_0011 } from './migrations/0011_jejak'

/**
 * The jejak chain (migration 0011, docs/architecture.md "Evidence"): each audit row is chained to the one
 * before and commits to the ledger head after its write and to the digests of the evidence tables the
 * write changed. Anything computable from the file alone can be recomputed consistently by an insider;
 * the chain makes every such rewrite change the head a witness (saksi) holds outside the file.
 */

/** Tables that are not evidence of their own (see migration 0011 for why). */
const NOT_EVIDENCE: ReadonlySet<string> = new Set<string>(NOT_EVIDENCE_AT_0011)

/** Whether this file's audit log is chained (schema 11 onwards). */
export function hasJejak(db: ReadableDB): boolean {
  return db.prepare(`SELECT 1 FROM pragma_table_info('audit') WHERE name = 'hash'`).get() !== undefined
}

/** The action of the jejak row a migration writes, recording the digest of every evidence table. */
export const MIGRATION_ACTION = 'migrasi'

/** Every evidence table of the file as it is, by name. */
export function evidenceTables(db: ReadableDB): string[] {
  return (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all() as string[]
  ).filter((t) => !NOT_EVIDENCE.has(t))
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

/**
 * SHA-256 over a table's rows in a canonical encoding: its column names, then every row's values in
 * primary-key order (all columns for a table without one). Never the rowid, which VACUUM may renumber.
 */
export function tableDigest(db: ReadableDB, table: string, where = ''): string {
  const cols = db.prepare(`SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as {
    name: string
    pk: number
  }[]
  const pk = cols
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name)
  const order = (pk.length ? pk : cols.map((c) => c.name)).map(quote).join(', ')
  const h = createHash('sha256')
  h.update(JSON.stringify(['gudang-pemilu/tabel/v1', table, cols.map((c) => c.name)]))
  const stmt = db
    .prepare(`SELECT ${cols.map((c) => quote(c.name)).join(', ')} FROM ${quote(table)} ${where} ORDER BY ${order}`)
    .raw(true)
  // The same bytes hashed in fewer, larger pieces (a hash of pieces is the hash of their concatenation), and
  // the rows of a table of master-data size read in one call: per row, a call into the hash and a step of an
  // iterator each cost more than the row's JSON (15,228 TPS: 13 ms, now 7). A larger table is iterated.
  const n = db
    .prepare(`SELECT count(*) FROM ${quote(table)} ${where}`)
    .pluck()
    .get() as number
  const rows = n <= DIGEST_READ_AT_ONCE ? (stmt.all() as unknown[][]) : (stmt.iterate() as IterableIterator<unknown[]>)
  let piece = ''
  for (const row of rows) {
    piece += '\n' + JSON.stringify(row)
    if (piece.length >= DIGEST_PIECE) {
      h.update(piece)
      piece = ''
    }
  }
  h.update(piece)
  stmt.raw(false)
  return h.digest('hex')
}

/** Rows a table digest reads in one call at most (an evidence table is master data: TPS, workers, shifts). */
const DIGEST_READ_AT_ONCE = 100_000
/** Characters of row text hashed at a time. */
const DIGEST_PIECE = 64 * 1024

/** The audit rows written before the chain began (schema < 11): covered as a whole by the first chained row. */
const UNCHAINED_AUDIT = 'WHERE hash IS NULL'

/** The head of the jejak chain: its last chained row, or (0, genesis) before the first. */
export function jejakHead(db: ReadableDB): KepalaJejak {
  if (!hasJejak(db)) return { seq: 0, hash: GENESIS_HASH }
  const row = db.prepare('SELECT seq, hash FROM audit WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1').get() as
    KepalaJejak | undefined
  return row ?? { seq: 0, hash: GENESIS_HASH }
}

export const jejakRowHash = (r: JejakRowContent): string => hash('sha256', canonicalJejak(r), 'hex')

export interface JejakEntry {
  at: string
  actor: string
  action: string
  detail: string
}

/**
 * Writes one chained audit row for the write in progress, inside its transaction: the ledger head now and
 * the digest of every table marked changed (every evidence table for the first chained row and after a
 * migration), then clears the marks. On a file before schema 11 it writes the plain audit row.
 */
export function sealJejak(db: WritableDB, e: JejakEntry, opts: { all?: boolean } = {}): KepalaJejak | null {
  if (!hasJejak(db)) {
    db.prepare('INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)').run(
      e.at,
      e.actor,
      e.action,
      e.detail,
    )
    return null
  }
  const head = jejakHead(db)
  const first = head.seq === 0
  const existing = new Set(evidenceTables(db))
  const tables =
    opts.all || first
      ? [...existing]
      : (db.prepare('SELECT tabel FROM jejak_kotor ORDER BY tabel').pluck().all() as string[]).filter((t) =>
          existing.has(t),
        )
  const digests: Record<string, string> = {}
  for (const t of tables.sort()) digests[t] = tableDigest(db, t)
  if (first) digests.audit = tableDigest(db, 'audit', UNCHAINED_AUDIT)
  const ledger = chainHead(db)
  const seq = ((db.prepare('SELECT max(seq) AS n FROM audit').get() as { n: number | null }).n ?? 0) + 1
  const row: JejakRowContent = {
    seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    detail: e.detail,
    ledgerSeq: ledger.seq,
    ledgerHash: ledger.hash,
    digests: Object.keys(digests).length ? JSON.stringify(digests, Object.keys(digests).sort()) : null,
    prevHash: head.hash,
  }
  const rowHash = jejakRowHash(row)
  db.prepare(
    `INSERT INTO audit (seq, at, actor, action, detail, prev_hash, hash, ledger_seq, ledger_hash, digests)
     VALUES (@seq, @at, @actor, @action, @detail, @prevHash, @hash, @ledgerSeq, @ledgerHash, @digests)`,
  ).run({ ...row, hash: rowHash })
  db.prepare('DELETE FROM jejak_kotor').run()
  return { seq, hash: rowHash }
}

interface StoredJejak {
  seq: number
  at: string
  actor: string
  action: string
  detail: string
  prev_hash: string | null
  hash: string | null
  ledger_seq: number | null
  ledger_hash: string | null
  digests: string | null
}

const contentOf = (r: StoredJejak): JejakRowContent => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  detail: r.detail,
  ledgerSeq: r.ledger_seq ?? 0,
  ledgerHash: r.ledger_hash ?? '',
  digests: r.digests,
  prevHash: r.prev_hash ?? '',
})

/** One chained row as written, or undefined. */
export function jejakRow(db: ReadableDB, seq: number): (JejakRowContent & { hash: string }) | undefined {
  const r = db.prepare('SELECT * FROM audit WHERE seq = ? AND hash IS NOT NULL').get(seq) as StoredJejak | undefined
  return r && { ...contentOf(r), hash: r.hash! }
}

export interface JejakCheck {
  /** Chained rows walked. */
  rows: number
  head: KepalaJejak
  /** The first jejak row whose sequence, link, content or ledger head does not hold. */
  firstBadSeq: number | null
  /** Every problem found, the first first; empty when the chain and every table agree. */
  problems: string[]
}

/**
 * Walks the whole jejak chain (each row's link and hash, its ledger head present in the ledger, ledger
 * heads never going back), then compares every evidence table's digest with the last one recorded, and
 * names what a write outside the app left behind: marks not cleared, ledger rows no jejak row covers.
 */
export function verifyJejak(db: ReadableDB, opts: { onProgress?: OnProgress } = {}): JejakCheck {
  const out: JejakCheck = { rows: 0, head: { seq: 0, hash: GENESIS_HASH }, firstBadSeq: null, problems: [] }
  if (!hasJejak(db)) return out
  const bad = (seq: number, problem: string) => {
    out.firstBadSeq ??= seq
    out.problems.push(problem)
  }
  const total = (db.prepare('SELECT count(*) FROM audit WHERE hash IS NOT NULL').pluck().get() as number) || 0
  const ledgerHashAt = db.prepare('SELECT hash FROM ledger WHERE seq = ?').pluck()
  const latest = new Map<string, { digest: string; seq: number }>()
  let prev: KepalaJejak = { seq: 0, hash: GENESIS_HASH }
  let ledgerSeen = 0
  let chained = false
  for (const r of db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<StoredJejak>) {
    if (out.firstBadSeq !== null) break
    if (r.hash === null) {
      if (chained)
        bad(r.seq, `Jejak ${r.seq} tidak berantai padahal jejak sebelumnya berantai: baris disisipkan di luar aplikasi`)
      continue
    }
    chained = true
    const c = contentOf(r)
    if (prev.seq !== 0 && r.seq !== prev.seq + 1)
      bad(r.seq, `Jejak ${prev.seq + 1}${r.seq - 1 > prev.seq + 1 ? `–${r.seq - 1}` : ''} hilang dari rantai jejak`)
    else if (c.prevHash !== prev.hash)
      bad(r.seq, `Jejak ${r.seq} tidak tersambung ke jejak sebelumnya: rantai jejak terputus`)
    else if (jejakRowHash(c) !== r.hash) bad(r.seq, `Isi jejak ${r.seq} tidak sesuai hash-nya: jejak telah diubah`)
    else if (c.ledgerSeq < ledgerSeen)
      bad(r.seq, `Jejak ${r.seq} menunjuk buku besar baris ${c.ledgerSeq}, mundur dari baris ${ledgerSeen}`)
    else if (
      (c.ledgerSeq === 0 ? GENESIS_HASH : (ledgerHashAt.get(c.ledgerSeq) as string | undefined)) !== c.ledgerHash
    )
      bad(
        r.seq,
        `Buku besar baris ${c.ledgerSeq} tidak sama dengan yang dicatat jejak ${r.seq}: buku besar diubah atau dipotong`,
      )
    if (out.firstBadSeq !== null) break
    ledgerSeen = c.ledgerSeq
    if (c.digests) {
      // A migration's row records every evidence table (sealJejak's `all`): a table it does not name was
      // dropped or renamed by that migration, not behind the app.
      if (r.action === MIGRATION_ACTION) for (const t of [...latest.keys()]) if (t !== 'audit') latest.delete(t)
      for (const [t, d] of Object.entries(JSON.parse(c.digests) as Record<string, string>))
        latest.set(t, { digest: d, seq: r.seq })
    }
    prev = { seq: r.seq, hash: r.hash }
    out.rows++
    if (opts.onProgress && out.rows % 50_000 === 0)
      opts.onProgress({ done: out.rows, total, unit: 'jejak', current: 'Memeriksa rantai jejak' })
  }
  out.head = prev
  if (out.firstBadSeq !== null || !chained) return out

  const ledgerLast = lastSeq(db)
  if (ledgerLast > ledgerSeen)
    out.problems.push(
      `Buku besar baris ${ledgerSeen + 1}${ledgerLast > ledgerSeen + 1 ? `–${ledgerLast}` : ''} tidak tercatat dalam jejak: ditambahkan di luar aplikasi`,
    )
  const marked = db.prepare('SELECT tabel FROM jejak_kotor ORDER BY tabel').pluck().all() as string[]
  if (marked.length)
    out.problems.push(`Perubahan pada tabel ${marked.join(', ')} tidak tercatat dalam jejak: ditulis di luar aplikasi`)
  const tables = evidenceTables(db)
  for (const t of tables) {
    const rec = latest.get(t)
    if (!rec) out.problems.push(`Tabel ${t} tidak pernah tercatat dalam jejak: dibuat di luar aplikasi`)
    else if (tableDigest(db, t) !== rec.digest)
      out.problems.push(`Tabel ${t} diubah di luar aplikasi setelah jejak ${rec.seq}`)
  }
  const before = latest.get('audit')
  if (before && tableDigest(db, 'audit', UNCHAINED_AUDIT) !== before.digest)
    out.problems.push(`Jejak lama (sebelum rantai jejak dimulai) diubah di luar aplikasi setelah jejak ${before.seq}`)
  for (const t of latest.keys())
    if (t !== 'audit' && !tables.includes(t))
      out.problems.push(`Tabel ${t} hilang (tercatat terakhir pada jejak ${latest.get(t)!.seq})`)
  return out
}

/**
 * The start check's part: the last jejak row's own hash, its link to the row before, its ledger head
 * still in the ledger and no ledger row beyond it, and no change marked but not recorded.
 */
export function jejakTailProblem(db: ReadableDB): string | null {
  if (!hasJejak(db)) return null
  const rows = db.prepare('SELECT * FROM audit WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 2').all() as StoredJejak[]
  const [last, before] = rows
  if (!last) return null
  const c = contentOf(last)
  if (jejakRowHash(c) !== last.hash) return `Isi jejak ${last.seq} tidak sesuai hash-nya: jejak telah diubah`
  if (before && (before.seq !== last.seq - 1 || c.prevHash !== before.hash))
    return `Jejak ${last.seq} tidak tersambung ke jejak sebelumnya: rantai jejak terputus`
  const ledgerHash =
    c.ledgerSeq === 0 ? GENESIS_HASH : db.prepare('SELECT hash FROM ledger WHERE seq = ?').pluck().get(c.ledgerSeq)
  if (ledgerHash !== c.ledgerHash)
    return `Buku besar baris ${c.ledgerSeq} tidak sama dengan yang dicatat jejak ${last.seq}: buku besar diubah atau dipotong`
  const ledgerLast = lastSeq(db)
  if (ledgerLast > c.ledgerSeq)
    return `Buku besar baris ${c.ledgerSeq + 1}${ledgerLast > c.ledgerSeq + 1 ? `–${ledgerLast}` : ''} tidak tercatat dalam jejak: ditambahkan di luar aplikasi`
  const unchained = db.prepare('SELECT seq FROM audit WHERE seq > ? LIMIT 1').pluck().get(last.seq) as
    number | undefined
  if (unchained !== undefined) return `Jejak ${unchained} tidak berantai: baris disisipkan di luar aplikasi`
  const marked = db.prepare('SELECT tabel FROM jejak_kotor ORDER BY tabel').pluck().all() as string[]
  if (marked.length)
    return `Perubahan pada tabel ${marked.join(', ')} tidak tercatat dalam jejak: ditulis di luar aplikasi`
  return null
}
