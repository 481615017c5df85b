import type { Draf, DrafHapusInput, DrafSimpanInput } from '../api/contract/draf'
import { isiKosong, tallyDrafKunciOf, type DrafJenis } from '../core/draf'
import * as db from '../db/draf'
import type { Actor, ReadContext, ServiceContext } from './context'
import { requireOpenShift } from './shift'

/**
 * Drafts (core/draf.ts): what was typed and not yet saved, written as the person types. Not a record:
 * no audit row, no ledger row; tally.simpan removes the parts it saved, penerimaan.catat the new delivery's
 * draft, dokumen.aturJenis the draft of that document type's signers, each in its own transaction. The
 * Pemilihan and Kop forms of Pengaturan share pemilihan.ubah, so each removes its own draft once its save
 * is acknowledged.
 */
export function lihat(ctx: ReadContext, input: { jenis: DrafJenis; kunci: string }): Draf {
  return db.lihatDraf(ctx.db, input.jenis, input.kunci)
}

export function simpan(ctx: ServiceContext, who: Actor, input: DrafSimpanInput): { diubahAt: string } {
  requireOpenTarget(ctx, input)
  const at = ctx.now().toISOString()
  db.simpanDraf(
    ctx.db,
    input.jenis,
    input.kunci,
    Object.entries(input.bagian).map(([bagian, isi]) => ({ bagian, isi: isiKosong(isi) ? null : isi })),
    who.actor,
    at,
    input.ganti,
    input.basisSeq ?? null,
  )
  return { diubahAt: at }
}

export function hapus(ctx: ServiceContext, who: Actor, input: DrafHapusInput): { dihapus: number } {
  return {
    dihapus: db.hapusDraf(ctx.db, input.jenis, input.kunci, input.bagian, input.milikSaya ? who.actor : undefined),
  }
}

/** A tally draft belongs to a shift still open: a closed shift takes no entries, so none are kept for it. */
function requireOpenTarget(ctx: ServiceContext, input: { jenis: DrafJenis; kunci: string }): void {
  const key = input.jenis === 'tally' ? tallyDrafKunciOf(input.kunci) : null
  if (key) requireOpenShift(ctx, key.shiftId, 'kunci')
}
