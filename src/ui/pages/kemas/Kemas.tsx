import { useCallback, useState } from 'react'
import type { Pemilihan } from '../../../api/contract'
import { invoke } from '../../api'
import { PageHeader } from '../../components/Page'
import { ScanField } from '../../components/ScanField'
import { TabPanel, Tabs } from '../../components/Tabs'
import { navigate } from '../../router'
import { CetakView } from './KemasCetak'
import { KemajuanView } from './KemasKemajuan'
import { KitView } from './KemasKit'
import { ShiftBar, usePackingShift } from './KemasShift'
import './kemas.css'

/**
 * "Pengemasan": setting and packing one kit per TPS. #/kemas shows the progress per kecamatan and
 * the TPS of one kecamatan, #/kemas/cetak prints labels and daftar isi, #/kemas/<tpsId> is one kit.
 * The scan field and the packing shift stay at the top of all three, so a scanned kotak label opens
 * its kit from anywhere on the page.
 */
export function KemasPage({ election, params }: { election: Pemilihan; params: string[] }) {
  const shift = usePackingShift()
  const [lastScan, setLastScan] = useState<{ tpsId: number; kotakNo: number; at: number } | null>(null)
  const p0 = params[0]
  const tpsId = p0 !== undefined && /^\d+$/.test(p0) ? Number(p0) : null
  const view = tpsId !== null ? 'kit' : p0 === 'cetak' ? 'cetak' : 'kemajuan'

  const onScan = useCallback(async (code: string) => {
    const r = await invoke('kemas.periksaScan', { code })
    setLastScan({ tpsId: r.tpsId, kotakNo: r.kotakNo, at: Date.now() })
    navigate('kemas', r.tpsId)
    return `${r.tps} · kotak ${r.kotakNo} dari ${r.kotakOf}${r.catatan ? ` — ${r.catatan}` : ''}`
  }, [])

  return (
    <>
      <PageHeader
        title="Pengemasan"
        lead={`Setting dan pengemasan satu kit untuk setiap TPS ${election.satker}: pindai label kotak untuk membuka kitnya, kemas dari stok siap kemas, catat nomor segel, lalu cetak label dan daftar isi kit.`}
      />
      <div className="kemas-top">
        <ScanField
          label="Pindai label kotak"
          refusalTitle="Label ditolak"
          testId="kemas-scan"
          onScan={onScan}
          hint="Label kotak suara dari halaman ini (kode QR berawalan GPK1). Pemindai mengetik kodenya dan menekan Enter; membuka kit TPS pemilik kotak."
        />
        <ShiftBar shift={shift} />
      </div>
      {view === 'kit' ? (
        <KitView
          key={tpsId}
          tpsId={tpsId!}
          shift={shift.active}
          scannedKotak={lastScan?.tpsId === tpsId ? lastScan : null}
        />
      ) : (
        <>
          <Tabs
            label="Bagian halaman Pengemasan"
            idBase="kemas"
            selected={view}
            onSelect={(v) => (v === 'cetak' ? navigate('kemas', 'cetak') : navigate('kemas'))}
            items={[
              { id: 'kemajuan', label: 'Kemajuan per kecamatan' },
              { id: 'cetak', label: 'Cetak label dan daftar isi' },
            ]}
          />
          <TabPanel idBase="kemas" id={view} selected>
            {view === 'cetak' ? <CetakView /> : <KemajuanView />}
          </TabPanel>
        </>
      )}
    </>
  )
}
