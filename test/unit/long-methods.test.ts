import { describe, expect, it } from 'vitest'
import { contract, type MethodName } from '../../src/api/contract'
import { RECOVERY_METHODS } from '../../src/api/dispatch'
import { createLongHandlers } from '../../src/api/handlers'
import type { ReadContext } from '../../src/services/context'

/**
 * Long methods run in a worker thread on a read-only connection (src/api/jobs.ts): one that wrote would
 * fail there, or worse, write beside the app's own connection. The list is also what job.mulai accepts.
 */
const names = Object.keys(contract) as MethodName[]
const long = names.filter((n) => contract[n].long)

describe('long methods', () => {
  it('are the ones the UI waits seconds for at Bogor scale', () => {
    expect(long.sort()).toEqual(
      [
        'cadangan.buat',
        'cadangan.daftar',
        'kebutuhan.ekspor',
        'kemas.cetakSatker',
        'kemas.cetakDaftarIsi',
        'kemas.cetakLabel',
        'ledger.periksa',
        'rekap.eksporHarian',
        'wilayah.pratinjauImpor',
      ].sort(),
    )
  })

  it('never write the database', () => {
    for (const n of long) expect(contract[n].writes, n).toBe(false)
  })

  it('answer in recovery mode only where the recovery screen needs them', () => {
    expect(long.filter((n) => RECOVERY_METHODS.includes(n)).sort()).toEqual(['cadangan.daftar', 'ledger.periksa'])
  })

  it('have their handlers made from a read-only context, exactly those (the worker runs nothing else)', () => {
    const ctx: ReadContext = {
      get db(): never {
        throw new Error('no connection is opened to build the handlers')
      },
      dbPath: '/nonexistent.sqlite',
      now: () => new Date(0),
    }
    expect(Object.keys(createLongHandlers(ctx)).sort()).toEqual([...long].sort())
  })
})
