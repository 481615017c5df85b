import { z } from 'zod'
import { read } from './define'
import { NoInput } from './common'

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
    z.object({
      appVersion: z.string(),
      schemaVersion: z.number().int(),
      dbPath: z.string(),
      ledgerRows: z.number().int(),
      chainHead: z.string(),
    }),
    'Versi aplikasi, versi skema, lokasi berkas basis data dan kepala rantai buku besar',
  ),
}
