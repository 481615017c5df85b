import type { MethodOutput } from '../../../api/contract'
import { href } from '../../router'

export type KitProgress = MethodOutput<'kemas.lihatKemajuan'>[number]
export type Handover = MethodOutput<'serahTerima.daftar'>[number]

export const serahTerimaHref = (...params: (string | number)[]) => href('serah-terima', ...params)
