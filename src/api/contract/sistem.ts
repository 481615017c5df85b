import { z } from 'zod'
import { read } from './define'
import { counts, NoInput } from './common'

/** A database file at its head: its schema version, how many ledger rows it holds, and the chain's last hash. */
export const KepalaBerkas = z.object({ ...counts('schemaVersion', 'ledgerRows'), chainHead: z.string() })

export const SystemStatus = z.object({
  mode: z.enum(['normal', 'pemulihan']),
  problem: z.string().nullable(),
  dbPath: z.string(),
  backupDir: z.string(),
})

export const sistemMethods = {
  'sistem.lihatStatus': read(
    NoInput,
    SystemStatus,
    'Keadaan basis data saat dibuka: normal, atau mode pemulihan beserta masalahnya',
  ),
  'sistem.lihatInfo': read(
    NoInput,
    KepalaBerkas.extend({ appVersion: z.string(), dbPath: z.string() }),
    'Versi aplikasi, versi skema, lokasi berkas basis data dan kepala rantai buku besar',
  ),
}
