/**
 * test/support/zonaDerive.ts in a process of its own, so the zone it is given (TZ) is the one Node's Date
 * and SQLite's 'localtime' see:
 *   TZ=Asia/Makassar node --import tsx test/support/zonaChild.ts <db> <iso now>
 * Prints what it derived as one JSON line.
 */
import { derive } from './zonaDerive'

const [dbPath, nowIso] = process.argv.slice(2) as [string, string]
derive(dbPath, new Date(nowIso))
  .then((d) => process.stdout.write(JSON.stringify(d) + '\n'))
  .catch((err: unknown) => {
    console.error(err)
    process.exitCode = 1
  })
