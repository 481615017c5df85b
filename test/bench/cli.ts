/**
 * Start-up of the built `gudang` command (src/cli/gudang.mjs loading out/main/cli.js), as a script calls
 * it: a fresh Node process each time, beside a Node that does nothing (`node -e 0`). The launcher builds
 * before the bench when a source changed.
 */
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { timed, type Report } from './measure'

const GUDANG = resolve(__dirname, '../../src/cli/gudang.mjs')
/** A method that opens the database and answers without work of its own. */
const INFO_METHOD = 'sistem.lihatInfo'

function node(args: string[]): void {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} gagal (kode ${r.status}): ${r.stderr}`)
}

export async function benchCli(dir: string, runs: number, report: Report): Promise<void> {
  const db = join(dir, 'cli.sqlite')
  node([GUDANG, 'init', '--db', db, '--jenis', 'pilkada', '--satker', 'Kabupaten Batu Bara'])
  // The first start fills V8's compile cache; a script calling gudang repeatedly meets the later ones.
  node([GUDANG, '--version'])
  const baseline = await timed(runs, () => node(['-e', '0']))
  const version = await timed(runs, () => node([GUDANG, '--version']))
  report.add('Mulai gudang --version', version.ms, baseline.ms, { extra: 'mentah: node -e 0' })
  const call = await timed(runs, () => node([GUDANG, 'call', '--db', db, INFO_METHOD]))
  report.add(`Mulai gudang call ${INFO_METHOD}`, call.ms, baseline.ms, { extra: 'mentah: node -e 0' })
}
