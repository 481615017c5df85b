import { createContext, useContext } from 'react'
import type { MethodName } from '../../api/contract'
import { cakupanMengizinkan, type Cakupan } from '../../core/stasiun'

/** The scope of the LAN station this window is; null at the host and on a PC with its own file. */
export const CakupanContext = createContext<Cakupan | null>(null)

/** Whether this window may read with `method` (the host's own scope rule): a station shows only that. */
export function bolehMembaca(cakupan: Cakupan | null, method: MethodName): boolean {
  return cakupan === null || cakupanMengizinkan(cakupan, method, { writes: false, long: false })
}

export function useBolehMembaca(method: MethodName): boolean {
  return bolehMembaca(useContext(CakupanContext), method)
}
