/**
 * test/support/zonaDerive.ts in a process of its own, once per zone, so the zone it is given is the one
 * Node's Date, Intl and SQLite's 'localtime' see:
 *   TZ=Asia/Makassar node --import tsx test/support/zonaChild.ts <iso now> <zone>=<db> [<zone>=<db>…]
 * The process starts in the first zone (a zone a module might read once at load); each next zone is
 * set by assigning process.env.TZ, which Node passes on to tzset() and V8's date cache. Prints what
 * it derived as one JSON line: { [zone]: Derived }.
 */
import { derive, type Derived } from './zonaDerive'

const [nowIso, ...runs] = process.argv.slice(2) as [string, ...string[]]

async function main(): Promise<void> {
  const out: Record<string, Derived & { hour: number }> = {}
  for (const run of runs) {
    const at = run.indexOf('=')
    const [tz, dbPath] = [run.slice(0, at), run.slice(at + 1)]
    process.env.TZ = tz
    // Proof that the zone took: 16:30 UTC is a different wall hour in each zone the test names.
    const hour = new Date(nowIso).getHours()
    out[tz] = { hour, ...(await derive(dbPath, new Date(nowIso))) }
  }
  process.stdout.write(JSON.stringify(out) + '\n')
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
