import type { Pemilihan } from '../../../api/contract'
import { ShiftDetailPage } from './ShiftDetail'
import { ShiftListPage } from './ShiftList'
import './shift.css'

/** "Sortir & Rakit": #/shift lists the shifts, #/shift/<id> is one shift with its tally sheets. */
export function ShiftPage({ election, params }: { election: Pemilihan; params: string[] }) {
  void election
  const id = params[0] !== undefined ? Number(params[0]) : null
  if (id === null) return <ShiftListPage />
  // Keyed: another shift is another page, with its own unsaved entries and focus.
  return Number.isInteger(id) && id > 0 ? <ShiftDetailPage key={id} id={id} /> : <ShiftListPage />
}
