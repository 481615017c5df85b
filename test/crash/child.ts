/**
 * The writer that gets killed: records deliveries and tallies through the real service layer as fast
 * as it can, and after each write returns (the transaction committed with synchronous=FULL) prints
 * what it wrote. Whatever it printed must survive a SIGKILL at any moment.
 * Run as node itself (`node --import tsx`), not through the tsx CLI: the CLI is a parent process, and
 * a SIGKILL sent to it would leave this writer running.
 *   node --import tsx test/crash/child.ts <db> <shiftId> <teamId> <variantId> <prefix>
 */
import { openDatabase } from '../../src/db/open'
import { chainHead } from '../../src/db/ledger'
import type { ServiceContext } from '../../src/services/context'
import * as penerimaan from '../../src/services/penerimaan'
import * as tally from '../../src/services/tally'
import { delivery } from '../support/inputs'

const [dbPath, shiftArg, teamArg, variantArg, prefix] = process.argv.slice(2)
const ctx: ServiceContext = { db: openDatabase(dbPath!, { mustExist: true }), dbPath: dbPath!, now: () => new Date() }
const who = { actor: 'uji-mati-listrik' }
const shiftId = Number(shiftArg)
const teamId = Number(teamArg)
const variantId = Number(variantArg)

// stdout to a pipe is synchronous on Linux: a line printed here has left the process before the next write.
const ack = (line: string) => process.stdout.write(line + '\n')
const parent = process.ppid
ack('READY')
for (let n = 1; ; n++) {
  // The loop never yields, so a vanished parent (broken pipe) would go unnoticed: check by hand.
  if (n % 50 === 0 && process.ppid !== parent) process.exit(1)
  if (n % 3 === 0) {
    const sj = `${prefix}-${n}`
    penerimaan.catat(
      ctx,
      who,
      delivery({
        receivedAt: '2024-11-04T09:00',
        penyedia: 'PT Uji Listrik',
        suratJalan: sj,
        lines: [{ variantId, statedQty: 100, countedQty: 100 }],
      }),
    )
    const head = chainHead(ctx.db)
    ack(`ACK delivery ${sj} ${head.seq} ${head.hash}`)
  } else {
    tally.simpan(ctx, who, {
      shiftId,
      variantId,
      rows: [{ teamId, serahkan: 10, hasil: 9, rusak: { CETAK: 1 }, kembali: 0 }],
    })
    const head = chainHead(ctx.db)
    ack(`ACK tally ${n} ${head.seq} ${head.hash}`)
  }
}
