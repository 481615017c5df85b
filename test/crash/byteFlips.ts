import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { copyFileSync, openSync, readFileSync, readSync, closeSync, rmSync, writeSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openApp } from '../../src/api/app'
import * as ledger from '../../src/services/ledger'
import { recordMoves } from '../../src/services/ledger'
import { mulberry32 } from '../support/random'

/**
 * Random page-level byte flips of an election file (issue 15): one byte of one page XORed with a random
 * non-zero value, seeded so a run can be repeated flip by flip. Each flipped copy goes through what a user
 * has: the open (the recovery screen when the start check fails) and then the full verification (what
 * Periksa integritas and `gudang verify` run). A flip is
 * - found: the open reached recovery mode, or the verification was not ok, naming a problem;
 * - harmless: neither found it, and an independent oracle proves the file still says exactly what it
 *   said: every row of every table and sqlite_master read through plain SQLite (rowid order) hashes the
 *   same as the original's, and SQLite's own full integrity_check (which also checks every index against
 *   its table) is ok. That is what a flip in a free page, in the unused gap of a page or in a header field
 *   SQLite does not rely on (the change counter, the version numbers) leaves;
 * - missed: neither found it, yet the content or the integrity differs — a failure;
 * - a crash: anything thrown out of the open or the verification, or an "internal error" — a failure.
 */
const ROOT = resolve(__dirname, '../..')

export interface FlipOutcome {
  n: number
  page: number
  offset: number
  verdict: 'found' | 'harmless' | 'missed' | 'crash'
  /** The finding (found), why it is harmless, or what went wrong. */
  what: string
}

export interface FlipReport {
  flips: number
  found: number
  harmless: number
  missed: FlipOutcome[]
  crashes: FlipOutcome[]
  outcomes: FlipOutcome[]
}

/** A demo election with a delivery, floor work and a document register row: pages of every kind. */
export async function prepareFlipSource(dbPath: string): Promise<void> {
  const app = await openApp({ dbPath, demoCsvPath: join(ROOT, 'resources/demo/tps-batubara-2024.csv') })
  try {
    const variantId = app.ctx.db.prepare('SELECT id FROM barang_varian ORDER BY id LIMIT 1').pluck().get() as number
    const res = await app.dispatcher.call(
      'penerimaan.catat',
      {
        receivedAt: '2024-11-04T08:00',
        penyedia: 'PT Uji',
        suratJalan: 'SJ-BALIK',
        lines: [{ variantId, statedQty: 5000, countedQty: 5000 }],
      },
      { actor: 'uji', transport: 'test' },
    )
    if (!res.ok) throw new Error(res.error.message)
    for (let i = 0; i < 40; i++)
      recordMoves(app.ctx, { actor: 'uji' }, [{ variantId, from: 'DITERIMA', to: 'BAIK', qty: 10 + i }])
  } finally {
    app.close()
  }
  // One file, no -wal beside it: the flips hit the pages a copy on a USB drive would hold.
  const db = new Database(dbPath)
  db.pragma('journal_mode = DELETE')
  db.close()
}

/**
 * What the file says, read by plain SQLite and nothing of ours: sqlite_master, then every table's rows in
 * rowid order (WITHOUT ROWID tables in their key order), hashed; and integrity_check. Throws when SQLite
 * cannot read it.
 */
export function contentOf(file: string): { hash: string; integrity: string } {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const h = createHash('sha256')
    const master = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all() as {
      type: string
      name: string
      sql: string | null
    }[]
    h.update(JSON.stringify(master))
    for (const t of master.filter((m) => m.type === 'table' && !m.name.startsWith('sqlite_'))) {
      const stmt = db.prepare(`SELECT * FROM "${t.name.replace(/"/g, '""')}"`).raw(true)
      for (const row of stmt.iterate() as IterableIterator<unknown[]>)
        h.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)) + '\n')
    }
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ')
    return { hash: h.digest('hex'), integrity }
  } finally {
    db.close()
  }
}

const INTERNAL = /Kesalahan internal|internal error/i

/** One flipped copy judged as a user's app and an independent oracle see it. */
export async function judge(file: string, original: string): Promise<Pick<FlipOutcome, 'verdict' | 'what'>> {
  let finding: string | null = null
  try {
    const app = await openApp({ dbPath: file, readOnly: true })
    try {
      if (app.state.mode === 'pemulihan') finding = `layar pemulihan: ${app.state.problem ?? '(tanpa keterangan)'}`
      else {
        const report = ledger.periksa(app.ctx)
        if (!report.ok) finding = `verify: ${report.problems[0] ?? report.problem ?? '(tanpa keterangan)'}`
      }
    } finally {
      app.close()
    }
  } catch (err) {
    return { verdict: 'crash', what: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }
  }
  if (finding !== null) {
    if (INTERNAL.test(finding)) return { verdict: 'crash', what: finding }
    if (!finding.replace(/^[^:]+:\s*/, '').trim()) return { verdict: 'missed', what: 'temuan tanpa keterangan' }
    return { verdict: 'found', what: finding }
  }
  let content: { hash: string; integrity: string }
  try {
    content = contentOf(file)
  } catch (err) {
    return { verdict: 'missed', what: `tidak terbaca oleh SQLite tetapi lolos: ${(err as Error).message}` }
  }
  if (content.integrity !== 'ok') return { verdict: 'missed', what: `integrity_check: ${content.integrity}` }
  if (content.hash !== original) return { verdict: 'missed', what: 'isi tabel berubah tetapi lolos pemeriksaan' }
  return { verdict: 'harmless', what: 'isi setiap tabel dan skema sama persis, integrity_check ok' }
}

/**
 * `count` flips of `source`, each on its own copy in `workDir`, the n-th drawn from the seed's n-th
 * numbers: a page uniformly among the file's pages, an offset in it, a non-zero XOR mask.
 */
export async function byteFlipSuite(
  source: string,
  workDir: string,
  count: number,
  seed: number,
  onOutcome?: (o: FlipOutcome) => void,
): Promise<FlipReport> {
  const bytes = readFileSync(source)
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16)
  const pages = bytes.length / pageSize
  const original = contentOf(source).hash
  const random = mulberry32(seed)
  const outcomes: FlipOutcome[] = []
  for (let n = 1; n <= count; n++) {
    const page = 1 + Math.floor(random() * pages)
    const offset = Math.floor(random() * pageSize)
    const mask = 1 + Math.floor(random() * 255)
    const file = join(workDir, `flip-${n}.sqlite`)
    copyFileSync(source, file)
    const fd = openSync(file, 'r+')
    try {
      const at = (page - 1) * pageSize + offset
      const b = Buffer.alloc(1)
      readSync(fd, b, 0, 1, at)
      b[0] = b[0]! ^ mask
      writeSync(fd, b, 0, 1, at)
    } finally {
      closeSync(fd)
    }
    const outcome: FlipOutcome = { n, page, offset, ...(await judge(file, original)) }
    outcomes.push(outcome)
    onOutcome?.(outcome)
    for (const s of ['', '-wal', '-shm', '-journal']) if (existsSync(file + s)) rmSync(file + s)
  }
  return {
    flips: count,
    found: outcomes.filter((o) => o.verdict === 'found').length,
    harmless: outcomes.filter((o) => o.verdict === 'harmless').length,
    missed: outcomes.filter((o) => o.verdict === 'missed'),
    crashes: outcomes.filter((o) => o.verdict === 'crash'),
    outcomes,
  }
}
