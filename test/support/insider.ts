import Database from 'better-sqlite3'
import { GENESIS_HASH, type LedgerRowContent } from '../../src/core/ledgerRow'
import { asWritable, type WritableDB } from '../../src/db/handles'
import { jejakRowHash, tableDigest } from '../../src/db/jejak'
import { contentOf as storedContent, rowHash, type LedgerDbRow } from '../../src/db/ledger'
import { floorCategorisedSql, placeKindSql } from '../../src/db/ledgerCategories'

/** A plain move as a row behind the app's back: its content and hash, written straight into the ledger. */
export type ForgedMove = Pick<
  LedgerRowContent,
  'seq' | 'at' | 'actor' | 'variantId' | 'from' | 'to' | 'qty' | 'prevHash'
>

/**
 * Inserts `move` into the ledger as a row with no note, shift, document, reason, correction or worker,
 * hashed as the app would hash it; returns its hash.
 */
export function insertLedgerRow(db: Pick<WritableDB, 'prepare'>, move: ForgedMove): string {
  const content: LedgerRowContent = {
    ...move,
    note: null,
    shiftId: null,
    documentId: null,
    reason: null,
    correctsSeq: null,
    workerId: null,
  }
  const hash = rowHash(content)
  db.prepare(
    `INSERT INTO ledger (seq, at, actor, variant_id, from_place, to_place, qty, prev_hash, hash)
     VALUES (@seq, @at, @actor, @variantId, @from, @to, @qty, @prevHash, @hash)`,
  ).run({ ...content, hash })
  return hash
}

/**
 * What a careful forger does after changing ledger rows: recompute every table derived from the ledger
 * (balance, place_flow, floor_flow; zero rows included) as the triggers of the latest schema would have
 * (the rule as db/ledgerCategories.ts writes it, floor days in the satker's zone).
 */
export function rebuildDerivedTables(db: Pick<WritableDB, 'exec'>): void {
  db.exec(`DELETE FROM balance;
    INSERT INTO balance (variant_id, place, qty)
    SELECT variant_id, place, sum(q) FROM (
      SELECT variant_id, to_place AS place, qty AS q FROM ledger
      UNION ALL SELECT variant_id, from_place, -qty FROM ledger)
    GROUP BY variant_id, place;
    DELETE FROM place_flow;
    INSERT INTO place_flow (variant_id, from_kind, to_kind, reason, qty)
    SELECT variant_id, ${placeKindSql('from_place')}, ${placeKindSql('to_place')}, coalesce(reason, ''), sum(qty) FROM ledger GROUP BY 1, 2, 3, 4;
    DELETE FROM floor_flow;
    INSERT INTO floor_flow SELECT tanggal, shift_id, team_id, worker_id, variant_id, category, reason, sum(qty)
    FROM (${floorCategorisedSql('ledger l', '1')}) WHERE category IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7;`)
}

/**
 * An insider with the election file, sqlite3 and a short script (issue 15): every trigger in the way is
 * dropped and put back exactly as it was, every hash the file holds is recomputed with the app's own
 * (public) algorithms, every derived table rebuilt. What is left to find them is what is outside the file.
 */
export class Insider {
  readonly db: WritableDB
  private triggers: { name: string; sql: string }[] = []

  constructor(readonly file: string) {
    this.db = asWritable(new Database(file))
  }

  /** Drops every trigger, to be put back by done(). */
  private unguard(): void {
    if (this.triggers.length) return
    this.triggers = this.db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as {
      name: string
      sql: string
    }[]
    for (const t of this.triggers) this.db.exec(`DROP TRIGGER "${t.name}"`)
  }

  /** Any SQL with every trigger out of the way (the balances and marks then left as they are). */
  exec(sql: string, ...params: unknown[]): this {
    this.unguard()
    this.db.prepare(sql).run(...params)
    return this
  }

  /** Changes one ledger row's quantity and recomputes every later row's hash, then the derived tables. */
  rewriteLedgerQty(seq: number, qty: number): this {
    this.unguard()
    const rows = this.db.prepare('SELECT * FROM ledger WHERE seq >= ? ORDER BY seq').all(seq) as LedgerDbRow[]
    let prev =
      seq === 1
        ? GENESIS_HASH
        : (this.db
            .prepare('SELECT hash FROM ledger WHERE seq = ?')
            .pluck()
            .get(seq - 1) as string)
    const update = this.db.prepare('UPDATE ledger SET qty = ?, prev_hash = ?, hash = ? WHERE seq = ?')
    for (const r of rows) {
      const content = contentOf(r, prev)
      if (content.seq === seq) content.qty = qty
      prev = rowHash(content)
      update.run(content.qty, content.prevHash, prev, content.seq)
    }
    return this.rebuildDerived()
  }

  /** Appends a ledger row with a correct hash after the current head. */
  appendLedgerRow(move: { variantId: number; from: string; to: string; qty: number; at: string }): this {
    this.unguard()
    const head = this.db.prepare('SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined
    insertLedgerRow(this.db, {
      ...move,
      seq: (head?.seq ?? 0) + 1,
      actor: 'Orang Dalam',
      prevHash: head?.hash ?? GENESIS_HASH,
    })
    return this.rebuildDerived()
  }

  /** Deletes the last n ledger rows, and the jejak rows of the writes that made them. */
  deleteLastLedgerRows(n: number): this {
    this.unguard()
    const last = this.db.prepare('SELECT max(seq) FROM ledger').pluck().get() as number
    this.db.prepare('DELETE FROM ledger WHERE seq > ?').run(last - n)
    this.db.prepare('DELETE FROM audit WHERE ledger_seq > ?').run(last - n)
    return this.rebuildDerived()
  }

  private rebuildDerived(): this {
    rebuildDerivedTables(this.db)
    return this
  }

  /**
   * Makes the jejak chain agree with the file again: every chained row's ledger head re-read from the
   * ledger, the last recorded digest of every table recomputed, every hash and link recomputed.
   */
  resealJejak(opts: { coverLedgerTail?: boolean } = {}): this {
    this.unguard()
    this.db.exec('DELETE FROM jejak_kotor')
    const rows = this.db.prepare('SELECT * FROM audit WHERE hash IS NOT NULL ORDER BY seq').all() as {
      seq: number
      at: string
      actor: string
      action: string
      detail: string
      ledger_seq: number
      digests: string | null
    }[]
    const lastFor = new Map<string, number>()
    for (const r of rows) for (const t of Object.keys(JSON.parse(r.digests ?? '{}') as object)) lastFor.set(t, r.seq)
    const ledgerMax = this.db.prepare('SELECT coalesce(max(seq), 0) FROM ledger').pluck().get() as number
    const ledgerHash = this.db.prepare('SELECT hash FROM ledger WHERE seq = ?').pluck()
    const update = this.db.prepare(
      'UPDATE audit SET prev_hash = ?, hash = ?, ledger_seq = ?, ledger_hash = ?, digests = ? WHERE seq = ?',
    )
    let prev = GENESIS_HASH
    for (const r of rows) {
      const digests = JSON.parse(r.digests ?? 'null') as Record<string, string> | null
      if (digests)
        for (const t of Object.keys(digests))
          if (lastFor.get(t) === r.seq)
            digests[t] = t === 'audit' ? tableDigest(this.db, 'audit', 'WHERE hash IS NULL') : tableDigest(this.db, t)
      // A forged row appended to the ledger is made to look written by the last recorded write.
      const ledgerSeq = opts.coverLedgerTail && r === rows.at(-1) ? ledgerMax : Math.min(r.ledger_seq, ledgerMax)
      const content = {
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        action: r.action,
        detail: r.detail,
        ledgerSeq,
        ledgerHash: ledgerSeq === 0 ? GENESIS_HASH : (ledgerHash.get(ledgerSeq) as string),
        digests: digests ? JSON.stringify(digests) : null,
        prevHash: prev,
      }
      const hash = jejakRowHash(content)
      update.run(content.prevHash, hash, content.ledgerSeq, content.ledgerHash, content.digests, r.seq)
      prev = hash
    }
    return this
  }

  /** Puts every trigger back exactly as it was, checkpoints and closes the file. */
  done(): void {
    for (const t of this.triggers) this.db.exec(t.sql)
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    this.db.close()
  }
}

export type { LedgerDbRow }

/** A row's content as rewritten onto a new link: the stored columns, chained after `prevHash`. */
function contentOf(r: LedgerDbRow, prevHash: string): LedgerRowContent {
  return { ...storedContent(r), prevHash }
}
