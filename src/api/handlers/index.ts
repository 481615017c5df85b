import type { ReadContext, ServiceContext } from '../../services/context'
import { SessionStore } from '../../services/sesi'
import type { AppState } from '../../services/sistem'
import { contract } from '../contract'
import type { Handlers } from '../dispatch'
import type { JobRunner } from '../jobs'
import { LanHostSlot } from '../lan'
import { barangHandlers } from './barang'
import { cadanganHandlers, cadanganLongHandlers } from './cadangan'
import type { HandlerContext, LongHandlerFactory } from './context'
import { dapilHandlers } from './dapil'
import { dokumenHandlers } from './dokumen'
import { drafHandlers } from './draf'
import { jobHandlers } from './job'
import { kebutuhanHandlers, kebutuhanLongHandlers } from './kebutuhan'
import { kemasHandlers, kemasLongHandlers } from './kemas'
import { ledgerHandlers, ledgerLongHandlers } from './ledger'
import { pekerjaHandlers } from './pekerja'
import { pemilihanHandlers } from './pemilihan'
import { pemusnahanHandlers } from './pemusnahan'
import { penerimaanHandlers } from './penerimaan'
import { penggunaHandlers } from './pengguna'
import { rekapLongHandlers } from './rekap'
import { rekonsiliasiHandlers } from './rekonsiliasi'
import { reguHandlers } from './regu'
import { rusakHandlers } from './rusak'
import { serahTerimaHandlers } from './serahTerima'
import { sesiHandlers } from './sesi'
import { shiftHandlers } from './shift'
import { sistemHandlers } from './sistem'
import { stasiunHandlers } from './stasiun'
import { tallyHandlers } from './tally'
import { wilayahHandlers, wilayahLongHandlers } from './wilayah'

/** Every domain's handlers, one file per API namespace (docs/glossary.md); each line binds a method to its service. */
export const DOMAINS = {
  pemilihan: pemilihanHandlers,
  barang: barangHandlers,
  dapil: dapilHandlers,
  wilayah: wilayahHandlers,
  kebutuhan: kebutuhanHandlers,
  penerimaan: penerimaanHandlers,
  pekerja: pekerjaHandlers,
  regu: reguHandlers,
  shift: shiftHandlers,
  tally: tallyHandlers,
  draf: drafHandlers,
  rusak: rusakHandlers,
  rekonsiliasi: rekonsiliasiHandlers,
  kemas: kemasHandlers,
  serahTerima: serahTerimaHandlers,
  pemusnahan: pemusnahanHandlers,
  dokumen: dokumenHandlers,
  ledger: ledgerHandlers,
  sistem: sistemHandlers,
  cadangan: cadanganHandlers,
  sesi: sesiHandlers,
  pengguna: penggunaHandlers,
  job: jobHandlers,
  stasiun: stasiunHandlers,
} satisfies Record<string, (hc: HandlerContext) => object>

/** The long methods' handlers per domain, made from a ReadContext alone (they run in a job's worker). */
export const LONG_DOMAINS = {
  wilayah: wilayahLongHandlers,
  kebutuhan: kebutuhanLongHandlers,
  kemas: kemasLongHandlers,
  rekap: rekapLongHandlers,
  ledger: ledgerLongHandlers,
  cadangan: cadanganLongHandlers,
} satisfies Record<string, LongHandlerFactory>

/**
 * The long methods' handlers on a read-only context: what a job's worker runs. Refuses to start when the
 * table and the contract's `long` marks disagree (a long method without a handler here, or a method here
 * that is not long), which would send a job to the wrong thread.
 */
export function createLongHandlers(ctx: ReadContext): Partial<Handlers> {
  const merged: Record<string, unknown> = {}
  for (const make of Object.values(LONG_DOMAINS)) Object.assign(merged, make(ctx))
  const long = Object.entries(contract)
    .filter(([, spec]) => 'long' in spec && spec.long)
    .map(([m]) => m)
  const problems = [
    ...long.filter((m) => !(m in merged)).map((m) => `${m} is long but has no long handler`),
    ...Object.keys(merged)
      .filter((m) => !long.includes(m))
      .map((m) => `${m} has a long handler but is not long in the contract`),
  ]
  if (problems.length) throw new Error(`Long handlers do not match the contract:\n${problems.join('\n')}`)
  return merged as Partial<Handlers>
}

/**
 * One table of handlers from the domains' tables. Refuses to start when two domains bind the same method,
 * when a domain binds a method the contract does not have, or when a contract method has no handler:
 * each is a wiring mistake that would otherwise show only when that method is called.
 */
export function mergeHandlers(domains: Readonly<Record<string, object>>): Handlers {
  const merged: Record<string, unknown> = {}
  const owner = new Map<string, string>()
  const problems: string[] = []
  for (const [domain, handlers] of Object.entries(domains)) {
    for (const [method, handler] of Object.entries(handlers)) {
      const first = owner.get(method)
      if (first !== undefined) problems.push(`${method} is bound by both handlers/${first} and handlers/${domain}`)
      else if (!Object.prototype.hasOwnProperty.call(contract, method))
        problems.push(`${method} (handlers/${domain}) is not a contract method`)
      owner.set(method, domain)
      merged[method] = handler
    }
  }
  for (const method of Object.keys(contract)) if (!owner.has(method)) problems.push(`${method} has no handler`)
  if (problems.length) throw new Error(`API handlers do not match the contract:\n${problems.join('\n')}`)
  return merged as Handlers
}

export function createHandlers(
  ctx: ServiceContext,
  appVersion: string,
  state: AppState = { mode: 'normal', problem: null },
  sessions: SessionStore = new SessionStore(ctx),
  jobs?: JobRunner,
  lan: LanHostSlot = new LanHostSlot(),
): Handlers {
  const hc: HandlerContext = { ctx, appVersion, state, sessions, jobs, lan }
  return mergeHandlers({
    ...Object.fromEntries(Object.entries(DOMAINS).map(([name, make]) => [name, make(hc)])),
    ...Object.fromEntries(Object.entries(LONG_DOMAINS).map(([name, make]) => [`${name} (long)`, make(ctx)])),
  })
}
