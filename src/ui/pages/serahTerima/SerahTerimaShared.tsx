import type { KitStatus } from '../../../core/kit'
import type { MethodOutput } from '../../../api/contract'
import { StatusBadge } from '../../components/StatusBadge'
import { href } from '../../router'

export type KitProgress = MethodOutput<'kemas.lihatKemajuan'>[number]
export type Handover = MethodOutput<'serahTerima.daftar'>[number]
export type Kit = MethodOutput<'serahTerima.lihatKecamatan'>['tps'][number]

/** Kits that may be chosen for a handover: complete ones, and partial ones with a stated exception. */
export const SELECTABLE: ReadonlySet<KitStatus> = new Set(['lengkap', 'sebagian'])

export const serahTerimaHref = (...params: (string | number)[]) => href('serah-terima', ...params)

/** Who received a handover: the Ketua PPK (PIHAK KEDUA) and the position written on the BA. */
export function PpkCell({ h }: { h: Pick<Handover, 'ppkNama' | 'ppkJabatan'> }) {
  return (
    <td>
      {h.ppkNama}
      <span className="muted small block">{h.ppkJabatan}</span>
    </td>
  )
}

/** The confirmation of receipt: the same two states, in the same colours, in every handover list. */
export const ConfirmedBadge = ({ confirmed }: { confirmed: boolean }) =>
  confirmed ? (
    <StatusBadge state="diterima">✓ Diterima PPK</StatusBadge>
  ) : (
    <StatusBadge state="diserahkan">Menunggu konfirmasi</StatusBadge>
  )
