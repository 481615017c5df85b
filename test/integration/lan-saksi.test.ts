import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import type { ChainReport } from '../../src/api/contract/ledger'
import { startLanHost } from '../../src/server/lan/host'
import { useTempDir } from '../support/api'
import { Insider } from '../support/insider'
import { DEMO_CSV, must, pairStation, prepareFloor, signIn, tallyOf } from '../support/lan'

/**
 * Stations are witnesses in the witness journal (issues 15 and 16): the ledger heads a station proves with
 * stasiun.buktikan are written to the host's journal, so `verify` holds the file to them long after the
 * station went home — and names the station when a consistent rewrite no longer agrees with what it saw.
 */
const root = useTempDir('lan-saksi')
const saksiDir = join(root, 'data', 'saksi')
const file = join(root, 'induk.sqlite')

async function verify(): Promise<ChainReport> {
  const app = await openApp({ dbPath: file, readOnly: true, saksiDir })
  try {
    const r = await app.dispatcher.call('ledger.periksa', {}, { actor: 'uji', transport: 'test' })
    return must<ChainReport>(r)
  } finally {
    app.close()
  }
}

const journal = () =>
  (existsSync(saksiDir) ? readdirSync(saksiDir) : []).flatMap((n) =>
    readFileSync(join(saksiDir, n), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { jenis: string; label: string; ledger: { seq: number; hash: string } }),
  )

describe('stations in the witness journal', () => {
  it('records the head a station proved once, and verify names the station after a consistent rewrite', async () => {
    const app = await openApp({ dbPath: file, demoCsvPath: DEMO_CSV, saksiDir })
    const host = await startLanHost({ app, staticDir: null, sertifikatDir: join(root, 'stasiun'), log: () => {} })
    let seen: { seq: number; hash: string }
    try {
      await host.terapkan({ aktif: true, port: 0, alamat: ['127.0.0.2'], portHttp: null })
      const floor = await prepareFloor(app, 1)
      const { klien } = await pairStation(app, 'Meja sortir 1', 'tally')
      const sesi = await signIn(klien, app, 'Operator Sortir')
      must(await klien.call('tally.simpan', tallyOf(floor, 0), { sesi, kunci: 'saksi-tally-1' }))
      seen = klien.kepalaTerlihat().at(-1)!
      expect(must<{ cocok: boolean }>(await klien.buktikan()).cocok).toBe(true)
      // Proving the same heads again (every reconnection does) adds nothing.
      must(await klien.buktikan())
      klien.close()
    } finally {
      await host.close()
      app.close()
    }
    const stations = journal().filter((e) => e.jenis === 'stasiun')
    expect(stations).toEqual([expect.objectContaining({ label: 'stasiun Meja sortir 1', ledger: seen })])
    expect((await verify()).problems).toEqual([])

    // An insider rewrites the ledger consistently below the head the station saw.
    new Insider(file).rewriteLedgerQty(2, 350).resealJejak().done()
    const v = await verify()
    expect(v.ok).toBe(false)
    expect(v.problems).toContain(
      `Riwayat berbeda dengan saksi stasiun Meja sortir 1 mulai baris buku besar ≤ ${seen.seq}`,
    )
  })
})
