import type { z } from 'zod'
import { pemilihanMethods } from './pemilihan'
import { barangMethods } from './barang'
import { dapilMethods } from './dapil'
import { wilayahMethods } from './wilayah'
import { kebutuhanMethods } from './kebutuhan'
import { penerimaanMethods } from './penerimaan'
import { pekerjaMethods } from './pekerja'
import { reguMethods } from './regu'
import { shiftMethods } from './shift'
import { tallyMethods } from './tally'
import { drafMethods } from './draf'
import { rusakMethods } from './rusak'
import { rekonsiliasiMethods } from './rekonsiliasi'
import { kemasMethods } from './kemas'
import { serahTerimaMethods } from './serahTerima'
import { pemusnahanMethods } from './pemusnahan'
import { dokumenMethods } from './dokumen'
import { rekapMethods } from './rekap'
import { ledgerMethods } from './ledger'
import { sistemMethods } from './sistem'
import { cadanganMethods } from './cadangan'
import { sesiMethods } from './sesi'
import { penggunaMethods } from './pengguna'
import { jobMethods } from './job'
import { stasiunMethods } from './stasiun'

/**
 * The whole API: every method any transport (Electron IPC, HTTP, CLI) may call, one file per namespace
 * (docs/glossary.md). The UI imports this module (schemas only, no services) for types.
 */
export const contract = {
  ...pemilihanMethods,
  ...barangMethods,
  ...dapilMethods,
  ...wilayahMethods,
  ...kebutuhanMethods,
  ...penerimaanMethods,
  ...pekerjaMethods,
  ...reguMethods,
  ...shiftMethods,
  ...tallyMethods,
  ...drafMethods,
  ...rusakMethods,
  ...rekonsiliasiMethods,
  ...kemasMethods,
  ...serahTerimaMethods,
  ...pemusnahanMethods,
  ...dokumenMethods,
  ...rekapMethods,
  ...ledgerMethods,
  ...sistemMethods,
  ...cadanganMethods,
  ...sesiMethods,
  ...penggunaMethods,
  ...jobMethods,
  ...stasiunMethods,
}

export type Contract = typeof contract
export type MethodName = keyof Contract
/** Methods marked `long`: they run in a job's worker on a read-only connection. */
export type LongMethod = { [M in MethodName]: Contract[M] extends { long?: true } ? M : never }[MethodName]
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>

export * from './define'
export * from './common'
export type { Pemilihan } from './pemilihan'
export type { Barang } from './barang'
export type { TpsRow, ImportPreview } from './wilayah'
export type { ChainReport, HistoryRow } from './ledger'
export { PenerimaanBarisInput, PenerimaanHeader } from './penerimaan'
export type { KirimanLengkap, Penerimaan, PenerimaanBaris, PenerimaanInput, Retur } from './penerimaan'
export type { Pekerja } from './pekerja'
export type { Regu } from './regu'
export type { ShiftDetail } from './shift'
export type { Draf } from './draf'
export type { ReconRow, KemajuanSortir } from './rekonsiliasi'
export type { DocType, Dokumen, DokumenJenis, DokumenPeriksa, Signer, IssueInput } from './dokumen'
export type { Kit, KitDetail, KitProgress, KitScope, LabelGrid } from './kemas'
export type { SerahTerima, SerahTerimaPratinjau } from './serahTerima'
export type { Pemusnahan, PemusnahanKandidat } from './pemusnahan'
export type { JobStatus, JobState } from './job'
export type { Cadangan, CadanganBaru, CadanganDipulihkan } from './cadangan'
export type { Pengguna } from './pengguna'
export type { Sesi } from './sesi'
export { fieldLabel, invalidInputMessage } from './labels'
