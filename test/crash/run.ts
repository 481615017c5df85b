/**
 * `npm run crashtest [-- --kills N --flips N --seed S]`: the power-loss test and the byte-flip test at
 * length (the test suite runs a few of each).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { byteFlipSuite, prepareFlipSource } from './byteFlips'
import { crashTest } from './harness'

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '200' },
    flips: { type: 'string', default: '150' },
    seed: { type: 'string', default: '15' },
  },
})
const kills = Number(values.kills)
const flips = Number(values.flips)
const seed = Number(values.seed)

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'gudang-crash-'))
  let failed = false
  try {
    if (kills > 0) {
      console.log(`Uji mati listrik: ${kills} kali SIGKILL pada penulis buku besar`)
      const r = await crashTest(join(dir, 'crash.sqlite'), kills, Math.random, (s) => console.log(s))
      console.log(
        `\n${r.kills} pembunuhan, ${r.acknowledged} tulisan diakui, ${r.lost.length} hilang, ${r.problems.length} masalah`,
      )
      for (const p of [...r.problems, ...r.lost.map((l) => `hilang: ${l}`)]) console.log(`  ${p}`)
      failed ||= r.lost.length > 0 || r.problems.length > 0
    }
    if (flips > 0) {
      console.log(`\nUji bita terbalik: ${flips} bita acak (benih ${seed}) pada berkas pemilihan contoh`)
      const source = join(dir, 'flip-sumber.sqlite')
      await prepareFlipSource(source)
      const r = await byteFlipSuite(source, dir, flips, seed, (o) =>
        console.log(`  #${o.n} halaman ${o.page} bita ${o.offset}: ${o.verdict} — ${o.what.slice(0, 160)}`),
      )
      console.log(
        `\n${r.flips} bita terbalik: ${r.found} ditemukan, ${r.harmless} terbukti tidak berdampak, ${r.missed.length} lolos, ${r.crashes.length} gagal (crash/kesalahan internal)`,
      )
      failed ||= r.missed.length > 0 || r.crashes.length > 0
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return failed ? 1 : 0
}

main()
  .then((code) => (process.exitCode = code))
  .catch((err) => {
    console.error(err)
    process.exitCode = 1
  })
