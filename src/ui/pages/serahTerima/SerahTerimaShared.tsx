import type { KitStatus } from '../../../core/kit'
import type { MethodOutput } from '../../../api/contract'
import { StatusBadge } from '../../components/StatusBadge'
import { href } from '../../router'

export type KitProgress = MethodOutput<'kemas.lihatKemajuan'>[number]
export type Handover = MethodOutput<'serahTerima.daftar'>[number]
export type Kit = MethodOutput<'serahTerima.lihatKecamatan'>['tps'][number]

/** Kits that may be chosen for a handover: complete ones, and partial ones with a stated exception. */
export const SELECTABLE: ReadonlySet<KitStatus> = new Set(['lengkap', 'sebagian'])

/** What the coordinator has chosen and checked for one handover, read by the kit table and by the BA form. */
export interface KitChoice {
  /** The TPS whose kits are ticked to go, and those kits in the table's order. */
  selected: Set<number>
  kits: Kit[]
  /** The TPS whose kit goes with a stated exception, and the reason typed for each. */
  exceptionOn: Set<number>
  reasons: Record<number, string>
  /** The kotak numbers scanned onto the truck, per TPS, and how many a TPS's kit has. */
  scanned: Map<number, Set<number>>
  kotakCount(tpsId: number): number
}

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
