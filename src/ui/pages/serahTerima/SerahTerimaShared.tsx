import type { KitStatus } from '../../../core/kit'
import type { MethodOutput } from '../../../api/contract'
import { href } from '../../router'

export type KitProgress = MethodOutput<'kemas.lihatKemajuan'>[number]
export type Handover = MethodOutput<'serahTerima.daftar'>[number]
export type Kit = MethodOutput<'serahTerima.lihatKecamatan'>['tps'][number]

/** Kits that may be chosen for a handover: complete ones, and partial ones with a stated exception. */
export const SELECTABLE: ReadonlySet<KitStatus> = new Set(['lengkap', 'sebagian'])

export const serahTerimaHref = (...params: (string | number)[]) => href('serah-terima', ...params)
