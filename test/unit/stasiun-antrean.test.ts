import { describe, expect, it } from 'vitest'
import { contract, type MethodName } from '../../src/api/contract'
import { hanyaDiHost, keAntrean, menulis, tanpaKunciIdempotensi } from '../../src/core/stasiun'

/**
 * A station's outbox keeps writes and only writes. The UI judges by the method's verb (it carries no
 * schemas), so every method a station may send is held here to the contract's own `writes`.
 */
describe('menulis and keAntrean', () => {
  const methods = Object.keys(contract) as MethodName[]
  const fromStation = methods.filter((m) => !hanyaDiHost(m) && !tanpaKunciIdempotensi(m))

  it('menulis is the contract’s writes for every method a station may send', () => {
    const wrong = fromStation.filter((m) => menulis(m) !== contract[m].writes)
    expect(wrong).toEqual([])
    // Both kinds occur, so the comparison above says something.
    expect(fromStation.filter((m) => menulis(m)).length).toBeGreaterThan(20)
    expect(fromStation.filter((m) => !menulis(m)).length).toBeGreaterThan(20)
  })

  it('the outbox keeps every write but drafts', () => {
    const kept = fromStation.filter((m) => keAntrean(m))
    expect(kept).toEqual(fromStation.filter((m) => contract[m].writes && !m.startsWith('draf.')))
    expect(fromStation.filter((m) => m.startsWith('draf.') && contract[m].writes).length).toBeGreaterThan(0)
  })

  it('never queues signing in, the witness check or what only the host may do', () => {
    for (const m of ['sesi.masuk', 'sesi.keluar', 'stasiun.buktikan', 'cadangan.pulihkan', 'stasiun.tambah'])
      expect(keAntrean(m), m).toBe(false)
    expect(keAntrean('tally.simpan')).toBe(true)
    expect(keAntrean('dokumen.cetak')).toBe(true)
    expect(keAntrean('kemas.cetakLabel')).toBe(false)
  })
})
