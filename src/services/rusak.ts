import type { ReklasifikasiInput } from '../api/contract/rusak'
import { refused } from '../core/errors'
import { DAMAGE_REASONS, damageReason, rusakPlace } from '../core/reasons'
import { MOVE_REASON } from '../core/shifts'
import { formatAngka } from '../core/terbilang'
import { balanceOf } from '../db/ledger'
import { writeTx, type Actor, type ServiceContext } from './context'
import { recordMoves } from './ledger'
import { requireOpenShift } from './shift'
import { getVariant, usablePlace } from './variants'

/** Damaged sheets (rusak), by official reason: the reasons themselves, and taking a sheet back out of rusak. */

const fmt = formatAngka

/** The kriteria of Kep. KPU 1395/2023 for ballots and the reasons for kotak and bilik. */
export function daftarAlasan() {
  return [...DAMAGE_REASONS]
}

/**
 * A damaged sheet judged usable after all (e.g. ink outside the boxes, DOMAIN.md §4). It moves
 * RUSAK:<reason> -> BAIK with its own reason code and note, so the re-classification stays visible.
 */
export function reklasifikasi(ctx: ServiceContext, who: Actor, input: ReklasifikasiInput) {
  const variant = getVariant(ctx, input.variantId)
  if (input.shiftId != null) requireOpenShift(ctx, input.shiftId)
  const reason = damageReason(input.reason)
  if (!reason)
    throw refused(`Alasan rusak "${input.reason}" tidak dikenal`, [{ column: 'reason', message: 'Tidak dikenal' }])
  if (input.note.trim().length < 5)
    throw refused('Tulis alasan surat suara ini dinyatakan layak pakai', [
      { column: 'note', message: 'Alasan wajib diisi' },
    ])
  const available = balanceOf(ctx.db, variant.variantId, rusakPlace(reason.code))
  if (input.qty > available) {
    throw refused(
      `${variant.label}: rusak "${reason.short}" hanya ${fmt(available)}, tidak dapat mereklasifikasi ${fmt(input.qty)}`,
      [{ column: 'qty', message: 'Melebihi jumlah rusak' }],
    )
  }
  return writeTx(ctx, who, 'rusak.reklasifikasi', () => {
    const [row] = recordMoves(ctx, who, [
      {
        variantId: variant.variantId,
        from: rusakPlace(reason.code),
        to: usablePlace(variant),
        qty: input.qty,
        reason: MOVE_REASON.REKLASIFIKASI,
        note: input.note.trim(),
        shiftId: input.shiftId ?? null,
      },
    ])
    return { result: { seq: row!.seq }, detail: input }
  })
}
