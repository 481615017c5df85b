import { z } from 'zod'
import { method } from './define'
import { Id, NoInput } from './common'

export const ChainReport = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  head: z.string(),
  integrity: z.string(),
  firstBadSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
  balancesMatch: z.boolean(),
})
export type ChainReport = z.infer<typeof ChainReport>

export const BalanceRow = z.object({
  variantId: Id,
  itemCode: z.string(),
  itemName: z.string(),
  dapil: z.string().nullable(),
  place: z.string(),
  qty: z.number().int(),
})

export const ledgerMethods = {
  'ledger.verify': method({
    input: NoInput,
    output: ChainReport,
    description: 'Memeriksa integritas SQLite, rantai hash buku besar dan kecocokan saldo',
    writes: false,
    long: true,
  }),
  'ledger.balances': method({
    input: NoInput,
    output: z.array(BalanceRow),
    description: 'Saldo setiap barang per tempat, dihitung dari buku besar',
    writes: false,
  }),
}

export const systemMethods = {
  'system.info': method({
    input: NoInput,
    output: z.object({
      appVersion: z.string(),
      schemaVersion: z.number().int(),
      dbPath: z.string(),
      ledgerRows: z.number().int(),
      chainHead: z.string(),
    }),
    description: 'Versi aplikasi, versi skema, lokasi berkas basis data dan kepala rantai buku besar',
    writes: false,
  }),
}
