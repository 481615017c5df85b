import { useEffect, useRef } from 'react'
import { dengarkanPeristiwa, SEMUA } from '../peristiwa'
import { useRefreshAll, useRefreshDomains } from './data'

/**
 * What a write that moved sheets changes besides its own domain: the views read off the ledger (Beranda's
 * reconciliation and progress, shift detail, kit lists, handovers, documents).
 */
const LEDGER_VIEWS = [
  'rekonsiliasi',
  'kemas',
  'shift',
  'serahTerima',
  'penerimaan',
  'pemusnahan',
  'rusak',
  'ledger',
  'rekap',
  'dokumen',
]

/**
 * Follows the host's live feed (docs/lan.md) and refetches the queries of the domains an event names —
 * with the ledger's views when the ledger moved — so another station's save shows here within a second,
 * without polling. After the feed was broken everything shown is fetched again.
 */
export function LiveUpdates() {
  const refreshAll = useRefreshAll()
  const refreshDomains = useRefreshDomains()
  const lastSeq = useRef<number | null>(null)
  useEffect(
    () =>
      dengarkanPeristiwa((p) => {
        if (p.ranah === SEMUA) return refreshAll()
        const moved = p.seq !== lastSeq.current
        lastSeq.current = p.seq
        refreshDomains(moved ? [p.ranah, ...LEDGER_VIEWS] : [p.ranah])
      }),
    [refreshAll, refreshDomains],
  )
  return null
}
