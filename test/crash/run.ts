/** `npm run crashtest [-- --kills N]`: the power-loss test at length (the test suite runs a few kills). */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { crashTest } from './harness'

const { values } = parseArgs({ options: { kills: { type: 'string', default: '200' } } })
const kills = Number(values.kills)
const dir = mkdtempSync(join(tmpdir(), 'gudang-crash-'))
console.log(`Uji mati listrik: ${kills} kali SIGKILL pada penulis buku besar`)
crashTest(join(dir, 'crash.sqlite'), kills, Math.random, (s) => console.log(s))
  .then((r) => {
    console.log(
      `\n${r.kills} pembunuhan, ${r.acknowledged} tulisan diakui, ${r.lost.length} hilang, ${r.problems.length} masalah`,
    )
    for (const p of [...r.problems, ...r.lost.map((l) => `hilang: ${l}`)]) console.log(`  ${p}`)
    rmSync(dir, { recursive: true, force: true })
    process.exitCode = r.lost.length || r.problems.length ? 1 : 0
  })
  .catch((err) => {
    console.error(err)
    process.exitCode = 1
  })
