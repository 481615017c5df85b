/**
 * A host that gets killed: the real app and its LAN listener on an election file, started from the
 * stored setting exactly as the desktop app starts. Prints `READY <port>` once it listens.
 * Run as node itself (`node --import tsx`), so a SIGKILL reaches the process that holds the file.
 *   node --import tsx test/support/lanHostChild.ts <db> <certificate folder>
 */
import { openApp } from '../../src/api/app'
import { startLanHost } from '../../src/server/lan/host'

async function main(): Promise<void> {
  const [dbPath, certDir] = process.argv.slice(2)
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
