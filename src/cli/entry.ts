/**
 * The built `gudang` command (out/main/cli.js, started by src/cli/gudang.mjs): the command line with
 * the long jobs' worker that electron-vite builds beside it, so nothing needs tsx at run time.
 */
import { join } from 'node:path'
import { runCli } from './main'

runCli(process.argv.slice(2), { worker: { file: join(__dirname, 'jobWorker.js') } })
