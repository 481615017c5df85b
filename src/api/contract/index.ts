import type { z } from 'zod'
import { dapilMethods } from './dapil'
import { electionMethods } from './election'
import { itemMethods } from './items'
import { kebutuhanMethods } from './kebutuhan'
import { ledgerMethods, systemMethods } from './ledger'
import { wilayahMethods } from './wilayah'
import { penerimaanMethods } from './penerimaan'
import { pekerjaMethods } from './pekerja'
import { shiftMethods } from './shift'
import { gudangMethods } from './gudang'
import { dokumenMethods } from './dokumen'
import { distribusiMethods } from './distribusi'
import { cadanganMethods } from './cadangan'
import { penggunaMethods } from './pengguna'
import { jobMethods } from './jobs'

/**
 * The whole API: every method any transport (Electron IPC, HTTP, CLI) may call.
 * The UI imports this module (schemas only, no services) for types.
 */
export const contract = {
  ...electionMethods,
  ...itemMethods,
  ...dapilMethods,
  ...wilayahMethods,
  ...kebutuhanMethods,
  ...gudangMethods,
  ...penerimaanMethods,
  ...pekerjaMethods,
  ...shiftMethods,
  ...dokumenMethods,
  ...distribusiMethods,
  ...cadanganMethods,
  ...penggunaMethods,
  ...ledgerMethods,
  ...systemMethods,
  ...jobMethods,
}

export type Contract = typeof contract
export type MethodName = keyof Contract
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>

export * from './define'
export * from './common'
export type { Election } from './election'
export type { Item } from './items'
export type { TpsRow, ImportPreview } from './wilayah'
export type { ChainReport } from './ledger'
export type { Delivery } from './penerimaan'
export type { Worker, Team } from './pekerja'
export type { ShiftDetail } from './shift'
export type { ReconRow, Progress, HistoryRow } from './gudang'
export type { DocType, DocumentInfo, Signer, IssueInput } from './dokumen'
export type { KitDetail } from './distribusi'
export type { JobStatus, JobState } from './jobs'
