import Database from 'better-sqlite3'
import { GENESIS_HASH } from '../core/ledgerRow'
import type { KepalaJejak } from '../core/jejak'
import { asReadable, type ReadableDB } from './handles'

/** SQL of the witnesses (services/saksi.ts): the election's id, a held head, a backup compared with the file. */

/** The random id migration 0011 gave this election (its witness journal's name); null before 0011. */
export function electionUid(db: ReadableDB): string | null {
  try {
    return (
      (db.prepare(`SELECT value FROM pengaturan WHERE key = 'id_pemilihan'`).pluck().get() as string | undefined) ??
      null
    )
  } catch {
    return null
  }
}

/** The hash of jejak row `seq`, or null when the chain has no such row. */
export function jejakHashAt(db: ReadableDB, seq: number): string | null {
  if (seq === 0) return GENESIS_HASH
  return (
    (db.prepare('SELECT hash FROM audit WHERE seq = ? AND hash IS NOT NULL').pluck().get(seq) as string | undefined) ??
    null
  )
}

/** The ledger head jejak row `seq` committed to; null when the chain has no such row. */
export function ledgerHeadAtJejak(db: ReadableDB, seq: number): KepalaJejak | null {
  if (seq === 0) return { seq: 0, hash: GENESIS_HASH }
  const r = db
    .prepare('SELECT ledger_seq AS seq, ledger_hash AS hash FROM audit WHERE seq = ? AND hash IS NOT NULL')
    .get(seq) as KepalaJejak | undefined
  return r ?? null
}

/** The last row of the jejak chain: how far the file reaches. */
export function jejakLastSeq(db: ReadableDB): number {
  return (db.prepare('SELECT max(seq) FROM audit WHERE hash IS NOT NULL').pluck().get() as number | null) ?? 0
}

export function ledgerHashAt(db: ReadableDB, seq: number): string | null {
  if (seq === 0) return GENESIS_HASH
  return (db.prepare('SELECT hash FROM ledger WHERE seq = ?').pluck().get(seq) as string | undefined) ?? null
}

export interface PrefixCheck {
  /** The backup's heads. */
  jejak: KepalaJejak
  ledger: KepalaJejak
  /** The first ledger row / jejak row of the backup the file no longer holds as it was; null when none. */
  firstLedger: number | null
  firstJejak: number | null
}

/**
 * Whether a backup's chains are a prefix of the file's: row by row, every ledger and jejak row of the
 * backup must be in the file with the same hash. Opens the backup read-only by itself.
 */
export function comparePrefix(db: ReadableDB, backupFile: string): PrefixCheck {
  const b = asReadable(new Database(backupFile, { readonly: true, fileMustExist: true }))
  try {
    const ledger = (b.prepare('SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1').get() as
      KepalaJejak | undefined) ?? {
      seq: 0,
      hash: GENESIS_HASH,
    }
    const chained = b.prepare(`SELECT 1 FROM pragma_table_info('audit') WHERE name = 'hash'`).get() !== undefined
    const jejak = chained
      ? ((b.prepare('SELECT seq, hash FROM audit WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1').get() as
          KepalaJejak | undefined) ?? { seq: 0, hash: GENESIS_HASH })
      : { seq: 0, hash: GENESIS_HASH }
    const mine = db.prepare('SELECT hash FROM ledger WHERE seq = ?').pluck()
    let firstLedger: number | null = null
    for (const r of b.prepare('SELECT seq, hash FROM ledger ORDER BY seq').iterate() as IterableIterator<KepalaJejak>) {
      if (mine.get(r.seq) !== r.hash) {
        firstLedger = r.seq
        break
      }
    }
    let firstJejak: number | null = null
    if (chained) {
      const mineJ = db.prepare('SELECT hash FROM audit WHERE seq = ?').pluck()
      for (const r of b
        .prepare('SELECT seq, hash FROM audit WHERE hash IS NOT NULL ORDER BY seq')
        .iterate() as IterableIterator<KepalaJejak>) {
        if (mineJ.get(r.seq) !== r.hash) {
          firstJejak = r.seq
          break
        }
      }
    }
    return { jejak, ledger, firstLedger, firstJejak }
  } finally {
    b.close()
  }
}

/** The election id of a file opened by itself, read-only (a backup in a picked folder); null when it has none. */
export function electionUidOfFile(file: string): string | null {
  const b = asReadable(new Database(file, { readonly: true, fileMustExist: true }))
  try {
    return electionUid(b)
  } finally {
    b.close()
  }
}
