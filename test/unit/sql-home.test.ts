import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * SQL lives in src/db/ (docs/architecture.md, "Layers"): services express the rules and call the query
 * modules; they never prepare, execute or pragma themselves. The allow-list holds the services not yet
 * moved; it only ever shrinks, and a service that has moved cannot slip back.
 */
const ROOT = resolve(__dirname, '../..')
const SERVICES = join(ROOT, 'src/services')

const NOT_YET_MOVED = new Set([
  'barang',
  'cadangan',
  'cadanganBerkala',
  'context',
  'dapil',
  'dokumen',
  'dokumenData',
  'dokumenJenis',
  'dokumenPeriksa',
  'kebutuhan',
  'kemas',
  'kemasCetak',
  'ledger',
  'ledgerKoreksi',
  'pemilihan',
  'pemusnahan',
  'pengguna',
  'placeNames',
  'serahTerima',
  'variants',
  'wilayah',
])

/** Calls that run SQL on a connection: `.prepare(`, `.exec(`, `.pragma(` (db.backup() is a file copy, not SQL). */
export const SQL_CALL = /\.(prepare|exec|pragma)\(/

const services = readdirSync(SERVICES)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))

describe('SQL lives in src/db', () => {
  it('no service outside the allow-list runs SQL itself', () => {
    const offenders = services.filter(
      (s) => !NOT_YET_MOVED.has(s) && SQL_CALL.test(readFileSync(join(SERVICES, `${s}.ts`), 'utf8')),
    )
    expect(offenders).toEqual([])
  })

  it('the allow-list names only services that still run SQL (remove a service once it has moved)', () => {
    const stale = [...NOT_YET_MOVED].filter(
      (s) => !services.includes(s) || !SQL_CALL.test(readFileSync(join(SERVICES, `${s}.ts`), 'utf8')),
    )
    expect(stale).toEqual([])
  })

  it('recognises the calls it looks for', () => {
    expect(SQL_CALL.test(`ctx.db.prepare('SELECT 1').get()`)).toBe(true)
    expect(SQL_CALL.test(`db.exec(sql)`)).toBe(true)
    expect(SQL_CALL.test(`db.pragma('quick_check')`)).toBe(true)
    expect(SQL_CALL.test(`queries.tpsById(ctx.db, id)`)).toBe(false)
  })
})
