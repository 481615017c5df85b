import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { openApp } from '../../src/api/app'
import { aggregatesMatchLedger, balancesMatchLedger, verifyChain } from '../../src/db/ledger'
import { openDatabase } from '../../src/db/open'

/**
 * Power-loss safety, the way it fails in a warehouse: the writer is killed (SIGKILL — no exit handler,
 * no flush) at a random moment, again and again. After each kill the file must pass SQLite's integrity
 * check, the hash chain and the derived tables must verify, and every write the writer acknowledged
 * must be there, with the same hash.
 */
const ROOT = resolve(__dirname, '../..')
const CHILD = join(ROOT, 'test/crash/child.ts')

export interface CrashReport {
  kills: number
  acknowledged: number
  lost: string[]
  problems: string[]
}

export async function prepare(dbPath: string): Promise<{ shiftId: number; teamId: number; variantId: number }> {
  const app = await openApp({ dbPath, demoCsvPath: join(ROOT, 'resources/demo/tps-batubara-2024.csv') })
  const call = async <T>(m: string, i: unknown): Promise<T> => {
    const r = await app.dispatcher.call(m, i, { actor: 'uji', transport: 'test' })
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`)
    return r.result as T
  }
  const variantId = (await call<{ variantId: number; kind: string }[]>('barang.daftarVarian', {})).find(
    (v) => v.kind === 'ballot',
  )!.variantId
  await call('penerimaan.catat', {
    receivedAt: '2024-11-04T08:00',
    penyedia: 'PT Uji',
    suratJalan: 'SJ-AWAL',
    lines: [{ variantId, statedQty: 5_000_000, countedQty: 5_000_000 }],
  })
  const teamId = (await call<{ id: number }>('regu.tambah', { nama: 'Regu Uji' })).id
  await call('pekerja.tambah', { nama: 'Pekerja Uji', teamId })
  const shiftId = (
    await call<{ id: number }>('shift.buka', {
      kind: 'sortir_lipat',
      tanggal: '2024-11-04',
      mulai: '08:00',
      selesai: '16:00',
      variantIds: [variantId],
      teams: [{ teamId }],
    })
  ).id
  app.close()
  return { shiftId, teamId, variantId }
}

/** One kill: start the writer, let it write for `ms` after it is ready, SIGKILL it; returns its acknowledgements. */
function runOnce(
  dbPath: string,
  ids: { shiftId: number; teamId: number; variantId: number },
  ms: number,
  prefix: string,
): Promise<string[]> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, dbPath, String(ids.shiftId), String(ids.teamId), String(ids.variantId), prefix],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    let timer: NodeJS.Timeout | null = null
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8')
      if (timer === null && out.includes('READY\n')) timer = setTimeout(() => child.kill('SIGKILL'), ms)
    })
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')))
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer)
      if (signal !== 'SIGKILL')
        return rejectRun(new Error(`Penulis berhenti sendiri (kode ${code}): ${err.slice(0, 2000)}`))
      // Only whole lines count: a line cut by the kill was never acknowledged.
      resolveRun(out.split('\n').filter((l) => l.startsWith('ACK ')))
    })
  })
}

export async function crashTest(
  dbPath: string,
  kills: number,
  rand: () => number = Math.random,
  log: (s: string) => void = () => {},
): Promise<CrashReport> {
  const ids = await prepare(dbPath)
  const acked: { line: string; sj: string | null; seq: number; hash: string }[] = []
  const problems: string[] = []
  for (let k = 1; k <= kills; k++) {
    const ms = 50 + Math.floor(rand() * 700)
    const lines = await runOnce(dbPath, ids, ms, `SJ-K${k}`)
    for (const line of lines) {
      const [, kind, id, seq, hash] = line.split(' ')
      acked.push({ line, sj: kind === 'delivery' ? id! : null, seq: Number(seq), hash: hash! })
    }
    // Opened as the app opens it (this also recovers the WAL the kill left behind).
    const db = openDatabase(dbPath, { mustExist: true })
    try {
      const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
        .map((r) => r.integrity_check)
        .join('; ')
      if (integrity !== 'ok') problems.push(`pembunuhan ${k}: integrity_check ${integrity}`)
      const chain = verifyChain(db)
      if (chain.problem) problems.push(`pembunuhan ${k}: rantai ${chain.problem}`)
      if (!balancesMatchLedger(db)) problems.push(`pembunuhan ${k}: saldo tidak sama dengan buku besar`)
      if (!aggregatesMatchLedger(db)) problems.push(`pembunuhan ${k}: tabel rekap tidak sama dengan buku besar`)
    } finally {
      db.close()
    }
    log(`  pembunuhan ${k}/${kills} setelah ${ms} ms: ${lines.length} tulisan diakui`)
  }
  const db = openDatabase(dbPath, { mustExist: true })
  const lost: string[] = []
  try {
    const hashAt = db.prepare('SELECT hash FROM ledger WHERE seq = ?')
    const delivery = db.prepare('SELECT 1 FROM penerimaan WHERE surat_jalan = ?')
    for (const a of acked) {
      if ((hashAt.get(a.seq) as { hash: string } | undefined)?.hash !== a.hash) lost.push(a.line)
      else if (a.sj && !delivery.get(a.sj)) lost.push(a.line)
    }
  } finally {
    db.close()
  }
  return { kills, acknowledged: acked.length, lost, problems }
}
