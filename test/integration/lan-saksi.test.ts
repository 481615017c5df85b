import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import type { ChainReport } from '../../src/api/contract/ledger'
import { startLanHost } from '../../src/server/lan/host'
import { berlaku, type SaksiEntry } from '../../src/services/saksi'
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

let seen: { seq: number; hash: string }

// The station's day, in the set-up (it needs a built file, a listener and a pairing): it saves a tally,
// keeps the head it saw, and proves its heads twice, as two reconnections would.
beforeAll(async () => {
  const app = await openApp({ dbPath: file, demoCsvPath: DEMO_CSV, saksiDir })
  const host = await startLanHost({ app, staticDir: null, sertifikatDir: join(root, 'stasiun'), log: () => {} })
  try {
    await host.terapkan({ aktif: true, port: 0, alamat: ['127.0.0.2'], portHttp: null })
    const floor = await prepareFloor(app, 1)
    const { klien } = await pairStation(app, 'Meja sortir 1', 'tally')
    const sesi = await signIn(klien, app, 'Operator Sortir')
    must(await klien.call('tally.simpan', tallyOf(floor, 0), { sesi, kunci: 'saksi-tally-1' }))
    seen = klien.kepalaTerlihat().at(-1)!
    expect(must<{ cocok: boolean }>(await klien.buktikan()).cocok).toBe(true)
    must(await klien.buktikan())
    klien.close()
  } finally {
    await host.close()
    app.close()
  }
})

describe('stations in the witness journal', () => {
  it('records the head a station proved, once however often it proves it, and an untouched file agrees', async () => {
    const stations = journal().filter((e) => e.jenis === 'stasiun')
    expect(stations).toEqual([expect.objectContaining({ label: 'stasiun Meja sortir 1', ledger: seen })])
    expect((await verify()).problems).toEqual([])
  })

  it('verify names the station when the ledger was rewritten consistently below the head it saw', async () => {
    new Insider(file).rewriteLedgerQty(2, 350).resealJejak().done()
    const v = await verify()
    expect(v.ok).toBe(false)
    expect(v.problems).toContain(
      `Riwayat berbeda dengan saksi stasiun Meja sortir 1 mulai baris buku besar ≤ ${seen.seq}`,
    )
  })

  it('a restore to an older backup puts aside the station heads beyond the restored ledger head', () => {
    const head = (seq: number) => ({ seq, hash: 'a'.repeat(64) })
    const entries: SaksiEntry[] = [
      { jenis: 'stasiun', at: 't1', label: 'stasiun Meja sortir 1', jejak: head(0), ledger: head(4) },
      { jenis: 'stasiun', at: 't2', label: 'stasiun Meja sortir 2', jejak: head(0), ledger: head(9) },
      { jenis: 'pulih', at: 't3', label: 'pulih cadangan lama', jejak: head(7), ledger: head(5) },
      { jenis: 'stasiun', at: 't4', label: 'stasiun Meja sortir 3', jejak: head(0), ledger: head(8) },
    ]
    const { entries: kept, putAside } = berlaku(entries)
    expect([...putAside]).toEqual(['stasiun Meja sortir 2'])
    expect(kept.map((e) => e.label)).toEqual(['stasiun Meja sortir 1', 'pulih cadangan lama', 'stasiun Meja sortir 3'])
  })
})
