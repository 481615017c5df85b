/**
 * A host that gets killed: the real app and its LAN listener on an election file, started from the
 * stored setting exactly as the desktop app starts. Prints `LOADED` once its modules are loaded, waits
 * for a line on stdin, then opens the file and prints `READY <port>` once it listens: a test keeps one
 * loaded beside the running host, so a restart after a kill costs opening the file, not loading the app
 * (seconds through tsx on a busy machine).
 * Run as node itself (`node --import tsx`), so a SIGKILL reaches the process that holds the file.
 *   node --import tsx test/support/lanHostChild.ts <db> <certificate folder>
 */
import { openApp } from '../../src/api/app'
import { startLanHost } from '../../src/server/lan/host'

async function main(): Promise<void> {
  const [dbPath, certDir] = process.argv.slice(2)
  process.stdout.write('LOADED\n')
  await new Promise((go) => process.stdin.once('data', go))
  const app = await openApp({ dbPath: dbPath! })
  const host = await startLanHost({ app, staticDir: null, sertifikatDir: certDir!, log: () => {} })
  const status = host.status()
  if (!status.berjalan) {
    process.stderr.write(`host tidak menyala: ${status.galat}\n`)
    process.exit(1)
  }
  process.stdout.write(`READY ${status.port}\n`)
}

void main()
// Stays up until killed; a vanished parent ends it too.
const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent) process.exit(1)
}, 500)
