import { describe, expect, it } from 'vitest'
import { contract, type MethodName } from '../../src/api/contract'
import { hanyaDiHost, keAntrean, tanpaKunciIdempotensi } from '../../src/core/stasiun'

/**
 * A station's outbox keeps writes and only writes. The UI judges by the method's verb (it carries no
 * schemas), so every method a station may send is held here to the contract's own `writes`.
 */
describe('keAntrean', () => {
  const methods = Object.keys(contract) as MethodName[]
  const fromStation = methods.filter((m) => !hanyaDiHost(m) && !tanpaKunciIdempotensi(m))

  it('is the contract’s writes for every method a station sends with a key', () => {
    const wrong = fromStation.filter((m) => keAntrean(m) !== contract[m].writes)
    expect(wrong).toEqual([])
    // Both kinds occur, so the comparison above says something.
    expect(fromStation.filter((m) => keAntrean(m)).length).toBeGreaterThan(20)
    expect(fromStation.filter((m) => !keAntrean(m)).length).toBeGreaterThan(20)
  })

  it('never queues signing in, the witness check, a draft or what only the host may do', () => {
    for (const m of [
      'sesi.masuk',
      'sesi.keluar',
      'stasiun.buktikan',
      'draf.simpan',
      'cadangan.pulihkan',
      'stasiun.tambah',
    ])
      expect(keAntrean(m), m).toBe(false)
    expect(keAntrean('tally.simpan')).toBe(true)
    expect(keAntrean('dokumen.cetak')).toBe(true)
    expect(keAntrean('kemas.cetakLabel')).toBe(false)
  })
})
