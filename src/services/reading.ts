import type { ReadContext, ServiceContext } from './context'

/**
 * A ReadContext passed to a read function of another domain that still declares the writable context.
 *
 * Issue 11 moves every domain's read functions to ReadContext, three domains' groups at a time in
 * parallel. Until the master-data and floor domains have moved (requireElection, tpsKits, listVariants,
 * getVariant, daftarKecamatan, penerimaan.lihat, floorFlows, rekonsiliasi.lihat, …), packing, handover,
 * destruction and documents call those reads through this. They only read, so the cast claims nothing
 * that is false at run time. Delete this file and unwrap its calls once they take a ReadContext.
 */
export const reading = (ctx: ReadContext): ServiceContext => ctx as ServiceContext
